import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 10: grids, `sweep` and `solve`. Every grid point must be exactly the
/// deterministic run of the scenario with that value written in.
@Suite("MODEL 10 sweep and solve")
struct SweepTests {
    /// Two counties, a venue build under no cap, pay, pension with former cadres, shares,
    /// an envelope on the venue items and the city, and prices: every item moves.
    static let scenario = """
        horizon: {start: 2014, end: 2021}
        venues: {schedule: {2014: 3, 2015: 2}, unit_cost: {2014: 150000, 2016: 160000}, cost_growth: 0.03,
                 payment_profile: [0.6, 0.4], upkeep_rate: 0.01, payer: {city: 0.7, county: 0.3}}
        operating_funds: {per_village: 70000, growth: {2014: 0, 2017: 0.02}}
        pay: {start: 2015, round_to: 10}
        rural_income: {value: 13200, growth: 0.08}
        pension: {former: {covered: true, turnover: 0.05, exit: 0.03, initial_per_village: 1}}
        envelope: {amount: 2000000, items: [venue_construction, venue_upkeep], payer: city}
        prices: {base_year: 2015, inflation: 0.02, discount_rate: 0.03}

        """
    static let portfolio = "county,villages,venues_needed\nA,12,3\nB,8,2\n"

    static func built(_ extra: String = "") throws -> BuiltScenario {
        try ScenarioBuilder.project(yaml: Self.scenario + extra, csv: Self.portfolio)
    }

    /// The figures of a separate deterministic run of the scenario with `values` written in.
    static func separateRun(_ built: BuiltScenario, _ grids: [Grid], _ values: [ExactDecimal]) throws
        -> GridFigures
    {
        var scenario = built.scenario
        for (grid, value) in zip(grids, values) { grid.parameter.replace(in: &scenario, withExact: value) }
        let plan = try Plan(scenario: scenario, portfolio: built.portfolio, totals: built.plan.totals)
        let projection = try Projector.project(plan)
        return GridFigures(
            total: projection.total, envelope: projection.envelopeUse, venuesDeferred: plan.venuesDeferred,
            totalReal: projection.prices?.rows.last?.cumulativeReal,
            totalPresentValue: projection.prices?.rows.last?.cumulativePresentValue)
    }

    @Test("grids are exact decimals from the text: 0.04 + 12 x 0.005 is exactly 0.1")
    func exactGrids() throws {
        let grid = try Grid("rural_income.growth=0.04:0.10:0.005")
        #expect(grid.count == 13)
        #expect(grid.value(12).description == "0.1")
        #expect((0..<13).map { grid.value($0).description }.prefix(3) == ["0.04", "0.045", "0.05"])
        // HI not on the grid: K = floor((0.3 - 0.1) / 0.15) = 1.
        let short = try Grid("venues.upkeep_rate=0.1:0.3:0.15")
        #expect(short.count == 2)
        #expect(short.value(1).description == "0.25")
        let cost = try Grid("venues.unit_cost=150000:250000:5000")
        #expect(cost.count == 21)
        #expect(cost.value(20).description == "250000")
        #expect(try Grid("pay.basic_share=0.5:0.5:1").count == 1)
    }

    @Test("property: every point of random small sweeps equals a separate run with the value written in")
    func everyPointIsARun() throws {
        let built = try Self.built()
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let candidates = [
            "venues.unit_cost=140000:200000:20000", "venues.cost_growth=-0.02:0.06:0.04",
            "venues.upkeep_rate=0:0.04:0.02", "venues.annual_cap=200000:800000:300000",
            "operating_funds.per_village=60000:80000:10000", "operating_funds.growth=0:0.04:0.02",
            "rural_income.value=12000:15000:1500", "rural_income.growth=0.04:0.12:0.04",
            "pay.secretary_monthly=1000:1300:150", "pay.income_multiple=0.8:1.2:0.2",
            "pay.basic_share=0.5:0.9:0.2", "pay.performance_payout=0.5:1.1:0.3",
            "pay.ratios.director=0.6:1:0.2", "pension.per_person=800:1200:200",
            "pension.growth=0:0.06:0.03", "pension.former.turnover=0:0.1:0.05",
            "pension.former.exit=0:0.06:0.03", "pension.former.initial_per_village=0:2:1",
            "cadres.per_village.other=2:4:1", "envelope.amount=1000000:3000000:1000000",
            "prices.inflation=0:0.04:0.02", "prices.discount_rate=0.01:0.05:0.02",
        ]
        for round in 0..<24 {
            // One or two distinct grids; the annual cap's points re-plan.
            let first = candidates[next(candidates.count)]
            var texts = [first]
            if round % 2 == 1 {
                let second = candidates[next(candidates.count)]
                if second.split(separator: "=")[0] != first.split(separator: "=")[0] { texts.append(second) }
            }
            let grids = try texts.map { try Grid($0) }
            let evaluator = try GridEvaluator(
                built.projection, portfolio: built.portfolio, grids: grids, threads: 2)
            let points = try evaluator.sweep()
            #expect(points.count == evaluator.combinations)
            for (combination, figures) in points.enumerated() {
                let indices = evaluator.indices(of: combination)
                let values = zip(grids, indices).map { $0.value($1) }
                let expected = try Self.separateRun(built, grids, values)
                #expect(figures == expected, "\(texts) at \(values)")
            }
        }
    }

