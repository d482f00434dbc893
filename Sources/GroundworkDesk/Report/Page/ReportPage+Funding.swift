import GroundworkIO

/// Who pays (MODEL.md section 4, read from `funding.csv` and `forecast.csv`): the yearly
/// outlay stacked by paying level, each level's cumulative, and what each county's own level
/// pays of the county's outlay. And `report_funding.csv`, `report_funding_cumulative.csv`,
/// `report_county_share.csv`.
///
/// Shown for every run that has `funding.csv`, a scenario with one payer per item included:
/// how the outlay falls between the city and the counties is worth seeing there too.
extension ReportPage {
    /// The levels of government, top to bottom: display names and colours.
    static let levelNames = [
        "central": "central government", "province": "province", "city": "city", "county": "county",
    ]
    static let levelColors = [
        "central": "#9c755f", "province": "#59a14f", "city": "#4e79a7", "county": "#f28e2b",
    ]

    static func levelName(_ level: String) -> String { levelNames[level] ?? level }
    static func levelColor(_ level: String) -> String { levelColors[level] ?? "#7f7f7f" }

    /// The heading and the sections of who pays, when the run wrote `funding.csv`.
    static func fundingSection(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        guard !s.funding.isEmpty else { return }
        page.html.line("h3", text: page.t("Who pays"))
        fundingChart(s, id: id, into: &page)
        fundingCumulativeChart(s, id: id, into: &page)
        countyShareTable(s, into: &page)
    }

    /// "the city pays 95.00 亿元 (…), 76.0% of the total; the county …": each level's horizon
    /// total and its share of all levels', in the page's language.
    static func levelShares(_ s: ReportData.Scenario, _ page: Builder) -> String {
        let totals = s.funding.map { $0.cumulative.last ?? 0 }
        let all = totals.reduce(0, +)
        return zip(s.funding, totals).map { level, total in
            var values = [
                "level": page.level(level.level, english: levelName(level.level)),
                "amount": page.money(Double(total) / 100),
            ]
            if all == 0 { return page.t("the {level} pays {amount}", values) }
            values["share"] = percent(Double(total) / Double(all))
            return page.t("the {level} pays {amount}, {share} of the total", values)
        }.joined(separator: page.t("; "))
    }

    /// The yearly outlay (all six items) stacked by the level that pays it.
    static func fundingChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        let yearTotals = s.years.indices.map { y in s.funding.reduce(0) { $0 + $1.totals[y] } }
        let unit = AmountUnit.choose(forMaximum: Double(yearTotals.map(abs).max() ?? 0) / 100)
        var chart = CategoryChart(
            title: page.t("Yearly outlay by paying level"), categories: s.years.map(String.init),
            xLabel: page.t("year"), yLabel: page.t("outlay per year ({})", page.unitName(unit)))
        chart.stacks = s.funding.map { level in
            ChartSeries(
                page.level(level.level, english: levelName(level.level)), color: levelColor(level.level),
                values: level.totals.map { Double($0) / 100 / unit.divisor })
        }
        page.rows(fundingFile, header: ["scenario", "year", "payer", "amount"]) { writer in
            for (y, year) in s.years.enumerated() {
                for level in s.funding {
                    writer.row([s.name, String(year), level.level, CSVWriter.cents(level.totals[y])])
                }
            }
        }
        let caption = page.t(
            "All six items per year, stacked by the level of government that pays them (funding.csv; MODEL.md "
                + "section 4). Over {start}–{end} {shares}.",
            ["start": String(s.start), "end": String(s.end), "shares": levelShares(s, page)])
        page.figure("\(id)-funding", chart.svg(), caption: caption)
    }

    /// Each level's outlay cumulated from the horizon's start, a line per level.
    static func fundingCumulativeChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        let largest = s.funding.flatMap { $0.cumulative.map(abs) }.max() ?? 0
        let unit = AmountUnit.choose(forMaximum: Double(largest) / 100)
        var chart = CategoryChart(
            title: page.t("Cumulative outlay by paying level"), categories: s.years.map(String.init),
            xLabel: page.t("year"), yLabel: page.t("cumulative outlay ({})", page.unitName(unit)))
        chart.lines = s.funding.map { level in
            ChartSeries(
                page.level(level.level, english: levelName(level.level)), color: levelColor(level.level),
                values: level.cumulative.map { Double($0) / 100 / unit.divisor })
        }
        page.rows(fundingCumulativeFile, header: ["scenario", "year", "payer", "cumulative"]) { writer in
            for (y, year) in s.years.enumerated() {
                for level in s.funding {
                    writer.row([s.name, String(year), level.level, CSVWriter.cents(level.cumulative[y])])
                }
            }
        }
        let caption = page.t(
            "Each level's outlay summed from {start} (funding.csv's cumulative): by {end} {shares}.",
            ["start": String(s.start), "end": String(s.end), "shares": levelShares(s, page)])
        page.figure("\(id)-funding-cumulative", chart.svg(), caption: caption)
    }

    /// The table of what each county's own level pays of the county's horizon outlay (its
    /// forecast.csv rows with payer=county), with a row of all counties.
    static func countyShareTable(_ s: ReportData.Scenario, into page: inout Builder) {
        guard let own = s.countyPaysItself else { return }
        let totals = s.countyTotals.map(cents)
        let unit = AmountUnit.choose(forMaximum: Double(totals.map(abs).max() ?? 0) / 100)
        func amount(_ cents: Int64) -> String { SVG.number(Double(cents) / 100 / unit.divisor, decimals: 2) }
        func share(_ part: Int64, of total: Int64) -> Double? {
            total == 0 ? nil : Double(part) / Double(total)
        }
        page.html.line(
            "p", ["class": "note"],
            text: page.t(
                "What each county pays itself: the county level's part (payer county in forecast.csv) of the county's "
                    + "outlay over {start}–{end}, all six items.",
                ["start": String(s.start), "end": String(s.end)]))
        let rows = s.counties.indices.map { c in
            [
                s.counties[c], amount(totals[c]), amount(own[c]),
                share(own[c], of: totals[c]).map(percent) ?? "",
            ]
        }
        let total = totals.reduce(0, +)
        let paid = own.reduce(0, +)
        page.html.table(
            ["class": "county-share"],
            header: [
                page.t("county"), page.t("total ({})", page.unitName(unit)),
                page.t("paid by the county ({})", page.unitName(unit)),
                page.t("share it pays"),
            ],
            rows: rows,
            footer: [
                page.t("all counties"), amount(total), amount(paid),
                share(paid, of: total).map(percent) ?? "",
            ])
        page.rows(countyShareFile, header: ["scenario", "county", "total", "county_pays", "county_share"]) {
            writer in
            for (c, county) in s.counties.enumerated() {
                writer.row([
                    s.name, county, CSVWriter.cents(totals[c]), CSVWriter.cents(own[c]),
                    share(own[c], of: totals[c]).map { CSVWriter.decimal($0) } ?? "",
                ])
            }
        }
    }
}
