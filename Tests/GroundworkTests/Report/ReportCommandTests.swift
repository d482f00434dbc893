import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// The HTML report end to end: `groundwork run ... --report` and `groundwork report DIR --out FILE`.
@Suite("End to end: the HTML report")
struct ReportCommandTests {
    static let baselineCharts = [
        "Yearly outlay by item", "Cumulative outlay against the envelope",
        "Venues completed per year, by county",
        "Monthly pay per role against rural income", "Outlay per county, 2014–2030",
        "Outlay per resident, by county",
    ]
    /// Who pays: every run has funding.csv, the baseline's (city and county) included.
    static let fundingCharts = ["Yearly outlay by paying level", "Cumulative outlay by paying level"]
    static let riskCharts = [
        "Total outlay per year: Monte Carlo fan", "Probability that the envelope is breached, by year",
        "What drives the horizon total: each uncertain parameter at its p05 and p95",
        "What drives the envelope use: each uncertain parameter at its p05 and p95",
    ]

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "groundwork-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func titles(_ html: String) -> [String] {
        html.components(separatedBy: "class=\"chart-title\" font-weight=\"bold\">").dropFirst().map {
            String($0[..<$0.range(of: "</text>")!.lowerBound])
        }
    }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test(
        "run --report writes a self-contained report.html with every chart of the baseline, and the chart data"
    )
    func baseline() throws {
        let out = try temporaryDirectory().appendingPathComponent("baseline")
        let result = try CommandLineTool.run(
            ["run", Fixtures.scenario("nanyang-baseline.yaml").path, "--out", out.path, "--report"])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try read(out.appendingPathComponent("report.html"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\""))
        #expect(titles(html) == (Self.baselineCharts + Self.fundingCharts).map { SVG.escape($0) })
        #expect(html.components(separatedBy: "<figure class=\"chart\"").count - 1 == 8)
        // Self-contained: nothing fetched, no scripts.
        #expect(!html.contains("http"))
        #expect(
            !html.contains("<script") && !html.contains("<link") && !html.contains("@import")
                && !html.contains("url("))
        // The data's language: Chinese county names, 亿元 axes; the breach year is marked.
        #expect(html.contains(">宛城区</text>") && html.contains("outlay per year (亿元)"))
        #expect(html.contains(">breach 2016</text>"))
        #expect(html.contains(">rebase</text>"))

        // The chart data beside the page, and counties.csv from the run.
        for name in [
            "report_outlay_by_item.csv", "report_envelope.csv", "report_venues.csv", "report_pay.csv",
            "report_counties.csv", "counties.csv", "report_funding.csv", "report_funding_cumulative.csv",
            "report_county_share.csv",
        ] {
            #expect(
                FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path),
                "\(name) missing")
        }
        for name in [
            "report_fan.csv", "report_tornado.csv", "sensitivity.csv", "report_prices.csv",
            "report_outturn.csv", "report_outturn_items.csv", "report_variances.csv",
        ] {
            #expect(
                !FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path),
                "\(name) written for a run without its files")
        }
        // The stacked outlay foots to the headline total; county totals too.
        let headline = try #require(try SimpleCSV.records(out.appendingPathComponent("headline.csv")).first)
        let total = try #require(SimpleCSV.cents(headline["total"] ?? ""))
        let outlay = try SimpleCSV.records(out.appendingPathComponent("report_outlay_by_item.csv"))
        #expect(outlay.count == 17 * 6)
        #expect(outlay.compactMap { SimpleCSV.cents($0["amount"] ?? "") }.reduce(0, +) == total)
        let counties = try SimpleCSV.records(out.appendingPathComponent("report_counties.csv"))
        #expect(counties.count == 12)
        #expect(counties.compactMap { SimpleCSV.cents($0["total"] ?? "") }.reduce(0, +) == total)
        #expect(counties.first?["county"] == "宛城区" && counties.first?["population"] == "480000")
        let venues = try SimpleCSV.records(out.appendingPathComponent("report_venues.csv"))
        #expect(
            venues.filter { $0["year"] != "deferred" }.compactMap { Int($0["venues_completed"] ?? "") }
                .reduce(0, +) == 496)
        // The manifest lists the report.
        #expect(try read(out.appendingPathComponent("manifest.json")).contains("\"path\": \"report.html\""))

        // A rerun without --report removes the report: the directory never mixes two runs.
        let again = try CommandLineTool.run([
            "run", Fixtures.scenario("nanyang-baseline.yaml").path, "--out", out.path, "-q",
        ])
        #expect(again.status == 0, "\(again.standardError)")
        for name in ["report.html", "report_outlay_by_item.csv", "report_counties.csv"] {
            #expect(
                !FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path),
                "\(name) left behind")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("counties.csv").path))
    }

    @Test(
        "report DIR --out FILE on the risk scenario: fan, breach probability and tornados; the same bytes as run --report"
    )
    func risk() throws {
        let root = try temporaryDirectory()
        let out = root.appendingPathComponent("risk")
        let result = try CommandLineTool.run(
            ["run", Fixtures.scenario("nanyang-risk.yaml").path, "--out", out.path, "--report", "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        let sensitivity = try SimpleCSV.records(out.appendingPathComponent("sensitivity.csv"))
        #expect(
            sensitivity.map { $0["parameter"] ?? "" } == [
                "rural_income.growth", "venues.unit_cost", "operating_funds.growth",
            ])
        // Triangular(150,000, 160,000, 200,000): p05 155,000 and p95 190,000 (SensitivityTests).
        #expect(sensitivity[1]["low_value"] == "155000" && sensitivity[1]["high_value"] == "190000")
        // 496 venues x 5,000 yuan more than written: 2,480,000 more envelope use.
        #expect(sensitivity[1]["envelope_used_low"] == "538140800.00")

        let page = root.appendingPathComponent("elsewhere/nanyang.html")
        try FileManager.default.createDirectory(
            at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        let report = try CommandLineTool.run(["report", out.path, "--out", page.path])
        #expect(report.status == 0, "\(report.standardError)")
        let html = try read(page)
        #expect(
            titles(html)
                == (Self.baselineCharts + Self.riskCharts + Self.fundingCharts).map { SVG.escape($0) })
        #expect(!html.contains("http"))
        // One source of numbers: the page read back from the files is the page the run wrote.
        #expect(try Data(contentsOf: page) == Data(contentsOf: out.appendingPathComponent("report.html")))
        for name in ReportPage.dataFiles {
            let beside = page.deletingLastPathComponent().appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path) else {
                #expect(!FileManager.default.fileExists(atPath: beside.path), "\(name)")
                continue
            }
            #expect(
                try Data(contentsOf: beside) == Data(contentsOf: out.appendingPathComponent(name)), "\(name)")
        }
        let tornado = try SimpleCSV.records(
            page.deletingLastPathComponent().appendingPathComponent("report_tornado.csv"))
        #expect(tornado.count == 6)
        #expect(tornado.first?["parameter"] == "rural_income.growth" && tornado.first?["measure"] == "total")
        let breach = try SimpleCSV.records(
            page.deletingLastPathComponent().appendingPathComponent("report_breach_probability.csv"))
        #expect(breach.count == 17)
        // No temporary files left beside the page.
        let left = try FileManager.default.contentsOfDirectory(atPath: page.deletingLastPathComponent().path)
        #expect(left.allSatisfy { !$0.hasPrefix(".") }, "\(left)")
    }

    @Test("several scenarios: one section each, in command-line order, with anchors")
    func severalScenarios() throws {
        let out = try temporaryDirectory().appendingPathComponent("two")
        let result = try CommandLineTool.run([
            "run", Fixtures.scenario("nanyang-baseline.yaml").path,
            Fixtures.scenario("nanyang-two-year-rollout.yaml").path,
            "--out", out.path, "--report", "-q",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try read(out.appendingPathComponent("report.html"))
        #expect(titles(html).count == 16)
        let first = try #require(html.range(of: "<section class=\"scenario\" id=\"scenario-1\">"))
        let second = try #require(html.range(of: "<section class=\"scenario\" id=\"scenario-2\">"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(
            html.contains(
                "<a href=\"#scenario-1\">nanyang-baseline</a><a href=\"#scenario-2\">nanyang-two-year-rollout</a>"
            ))
    }

    @Test("report of a directory that is not a run's is an error naming it; nothing is written")
    func notARunDirectory() throws {
        let directory = try temporaryDirectory()
        let result = try CommandLineTool.run(["report", directory.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("summary.csv is missing"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
