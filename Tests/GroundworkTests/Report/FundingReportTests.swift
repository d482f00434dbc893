import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// The report's v1.2 sections end to end: `run --report` on the three v1.2 scenarios (who pays,
/// constant prices, the 2015 outturn), every new `report_*.csv` checked against the run's own
/// files to the cent, the PEFA bands of the known measures, and the sections on the page.
@Suite("Report: who pays, prices and outturn")
struct FundingReportTests {
    static let scenarios = ["nanyang-cost-sharing", "nanyang-constant-prices", "nanyang-2015-outturn"]

    /// One run of the three scenarios, shared by the tests (they only read it).
    static let run: Result<URL, any Error> = Result {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "groundwork-funding-report-\(UUID().uuidString)")
        let result = try CommandLineTool.run(
            ["run"] + scenarios.map { Fixtures.scenario("\($0).yaml").path } + [
                "--out", out.path, "--report", "-q",
            ])
        guard result.status == 0 else { throw RunFailed(message: result.standardError) }
        return out
    }

    struct RunFailed: Error { var message: String }

    func directory() throws -> URL { try Self.run.get() }

    func records(_ name: String) throws -> [[String: String]] {
        try SimpleCSV.records(directory().appendingPathComponent(name))
    }

    func cents(_ record: [String: String], _ column: String) throws -> Int64 {
        try #require(SimpleCSV.cents(record[column] ?? ""), "\(column) of \(record)")
    }

    func html() throws -> String {
        try String(contentsOf: directory().appendingPathComponent("report.html"), encoding: .utf8)
    }

    /// The page's section of scenario number `number` (1-based, command-line order).
    func section(_ number: Int) throws -> String {
        let page = try html()
        let start = try #require(page.range(of: "<section class=\"scenario\" id=\"scenario-\(number)\">"))
        let rest = page[start.lowerBound...]
        let end = try #require(rest.range(of: "</section>"))
        return String(rest[..<end.upperBound])
    }

    func titles(_ html: String) -> [String] {
        html.components(separatedBy: "class=\"chart-title\" font-weight=\"bold\">").dropFirst().map {
            String($0[..<$0.range(of: "</text>")!.lowerBound])
        }
    }

    // MARK: - Who pays

    @Test(
        "report_funding.csv: each level's outlay per year as in funding.csv; the levels sum to summary.csv"
    )
    func fundingFootsToSummary() throws {
        let funding = try records("funding.csv")
        let report = try records("report_funding.csv")
        #expect(report.count == funding.count)
        var byKey: [String: Int64] = [:]
        for row in funding {
            byKey["\(row["scenario"]!)/\(row["year"]!)/\(row["payer"]!)"] = try cents(row, "total")
        }
        var yearSums: [String: Int64] = [:]
        for row in report {
            let key = "\(row["scenario"]!)/\(row["year"]!)/\(row["payer"]!)"
            #expect(try cents(row, "amount") == byKey[key], "\(key)")
            yearSums["\(row["scenario"]!)/\(row["year"]!)", default: 0] += try cents(row, "amount")
        }
        let summary = try records("summary.csv")
        #expect(summary.count == 3 * 17)
        for row in summary {
            #expect(yearSums["\(row["scenario"]!)/\(row["year"]!)"] == (try cents(row, "total")))
        }
        // Cost sharing, 2014: the province's 30% of operating funds (98,980,000.00, 南召县's 50%
        // included) and of 南召县's venues (8 x 150,000 x 0.2 = 240,000.00).
        let province = report.first {
            $0["scenario"] == "nanyang-cost-sharing" && $0["year"] == "2014" && $0["payer"] == "province"
        }
        #expect(province?["amount"] == "99220000.00")
        // The levels in funding.csv's order, top to bottom.
        let levels = report.filter { $0["scenario"] == "nanyang-cost-sharing" && $0["year"] == "2014" }
        #expect(levels.map { $0["payer"]! } == ["province", "city", "county"])
    }

    @Test(
        "report_funding_cumulative.csv: funding.csv's cumulative; by 2030 the levels sum to the headline"
    )
    func fundingCumulative() throws {
        let funding = try records("funding.csv")
        let report = try records("report_funding_cumulative.csv")
        #expect(report.count == funding.count)
        var byKey: [String: Int64] = [:]
        for row in funding {
            byKey["\(row["scenario"]!)/\(row["year"]!)/\(row["payer"]!)"] = try cents(row, "cumulative")
        }
        var last: [String: Int64] = [:]
        for row in report {
            let key = "\(row["scenario"]!)/\(row["year"]!)/\(row["payer"]!)"
            #expect(try cents(row, "cumulative") == byKey[key], "\(key)")
            if row["year"] == "2030" { last[row["scenario"]!, default: 0] += try cents(row, "cumulative") }
        }
        for row in try records("headline.csv") {
            #expect(last[row["scenario"]!] == (try cents(row, "total")), "\(row["scenario"]!)")
        }
    }

    @Test("report_county_share.csv: the county level's rows of forecast.csv per county, against its total")
    func countyShare() throws {
        var own: [String: Int64] = [:]
        var total: [String: Int64] = [:]
        for row in try records("forecast.csv") {
            let key = "\(row["scenario"]!)/\(row["county"]!)"
            let amount = try cents(row, "amount")
            total[key, default: 0] += amount
            if row["payer"] == "county" { own[key, default: 0] += amount }
        }
        let report = try records("report_county_share.csv")
        #expect(report.count == 3 * 12)
        for row in report {
            let key = "\(row["scenario"]!)/\(row["county"]!)"
            #expect(try cents(row, "total") == total[key], "\(key)")
            #expect(try cents(row, "county_pays") == own[key] ?? 0, "\(key)")
            let share = try #require(Double(row["county_share"] ?? ""))
            #expect(abs(share - Double(own[key] ?? 0) / Double(total[key]!)) < 5e-7, "\(key)")
        }
        // 南召县 pays 20% of its venues and 10% of its running funds (its override) and all of its
        // pension top-up: 9.0% of its outlay, against 17.6% for the other counties.
        let page = try section(1)
        #expect(page.contains("<tr><td>南召县</td><td>9.76</td><td>0.88</td><td>9.0%</td></tr>"))
        #expect(page.contains("<tr><th>all counties</th><th>124.97</th><th>21.18</th><th>16.9%</th></tr>"))
    }

    // MARK: - Prices

    @Test("report_prices.csv: prices.csv's totals for the scenario with prices only; the base year named")
    func prices() throws {
        let prices = try records("prices.csv")
        let report = try records("report_prices.csv")
        #expect(report.count == 17 && prices.count == 17)
        for (row, written) in zip(report, prices) {
            for column in [
                "scenario", "year", "deflator", "discount_factor", "total", "total_real", "total_pv",
            ] {
                #expect(row[column] == written[column], "\(column) \(written)")
            }
        }
        // 2015: 602,096,000.00 / 1.02 = 590,290,196.078 -> 590,290,196.08; x 1/1.03 -> 584,559,223.30.
        #expect(report[1]["total_real"] == "590290196.08" && report[1]["total_pv"] == "584559223.30")
        let page = try section(2)
        #expect(titles(page).last == "Yearly total: nominal, real and present value")
        #expect(page.contains("deflated to 2014 prices and discounted to 2014"))
        #expect(page.contains(">real, in 2014 prices (total_real)</text>"))
        // The horizon's sums: nominal = the headline total, real and PV = the last cumulatives.
        #expect(page.contains("nominal 124.97 亿元 (12,496,958,796.58 yuan)"))
        #expect(page.contains("real 104.88 亿元 (10,487,980,741.42 yuan)"))
        #expect(!(try section(1)).contains("present value"))
    }

    @Test(
        "the base year: where deflator and discount factor are 1; a range when several; else outside",
        arguments: [
            (["1", "1.02", "1.0404"], ["1", "0.970874", "0.942596"], "2014 prices"),
            (["0.979432", "1", "1.021"], ["1.04", "1", "0.961538"], "2015 prices"),
            (["1", "1", "1.02"], ["1", "1", "0.97"], "2014–2015 prices"),
            (["1.02", "1.0404", "1.061208"], ["0.97", "0.94", "0.91"], "base-year prices"),
        ])
    func baseYear(deflators: [String], discounts: [String], expected: String) {
        let prices = deflators.indices.map { index in
            ReportData.PriceYear(
                year: 2014 + index, deflator: deflators[index], discountFactor: discounts[index], total: 0,
                totalReal: 0, totalPresentValue: 0, cumulativeReal: 0, cumulativePresentValue: 0)
        }
        let base = ReportPage.baseYear(prices)
        #expect(base.prices == expected)
        #expect(base.note.isEmpty == !(expected.contains("–") || expected.hasPrefix("base")))
    }

    // MARK: - Outturn

    @Test("report_outturn.csv: outturn.csv's columns as written, then the PI-1 and PI-2 bands")
    func outturn() throws {
        let outturn = try records("outturn.csv")
        let report = try records("report_outturn.csv")
        #expect(report.count == 2 && outturn.count == 2)
        for (row, written) in zip(report, outturn) {
            for column in [
                "scenario", "year", "planned", "actual", "aggregate_outturn", "composition_variance",
            ] {
                #expect(row[column] == written[column], "\(column)")
            }
        }
        // 2014: 354,302,500.00 / 354,730,000.00 = 99.879486% (A: 95-105%); composition 0.231625% (A).
        // 2015: 607,468,000.00 / 602,096,000.00 = 100.892217% (A); composition 1.143767% (A).
        #expect(report.map { $0["aggregate_outturn"]! } == ["99.879486", "100.892217"])
        #expect(report.map { $0["composition_variance"]! } == ["0.231625", "1.143767"])
        #expect(
            report.map { $0["pi1_band"]! } == ["A", "A"] && report.map { $0["pi2_band"]! } == ["A", "A"])
        let page = try section(3)
        #expect(
            page.contains(
                "<tr><td>2014</td><td>354,730,000.00</td><td>354,302,500.00</td><td>99.879486%</td>"
                    + "<td>A (95–105%)</td><td>0.231625%</td><td>A (at most 5%)</td></tr>"))
        #expect(page.contains("PI-1 (aggregate expenditure outturn"))
    }

    @Test(
        "PEFA bands: PI-1 A 95-105%, B 92-108%, C 85-115%, else D; PI-2 A <= 5%, B <= 10%, C <= 15%, else D",
        arguments: [
            ("99.879486", "A", "0.231625", "A"), ("100.892217", "A", "1.143767", "A"),
            ("95", "A", "5", "A"), ("105", "A", "5.000001", "B"), ("94.999999", "B", "10", "B"),
            ("105.000001", "B", "10.000001", "C"), ("92", "B", "15", "C"), ("108", "B", "15.000001", "D"),
            ("91.999999", "C", "40", "D"), ("115", "C", "0", "A"), ("85", "C", "14.999999", "C"),
            ("115.000001", "D", "7.5", "B"), ("84.999999", "D", "100", "D"), ("0", "D", "4.999999", "A"),
        ])
    func pefaBands(aggregate: String, band: String, composition: String, compositionBand: String) {
        #expect(PEFABand.aggregateOutturn(aggregate)?.letter == band, "\(aggregate)")
        #expect(PEFABand.compositionVariance(composition)?.letter == compositionBand, "\(composition)")
    }

    @Test("PEFA bands: an empty measure (no budget) has no band; the rule is written beside the letter")
    func pefaRules() {
        #expect(PEFABand.aggregateOutturn("") == nil && PEFABand.compositionVariance("") == nil)
        #expect(PEFABand.aggregateOutturn("1.2.3") == nil && PEFABand.aggregateOutturn("+5") == nil)
        #expect(PEFABand.aggregateOutturn("93")?.description == "B (92–108%)")
        #expect(PEFABand.aggregateOutturn("120")?.description == "D (outside 85–115%)")
        #expect(PEFABand.compositionVariance("16")?.description == "D (above 15%)")
        #expect(PEFABand.millionths("-10.5") == -10_500_000 && PEFABand.millionths("5.442177") == 5_442_177)
    }

    @Test("report_outturn_items.csv: variance.csv summed per closed year and item; it foots to outturn.csv")
    func outturnItems() throws {
        var planned: [String: Int64] = [:]
        var actual: [String: Int64] = [:]
        for row in try records("variance.csv") {
            let key = "\(row["year"]!)/\(row["item"]!)"
            planned[key, default: 0] += try cents(row, "planned")
            actual[key, default: 0] += try cents(row, "actual")
        }
        let report = try records("report_outturn_items.csv")
        #expect(report.count == 2 * 6)
        var yearPlanned: [String: Int64] = [:]
        var yearActual: [String: Int64] = [:]
        for row in report {
            let key = "\(row["year"]!)/\(row["item"]!)"
            #expect(try cents(row, "planned") == planned[key] && (try cents(row, "actual")) == actual[key])
            #expect(try cents(row, "variance") == actual[key]! - planned[key]!)
            yearPlanned[row["year"]!, default: 0] += try cents(row, "planned")
            yearActual[row["year"]!, default: 0] += try cents(row, "actual")
        }
        for row in try records("outturn.csv") {
            #expect(yearPlanned[row["year"]!] == (try cents(row, "planned")))
            #expect(yearActual[row["year"]!] == (try cents(row, "actual")))
        }
        // 2014 venue construction: 95 venues x 150,000 = 14,250,000.00 planned, 3% under = 13,822,500.00.
        #expect(report[0]["planned"] == "14250000.00" && report[0]["actual"] == "13822500.00")
        let page = try section(3)
        #expect(page.contains(">-3.0%</text>") && page.contains(">+2.0%</text>"))
        #expect(page.contains(">venue</text>") && page.contains(">construction</text>"))
    }

    @Test("report_variances.csv: the ten cells of variance.csv with the largest |variance|, largest first")
    func largestVariances() throws {
        let cells = try records("variance.csv")
        let ranked = try cells.indices.filter { try cents(cells[$0], "variance") != 0 }.sorted { a, b in
            let left = abs(SimpleCSV.cents(cells[a]["variance"]!)!)
            let right = abs(SimpleCSV.cents(cells[b]["variance"]!)!)
            return left > right || (left == right && a < b)
        }
        let report = try records("report_variances.csv")
        #expect(report.count == 10)
        for (rank, (row, index)) in zip(report, ranked.prefix(10)).enumerated() {
            #expect(row["rank"] == String(rank + 1))
            for column in [
                "scenario", "county", "year", "item", "planned", "actual", "variance", "variance_pct",
            ] {
                #expect(row[column] == cells[index][column], "\(column) at rank \(rank + 1)")
            }
        }
        // 桐柏县 finished 5 of its 11 venues of 2015: 6 x 150,000 = 900,000.00 under the plan.
        #expect(report[0]["county"] == "桐柏县" && report[0]["variance"] == "-900000.00")
        #expect(report[0]["variance_pct"] == "-54.545455")
        let page = try section(3)
        #expect(titles(page).last == "The 10 largest variances (county, year, item)")
        #expect(page.contains("with the largest absolute variance, largest first"))
        #expect(page.contains(">桐柏县, 2015, venue construction (-54.5%)</text>"))
    }

    // MARK: - The page

    @Test("the sections of each scenario, in order; the closed years shaded on the envelope chart")
    func sections() throws {
        let funding = ReportCommandTests.fundingCharts
        let base = ReportCommandTests.baselineCharts
        #expect(titles(try section(1)) == (base + funding).map { SVG.escape($0) })
        #expect(
            titles(try section(2))
                == (base + funding + ["Yearly total: nominal, real and present value"]).map { SVG.escape($0) }
        )
        let outturn = [
            "Planned and actual outlay by item, 2014", "Planned and actual outlay by item, 2015",
            "The 10 largest variances (county, year, item)",
        ]
        let third = try section(3)
        #expect(titles(third) == (base + funding + outturn).map { SVG.escape($0) })
        for heading in ["Who pays", "Outturn of the closed years"] {
            #expect(third.contains("<h3>\(heading)</h3>"))
        }
        // The envelope chart, 2014-2016: its first two years shaded, two slots of 760 / 3 px.
        let envelope = try #require(third.range(of: "id=\"scenario-3-envelope\""))
        let chart = third[envelope.lowerBound...]
        let shade = try #require(
            chart.range(of: "<g class=\"shade\" data-series=\"closed years (actuals)\">"))
        #expect(shade.lowerBound < chart.range(of: "</figure>")!.lowerBound)
        #expect(chart[shade.upperBound...].hasPrefix("<rect x=\"84\""))
        #expect(chart[shade.upperBound...].prefix(80).contains("width=\"506.67\""))
        #expect(third.contains("2014–2015 are closed (shaded)"))
        // Scenarios without actuals get no shade; the cost-sharing levels include the province.
        #expect(!(try section(1)).contains("class=\"shade\""))
        #expect(try section(1).contains("data-series=\"province\""))
    }

    @Test("report DIR reproduces the new chart data byte for byte")
    func reportReproduces() throws {
        let out = try directory()
        let page = FileManager.default.temporaryDirectory.appendingPathComponent(
            "groundwork-funding-again-\(UUID().uuidString)/again.html")
        try FileManager.default.createDirectory(
            at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = try CommandLineTool.run(["report", out.path, "--out", page.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Data(contentsOf: page) == Data(contentsOf: out.appendingPathComponent("report.html")))
        for name in [
            "report_funding.csv", "report_funding_cumulative.csv", "report_prices.csv",
            "report_county_share.csv",
            "report_outturn.csv", "report_outturn_items.csv", "report_variances.csv",
        ] {
            let beside = page.deletingLastPathComponent().appendingPathComponent(name)
            #expect(
                try Data(contentsOf: beside) == Data(contentsOf: out.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test("a run directory without funding.csv (v1.1) gets no who-pays section and no funding chart data")
    func withoutFundingFile() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "groundwork-funding-v11-\(UUID().uuidString)")
        let run = try CommandLineTool.run(
            ["run", Fixtures.scenario("nanyang-baseline.yaml").path, "--out", out.path, "-q"])
        #expect(run.status == 0, "\(run.standardError)")
        try FileManager.default.removeItem(at: out.appendingPathComponent("funding.csv"))
        let report = try CommandLineTool.run(["report", out.path])
        #expect(report.status == 0, "\(report.standardError)")
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(titles(page) == ReportCommandTests.baselineCharts.map { SVG.escape($0) })
        #expect(!page.contains("Who pays"))
        for name in ["report_funding.csv", "report_funding_cumulative.csv", "report_county_share.csv"] {
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
    }
}
