import GroundworkIO

/// The envelope (MODEL.md 4.5, read from `summary.csv` and `headline.csv`): the cumulative
/// outlay it counts, within and beyond the amount, with the breach year marked; without an
/// envelope, the cumulative outlay alone. With actuals (MODEL.md section 9) the closed years of
/// `outturn.csv` are shaded. And `report_envelope.csv`.
extension ReportPage {
    static let envelopeHeader = [
        "scenario", "year", "cumulative", "envelope_cumulative", "envelope_amount", "over_envelope", "breach",
    ]

    static func envelopeChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        guard let amount = s.envelopeAmount else {
            cumulativeChart(s, id: id, into: &page)
            return
        }
        let window = s.years.indices.filter { s.envelopeCumulative[$0] != nil }
        let used = window.map { s.envelopeCumulative[$0]! }
        let unit = AmountUnit.choose(forMaximum: max(amount, used.map(abs).max() ?? 0))
        var chart = CategoryChart(
            title: page.t("Cumulative outlay against the envelope"),
            categories: window.map { String(s.years[$0]) },
            xLabel: page.t("year (the envelope's window)"),
            yLabel: page.t("cumulative outlay counted ({})", unit.name))
        chart.stack(
            used, against: amount, unit: unit,
            within: page.t("within the envelope"), beyond: page.t("beyond the envelope"),
            reference: page.t("envelope amount ({})", money(amount)))
        chart.totalLabel = { SVG.number($0, decimals: 2) + " " + unit.name }
        chart.shades = closedShade(
            s, categoryYears: window.map { s.years[$0] }, name: page.t("closed years (actuals)"))
        if let breach = s.breachYear, let index = window.firstIndex(where: { s.years[$0] == breach }) {
            chart.markers = [
                CategoryChart.Marker(
                    index: index, label: page.t("breach {}", String(breach)), color: "#c0392b")
            ]
            chart.markerLegend = page.t("breach year")
        }
        page.rows(envelopeFile, header: envelopeHeader) { writer in
            for (y, year) in s.years.enumerated() {
                let cumulative = s.envelopeCumulative[y]
                writer.row([
                    s.name, String(year), CSVWriter.cents(cents(s.cumulative[y])),
                    cumulative.map { CSVWriter.cents(cents($0)) } ?? "", CSVWriter.cents(cents(amount)),
                    cumulative.map { CSVWriter.cents(cents(max($0 - amount, 0))) } ?? "",
                    s.breachYear == year ? "breach" : "",
                ])
            }
        }
        var caption =
            "Outlay of the envelope's items and payer, cumulated over its window, against the amount of "
            + "\(money(amount))."
        if let breach = s.breachYear {
            let beyond = money(-(s.envelopeRemaining ?? 0))
            caption +=
                " It is breached in \(breach); by the window's end \(money(s.envelopeUsed ?? 0)) is used, "
                + "\(beyond) beyond the amount."
        } else {
            caption += " It holds: \(money(s.envelopeRemaining ?? 0)) remains at the window's end."
        }
        caption += closedNote(s)
        page.figure("\(id)-envelope", chart.svg(), caption: caption)
    }

    /// No envelope: the cumulative outlay of all items alone.
    static func cumulativeChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        let unit = AmountUnit.choose(forMaximum: s.cumulative.map(abs).max() ?? 0)
        var chart = CategoryChart(
            title: page.t("Cumulative outlay (no envelope set)"), categories: s.years.map(String.init),
            xLabel: page.t("year"), yLabel: page.t("cumulative outlay ({})", unit.name))
        chart.lines = [
            ChartSeries(
                page.t("cumulative outlay, all items"), color: "#4e79a7",
                values: s.cumulative.map { $0 / unit.divisor })
        ]
        chart.shades = closedShade(s, categoryYears: s.years, name: page.t("closed years (actuals)"))
        page.rows(envelopeFile, header: envelopeHeader) { writer in
            for (y, year) in s.years.enumerated() {
                writer.row([s.name, String(year), CSVWriter.cents(cents(s.cumulative[y])), "", "", "", ""])
            }
        }
        page.figure(
            "\(id)-envelope", chart.svg(),
            caption: "The scenario sets no envelope; the line is the cumulative outlay of all items."
                + closedNote(s))
    }

    /// The shade over the closed years among a chart's categories (years), if any.
    static func closedShade(
        _ s: ReportData.Scenario, categoryYears: [Int], name: String = "closed years (actuals)"
    ) -> [CategoryChart.Shade] {
        guard let closed = closedYears(s) else { return [] }
        let shaded = categoryYears.indices.filter { closed.contains(categoryYears[$0]) }
        guard let first = shaded.first, let last = shaded.last else { return [] }
        return [CategoryChart.Shade(name, color: "#7f7f7f", categories: first...last)]
    }

    /// " 2014–2015 are closed (shaded): …", or nothing without actuals.
    static func closedNote(_ s: ReportData.Scenario) -> String {
        guard let closed = closedYears(s) else { return "" }
        let years =
            closed.lowerBound == closed.upperBound
            ? "\(closed.lowerBound) is closed" : "\(closed.lowerBound)–\(closed.upperBound) are closed"
        return " \(years) (shaded): their outlay is the actual spending (outturn.csv), later years the plan."
    }
}

extension CategoryChart {
    /// Each of `values` (yuan) stacked as its part within `limit` and its part beyond it, in
    /// `unit`, with `limit` drawn as a reference line: the envelope chart, and the solve's.
    mutating func stack(
        _ values: [Double], against limit: Double, unit: AmountUnit, within: String, beyond: String,
        reference: String
    ) {
        stacks = [
            ChartSeries(
                within, color: "#4e79a7", values: values.map { min(max($0, 0), limit) / unit.divisor }),
            ChartSeries(beyond, color: "#e15759", values: values.map { max($0 - limit, 0) / unit.divisor }),
        ]
        references = [CategoryChart.Reference(reference, value: limit / unit.divisor, color: "#222")]
    }
}
