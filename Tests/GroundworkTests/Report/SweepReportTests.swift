import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// The report of sweep and solve directories (issue 11) and of `--lang zh` (issue 12), end
/// to end through the command line on the repository's Nanyang scenarios, checked against
/// the files the same commands write.
@Suite("End to end: the report of sweeps, solves and --lang zh")
struct SweepReportTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "groundwork-sweep-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    private func groundwork(_ arguments: [String]) throws {
        let result = try CommandLineTool.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
    }

    /// The heatmap's cells: (row, column, data-value), in drawing order.
    private func cells(_ html: String) -> [(row: Int, column: Int, value: String)] {
        html.components(separatedBy: "<rect class=\"cell\" ").dropFirst().map { cell in
            func attribute(_ name: String) -> String {
                let start = cell.range(of: "\(name)=\"")!.upperBound
                return String(cell[start..<cell[start...].firstIndex(of: "\"")!])
            }
            return (Int(attribute("data-row"))!, Int(attribute("data-column"))!, attribute("data-value"))
        }
    }

    private func titles(_ html: String) -> [String] {
        html.components(separatedBy: "class=\"chart-title\" font-weight=\"bold\">").dropFirst().map {
            String($0[..<$0.range(of: "</text>")!.lowerBound])
        }
    }

    static let sweepGrids = [
        "--vary", "venues.unit_cost=150000:250000:5000", "--vary", "rural_income.growth=0.04:0.10:0.005",
    ]

    @Test(
        "a 2-D sweep: the heatmap's cells are sweep.csv's breach years, report_sweep.csv its rows, and report DIR the same page"
    )
    func heatmap() throws {
        let out = try temporaryDirectory().appendingPathComponent("sweep")
        try groundwork(
            ["sweep", Fixtures.scenario("nanyang-baseline.yaml").path] + Self.sweepGrids + [
                "--out", out.path, "--report", "--quiet",
            ])
        let html = try read(out.appendingPathComponent("report.html"))
        let sweep = try read(out.appendingPathComponent("sweep.csv"))
        let rows = SimpleCSV.rows(sweep)
        #expect(
            rows[0] == [
                "scenario", "venues.unit_cost", "rural_income.growth", "total", "envelope_used",
                "envelope_remaining",
                "breach_year", "venues_deferred",
            ])
        let body = Array(rows.dropFirst())
        #expect(body.count == 21 * 13)
        let drawn = cells(html)
        #expect(drawn.count == 21 * 13)
        // Unit cost down (21 values), income growth across (13): cell (r, c) is row r x 13 + c.
        for cell in drawn {
            let row = body[cell.row * 13 + cell.column]
            #expect(cell.value == row[6], "cell \(cell.row), \(cell.column)")
        }
        // The Nanyang facts (README): 2016 up to a unit cost of 235,000, 2015 from 240,000.
        for cell in drawn {
            #expect(cell.value == (cell.row <= 17 ? "2016" : "2015"), "cell \(cell.row), \(cell.column)")
        }
        #expect(body[17 * 13][1] == "235000" && body[18 * 13][1] == "240000")
        #expect(titles(html) == ["Breach year of the envelope"])
        #expect(html.contains(">breached in 2015</text>") && html.contains(">breached in 2016</text>"))
        #expect(html.contains(">150,000</text>") && html.contains(">0.1</text>"))
        #expect(!html.contains("http") && !html.contains("<script"))
        // report_sweep.csv: sweep.csv's rows, as written.
        let data = try read(out.appendingPathComponent("report_sweep.csv"))
        #expect(data == sweep)
        // The manifest lists the page; `report DIR` writes the same bytes.
        let manifest = try read(out.appendingPathComponent("manifest.json"))
        #expect(
            manifest.contains("\"path\": \"report.html\"")
                && manifest.contains("\"path\": \"report_sweep.csv\""))
        let again = try temporaryDirectory().appendingPathComponent("again.html")
        try groundwork(["report", out.path, "--out", again.path, "--quiet"])
        #expect(try read(again) == html)
        #expect(
            try read(again.deletingLastPathComponent().appendingPathComponent("report_sweep.csv")) == sweep)
    }

    @Test("--report goes to the merge, not to a shard of a sweep: an error, nothing written")
    func shardReport() throws {
        let out = try temporaryDirectory().appendingPathComponent("shard")
        let result = try CommandLineTool.run([
            "sweep", Fixtures.scenario("nanyang-baseline.yaml").path, "--vary",
            "venues.unit_cost=150000:250000:5000", "--shard", "0/2", "--report", "--out", out.path,
        ])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--report goes to `groundwork merge`, not to a shard"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("a 1-D sweep: a line with a point per value, the breach year's changes marked")
    func line() throws {
        let out = try temporaryDirectory().appendingPathComponent("sweep1")
        try groundwork([
            "sweep", Fixtures.scenario("nanyang-baseline.yaml").path, "--vary",
            "venues.unit_cost=150000:250000:5000",
            "--out", out.path, "--quiet",
        ])
        try groundwork(["report", out.path, "--quiet"])
        let html = try read(out.appendingPathComponent("report.html"))
        #expect(titles(html) == ["Envelope used over the grid"])
        #expect(cells(html).isEmpty)
        // 21 values: 21 points on the line; 2016 from 150,000, 2015 from 240,000.
        let line = html.components(separatedBy: "data-series=\"envelope used\"")[1]
        #expect(line.components(separatedBy: "<circle").count - 1 == 21)
        #expect(html.contains(">breach 2016</text>") && html.contains(">breach 2015</text>"))
        let markers = html.components(separatedBy: "class=\"marker-label\"").count - 1
        #expect(markers == 2)
        #expect(
            try read(out.appendingPathComponent("report_sweep.csv"))
                == read(out.appendingPathComponent("sweep.csv")))
    }

    @Test("more than two grids: the first two at the others' first values, and the page says so")
    func threeGrids() throws {
        let out = try temporaryDirectory().appendingPathComponent("sweep3")
        try groundwork([
            "sweep", Fixtures.scenario("nanyang-baseline.yaml").path, "--vary",
            "venues.unit_cost=150000:250000:50000",
            "--vary", "rural_income.growth=0.04:0.10:0.03", "--vary", "pay.performance_payout=0.8:1:0.1",
            "--out", out.path, "--report", "--quiet",
        ])
        let html = try read(out.appendingPathComponent("report.html"))
        let rows = SimpleCSV.rows(try read(out.appendingPathComponent("sweep.csv")))
        let drawnRows = SimpleCSV.rows(try read(out.appendingPathComponent("report_sweep.csv")))
        #expect(rows.count == 1 + 3 * 3 * 3)
        #expect(drawnRows[0] == rows[0])
        #expect(Array(drawnRows.dropFirst()) == rows.dropFirst().filter { $0[3] == "0.8" })
        #expect(drawnRows.count == 1 + 9)
        let drawn = cells(html)
        #expect(drawn.count == 9)
        for cell in drawn {
            #expect(cell.value == drawnRows[1 + cell.row * 3 + cell.column][7])
        }
        #expect(html.contains("with pay.performance_payout = 0.8 (their first values)"))
    }

    @Test("a solve: the answer and the next value on the envelope chart, and report_solve.csv")
    func solve() throws {
        let out = try temporaryDirectory().appendingPathComponent("solve")
        try groundwork([
            "solve", Fixtures.scenario("nanyang-venue-standard.yaml").path, "--vary",
            "venues.unit_cost=150000:400000:100", "--keep", "envelope", "--out", out.path, "--report",
            "--quiet",
        ])
        let html = try read(out.appendingPathComponent("report.html"))
        #expect(titles(html) == ["The answer against the envelope"])
        #expect(
            html.contains(
                "The highest venues.unit_cost that keeps the envelope is 235,100; at 235,200 it is breached in 2015."
            ))
        // The answer's marker stands on the first category (235,100), the breach on the second.
        // Two categories over a 560 px plot from x = 84: centres at 84 + 140 and 84 + 420.
        // (Marker lines are dashed "3 3"; the legend's swatches "4 3".)
        let lines = html.components(separatedBy: "<line ").filter { $0.contains("stroke-dasharray=\"3 3\"") }
        #expect(lines.filter { $0.contains("stroke=\"#2e7d32\"") }.map { $0.prefix(9) } == ["x1=\"224\" "])
        #expect(lines.filter { $0.contains("stroke=\"#c0392b\"") }.map { $0.prefix(9) } == ["x1=\"504\" "])
        #expect(html.contains(">answer 235,100</text>") && html.contains(">breach 2015</text>"))
        #expect(html.contains(">299,984,900.00</text>") && html.contains(">300,014,400.00</text>"))
        let data = SimpleCSV.rows(try read(out.appendingPathComponent("report_solve.csv")))
        #expect(
            data == [
                [
                    "scenario", "parameter", "target", "point", "value", "total", "envelope_used",
                    "envelope_amount", "envelope_remaining", "breach_year",
                ],
                [
                    "nanyang-venue-standard", "venues.unit_cost", "envelope", "answer", "235100",
                    "12539168396.58",
                    "299984900.00", "300000000.00", "15100.00", "",
                ],
                [
                    "nanyang-venue-standard", "venues.unit_cost", "envelope", "next", "235200",
                    "12539217996.58",
                    "300014400.00", "300000000.00", "-14400.00", "2015",
                ],
            ])
        // The same figures as solve.csv's row.
        let solve = SimpleCSV.rows(try read(out.appendingPathComponent("solve.csv")))[1]
        #expect(
            solve[3] == "235100" && solve[5] == "299984900.00" && solve[8] == "235200" && solve[12] == "2015")
        // `report DIR` draws the same page.
        let again = try temporaryDirectory().appendingPathComponent("again.html")
        try groundwork(["report", out.path, "--out", again.path, "--quiet"])
        #expect(try read(again) == html)
    }

    @Test("solve --smallest --report, every value keeping the target: the page says smallest, as report DIR")
    func smallestEveryValueKeeps() throws {
        let out = try temporaryDirectory().appendingPathComponent("smallest")
        try groundwork([
            "solve", Fixtures.scenario("nanyang-venue-standard.yaml").path, "--vary",
            "venues.unit_cost=150000:230000:10000", "--keep", "envelope", "--smallest", "--out", out.path,
            "--report", "--quiet",
        ])
        let html = try read(out.appendingPathComponent("report.html"))
        #expect(
            html.contains(
                "The smallest venues.unit_cost that keeps the envelope is 150,000; every value of the grid keeps it."
            ))
        #expect(!html.contains("The highest"))
        let again = try temporaryDirectory().appendingPathComponent("again.html")
        try groundwork(["report", out.path, "--out", again.path, "--quiet"])
        #expect(try read(again) == html)
    }

    @Test(
        "--lang zh: Chinese titles, headers, items and levels in report.html; the CSV files as in English"
    )
    func chinese() throws {
        let root = try temporaryDirectory()
        let english = root.appendingPathComponent("en")
        let chinese = root.appendingPathComponent("zh")
        let scenario = Fixtures.scenario("nanyang-cost-sharing.yaml").path
        try groundwork(["run", scenario, "--out", english.path, "--report", "--quiet"])
        try groundwork(["run", scenario, "--out", chinese.path, "--report", "--lang", "zh", "--quiet"])
        let html = try read(chinese.appendingPathComponent("report.html"))
        #expect(html.contains("<html lang=\"zh-CN\">"))
        for name in ["村级服务场所建设", "场所运行维护", "运转经费", "基本工作报酬", "绩效奖励", "养老保险补贴", "省级", "市级", "县级"] {
            #expect(html.contains(">\(name)</text>"), "\(name) missing")
        }
        #expect(html.contains("<h1>Groundwork 测算报告</h1>") && html.contains("<h3>分级负担</h3>"))
        #expect(
            titles(html) == [
                "年度支出（分项目）", "累计支出与预算额度", "各县区年度建成场所", "各岗位月报酬与农村居民收入", "各县区支出（2014–2030）",
                "各县区人均支出", "分级财政年度支出", "分级财政累计支出",
            ])
        #expect(html.contains("<th>县区</th>") && html.contains("<th>行政村数</th>"))
        // No English item or level name in a heading, a legend or a table header.
        var visible = titles(html)
        for tag in ["h1", "h2", "h3", "th"] {
            visible += html.components(separatedBy: "<\(tag)>").dropFirst().map {
                String($0[..<$0.range(of: "</\(tag)>")!.lowerBound])
            }
        }
        visible += html.components(separatedBy: "<g class=\"legend\">").dropFirst().map {
            String($0[..<$0.range(of: "</g>")!.lowerBound])
        }
        for english in LineItem.allCases.map(\.key) + ReportPage.itemNames + [
            "province", "city", "county", "Yearly", "Cumulative", "Who pays",
        ] {
            #expect(!visible.contains { $0.contains(english) }, "\(english) is visible in English")
        }
        // Every CSV file, the chart data included, is the same bytes in both languages.
        let names = try FileManager.default.contentsOfDirectory(atPath: english.path).filter {
            $0.hasSuffix(".csv")
        }
        #expect(names.contains("report_outlay_by_item.csv") && names.contains("summary.csv"))
        for name in names {
            #expect(
                try Data(contentsOf: english.appendingPathComponent(name))
                    == Data(contentsOf: chinese.appendingPathComponent(name)), "\(name) differs")
        }
        // The English page is the default's, byte for byte, and `report DIR --lang zh` the zh page.
        let en = root.appendingPathComponent("en.html")
        try groundwork(["report", english.path, "--out", en.path, "--lang", "en", "--quiet"])
        #expect(try Data(contentsOf: en) == Data(contentsOf: english.appendingPathComponent("report.html")))
        let zh = root.appendingPathComponent("zh.html")
        try groundwork(["report", chinese.path, "--out", zh.path, "--lang", "zh", "--quiet"])
        #expect(try read(zh) == html)
    }
}
