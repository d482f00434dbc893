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
            yLabel: page.t("cumulative outlay counted ({})", page.unitName(unit)))
        chart.stack(
            used, against: amount, unit: unit,
            within: page.t("within the envelope"), beyond: page.t("beyond the envelope"),
            reference: page.t("envelope amount ({})", page.money(amount)))
        let unitName = page.unitName(unit)
        chart.totalLabel = { SVG.number($0, decimals: 2) + " " + unitName }
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
        var caption: String
        if let breach = s.breachYear {
            caption = page.t(
                "Outlay of the envelope's items and payer, cumulated over its window, against the amount of {amount}. "
                    + "It is breached in {year}; by the window's end {used} is used, {beyond} beyond the amount.",
                [
                    "amount": page.money(amount), "year": String(breach),
                    "used": page.money(s.envelopeUsed ?? 0),
                    "beyond": page.money(-(s.envelopeRemaining ?? 0)),
                ])
        } else {
            caption = page.t(
                "Outlay of the envelope's items and payer, cumulated over its window, against the amount of {amount}. "
                    + "It holds: {remaining} remains at the window's end.",
                ["amount": page.money(amount), "remaining": page.money(s.envelopeRemaining ?? 0)])
        }
        caption += closedNote(s, page)
        page.figure("\(id)-envelope", chart.svg(), caption: caption)
    }

    /// No envelope: the cumulative outlay of all items alone.
    static func cumulativeChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        let unit = AmountUnit.choose(forMaximum: s.cumulative.map(abs).max() ?? 0)
        var chart = CategoryChart(
            title: page.t("Cumulative outlay (no envelope set)"), categories: s.years.map(String.init),
            xLabel: page.t("year"), yLabel: page.t("cumulative outlay ({})", page.unitName(unit)))
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
            caption: page.t("The scenario sets no envelope; the line is the cumulative outlay of all items.")
                + closedNote(s, page))
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

    /// " 2014–2015 are closed (shaded): …", or nothing without actuals, in the page's language.
    static func closedNote(_ s: ReportData.Scenario, _ page: Builder) -> String {
        guard let closed = closedYears(s) else { return "" }
        if closed.lowerBound == closed.upperBound {
            return page.t(
                " {year} is closed (shaded): their outlay is the actual spending (outturn.csv), later years the plan.",
                ["year": String(closed.lowerBound)])
        }
        return page.t(
            " {first}–{last} are closed (shaded): their outlay is the actual spending (outturn.csv), later years "
                + "the plan.", ["first": String(closed.lowerBound), "last": String(closed.upperBound)])
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