    @Test("a sweep over a parameter that is a year map in the scenario: the value replaces the map")
    func yearMapReplaced() throws {
        let built = try Self.built()
        let grid = try Grid("venues.unit_cost=150000:150000:1")
        let figures = try GridEvaluator(built.projection, portfolio: built.portfolio, grids: [grid]).figures(
            at: 0)
        // The map {2014: 150000, 2016: 160000} becomes 150000 in every year: the same as a
        // scenario that writes `unit_cost: 150000`.
        let flat = try Self.built().scenario
        #expect(flat.venues.unitCost != YearMap(150_000))
        let written = try ScenarioBuilder.project(
            yaml: Self.scenario.replacingOccurrences(of: "{2014: 150000, 2016: 160000}", with: "150000"),
            csv: Self.portfolio)
        #expect(figures.total == written.projection.total)
        #expect(figures.envelope == written.projection.envelopeUse)
    }

    @Test("a price rate on a scenario without prices adds the section; sweep.csv then has the real totals")
    func priceRateAddsPrices() throws {
        let built = try ScenarioBuilder.project(
            yaml: Self.scenario.replacingOccurrences(
                of: "prices: {base_year: 2015, inflation: 0.02, discount_rate: 0.03}\n", with: ""),
            csv: Self.portfolio)
        #expect(built.scenario.prices == nil)
        let grid = try Grid("prices.inflation=0:0.02:0.02")
        let evaluator = try GridEvaluator(built.projection, portfolio: built.portfolio, grids: [grid])
        #expect(evaluator.hasPrices)
        let points = try evaluator.sweep()
        // Inflation 0 and no discount: the real and present-value totals are the total.
        #expect(points[0].totalReal == points[0].total)
        #expect(points[0].totalPresentValue == points[0].total)
        #expect(points[1].totalReal! < points[1].total)
    }

    @Test("solve equals a brute-force scan of the grid on monotone targets, both directions")
    func solveIsTheScan() throws {
        let built = try Self.built()
        for (text, target, smallest) in [
            ("venues.unit_cost=100000:1000000:1000", SolveTarget.envelope, false),
            ("pay.secretary_monthly=500:3000:10", SolveTarget.totalAtMost(ExactDecimal("25000000")!), false),
            ("envelope.amount=500000:5000000:10000", SolveTarget.envelope, true),
        ] {
            let grid = try Grid(text)
            let evaluator = try GridEvaluator(built.projection, portfolio: built.portfolio, grids: [grid])
            let result = try Solve.run(evaluator, target: target, smallest: smallest)
            let holds = try (0..<grid.count).map { try target.holds(evaluator.figures(at: $0)) }
            let scan = smallest ? holds.firstIndex(of: true)! : holds.lastIndex(of: true)!
            #expect(result.index == scan, "\(text)")
            let next = smallest ? scan - 1 : scan + 1
            if (0..<grid.count).contains(next) {
                #expect(result.next?.index == next)
                #expect(!holds[next])
            } else {
                #expect(result.next == nil)
            }
        }
    }

