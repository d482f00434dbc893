import Foundation
import GroundworkCore
import GroundworkIO

/// Reading a run's files into `ReportData`: from a directory on disk or from the bytes
/// `run --report` has just written. `headline.csv` names the scenarios and their horizons;
/// a `Reader` then fills them from the other files, one file at a time.
extension ReportData {
    /// Reads the files of the run directory `directory`.
    public init(directory: String) throws(DiagnosticError) {
        // A run killed while committing its files is finished first (`OutputDirectory`).
        OutputDirectory.recover(directory)
        var files: [String: [UInt8]] = [:]
        for name in Self.requiredFiles + Self.optionalFiles {
            let path = Path.join(directory, name)
            if OutputFile.exists(path) {
                files[name] = try InputFile.readBytes(path)
            } else if Self.requiredFiles.contains(name) {
                throw DiagnosticError(
                    .file(directory), "\(name) is missing: not the output directory of `groundwork run`")
            }
        }
        try self.init(files: files, directory: directory)
    }

    /// Reads a run's files from their bytes, keyed by file name; `directory` names them in errors.
    public init(files: [String: [UInt8]], directory: String = ".") throws(DiagnosticError) {
        var reader = try Reader(files: files, directory: directory)
        try reader.readSummary()
        try reader.readRollout()
        try reader.readPay()
        try reader.readForecast()
        reader.sizeCountyColumns()
        try reader.readCounties()
        try reader.readQuantiles()
        try reader.readRisk()
        try reader.readRiskByYear()
        try reader.readSensitivity()
        try reader.readFunding()
        try reader.readPrices()
        try reader.readOutturn()
        try reader.readVariance()
        self.scenarios = reader.scenarios
        if let manifest = files["manifest.json"],
            let object = try? JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any]
        {
            engineVersion = object["version"] as? String
            command = object["command"] as? [String]
        }
    }

    /// The scenarios of `headline.csv`, filled in from the other files by the `read` methods
    /// (`ReportData+RunFiles.swift`, `+MonteCarloFiles`, `+FundingFiles`, `+OutturnFiles`).
    struct Reader {
        let files: [String: [UInt8]]
        let directory: String
        var scenarios: [Scenario] = []
        /// Scenario positions by name.
        var index: [String: Int] = [:]

        init(files: [String: [UInt8]], directory: String) throws(DiagnosticError) {
            self.files = files
            self.directory = directory
            guard let headline = try table("headline.csv") else {
                throw DiagnosticError(.file(path("headline.csv")), "headline.csv is missing")
            }
            for row in headline.rows {
                let name = try headline.text(row, "scenario")
                let scenario = try Self.scenario(headline, row, name: name)
                index[name] = scenarios.count
                scenarios.append(scenario)
            }
        }

        /// A scenario as `headline.csv`'s row `row` gives it, its yearly figures zero or absent.
        static func scenario(_ headline: CSVTable, _ row: Int, name: String) throws(DiagnosticError)
            -> Scenario
        {
            var scenario = Scenario(name: name)
            scenario.start = try headline.integer(row, "start")
            scenario.end = try headline.integer(row, "end")
            guard scenario.start <= scenario.end else {
                throw headline.error(row, "start", "start is after end")
            }
            scenario.years = Array(scenario.start...scenario.end)
            scenario.total = try headline.amount(row, "total")
            scenario.venuesNeeded = try headline.integer(row, "venues_needed")
            scenario.venuesBuilt = try headline.integer(row, "venues_built")
            scenario.venuesDeferred = try headline.integer(row, "venues_deferred")
            scenario.constructionAfterHorizon = try headline.amount(row, "construction_after_horizon")
            scenario.envelopeAmount = try headline.optionalAmount(row, "envelope_amount")
            scenario.envelopeUsed = try headline.optionalAmount(row, "envelope_used")
            scenario.envelopeRemaining = try headline.optionalAmount(row, "envelope_remaining")
            scenario.breachYear = try headline.optionalInteger(row, "breach_year")
            let years = scenario.years.count
            scenario.items = LineItem.allCases.map { ($0.key, [Double](repeating: 0, count: years)) }
            scenario.totals = [Double](repeating: 0, count: years)
            scenario.cumulative = scenario.totals
            scenario.envelopeCumulative = [Double?](repeating: nil, count: years)
            scenario.ruralIncome = scenario.envelopeCumulative
            scenario.monthlyPay = [
                scenario.envelopeCumulative, scenario.envelopeCumulative, scenario.envelopeCumulative,
            ]
            return scenario
        }

        /// The path of the file `name`, for errors.
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

        /// The file `name` as a table, nil when the run did not write it.
        func table(_ name: String) throws(DiagnosticError) -> CSVTable? {
            guard let bytes = files[name] else { return nil }
            return try CSVTable(bytes: bytes, file: path(name))
        }

        /// The scenario and year index of a row with `scenario` and `year` columns.
        func locate(_ table: CSVTable, _ row: Int) throws(DiagnosticError) -> (Int, Int) {
            let name = try table.text(row, "scenario")
            guard let scenario = index[name] else {
                throw table.error(row, "scenario", "scenario `\(name)` is not in headline.csv")
            }
            let year = try table.integer(row, "year")
            guard let yearIndex = scenarios[scenario].yearIndex(year) else {
                throw table.error(row, "year", "year \(year) is outside the horizon of `\(name)`")
            }
            return (scenario, yearIndex)
        }
    }
}
