import Foundation

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// Builds a scenario and its portfolio from YAML and CSV text written to a fresh temporary
/// directory, so that the per-rule tests go through the real loaders, then plans and projects.
///
/// The scenario file is `scenario.yaml` and the portfolio `portfolio.csv`; the YAML given
/// should not name `portfolio:` (the builder adds `portfolio: portfolio.csv`).
enum ScenarioBuilder {
    /// One county, `villages` villages, `needed` venues needed, cadre cells blank.
    static func oneCounty(villages: Int, needed: Int = 0, county: String = "A") -> String {
        "county,villages,venues_needed\n\(county),\(villages),\(needed)\n"
    }

    /// Writes the two files into a new temporary directory; returns the scenario's path.
    static func write(yaml: String, csv: String, files: [String: String] = [:]) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("groundwork-rules-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let scenario = directory.appendingPathComponent("scenario.yaml")
        let portfolio = directory.appendingPathComponent("portfolio.csv")
        try Data(("portfolio: portfolio.csv\n" + yaml).utf8).write(to: scenario)
        try Data(csv.utf8).write(to: portfolio)
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        return scenario.path
    }

    /// Loads the scenario and portfolio and makes the plan (which may throw a DiagnosticError).
    /// `files` are written beside the scenario (an actuals CSV, say).
    static func plan(yaml: String, csv: String, files: [String: String] = [:]) throws -> (
        scenario: Scenario, portfolio: Portfolio, plan: Plan
    ) {
        let path = try write(yaml: yaml, csv: csv, files: files)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let scenario = try ScenarioLoader.load(path)
        let portfolio = try PortfolioLoader.load(scenario.portfolioPath)
        let totals = CountyTotals(portfolio)
        let actuals = try scenario.actuals.map { (parameters) throws(DiagnosticError) in
            try Actuals.load(parameters, scenario: scenario, counties: totals.counties)
        }
        let plan = try Plan(scenario: scenario, portfolio: portfolio, totals: totals, actuals: actuals)
        plan._checkInvariants()
        return (scenario, portfolio, plan)
    }

    /// Loads, plans and projects.
    static func project(yaml: String, csv: String, files: [String: String] = [:]) throws -> BuiltScenario {
        let (scenario, portfolio, plan) = try plan(yaml: yaml, csv: csv, files: files)
        let projection = try Projector.project(plan)
        projection._checkInvariants()
        return BuiltScenario(scenario: scenario, portfolio: portfolio, plan: plan, projection: projection)
    }
}

/// A projected scenario with accessors by calendar year and county name.
struct BuiltScenario {
    let scenario: Scenario
    let portfolio: Portfolio
    let plan: Plan
    let projection: Projection

    var horizon: ClosedRange<Int> { scenario.horizon }

    /// The forecast cell of one county, year and item, in cents.
    func cents(_ item: LineItem, _ year: Int, county: String = "A") -> Int64 {
        let index = plan.totals.counties.firstIndex(of: county)!
        return projection.cell(county: index, year: year - horizon.lowerBound, item: item)
    }

    /// The cells of one county and item over the whole horizon, in cents.
    func series(_ item: LineItem, county: String = "A") -> [Int64] {
        horizon.map { cents(item, $0, county: county) }
    }

    /// An item summed over counties, per horizon year, in cents.
    func totals(_ item: LineItem) -> [Int64] {
        horizon.map { projection.itemTotal(year: $0 - horizon.lowerBound, item: item) }
    }

    /// Venues completed per county and horizon year.
    func completions(county: String) -> [Int] {
        let index = plan.totals.counties.firstIndex(of: county)!
        let years = horizon.count
        return (0..<years).map { plan.completions[index * years + $0] }
    }

    /// The rows of `summary.csv` for this scenario, keyed by column name.
    func summaryRows() -> [[String: String]] {
        Self.records(ForecastTables.summary([projection]))
    }

    /// The row of `headline.csv` for this scenario, keyed by column name.
    func headline() -> [String: String] {
        Self.records(ForecastTables.headline([projection]))[0]
    }

    /// The rows of `pay.csv`, keyed by column name.
    func payRows() -> [[String: String]] {
        Self.records(ForecastTables.pay([projection]))
    }

    /// A plain split of the engine's CSV (the tests' scenario names and numbers need no quoting).
    private static func records(_ bytes: [UInt8]) -> [[String: String]] {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = lines[0]
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
