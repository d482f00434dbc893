import Foundation
import Testing

@testable import GroundworkDesk
@testable import GroundworkIO

/// `run --xlsx` and `compare --xlsx` as a user runs them: groundwork.xlsx beside the CSVs, read
/// back with openpyxl and compared with them cell by cell.
@Suite("End to end: --xlsx")
struct WorkbookCommandTests {
    private func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func names(_ directory: String) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory))
    }

    @Test(
        "run --xlsx: every sheet equals its CSV, the totals are formulas, the manifest lists the workbook",
        arguments: [
            (
                "nanyang-baseline.yaml",
                ["headline", "charts", "summary", "funding", "forecast", "rollout", "pay", "counties"]
            ),
            (
                "nanyang-risk.yaml",
                [
                    "headline", "charts", "summary", "funding", "forecast", "rollout", "pay", "counties",
                    "forecast_quantiles",
                    "summary_quantiles", "envelope_risk", "envelope_risk_by_year", "sensitivity",
                ]
            ),
        ])
    func run(scenario: String, sheets: [String]) throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let path = Fixtures.scenario(scenario).path
        let out = temp.url("xlsx")
        let result = try CommandLineTool.run(["run", path, "--out", out, "--xlsx"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("groundwork.xlsx manifest.json"), "\(result.standardOutput)")
        let workbookPath = out + "/groundwork.xlsx"
        let comparison = try WorkbookReader.compare(workbookPath, with: out)
        #expect(comparison.equal, "\(comparison.report)")
        let workbook = try WorkbookReader.dump(workbookPath)
        #expect(workbook.sheets.map(\.name) == sheets)
        let summary = try #require(workbook["summary"])
        let total = try #require(summary.column("total"))
        for row in 1..<summary.rows.count {
            #expect(summary.rows[row][total]?.f == "=SUM(C\(row + 1):H\(row + 1))", "row \(row + 1)")
        }
        // The envelope (the city's venue and pay items) recalculates to the CSV's cents.
        var evaluator = FormulaEvaluator(workbook)
        let summaryCSV = try SimpleCSV.records(URL(fileURLWithPath: out + "/summary.csv"))
        let used = try #require(summary.column("envelope_cumulative"))
        for (index, record) in summaryCSV.enumerated() {
            let cell = summary.rows[index + 1][used]
            guard let text = record["envelope_cumulative"], let cents = SimpleCSV.cents(text) else {
                #expect(cell == nil, "envelope_cumulative outside the window is empty")
                continue
            }
            #expect(cell?.f != nil)
            #expect(
                try WorkbookTests.recalculated(&evaluator, "summary", row: index + 1, column: used) == cents)
        }
        // The manifest lists the workbook with its hash.
        let manifest = String(decoding: try bytes(out + "/manifest.json"), as: UTF8.self)
        let hash = Manifest.sha256(try bytes(workbookPath))
        #expect(
            manifest.contains(
                "{\"path\": \"groundwork.xlsx\", \"bytes\": \(try bytes(workbookPath).count), \"sha256\": \"\(hash)\"}"
            ))

        // Without --xlsx the files are those of before, byte for byte, and no workbook.
        let plainOut = temp.url("plain")
        let plain = try CommandLineTool.run(["run", path, "--out", plainOut, "--quiet"])
        #expect(plain.status == 0, "\(plain.standardError)")
        #expect(try names(plainOut) == (try names(out)).subtracting(["groundwork.xlsx"]))
        for name in try names(plainOut) where name.hasSuffix(".csv") {
            #expect(
                try bytes(plainOut + "/" + name) == bytes(out + "/" + name), "\(name) differs with --xlsx")
        }
    }

    @Test(
        "--lang zh: Chinese sheets and headers; the CSV files exactly as in English; a rerun gives the same bytes"
    )
    func chinese() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let path = Fixtures.scenario("nanyang-baseline.yaml").path
        for (folder, language) in [("en", "en"), ("zh", "zh"), ("zh-again", "zh")] {
            let result = try CommandLineTool.run([
                "run", path, "--out", temp.url(folder), "--xlsx", "--lang", language, "--quiet",
            ])
            #expect(result.status == 0, "\(result.standardError)")
        }
        for name in try names(temp.url("en")) where name.hasSuffix(".csv") {
            #expect(try bytes(temp.url("en/" + name)) == bytes(temp.url("zh/" + name)), "\(name)")
        }
        #expect(try bytes(temp.url("zh/groundwork.xlsx")) == bytes(temp.url("zh-again/groundwork.xlsx")))
        let workbook = try WorkbookReader.dump(temp.url("zh/groundwork.xlsx"))
        #expect(workbook.sheets.map(\.name) == ["概要", "图表", "年度汇总", "分级负担", "预测明细", "建设进度", "干部报酬", "县区"])
        let forecast = try #require(workbook["预测明细"])
        #expect(forecast.rows[1][3]?.text == "村级服务场所建设")
        #expect(forecast.rows[1][4]?.text == "市级")
        let headline = try #require(workbook["概要"])
        #expect(headline.rows[1][3]?.f == "='年度汇总'!J18")
        #expect(headline.rows[1][3]?.number == 12_496_958_796.58)
    }

    @Test("compare --xlsx: the comparison tables as sheets, equal to their CSVs")
    func compare() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = temp.url("compare")
        let result = try CommandLineTool.run([
            "compare", Fixtures.scenario("nanyang-baseline.yaml").path,
            Fixtures.scenario("nanyang-two-year-rollout.yaml").path, "--out", out, "--xlsx", "--quiet",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let comparison = try WorkbookReader.compare(out + "/groundwork.xlsx", with: out)
        #expect(comparison.equal, "\(comparison.report)")
        let workbook = try WorkbookReader.dump(out + "/groundwork.xlsx")
        #expect(workbook.sheets.map(\.name) == ["comparison", "headline_comparison"])
        // A breach year is an integer, an amount has two decimals.
        let headline = try #require(workbook["headline_comparison"])
        let breach = try #require(headline.rows.first { $0[1]?.text == "breach_year" })
        #expect(breach[2]?.number == 2016 && breach[2]?.fmt == "0")
        let total = try #require(headline.rows.first { $0[1]?.text == "total" })
        #expect(total[2]?.fmt == "#,##0.00")
    }

    @Test("an unwritable DIR: a clear error, nothing written, no temporary file left")
    func unwritableDirectory() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let scratch = temp.makeDirectory("tmp")
        let file = temp.write("a-file", "not a directory\n")
        let result = try CommandLineTool.run(
            ["run", Fixtures.scenario("nanyang-baseline.yaml").path, "--out", file + "/out", "--xlsx"],
            environment: ["TMPDIR": scratch])
        #expect(result.status == 1)
        #expect(
            result.standardError.contains("\(file)/out:1:1: error: cannot create the output directory"),
            "\(result.standardError)")
        let left = try names(scratch)
        #expect(left.isEmpty, "temporary files left: \(left)")
        #expect(try bytes(file) == Array("not a directory\n".utf8))
    }

    @Test("no room for the temporary workbook: a clear error and DIR as it was")
    func noTemporaryDirectory() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = temp.url("out")
        let result = try CommandLineTool.run(
            ["run", Fixtures.scenario("nanyang-baseline.yaml").path, "--out", out, "--xlsx"],
            environment: ["TMPDIR": temp.url("missing")])
        #expect(result.status == 1)
        #expect(
            result.standardError.contains("cannot create a temporary file: no such file"),
            "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a later run without --xlsx removes the workbook of an earlier one")
    func staleWorkbookRemoved() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = temp.url("out")
        let path = Fixtures.scenario("nanyang-baseline.yaml").path
        #expect(try CommandLineTool.run(["run", path, "--out", out, "--xlsx", "--quiet"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/groundwork.xlsx"))
        #expect(try CommandLineTool.run(["run", path, "--out", out, "--quiet"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: out + "/groundwork.xlsx"))
    }

    @Test("--lang takes en or zh")
    func badLanguage() throws {
        let result = try CommandLineTool.run([
            "run", Fixtures.scenario("nanyang-baseline.yaml").path, "--out", "/nonexistent/x", "--xlsx",
            "--lang", "fr",
        ])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--lang"), "\(result.standardError)")
    }
}
