import GroundworkIO

/// Constant prices and present value (MODEL.md 4.6, read from `prices.csv`): the yearly total
/// nominal, in the base year's prices and discounted to the base year, as three lines. And
/// `report_prices.csv`.
extension ReportPage {
    static func pricesSection(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        guard let prices = s.prices, !prices.isEmpty else { return }
        page.html.line("h3", text: page.t("Constant prices and present value"))
        let base = baseYear(prices, language: page.language)
        let largest = prices.flatMap { [$0.total, $0.totalReal, $0.totalPresentValue].map(abs) }.max() ?? 0
        let unit = AmountUnit.choose(forMaximum: Double(largest) / 100)
        var chart = CategoryChart(
            title: page.t("Yearly total: nominal, real and present value"),
            categories: prices.map { String($0.year) },
            xLabel: page.t("year"), yLabel: page.t("outlay per year ({})", page.unitName(unit)))
        func values(_ cents: (ReportData.PriceYear) -> Int64) -> [Double?] {
            prices.map { Double(cents($0)) / 100 / unit.divisor }
        }
        chart.lines = [
            ChartSeries(page.t("nominal (total)"), color: "#4e79a7", values: values(\.total)),
            ChartSeries(
                page.t("real, in {prices} (total_real)", ["prices": base.prices]), color: "#59a14f",
                values: values(\.totalReal)),
            ChartSeries(
                page.t("present value, discounted to {year} (total_pv)", ["year": base.year]),
                color: "#e15759",
                values: values(\.totalPresentValue), dashed: true),
        ]
        let header = [
            "scenario", "year", "deflator", "discount_factor", "total", "total_real", "total_pv",
        ]
        page.rows(pricesFile, header: header) { writer in
            for year in prices {
                writer.row([
                    s.name, String(year.year), year.deflator, year.discountFactor,
                    CSVWriter.cents(year.total),
                    CSVWriter.cents(year.totalReal), CSVWriter.cents(year.totalPresentValue),
                ])
            }
        }
        let last = prices[prices.count - 1]
        let nominal = prices.reduce(0) { $0 + $1.total }
        let caption = page.t(
            "Each year's total (summary.csv) as written, deflated to {prices} and discounted to {year} (prices.csv; "
                + "MODEL.md 4.6). {note}Over {first}–{last}: nominal {nominal}, real {real}, present value {pv}.",
            [
                "prices": base.prices, "year": base.year, "note": base.note, "first": String(prices[0].year),
                "last": String(last.year), "nominal": page.money(Double(nominal) / 100),
                "real": page.money(Double(last.cumulativeReal) / 100),
                "pv": page.money(Double(last.cumulativePresentValue) / 100),
            ])
        page.figure("\(id)-prices", chart.svg(), caption: caption)
    }

    /// The base year as prices.csv shows it. The file does not name it (and the report reads
    /// only the run's files), but the deflator and the discount factor are both exactly 1 in
    /// the base year (MODEL.md 4.6), so it is the year where both are written `1`. When several
    /// years are (no inflation and no discounting between them) each of them is the base, and
    /// the range is named; when none is, the base year lies outside the horizon.
    /// - Returns: "2014 prices" and "2014" for the legend and caption, and a note when unsure
    ///   (in `language`).
    static func baseYear(_ prices: [ReportData.PriceYear], language: Language = .en) -> (
        prices: String, year: String, note: String
    ) {
        func t(_ template: String, _ values: [String: String] = [:]) -> String {
            Translations.sentence(template, values, in: language)
        }
        let years = prices.filter { $0.deflator == "1" && $0.discountFactor == "1" }.map(\.year)
        guard let first = years.first, let last = years.last else {
            return (
                t("base-year prices"), t("the base year"),
                t(
                    "The base year lies outside the horizon (the deflator is {deflator} in {year}). ",
                    ["deflator": prices[0].deflator, "year": String(prices[0].year)])
            )
        }
        let range = ["first": String(first), "last": String(last)]
        if first == last {
            return (
                t("{year} prices", ["year": String(first)]), t("base year {year}", ["year": String(first)]),
                ""
            )
        }
        return (
            t("{first}–{last} prices", range), t("base year {year}", ["year": "\(first)–\(last)"]),
            t(
                "Deflator and discount factor are 1 in every year from {first} to {last}: any of them is the base "
                    + "year. ", range)
        )
    }
}
