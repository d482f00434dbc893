import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 9: actual outturn in the closed years, `variance.csv` and `outturn.csv`.
///
/// The scenario, worked out by hand: one county A of 10 villages, 2014-2016, one venue of
/// 100,000 yuan built in 2014, operating funds 1,000 a village (10,000 a year), nothing else
/// (pay after the horizon, pension 0). Planned per year: construction 100,000 / 0 / 0, funds
/// 10,000 every year.
@Suite("MODEL 9 actual outturn")
struct OutturnTests {
    static let scenario = """
        horizon: {start: 2014, end: 2016}
        rural_income: {value: 13200}
        pay: {start: 2030}
        pension: {per_person: 0}
        operating_funds: {per_village: 1000}
        venues: {schedule: {2014: 1}, unit_cost: 100000}
        actuals: {file: actuals.csv, through: 2015}

        """
    static let portfolio = "county,villages,venues_needed\nA,10,1\n"

    static func project(_ actuals: String, extra: String = "") throws -> BuiltScenario {
        try ScenarioBuilder.project(
            yaml: Self.scenario + extra, csv: Self.portfolio, files: ["actuals.csv": actuals])
    }

    static func lines(_ bytes: [UInt8]?) -> [String] {
        String(decoding: bytes ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test(
        "a closed year's cell is the actual; a cell the file does not list is 0.00; later years are projected"
    )
    func closedYears() throws {
        let built = try Self.project(
            "county,year,item,amount,note\nA,2014,venue_construction,97000,3% under\nA,2015,operating_funds, 10200.5 ,\n"
        )
        #expect(built.series(.venueConstruction) == [9_700_000, 0, 0])
        // 2014's funds are not listed: nothing was spent. 2016 is projected as before.
        #expect(built.series(.operatingFunds) == [0, 1_020_050, 1_000_000])
        #expect(built.projection.closedYears == 0..<2)
        #expect(built.projection.plannedCells != nil)
        built.projection._checkInvariants()
    }

    @Test("variance and outturn by hand, for two items and one year, and a year where the plan is zero")
    func varianceByHand() throws {
        // 2014: b = (100,000 construction, 10,000 funds), a = (97,000, 12,000). B = 110,000,
        // A = 109,000. PI-1 = 100 x 109,000 / 110,000 = 99.090909... -> 99.090909.
        // PI-2 = 100 x (|97,000 - 100,000 x 109/110| + |12,000 - 10,000 x 109/110|) / 109,000
        //      = 100 x (2,090.9090... + 2,090.9090...) / 109,000 = 3.836530... -> 3.83653.
        // 2015: b = (0, 10,000), a = (500, 10,000): construction's plan is zero, so its
        // variance_pct is empty; B = 10,000, A = 10,500: PI-1 = 105, PI-2 = 100 x (|500 - 0| +
        // |10,000 - 10,500|) / 10,500 = 9.523809...
        let built = try Self.project(
            """
            county,year,item,amount
            A,2014,venue_construction,97000
            A,2014,operating_funds,12000
            A,2015,venue_construction,500
            A,2015,operating_funds,10000

            """)
        let variance = Self.lines(OutturnTables.variance([built.projection]))
        #expect(variance[0] == "scenario,county,year,item,planned,actual,variance,variance_pct")
        #expect(variance[1] == "scenario,A,2014,venue_construction,100000.00,97000.00,-3000.00,-3")
        #expect(variance[2] == "scenario,A,2014,venue_upkeep,0.00,0.00,0.00,")
        #expect(variance[3] == "scenario,A,2014,operating_funds,10000.00,12000.00,2000.00,20")
        #expect(variance[7] == "scenario,A,2015,venue_construction,0.00,500.00,500.00,")
        #expect(variance.count == 1 + 2 * 6)
        let outturn = Self.lines(OutturnTables.outturn([built.projection]))
        #expect(
            outturn == [
                "scenario,year,planned,actual,aggregate_outturn,composition_variance",
                "scenario,2014,110000.00,109000.00,99.090909,3.83653",
                "scenario,2015,10000.00,10500.00,105,9.52381",
            ])
    }

    @Test("PI-1 is empty where the plan is 0, PI-2 also where nothing was spent")
    func emptyMeasures() {
        #expect(OutturnTables.measures(planned: [0, 0], actual: [5, 0]) == (nil, nil))
        #expect(OutturnTables.measures(planned: [100, 0], actual: [0, 0]) == ("0", nil))
        #expect(OutturnTables.measures(planned: [200, 100], actual: [100, 200]) == ("100", "66.666667"))
    }

    @Test("an actual is split among the payers by its county's funding")
    func actualsSplit() throws {
        // 10,200.51 yuan = 1,020,051 cents at 0.5/0.5: 510,025.5 each, the cent to the city.
        let yaml = Self.scenario.replacingOccurrences(
            of: "operating_funds: {per_village: 1000}",
            with: "operating_funds: {per_village: 1000, payer: {city: 0.5, county: 0.5}}")
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: Self.portfolio,
            files: ["actuals.csv": "county,year,item,amount\nA,2015,operating_funds,10200.51\n"])
        let rows = Self.lines(ForecastTables.forecast([built.projection]))
            .filter { $0.contains(",2015,operating_funds,") }
        #expect(
            rows == [
                "scenario,A,2015,operating_funds,city,5100.26",
                "scenario,A,2015,operating_funds,county,5100.25",
            ])
    }

    @Test("Monte Carlo: every quantile of a closed year is the actual; later years vary")
    func monteCarloClosedYears() throws {
        let built = try Self.project(
            "county,year,item,amount\nA,2014,operating_funds,12345.67\nA,2015,operating_funds,11000\n",
            extra: """
                uncertainty:
                  draws: 200
                  seed: 7
                  parameters:
                    operating_funds.growth: {normal: {mean: 0.05, sd: 0.02}, per_year: true}
                    operating_funds.per_village: {uniform: {min: 900, max: 1100}}

                """)
        let risk = try MonteCarlo.run(built.projection, portfolio: built.portfolio)
        let items = LineItem.allCases.count
        for year in 0..<2 {
            let cell = risk.cells[year * items + LineItem.operatingFunds.rawValue]
            let actual = built.projection.cell(county: 0, year: year, item: .operatingFunds)
            #expect([cell.mean, cell.p05, cell.p50, cell.p95] == [actual, actual, actual, actual])
        }
        let later = risk.cells[2 * items + LineItem.operatingFunds.rawValue]
        #expect(later.p05 < later.p95)
        // The year totals of closed years are fixed too.
        #expect(risk.totals[0].p05 == risk.totals[0].p95)
        #expect(risk.totals[0].p50 == 1_234_567)
    }

    static func errors(_ actuals: String?, scenario: String = OutturnTests.scenario) throws -> [Diagnostic] {
        let files = actuals.map { ["actuals.csv": $0] } ?? [:]
        let path = try ScenarioBuilder.write(yaml: scenario, csv: Self.portfolio, files: files)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return thrownDiagnostics { () throws(DiagnosticError) in
            let scenario = try ScenarioLoader.load(path)
            let portfolio = try PortfolioLoader.load(scenario.portfolioPath)
            let totals = CountyTotals(portfolio)
            _ = try Actuals.load(scenario.actuals!, scenario: scenario, counties: totals.counties)
        }
    }

    @Test(
        "each problem of the file is an error at its line and field",
        arguments: [
            ("county,year,item,amount\nB,2014,venue_construction,1\n", 2, 1, "not a county of the portfolio"),
            (
                "county,year,item,amount\nA,2016,venue_construction,1\n", 2, 2,
                "after `actuals.through` (2015)"
            ),
            ("county,year,item,amount\nA,2013,venue_construction,1\n", 2, 2, "before the horizon's start"),
            (
                "county,year,item,amount\nA,2014,venue_constructoin,1\n", 2, 3,
                "did you mean `venue_construction`?"
            ),
            ("county,year,item,amount\nA,2014,pension_topup,-5\n", 2, 4, "must not be negative"),
            ("county,year,item,amount\nA,2014,pension_topup,1.500\n", 2, 4, "more than two decimals"),
            ("county,year,item,amount\nA,2014,pension_topup,12a\n", 2, 4, "digits with at most two decimals"),
            ("county,year,item,amount\nA,2014,pension_topup,1e5\n", 2, 4, "digits with at most two decimals"),
            ("county,year,item,amount\nA,2014,pension_topup,\n", 2, 4, "`amount` is empty"),
            ("county,year,amount\nA,2014,5\n", 1, 1, "missing required column `item`"),
            ("county,year,item,amount\n\"A,2014,pension_topup,5\n", 2, 1, "quoted field"),
            ("county,year,item,amount,memo\nA,2014,pension_topup,5,x\n", 1, 5, "unknown column `memo`"),
        ])
    func fileErrors(file: String, line: Int, column: Int, words: String) throws {
        let diagnostics = try Self.errors(file)
        let first = try #require(diagnostics.first)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(first.location.file.hasSuffix("actuals.csv"), "\(first)")
        #expect(first.location.line == line && first.location.column == column, "\(first)")
        #expect(first.message.contains(words), "\(first.message)")
    }

    @Test("a (county, year, item) listed twice names both lines")
    func duplicate() throws {
        let diagnostics = try Self.errors(
            "county,year,item,amount\nA,2014,pension_topup,1\nA,2014,pension_topup,2\n")
        #expect(
            diagnostics.map(\.message) == ["A, 2014, pension_topup is listed twice: on line 2 and on line 3"])
        #expect(diagnostics.first?.location.line == 3)
    }

    @Test("a missing file is an error where the scenario names it; `through` outside the horizon at its key")
    func scenarioErrors() throws {
        let missing = try Self.errors(nil)
        #expect(missing.count == 1)
        #expect(missing.first?.location.file.hasSuffix("scenario.yaml") == true)
        #expect(missing.first?.location.line == 8)
        #expect(missing.first?.message.contains("no such file") == true)
        let outside = thrownDiagnostics { () throws(DiagnosticError) in
            let path = try! ScenarioBuilder.write(
                yaml: Self.scenario.replacingOccurrences(of: "through: 2015", with: "through: 2017"),
                csv: Self.portfolio, files: ["actuals.csv": "county,year,item,amount\n"])
            _ = try ScenarioLoader.load(path)
        }
        #expect(outside.count == 1)
        #expect(
            outside.first?.message.contains("`actuals.through` (2017) is outside the horizon 2014-2016")
                == true)
        #expect(outside.first?.location.column == 39)
    }

    @Test("a file with a header and no row closes the years at 0.00")
    func headerOnly() throws {
        let built = try Self.project("county,year,item,amount\n")
        #expect(built.series(.operatingFunds) == [0, 0, 1_000_000])
    }
}