    @Test("the answer in one sentence, and solve.csv with the next value's figures")
    func solveOutputs() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        temp.write("p.csv", Self.portfolio)
        let path = temp.write("s.yaml", "portfolio: p.csv\n" + Self.scenario)
        let solved = try SweepRun.solve(
            path, grid: "venues.unit_cost=100000:1000000:1000", target: "envelope", smallest: false)
        let answer = try #require(solved.solution)
        let sentence = solved.sentence()
        #expect(sentence.hasPrefix("the highest venues.unit_cost that keeps the envelope is "))
        #expect(sentence.contains("it is breached in \(answer.next!.figures.breachYear!)"))
        let rows = String(decoding: solved.solveCSV(), as: UTF8.self).split(separator: "\n")
        #expect(rows.count == 2)
        #expect(rows[1].hasPrefix("s,venues.unit_cost,envelope,\(answer.value),"))
        let total = try SolveTarget("total <= 12500000.50")
        #expect(total.text == "total<=12500000.5")
        #expect(total.holds(GridFigures(total: 1_250_000_050, envelope: nil, venuesDeferred: 0)))
        #expect(!total.holds(GridFigures(total: 1_250_000_051, envelope: nil, venuesDeferred: 0)))
    }

    @Test(
        "each mistake on the command line is an error naming the grid or option, and nothing is written",
        arguments: [
            (["--vary", "venues.unit_cots=1:2:1"], "did you mean `venues.unit_cost`?"),
            (["--vary", "venues.schedule=1:2:1"], "cannot be varied"),
            (["--vary", "venues.unit_cost=150000:250000:0"], "STEP must be > 0"),
            (["--vary", "venues.unit_cost=250000:150000:1000"], "LO (250000) is above HI (150000)"),
            (["--vary", "venues.unit_cost=150000-250000"], "a grid is PATH=LO:HI:STEP"),
            (["--vary", "venues.unit_cost=1e5:2e5:1e4"], "is not a number written as"),
            (["--vary", "pay.basic_share=0.5:1.5:0.5"], "is outside the range of `pay.basic_share`"),
            (
                ["--vary", "venues.unit_cost=1:2000:1", "--vary", "rural_income.growth=0:1:0.001"],
                "at most 1,000,000"
            ),
            (
                ["--vary", "venues.unit_cost=1:2:1", "--vary", "venues.unit_cost=3:4:1"],
                "`venues.unit_cost` is varied twice"
            ),
        ])
    func sweepErrors(arguments: [String], words: String) throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        temp.write("p.csv", Self.portfolio)
        let path = temp.write("s.yaml", "portfolio: p.csv\n" + Self.scenario)
        let result = try CommandLineTool.run(["sweep", path] + arguments + ["--out", temp.url("out")])
        #expect(result.status != 0)
        #expect(result.standardError.contains(words), "\(result.standardError)")
        #expect(result.standardError.hasPrefix("command line:1:"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: temp.url("out")))
    }

    @Test("solve: a malformed --keep, `envelope` without an envelope, and a target failing at the safe end")
    func solveErrors() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        temp.write("p.csv", Self.portfolio)
        let path = temp.write("s.yaml", "portfolio: p.csv\n" + Self.scenario)
        let bare = temp.write(
            "bare.yaml",
            "portfolio: p.csv\n"
                + Self.scenario.replacingOccurrences(
                    of:
                        "envelope: {amount: 2000000, items: [venue_construction, venue_upkeep], payer: city}\n",
                    with: ""))
        for (scenario, arguments, words) in [
            (path, ["--vary", "venues.unit_cost=1:2:1", "--keep", "total<12"], "the target is `envelope`"),
            (bare, ["--vary", "venues.unit_cost=1:2:1", "--keep", "envelope"], "has no envelope"),
            (bare, ["--vary", "envelope.amount=1:2:1", "--keep", "total<=5"], "has no envelope to vary"),
            (
                path, ["--vary", "venues.unit_cost=1000000:2000000:100000", "--keep", "envelope"],
                "fails at venues.unit_cost=1000000, the safe end of the grid"
            ),
        ] {
            let result = try CommandLineTool.run(
                ["solve", scenario] + arguments + ["--out", temp.url("out")])
            #expect(result.status != 0)
            #expect(result.standardError.contains(words), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: temp.url("out")))
        }
    }

    @Test("end to end: the README's sweep and solve of the Nanyang baseline")
    func readmeCommands() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let baseline = Fixtures.scenario("nanyang-baseline.yaml").path
        let sweep = try CommandLineTool.run([
            "sweep", baseline, "--vary", "venues.unit_cost=150000:250000:5000", "--vary",
            "rural_income.growth=0.04:0.10:0.005", "--out", temp.url("sweep"),
        ])
        #expect(sweep.status == 0, "\(sweep.standardError)")
        #expect(sweep.standardOutput.contains("venues.unit_cost \\ rural_income.growth"))
        let rows = try SimpleCSV.records(URL(fileURLWithPath: temp.url("sweep/sweep.csv")))
        #expect(rows.count == 21 * 13)
        // The baseline's own point (150,000 and 8%) is the baseline's headline.
        let own = rows.first { $0["venues.unit_cost"] == "150000" && $0["rural_income.growth"] == "0.08" }
        #expect(own?["total"] == "12496958796.58")
        #expect(own?["breach_year"] == "2016")
        let solve = try CommandLineTool.run([
            "solve", Fixtures.scenario("nanyang-venue-standard.yaml").path, "--vary",
            "venues.unit_cost=150000:400000:100", "--keep", "envelope", "--out", temp.url("solve"),
        ])
        #expect(solve.status == 0, "\(solve.standardError)")
        #expect(solve.standardOutput.hasPrefix("the highest venues.unit_cost that keeps the envelope is "))
    }

    @Test("sweep --xlsx and solve --xlsx: the workbook's sheet equals the CSV")
    func workbooks() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let baseline = Fixtures.scenario("nanyang-baseline.yaml").path
        for (command, arguments) in [
            (
                "sweep",
                ["--vary", "venues.unit_cost=150000:250000:5000", "--vary", "pay.basic_share=0.6:0.8:0.1"]
            ),
            ("solve", ["--vary", "venues.unit_cost=150000:400000:100", "--keep", "total<=13000000000"]),
        ] {
            let out = temp.url(command)
            let result = try CommandLineTool.run(
                [command, baseline] + arguments + ["--out", out, "--xlsx", "--quiet"])
            #expect(result.status == 0, "\(result.standardError)")
            let comparison = try WorkbookReader.compare(out + "/groundwork.xlsx", with: out)
            #expect(comparison.equal, "\(comparison.report)")
        }
    }
}
