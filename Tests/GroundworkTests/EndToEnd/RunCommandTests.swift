import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// The command line as a user runs it: `groundwork run` on the worked examples and on the
/// repository's Nanyang scenarios, checking the files, their sums and hand-worked figures.
@Suite("End to end: groundwork run")
struct RunCommandTests {
    static let outputFiles = [
        "forecast.csv", "summary.csv", "rollout.csv", "pay.csv", "headline.csv", "manifest.json",
    ]
    static let whatIfs = [
        "nanyang-two-year-rollout.yaml", "nanyang-construction-inflation.yaml", "nanyang-capped-rollout.yaml",
        "nanyang-pay-at-income-multiple.yaml", "nanyang-former-cadres-excluded.yaml",
        "nanyang-envelope-all-outlay.yaml",
    ]

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "groundwork-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("the worked examples come out byte for byte", arguments: ["example", "example-capped"])
    func workedExample(name: String) throws {
        let out = try temporaryDirectory().appendingPathComponent("out")
        let result = try CommandLineTool.run([
            "run", Fixtures.url("examples/\(name).yaml").path, "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        for file in ["forecast.csv", "summary.csv", "rollout.csv", "pay.csv", "headline.csv"] {
            let expected = try Data(contentsOf: Fixtures.url("examples/expected/\(name)/\(file)"))
            let actual = try Data(contentsOf: out.appendingPathComponent(file))
            #expect(actual == expected, "\(name)/\(file) differs from the worked example")
        }
    }

    @Test("the baseline writes the six files and its hand-worked figures")
    func baseline() throws {
        let out = try temporaryDirectory().appendingPathComponent("baseline")
        let result = try CommandLineTool.run([
            "run", Fixtures.scenario("nanyang-baseline.yaml").path, "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("nanyang-baseline"))
        for file in Self.outputFiles {
            #expect(
                FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path),
                "\(file) missing")
        }
        let summary = try SimpleCSV.records(out.appendingPathComponent("summary.csv"))
        let year2014 = try #require(summary.first { $0["year"] == "2014" })
        // 95 venues (F4) x 150,000 yuan (F3), paid in full in the year of completion.
        #expect(year2014["venue_construction"] == "14250000.00")
        // 4,480 villages in the portfolio x 70,000 yuan (F2).
        #expect(year2014["operating_funds"] == "313600000.00")
        // Pension: 4,480 villages x 5 serving cadres + 1 former cadre per village, x 1,000 yuan.
        #expect(year2014["pension_topup"] == "26880000.00")
        let year2015 = try #require(summary.first { $0["year"] == "2015" })
        // Basic pay: 4,480 x (1,100 + 880 + 3 x 770 = 4,290) x 12 x 0.7 = 161,441,280.
        #expect(year2015["cadre_pay_basic"] == "161441280.00")
        // Performance: 4,480 x 4,290 x 12 x 0.3 = 69,189,120.
        #expect(year2015["cadre_pay_performance"] == "69189120.00")
        // Former cadres: F(2015) = 4,480 x 0.97 + 0.05 x 22,400 = 5,465.6; (22,400 + 5,465.6) x 1,000.
        #expect(year2015["pension_topup"] == "27865600.00")
        // Envelope: venues 14.25 + 30 million, pay 161,441,280 + 69,189,120 by 2015.
        #expect(year2015["envelope_cumulative"] == "274880400.00")

        let pay = try SimpleCSV.records(out.appendingPathComponent("pay.csv"))
        let pay2018 = try #require(pay.first { $0["year"] == "2018" })
        // I(2017) = 13,200 x 1.08^3 = 16,628.1984; B_1 = round(1,385.6832) = 1,386.
        #expect(pay2018["secretary_monthly"] == "1386.00")
        #expect(pay2018["director_monthly"] == "1109.00")
        #expect(pay2018["other_monthly"] == "970.00")

        let headline = try #require(try SimpleCSV.records(out.appendingPathComponent("headline.csv")).first)
        #expect(headline["venues_needed"] == "496")
        #expect(headline["venues_built"] == "496")
        #expect(headline["breach_year"] == "2016")
    }

    @Test("every what-if runs, and its summary foots to the forecast to the cent", arguments: whatIfs)
    func whatIf(file: String) throws {
        let out = try temporaryDirectory().appendingPathComponent("what-if")
        let result = try CommandLineTool.run(["run", Fixtures.scenario(file).path, "--out", out.path])
        #expect(result.status == 0, "\(result.standardError)")
        try checkFooting(out)
    }

    @Test("the baseline and all what-ifs in one run foot to the cent")
    func allTogether() throws {
        let out = try temporaryDirectory().appendingPathComponent("all")
        let paths = (["nanyang-baseline.yaml"] + Self.whatIfs).map { Fixtures.scenario($0).path }
        let result = try CommandLineTool.run(["run"] + paths + ["--out", out.path])
        #expect(result.status == 0, "\(result.standardError)")
        let footed = try checkFooting(out)
        #expect(footed == 7)
    }

    /// Summary item columns equal the sums of forecast cells, totals and cumulatives foot, and
    /// the headline total is the last cumulative. Returns the number of scenarios checked.
    @discardableResult
    private func checkFooting(_ out: URL) throws -> Int {
        let forecast = try SimpleCSV.records(out.appendingPathComponent("forecast.csv"))
        var sums: [String: Int64] = [:]
        for row in forecast {
            let key = "\(row["scenario"]!)|\(row["year"]!)|\(row["item"]!)"
            sums[key, default: 0] += try #require(SimpleCSV.cents(row["amount"]!))
        }
        let summary = try SimpleCSV.records(out.appendingPathComponent("summary.csv"))
        var cumulative: [String: Int64] = [:]
        for row in summary {
            let scenario = row["scenario"]!
            var total: Int64 = 0
            for item in LineItem.allCases {
                let cell = try #require(SimpleCSV.cents(row[item.key]!))
                #expect(
                    cell == sums["\(scenario)|\(row["year"]!)|\(item.key)"],
                    "\(scenario) \(row["year"]!) \(item.key)")
                total += cell
            }
            #expect(SimpleCSV.cents(row["total"]!) == total)
            cumulative[scenario, default: 0] += total
            #expect(SimpleCSV.cents(row["cumulative"]!) == cumulative[scenario])
        }
        let headline = try SimpleCSV.records(out.appendingPathComponent("headline.csv"))
        for row in headline {
            #expect(SimpleCSV.cents(row["total"]!) == cumulative[row["scenario"]!])
        }
        return headline.count
    }

