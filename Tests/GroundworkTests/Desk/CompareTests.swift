import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// `groundwork compare`: what-ifs against a base, from the in-memory projections.
@Suite("compare: what-ifs against a base")
struct CompareTests {
    static let baseline = Fixtures.scenario("nanyang-baseline.yaml").path
    static let twoYear = Fixtures.scenario("nanyang-two-year-rollout.yaml").path

    /// Runs `groundwork compare`, expecting success; returns stdout and the two CSVs' rows.
    private func compare(
        _ paths: [String], in temp: TempDirectory, extra: [String] = []
    ) throws -> (output: String, rows: [[String: String]], headline: [[String: String]]) {
        let out = temp.url("compare")
        let result = try CommandLineTool.run(["compare"] + paths + ["--out", out] + extra)
        #expect(result.status == 0, "\(result.standardError)")
        let rows = try SimpleCSV.records(URL(fileURLWithPath: out).appendingPathComponent("comparison.csv"))
        let headline = try SimpleCSV.records(
            URL(fileURLWithPath: out).appendingPathComponent("headline_comparison.csv"))
        return (result.standardOutput, rows, headline)
    }

    @Test("the baseline against itself: every delta is zero")
    func baselineAgainstItself() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let (output, rows, headline) = try compare([Self.baseline, Self.baseline], in: temp)
        // 17 years (2014-2030) x (6 items + total + cumulative).
        #expect(rows.count == 17 * 8)
        for row in rows {
            #expect(row["base"] == row["value"], "\(row)")
            #expect(row["delta"] == "0.00", "\(row)")
            // 0 % where the base has money, empty where the base is 0.
            #expect(row["delta_pct"] == (row["base"] == "0.00" ? "" : "0"), "\(row)")
        }
        // The measures, with `total_city` and `total_county` (the baseline's two paying levels).
        #expect(headline.count == Comparison.measures.count + 2)
        #expect(headline.map { $0["measure"] }.contains("total_county"))
        for row in headline {
            #expect(row["base"] == row["value"], "\(row)")
            #expect(row["delta"] == "0" || row["delta"] == "0.00", "\(row)")
        }
        #expect(!output.contains("common years"), "equal horizons need no note")
        #expect(output.contains("nanyang-baseline (base)"))
    }

    @Test("the two-year rollout shifts venue construction as worked out by hand")
    func twoYearRollout() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let (output, rows, headline) = try compare([Self.baseline, Self.twoYear], in: temp)
        func row(_ year: Int, _ item: String) throws -> [String: String] {
            try #require(rows.first { $0["year"] == String(year) && $0["item"] == item })
        }
        // Baseline schedule 95 / 200 / 201 venues at 150,000 yuan, paid in the completion year:
        //   2014: 14,250,000   2015: 30,000,000   2016: 30,150,000.
        // Two-year rollout (scenarios/nanyang-two-year-rollout.yaml): 248 / 248 / 0:
        //   2014: 37,200,000   2015: 37,200,000   2016: 0.
        // Deltas: 2014 +22,950,000 (22.95 / 14.25 = 161.0526315...%), 2015 +7,200,000 (24%),
        //   2016 -30,150,000 (-100%); they sum to 0 (the same 496 venues at the same price).
        // Cumulative deltas: 2014 +22,950,000, 2015 +30,150,000, 2016 and later 0.
        let venue2014 = try row(2014, "venue_construction")
        #expect(venue2014["base"] == "14250000.00")
        #expect(venue2014["value"] == "37200000.00")
        #expect(venue2014["delta"] == "22950000.00")
        #expect(venue2014["delta_pct"] == "161.052632")
        let venue2015 = try row(2015, "venue_construction")
        #expect(venue2015["base"] == "30000000.00")
        #expect(venue2015["value"] == "37200000.00")
        #expect(venue2015["delta"] == "7200000.00")
        #expect(venue2015["delta_pct"] == "24")
        let venue2016 = try row(2016, "venue_construction")
        #expect(venue2016["base"] == "30150000.00")
        #expect(venue2016["value"] == "0.00")
        #expect(venue2016["delta"] == "-30150000.00")
        #expect(venue2016["delta_pct"] == "-100")
        #expect(try row(2017, "venue_construction")["delta_pct"] == "", "the base is 0 from 2017")
        // Nothing else changes, so each year's total moves with venue construction.
        for year in 2014...2030 {
            for item in LineItem.allCases where item != .venueConstruction {
                #expect(try row(year, item.key)["delta"] == "0.00", "\(year) \(item.key)")
            }
            #expect(try row(year, "total")["delta"] == (try row(year, "venue_construction")["delta"]))
        }
        #expect(try row(2014, "cumulative")["delta"] == "22950000.00")
        #expect(try row(2015, "cumulative")["delta"] == "30150000.00")
        #expect(try row(2016, "cumulative")["delta"] == "0.00")
        #expect(try row(2030, "cumulative")["delta"] == "0.00")

        // The envelope (venues + new pay, 2014-2016): by 2015 the baseline has spent
        // 14.25M + 30M + 230,630,400 of pay = 274,880,400 (fits the 300M), the rollout
        // 74.4M + 230,630,400 = 305,030,400: the breach moves from 2016 to 2015.
        let breach = try #require(headline.first { $0["measure"] == "breach_year" })
        #expect(breach["base"] == "2016")
        #expect(breach["value"] == "2015")
        #expect(breach["delta"] == "-1")
        let total = try #require(headline.first { $0["measure"] == "total" })
        #expect(total["delta"] == "0.00")
        #expect(total["base"] == "12496958796.58")
        #expect(headline.first { $0["measure"] == "venues_deferred" }?["delta"] == "0")
        #expect(output.contains("2016 -> 2015"))
        #expect(output.contains("2016: -30,150,000.00"), "the largest yearly change")
    }

    @Test("different horizons compare on their common years, and the command says so")
    func differentHorizons() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let short = temp.write(
            "short.yaml",
            """
            extends: \(Self.baseline)
            name: short
            horizon: {start: 2012, end: 2020}
            """)
        let (output, rows, headline) = try compare([Self.baseline, short], in: temp)
        #expect(output.contains("compared on their common years 2014-2020"), "\(output)")
        #expect(Set(rows.map { $0["year"]! }) == Set((2014...2020).map(String.init)))
        // The cumulative item is summed from the first common year, for both.
        let total2014 = try #require(rows.first { $0["year"] == "2014" && $0["item"] == "total" })
        let cumulative2014 = try #require(rows.first { $0["year"] == "2014" && $0["item"] == "cumulative" })
        #expect(total2014["base"] == cumulative2014["base"])
        #expect(total2014["value"] == cumulative2014["value"])
        let start = try #require(headline.first { $0["measure"] == "start" })
        #expect(start["base"] == "2014" && start["value"] == "2012" && start["delta"] == "-2")
        let commonTotal = try #require(headline.first { $0["measure"] == "total_common_years" })
        let cumulative2020 = try #require(rows.first { $0["year"] == "2020" && $0["item"] == "cumulative" })
        #expect(commonTotal["base"] == cumulative2020["base"])
        #expect(commonTotal["value"] == cumulative2020["value"])
    }

    @Test("a what-if sharing no year with the base is an error at its horizon")
    func disjointHorizons() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let later = temp.write(
            "later.yaml",
            """
            extends: \(Self.baseline)
            name: later
            horizon: {start: 2031, end: 2035}
            venues: {schedule: {2031: 496}}
            envelope: null
            """)
        let out = temp.url("out")
        let result = try CommandLineTool.run(["compare", Self.baseline, later, "--out", out])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(later):3:"), "\(result.standardError)")
        #expect(result.standardError.contains("shares no year"))
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written on error")
    }

    @Test("the comparison is computed from the projections: the library agrees with the run's files")
    func libraryAgreesWithRunFiles() throws {
        let base = try Run.project([Self.baseline], monteCarlo: false)
        let whatIf = try Run.project([Self.twoYear], monteCarlo: false)
        let comparison = try Comparison(base: base.projections[0], whatIfs: whatIf.projections)
        let rows = SimpleCSV.rows(String(decoding: comparison.comparisonCSV(), as: UTF8.self))
        #expect(rows[0] == ["scenario", "year", "item", "base", "value", "delta", "delta_pct"])
        // The what-if's summary.csv cells are the comparison's `value` column.
        let summary = SimpleCSV.rows(
            String(decoding: ForecastTables.summary(whatIf.projections), as: UTF8.self))
        let header = summary[0]
        for line in summary.dropFirst() {
            for item in Comparison.items {
                let column = try #require(header.firstIndex(of: item))
                let row = try #require(rows.first { $0[1] == line[1] && $0[2] == item })
                #expect(row[4] == line[column], "\(line[1]) \(item)")
            }
        }
        #expect(
            try comparison.files(commandLine: [], inputs: base.inputs).map(\.name) == [
                "comparison.csv", "headline_comparison.csv", "manifest.json",
            ])
        #expect(OutputDirectory.engineFiles.isSuperset(of: ["comparison.csv", "headline_comparison.csv"]))
    }
}
