import GroundworkIO

/// The Monte Carlo charts (MODEL.md section 7): the uncertainty heading with the draws and the
/// breach probability (`envelope_risk.csv`), the fan of the yearly total
/// (`summary_quantiles.csv`) and the probability of a breach by year
/// (`envelope_risk_by_year.csv`). And `report_fan.csv`, `report_breach_probability.csv`.
extension ReportPage {
    /// The heading of the uncertainty charts and a note on the draws, when there are any.
    static func uncertaintyHeading(_ s: ReportData.Scenario, into page: inout Builder) {
        guard s.totalQuantiles != nil || s.breachProbabilityByYear != nil || !s.sensitivity.isEmpty else {
            return
        }
        page.html.line("h3", text: page.t("Uncertainty"))
        guard let draws = s.draws else { return }
        var text = page.t("{draws} Monte Carlo draws.", ["draws": SVG.number(Double(draws), decimals: 0)])
        if let probability = s.breachProbability {
            text += page.t(
                " Probability that the envelope is breached: {probability}",
                ["probability": percent(probability)])
            text +=
                s.breachYearMedian.map {
                    page.t("; median breach year of the breaching draws: {year}.", ["year": String($0)])
                } ?? page.t(".")
        }
        page.html.line("p", ["class": "note"], text: text)
    }

    /// The p05–p95 band of the yearly total, its median and the deterministic run.
    static func fanChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        guard let quantiles = s.totalQuantiles else { return }
        let unit = AmountUnit.choose(forMaximum: max(quantiles.map(\.p95).max() ?? 0, s.totals.max() ?? 0))
        var chart = CategoryChart(
            title: page.t("Total outlay per year: Monte Carlo fan"), categories: s.years.map(String.init),
            xLabel: page.t("year"), yLabel: page.t("outlay per year ({})", page.unitName(unit)))
        chart.band = CategoryChart.Band(
            page.t("p05–p95 of the draws"), color: "#4e79a7", low: quantiles.map { $0.p05 / unit.divisor },
            high: quantiles.map { $0.p95 / unit.divisor })
        chart.lines = [
            ChartSeries(
                page.t("median (p50)"), color: "#2f4b7c", values: quantiles.map { $0.p50 / unit.divisor }),
            ChartSeries(
                page.t("as written (deterministic)"), color: "#f28e2b",
                values: s.totals.map { $0 / unit.divisor },
                dashed: true),
        ]
        page.rows(fanFile, header: ["scenario", "year", "p05", "p50", "p95", "mean", "as_written"]) {
            writer in
            for (y, year) in s.years.enumerated() {
                let q = quantiles[y]
                let amounts = [q.p05, q.p50, q.p95, q.mean, s.totals[y]]
                writer.row([s.name, String(year)] + amounts.map { CSVWriter.cents(cents($0)) })
            }
        }
        let last = quantiles[quantiles.count - 1]
        let caption = page.t(
            "The band holds 90% of the draws' totals each year (summary_quantiles.csv). In {year}: {p05} to {p95}, "
                + "median {p50}.",
            [
                "year": String(s.end), "p05": page.money(last.p05), "p95": page.money(last.p95),
                "p50": page.money(last.p50),
            ])
        page.figure("\(id)-fan", chart.svg(), caption: caption)
    }

    /// The share of draws breached by each year of the envelope's window, on 0–100%.
    static func breachChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        guard let byYear = s.breachProbabilityByYear else { return }
        let window = s.years.indices.filter { s.envelopeCumulative[$0] != nil }
        let shown = window.isEmpty ? Array(s.years.indices) : window
        var chart = CategoryChart(
            title: page.t("Probability that the envelope is breached, by year"),
            categories: shown.map { String(s.years[$0]) },
            xLabel: page.t("year"), yLabel: page.t("probability of a breach by then (%)"))
        chart.stacks = [
            ChartSeries(
                page.t("share of draws breached by the year"), color: "#e15759",
                values: shown.map { byYear[$0].map { $0 * 100 } })
        ]
        chart.fixedRange = 0...100
        chart.totalLabel = { SVG.number($0, decimals: 1) + "%" }
        chart.references = [CategoryChart.Reference("50%", value: 50, color: "#999")]
        page.rows(breachFile, header: ["scenario", "year", "breach_probability"]) { writer in
            for (y, year) in s.years.enumerated() {
                writer.row([s.name, String(year), byYear[y].map { CSVWriter.decimal($0) } ?? ""])
            }
        }
        let caption =
            page.t(
                "The share of draws whose envelope outlay exceeds the amount by each year (envelope_risk_by_year.csv)."
            )
            + (s.breachProbability.map { page.t(" Overall: {probability}.", ["probability": percent($0)]) }
                ?? "")
        page.figure("\(id)-breach", chart.svg(), caption: caption)
    }
}