    @Test("a rerun writes identical bytes, manifest included")
    func reproducible() throws {
        let base = try temporaryDirectory()
        let scenario = Fixtures.url("examples/example.yaml").path
        let first = base.appendingPathComponent("one")
        _ = try CommandLineTool.run(["run", scenario, "--out", first.path])
        let manifestBefore = try Data(contentsOf: first.appendingPathComponent("manifest.json"))
        _ = try CommandLineTool.run(["run", scenario, "--out", first.path])
        let manifestAfter = try Data(contentsOf: first.appendingPathComponent("manifest.json"))
        #expect(manifestBefore == manifestAfter)
        let manifest = String(decoding: manifestAfter, as: UTF8.self)
        let portfolio = try Data(contentsOf: Fixtures.url("examples/portfolios/three-counties.csv"))
        #expect(manifest.contains(Manifest.sha256(Array(portfolio))))
        #expect(manifest.contains("\"version\": \"\(Engine.version)\""))
        #expect(manifest.contains("\"role\": \"parent\"") == false)
    }

    @Test("a run that fails on its second scenario leaves an existing directory byte-identical")
    func atomicity() throws {
        let base = try temporaryDirectory()
        let out = base.appendingPathComponent("out")
        let good = Fixtures.url("examples/example.yaml").path
        #expect(try CommandLineTool.run(["run", good, "--out", out.path]).status == 0)
        let userFile = out.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: userFile)
        let before = try snapshot(out)

        let broken = base.appendingPathComponent("broken.yaml")
        try Data("extends: \(good)\nname: broken\nvenues: {unit_cots: 1}\n".utf8).write(to: broken)
        let result = try CommandLineTool.run(["run", good, broken.path, "--out", out.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("\(broken.path):3:10: error: unknown key `unit_cots`"))
        #expect(try snapshot(out) == before)

        // A failed run into a new directory does not create it.
        let fresh = base.appendingPathComponent("fresh")
        #expect(try CommandLineTool.run(["run", broken.path, "--out", fresh.path]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
    }

    @Test("stale engine files of an earlier run are removed; the user's own files stay")
    func staleFilesRemoved() throws {
        let out = try temporaryDirectory()
        try Data("old".utf8).write(to: out.appendingPathComponent("forecast_quantiles.csv"))
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let result = try CommandLineTool.run([
            "run", Fixtures.url("examples/example.yaml").path, "--out", out.path,
        ])
        #expect(result.status == 0)
        #expect(
            !FileManager.default.fileExists(atPath: out.appendingPathComponent("forecast_quantiles.csv").path)
        )
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter {
            $0.hasPrefix(".groundwork")
        }
        #expect(leftovers.isEmpty)
    }

    @Test("validate exits 0 on good files and 1 with located errors on bad ones")
    func validate() throws {
        let good = try CommandLineTool.run(["validate", Fixtures.url("examples/example-capped.yaml").path])
        #expect(good.status == 0)
        #expect(good.standardOutput.contains("ok"))
        let base = try temporaryDirectory()
        let bad = base.appendingPathComponent("bad.yaml")
        try Data("horizon: {start: 2014, end: 2013}\nportfolio: x.csv\nrural_income: {value: 1}\n".utf8)
            .write(to: bad)
        let result = try CommandLineTool.run(["validate", bad.path])
        #expect(result.status == 1)
        #expect(
            result.standardError.contains(
                "\(bad.path):1:29: error: `horizon.end` (2013) is before `horizon.start` (2014)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["bad.yaml"])
    }

    @Test("help teaches the model and names every subcommand")
    func help() throws {
        let result = try CommandLineTool.run(["--help"])
        #expect(result.status == 0)
        for word in ["run", "validate", "exposures x rates", "extends"] {
            #expect(result.standardOutput.contains(word), "help lacks \(word)")
        }
        let runHelp = try CommandLineTool.run(["run", "--help"])
        #expect(runHelp.standardOutput.contains("forecast.csv"))
    }

    /// Every file in a directory with its bytes.
    private func snapshot(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }
}
