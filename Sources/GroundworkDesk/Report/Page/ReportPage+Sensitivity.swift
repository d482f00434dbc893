import GroundworkEngine
import GroundworkIO

/// The tornado charts of the one-at-a-time runs (`sensitivity.csv`): what drives the horizon
/// total and the envelope use, each uncertain parameter at its p05 and p95, widest first.
/// And `report_tornado.csv`.
extension ReportPage {
    /// A measure a tornado shows: its key in `report_tornado.csv`, and its value in a row.
    struct TornadoMeasure {
        var key: String
        var title: String
        /// The as-written value; nil when the scenario has no such measure.
        var base: Double?
        var low: (SensitivityRow) -> Int64?
        var high: (SensitivityRow) -> Int64?
    }

    /// A tornado for the horizon total and, with an envelope, one for the envelope use.
    static func tornadoCharts(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        guard !s.sensitivity.isEmpty else { return }
        let measures = [
            TornadoMeasure(
                key: "total", title: "What drives the horizon total", base: s.total, low: \.totalLow,
                high: \.totalHigh),
            TornadoMeasure(
                key: "envelope_used", title: "What drives the envelope use", base: s.envelopeUsed,
                low: \.envelopeUsedLow, high: \.envelopeUsedHigh),
        ]
        for measure in measures {
            guard let base = measure.base else { continue }
            let rows = s.sensitivity.sorted { a, b in
                spread(measure.low(a), measure.high(a)) > spread(measure.low(b), measure.high(b))
            }
            tornadoRows(s, measure, base: base, rows: rows, into: &page)
            tornadoChart(s, id: id, measure, base: base, rows: rows, into: &page)
        }
    }

    /// `report_tornado.csv`: a row per parameter, widest spread first.
    static func tornadoRows(
        _ s: ReportData.Scenario, _ measure: TornadoMeasure, base: Double, rows: [SensitivityRow],
        into page: inout Builder
    ) {
        let header = [
            "scenario", "parameter", "measure", "low_value", "high_value", "as_written", "at_p05", "at_p95",
        ]
        page.rows(tornadoFile, header: header) { writer in
            for row in rows {
                writer.row([
                    s.name, row.parameter, measure.key, CSVWriter.decimal(row.lowValue),
                    CSVWriter.decimal(row.highValue), CSVWriter.cents(cents(base)),
                    measure.low(row).map(CSVWriter.cents) ?? "", measure.high(row).map(CSVWriter.cents) ?? "",
                ])
            }
        }
    }

    /// One measure's tornado: a row per parameter, its bars from the as-written value to the
    /// runs at the parameter's p05 and p95.
    static func tornadoChart(
        _ s: ReportData.Scenario, id: String, _ measure: TornadoMeasure, base: Double, rows: [SensitivityRow],
        into page: inout Builder
    ) {
        let envelope = measure.key == "envelope_used"
        let values =
            rows.flatMap { [measure.low($0), measure.high($0)].compactMap { $0.map { Double($0) / 100 } } }
            + [base] + (envelope ? [s.envelopeAmount ?? 0] : [])
        let unit = AmountUnit.choose(forMaximum: values.map(abs).max() ?? 0)
        func bars(_ value: (SensitivityRow) -> Int64?) -> [Double?] {
            rows.map { value($0).map { Double($0) / 100 / unit.divisor } }
        }
        var chart = RowChart(
            title: page.t("{}: each uncertain parameter at its p05 and p95", page.t(measure.title)),
            rows: rows.map {
                "\($0.parameter) (\(parameterValue($0.lowValue)) … \(parameterValue($0.highValue)))"
            },
            xLabel: page.t(envelope ? "envelope used ({})" : "horizon total ({})", page.unitName(unit)),
            series: [
                ChartSeries(page.t("parameter at p05"), color: "#4e79a7", values: bars(measure.low)),
                ChartSeries(page.t("parameter at p95"), color: "#e15759", values: bars(measure.high)),
            ])
        chart.base = base / unit.divisor
        chart.baseLabel = page.t("as written ({})", page.money(base))
        chart.rowHeight = 34
        var caption = page.t(
            "One-at-a-time runs (sensitivity.csv): each parameter set to its distribution's 5th and 95th percentile "
                + "in every year, the others as written; bars start at the as-written value.")
        if envelope, let amount = s.envelopeAmount {
            chart.reference = CategoryChart.Reference(
                page.t("envelope amount ({})", page.money(amount)), value: amount / unit.divisor,
                color: "#c0392b")
            caption += page.t(" The envelope amount is {amount}.", ["amount": page.money(amount)])
        }
        page.figure("\(id)-tornado-\(measure.key)", chart.svg(), caption: caption)
    }

    /// How far apart a parameter's two runs land; a failed run sorts last.
    static func spread(_ low: Int64?, _ high: Int64?) -> Int64 {
        guard let low, let high else { return -1 }
        return abs(high - low)
    }
}
