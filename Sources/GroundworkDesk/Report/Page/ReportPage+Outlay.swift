import GroundworkIO

/// The yearly outlay by item (`summary.csv`): the six line items stacked per year, and
/// `report_outlay_by_item.csv`.
extension ReportPage {
    /// Line items: display names and colours, in `LineItem` order.
    static let itemNames = [
        "venue construction", "venue upkeep", "operating funds", "cadre pay, basic",
        "cadre pay, performance", "pension top-up",
    ]
    static let itemColors = ["#4e79a7", "#a0cbe8", "#59a14f", "#f28e2b", "#ffbe7d", "#b07aa1"]

    static func outlayChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        let unit = AmountUnit.choose(forMaximum: s.totals.map(abs).max() ?? 0)
        var chart = CategoryChart(
            title: page.t("Yearly outlay by item"), categories: s.years.map(String.init),
            xLabel: page.t("year"),
            yLabel: page.t("outlay per year ({})", page.unitName(unit)))
        chart.stacks = s.items.enumerated().map { index, item in
            ChartSeries(
                page.item(item.key, english: itemNames[index]), color: itemColors[index],
                values: item.values.map { $0 / unit.divisor })
        }
        page.rows(outlayFile, header: ["scenario", "year", "item", "amount"]) { writer in
            for (y, year) in s.years.enumerated() {
                for item in s.items {
                    writer.row([s.name, String(year), item.key, CSVWriter.cents(cents(item.values[y]))])
                }
            }
        }
        let peak = s.years.indices.max { s.totals[$0] < s.totals[$1] }
        let total = page.money(s.total)
        let caption =
            peak.map {
                page.t(
                    "All six items, stacked, per year. Horizon total {total}; the largest year is {year} with {amount}.",
                    ["total": total, "year": String(s.years[$0]), "amount": page.money(s.totals[$0])])
            } ?? page.t("All six items, stacked, per year. Horizon total {total}.", ["total": total])
        page.figure("\(id)-outlay", chart.svg(), caption: caption)
    }
}
