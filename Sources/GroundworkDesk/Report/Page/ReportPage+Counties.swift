import GroundworkIO

/// The outlay per county (`forecast.csv` summed over the horizon) and per resident (with the
/// population of `counties.csv`), as bars and as a table with the villages and venues needed.
/// And `report_counties.csv`.
extension ReportPage {
    static func countySection(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        let unit = AmountUnit.choose(forMaximum: s.countyTotals.map(abs).max() ?? 0)
        var chart = RowChart(
            title: page.t(
                "{title}, {years}", ["title": page.t("Outlay per county"), "years": "\(s.start)–\(s.end)"]),
            rows: s.counties,
            xLabel: page.t("horizon total ({})", page.unitName(unit)),
            series: [
                ChartSeries(
                    page.t("horizon total, all items"), color: "#4e79a7",
                    values: s.countyTotals.map { $0 / unit.divisor })
            ])
        chart.layout.plotWidth = 640
        page.figure(
            "\(id)-counties", chart.svg(),
            caption: page.t("The sum of forecast.csv over the horizon and the six items, per county."))
        let perCapita: [Double?] = s.counties.indices.map { c in
            guard let population = s.population[c], population > 0 else { return nil }
            return s.countyTotals[c] / population
        }
        if perCapita.contains(where: { $0 != nil }) {
            var perCapitaChart = RowChart(
                title: page.t("Outlay per resident, by county"), rows: s.counties,
                xLabel: page.t("yuan per resident over {}", "\(s.start)–\(s.end)"),
                series: [
                    ChartSeries(page.t("horizon total ÷ population"), color: "#59a14f", values: perCapita)
                ])
            perCapitaChart.layout.plotWidth = 640
            page.figure(
                "\(id)-per-capita", perCapitaChart.svg(),
                caption: page.t(
                    "Per resident: the county's horizon total divided by the population of counties.csv (from the "
                        + "portfolio)."))
        }
        countyTable(s, unit: unit, perCapita: perCapita, into: &page)
        if !s.hasCountyFile {
            page.html.line(
                "p", ["class": "note"],
                text: page.t(
                    "counties.csv is missing (a run of an earlier version): no villages or population."))
        }
    }

    /// The table of the counties, with a row of all counties, and `report_counties.csv`.
    static func countyTable(
        _ s: ReportData.Scenario, unit: AmountUnit, perCapita: [Double?], into page: inout Builder
    ) {
        let years = Double(s.years.count)
        func number(_ value: Double?, _ decimals: Int) -> String {
            value.map { SVG.number($0, decimals: decimals) } ?? ""
        }
        let rows = s.counties.indices.map { c in
            [
                s.counties[c], number(s.villages[c], 0), s.countyVenuesNeeded[c].map(String.init) ?? "",
                number(s.population[c], 0), number(s.countyTotals[c] / unit.divisor, 2),
                number(perCapita[c], 2), number(perCapita[c].map { $0 / years }, 2),
            ]
        }
        let total = s.countyTotals.reduce(0, +)
        let population = s.population.compactMap { $0 }.reduce(0, +)
        let perResident = population > 0 ? total / population : nil
        let footer = [
            page.t("all counties"), number(s.villages.compactMap { $0 }.reduce(0, +), 0),
            String(s.countyVenuesNeeded.compactMap { $0 }.reduce(0, +)),
            population > 0 ? number(population, 0) : "",
            number(total / unit.divisor, 2), number(perResident, 2),
            number(perResident.map { $0 / years }, 2),
        ]
        page.html.table(
            ["class": "counties"],
            header: [
                page.t("county"), page.t("villages"), page.t("venues needed"), page.t("population"),
                page.t("total ({})", page.unitName(unit)), page.t("yuan per resident"),
                page.t("yuan per resident a year"),
            ],
            rows: rows, footer: footer)
        let header = [
            "scenario", "county", "villages", "venues_needed", "population", "total", "per_capita",
            "per_capita_per_year",
        ]
        page.rows(countiesFile, header: header) { writer in
            for (c, county) in s.counties.enumerated() {
                writer.row([
                    s.name, county, s.villages[c].map { CSVWriter.decimal($0) } ?? "",
                    s.countyVenuesNeeded[c].map(String.init) ?? "",
                    s.population[c].map { CSVWriter.decimal($0) } ?? "",
                    CSVWriter.cents(cents(s.countyTotals[c])),
                    perCapita[c].map { CSVWriter.decimal($0, places: 2) } ?? "",
                    perCapita[c].map { CSVWriter.decimal($0 / years, places: 2) } ?? "",
                ])
            }
        }
    }
}
