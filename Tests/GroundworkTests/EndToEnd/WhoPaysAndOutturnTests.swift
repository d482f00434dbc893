import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkIO

/// The v1.2 scenarios of `scenarios/` through the command line: who pays, constant prices,
/// and the 2015 outturn with its re-forecast. Every file must foot against the others.
@Suite("End to end: who pays, prices and the outturn")
struct WhoPaysAndOutturnTests {
    static func run(_ scenarios: [String], _ extra: [String] = [], in temp: TempDirectory) throws -> String {
        let out = temp.url("out")
        let result = try CommandLineTool.run(
            ["run"] + scenarios.map { Fixtures.scenario($0).path } + ["--out", out, "--quiet"] + extra)
        #expect(result.status == 0, "\(result.standardError)")
        return out
    }

    static func cents(_ record: [String: String], _ column: String) -> Int64 {
        SimpleCSV.cents(record[column] ?? "") ?? Int64.min
    }

    @Test("funding.csv foots to summary.csv for every scenario, year and item")
    func fundingFoots() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = try Self.run(
            ["nanyang-cost-sharing.yaml", "nanyang-constant-prices.yaml", "nanyang-2015-outturn.yaml"],
            in: temp)
        let summary = try SimpleCSV.records(URL(fileURLWithPath: out + "/summary.csv"))
        let funding = try SimpleCSV.records(URL(fileURLWithPath: out + "/funding.csv"))
        let columns = [
            "venue_construction", "venue_upkeep", "operating_funds", "cadre_pay_basic",
            "cadre_pay_performance",
            "pension_topup", "total",
        ]
        #expect(summary.count == 3 * 17)
        for row in summary {
            let levels = funding.filter { $0["scenario"] == row["scenario"] && $0["year"] == row["year"] }
            #expect(!levels.isEmpty)
            for column in columns {
                #expect(
                    levels.reduce(0) { $0 + Self.cents($1, column) } == Self.cents(row, column),
                    "\(row["scenario"]!) \(row["year"]!) \(column)")
            }
        }
        // The cost-sharing scenario's levels: the province (operating funds), city and county.
        let levels = Set(
            funding.filter { $0["scenario"] == "nanyang-cost-sharing" }.compactMap { $0["payer"] })
        #expect(levels == ["province", "city", "county"])
        // Its forecast.csv rows sum to the same totals as the baseline's: splitting changes no cell.
        let headline = try SimpleCSV.records(URL(fileURLWithPath: out + "/headline.csv"))
        #expect(headline[0]["total"] == "12496958796.58")
    }

    @Test("the outturn scenario: variance.csv's actual column sums to summary.csv's closed years")
    func outturnFoots() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = try Self.run(["nanyang-2015-outturn.yaml"], in: temp)
        let summary = try SimpleCSV.records(URL(fileURLWithPath: out + "/summary.csv"))
        let variance = try SimpleCSV.records(URL(fileURLWithPath: out + "/variance.csv"))
        let outturn = try SimpleCSV.records(URL(fileURLWithPath: out + "/outturn.csv"))
        #expect(variance.count == 12 * 2 * 6)
        #expect(outturn.map { $0["year"] } == ["2014", "2015"])
        for (index, year) in ["2014", "2015"].enumerated() {
            let rows = variance.filter { $0["year"] == year }
            let actual = rows.reduce(0) { $0 + Self.cents($1, "actual") }
            let planned = rows.reduce(0) { $0 + Self.cents($1, "planned") }
            let total = Self.cents(summary.first { $0["year"] == year }!, "total")
            #expect(actual == total)
            #expect(Self.cents(outturn[index], "actual") == actual)
            #expect(Self.cents(outturn[index], "planned") == planned)
            for row in rows {
                #expect(Self.cents(row, "variance") == Self.cents(row, "actual") - Self.cents(row, "planned"))
            }
        }
        // The actuals file's cells, summed: 2014's total is the actuals', not the plan's.
        let file = try SimpleCSV.records(
            Fixtures.repository.appendingPathComponent("scenarios/actuals/nanyang-2014-2015.csv"))
        let listed2014 = file.filter { $0["year"] == "2014" }.reduce(0) { $0 + Self.cents($1, "amount") }
        #expect(listed2014 == Self.cents(summary[0], "total"))
    }

    @Test("compare of the plan against the re-forecast moves only what the actuals changed")
    func reforecast() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = temp.url("compare")
        let result = try CommandLineTool.run([
            "compare", Fixtures.scenario("nanyang-baseline.yaml").path,
            Fixtures.scenario("nanyang-2015-outturn.yaml").path, "--out", out,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = try SimpleCSV.records(URL(fileURLWithPath: out + "/comparison.csv"))
        // From 2016 the re-forecast is the plan: every delta 0.
        for row in rows where Int(row["year"]!)! >= 2016 && row["item"] != "cumulative" {
            #expect(row["delta"] == "0.00", "\(row)")
        }
        // 2014 construction 3% under: 14,250,000 x 0.97 - 14,250,000 = -427,500.
        let construction2014 = rows.first { $0["year"] == "2014" && $0["item"] == "venue_construction" }!
        #expect(construction2014["delta"] == "-427500.00")
        let headline = try SimpleCSV.records(URL(fileURLWithPath: out + "/headline_comparison.csv"))
        let total = headline.first { $0["measure"] == "total" }!
        #expect(total["delta"] == "4944500.00")
        #expect(headline.contains { $0["measure"] == "total_city" })
    }

    @Test("prices.csv only for scenarios with prices; --excel and --encoding gbk take the v1.2 files")
    func pricesAndExcel() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = try Self.run(
            ["nanyang-baseline.yaml", "nanyang-constant-prices.yaml", "nanyang-2015-outturn.yaml"],
            ["--excel"],
            in: temp)
        let prices = try Data(contentsOf: URL(fileURLWithPath: out + "/prices.csv"))
        #expect(Array(prices.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: prices.dropFirst(3), as: UTF8.self)
        #expect(text.split(separator: "\r\n").count == 1 + 17)
        #expect(text.contains("nanyang-constant-prices,2015,1.02,0.970874,"))
        for file in ["funding.csv", "variance.csv", "outturn.csv"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(file)")
        }
    }

    @Test("an actuals file saved as GBK is read with --encoding gbk")
    func actualsInGBK() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        // 南召县 in GBK: C4 CF D5 D9 CF D8. `--encoding gbk` reads every CSV of the run as GBK,
        // as Excel on a Chinese Windows saves them all.
        let county: [UInt8] = [0xC4, 0xCF, 0xD5, 0xD9, 0xCF, 0xD8]
        temp.write(
            "p.csv", bytes: Array("county,villages,venues_needed\n".utf8) + county + Array(",10,0\n".utf8))
        let gbk: [UInt8] =
            Array("county,year,item,amount\n".utf8) + county + Array(",2014,operating_funds,5000\n".utf8)
        temp.write("a.csv", bytes: gbk)
        let scenario = temp.write(
            "s.yaml",
            "horizon: {start: 2014, end: 2015}\nportfolio: p.csv\nrural_income: {value: 13200}\n"
                + "actuals: {file: a.csv, through: 2014}\n")
        let plain = try CommandLineTool.run(["run", scenario, "--out", temp.url("o1"), "--quiet"])
        #expect(plain.status != 0)
        #expect(plain.standardError.contains("p.csv:2:1"))
        #expect(plain.standardError.contains("--encoding gbk"))
        let read = try CommandLineTool.run([
            "run", scenario, "--out", temp.url("o2"), "--quiet", "--encoding", "gbk",
        ])
        #expect(read.status == 0, "\(read.standardError)")
        let summary = try SimpleCSV.records(URL(fileURLWithPath: temp.url("o2/summary.csv")))
        #expect(summary[0]["operating_funds"] == "5000.00")
    }
}
