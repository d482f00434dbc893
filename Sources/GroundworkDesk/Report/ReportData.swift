import GroundworkCore
import GroundworkEngine
import GroundworkIO
import Foundation

/// The figures of a run directory that the report shows, read from its CSV files with the
/// engine's `CSVReader` (never re-derived from the model): MODEL.md section 8's files, the
/// Monte Carlo files when present, and `counties.csv` and `sensitivity.csv`.
///
/// Built from the files' bytes, so `run --report` reads the very bytes it writes and
/// `groundwork report DIR` the files on disk.
public struct ReportData: Sendable {
    /// The files read, by name: required and optional.
    public static let requiredFiles = [
        "summary.csv", "headline.csv", "rollout.csv", "pay.csv", "forecast.csv",
    ]
    public static let optionalFiles = [
        "counties.csv", "sensitivity.csv", "summary_quantiles.csv", "envelope_risk.csv",
        "envelope_risk_by_year.csv",
        "manifest.json",
    ]

    /// One scenario's figures. Amounts in yuan (exact to the cent in the files).
    public struct Scenario: Sendable {
        public var name: String
        public var start = 0
        public var end = 0
        public var years: [Int] = []
        /// Per item key (`LineItem` order), per year.
        public var items: [(key: String, values: [Double])] = []
        public var totals: [Double] = []
        public var cumulative: [Double] = []
        public var envelopeCumulative: [Double?] = []
        // headline.csv
        public var total = 0.0
        public var venuesNeeded = 0
        public var venuesBuilt = 0
        public var venuesDeferred = 0
        public var constructionAfterHorizon = 0.0
        public var envelopeAmount: Double?
        public var envelopeUsed: Double?
        public var envelopeRemaining: Double?
        public var breachYear: Int?
        // rollout.csv
        public var counties: [String] = []
        /// Per county, per year.
        public var venuesCompleted: [[Int]] = []
        /// Per county: still unbuilt at the end of the horizon.
        public var venuesDeferredByCounty: [Int] = []
        // pay.csv
        public var ruralIncome: [Double?] = []
        /// Per role (secretary, director, other), per year.
        public var monthlyPay: [[Double?]] = [[], [], []]
        // forecast.csv
        /// Horizon total per county, in `counties` order.
        public var countyTotals: [Double] = []
        // counties.csv
        public var villages: [Double?] = []
        public var countyVenuesNeeded: [Int?] = []
        public var population: [Double?] = []
        public var hasCountyFile = false
        // Monte Carlo files
        /// Per year: p05, p50, p95 and mean of the year's total; nil without quantiles.
        public var totalQuantiles: [(mean: Double, p05: Double, p50: Double, p95: Double)]?
        public var draws: Int?
        public var breachProbability: Double?
        public var breachYearMedian: Int?
        public var breachProbabilityByYear: [Double?]?
        public var sensitivity: [SensitivityRow] = []

        init(name: String) { self.name = name }

        func yearIndex(_ year: Int) -> Int? {
            year >= start && year <= end ? year - start : nil
        }
    }

    /// Scenarios in the order of `headline.csv` (the run's command-line order).
    public var scenarios: [Scenario]
    /// `manifest.json`'s engine version and command, when present.
    public var engineVersion: String?
    public var command: [String]?

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
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        func table(_ name: String) throws(DiagnosticError) -> Table? {
            guard let bytes = files[name] else { return nil }
            return try Table(bytes: bytes, file: path(name))
        }
        guard let headline = try table("headline.csv") else {
            throw DiagnosticError(.file(path("headline.csv")), "headline.csv is missing")
        }
        var scenarios: [Scenario] = []
        var index: [String: Int] = [:]
        for row in headline.rows {
            let name = try headline.text(row, "scenario")
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
            index[name] = scenarios.count
            scenarios.append(scenario)
        }

        /// The scenario and year index of a row with `scenario` and `year` columns.
        func locate(_ table: Table, _ row: Int) throws(DiagnosticError) -> (Int, Int) {
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

        if let summary = try table("summary.csv") {
            for row in summary.rows {
                let (s, y) = try locate(summary, row)
                for item in scenarios[s].items.indices {
                    scenarios[s].items[item].values[y] = try summary.amount(row, scenarios[s].items[item].key)
                }
                scenarios[s].totals[y] = try summary.amount(row, "total")
                scenarios[s].cumulative[y] = try summary.amount(row, "cumulative")
                scenarios[s].envelopeCumulative[y] = try summary.optionalAmount(row, "envelope_cumulative")
            }
        }
        if let rollout = try table("rollout.csv") {
            var countyIndex: [[String: Int]] = Array(repeating: [:], count: scenarios.count)
            for row in rollout.rows {
                let (s, y) = try locate(rollout, row)
                let county = try rollout.text(row, "county")
                let c: Int
                if let known = countyIndex[s][county] {
                    c = known
                } else {
                    c = scenarios[s].counties.count
                    countyIndex[s][county] = c
                    scenarios[s].counties.append(county)
                    scenarios[s].venuesCompleted.append([Int](repeating: 0, count: scenarios[s].years.count))
                    scenarios[s].venuesDeferredByCounty.append(0)
                }
                scenarios[s].venuesCompleted[c][y] = try rollout.integer(row, "venues_completed")
                if y == scenarios[s].years.count - 1 {
                    scenarios[s].venuesDeferredByCounty[c] = try rollout.integer(row, "venues_remaining")
                }
            }
        }
        if let pay = try table("pay.csv") {
            for row in pay.rows {
                let (s, y) = try locate(pay, row)
                scenarios[s].ruralIncome[y] = try pay.optionalNumber(row, "rural_income")
                for (role, column) in ["secretary_monthly", "director_monthly", "other_monthly"].enumerated()
                {
                    scenarios[s].monthlyPay[role][y] = try pay.optionalAmount(row, column)
                }
            }
        }
        // forecast.csv: only the horizon total per county is needed, summed in cents.
        if let bytes = files["forecast.csv"] {
            var countyCents: [[String: Int64]] = Array(repeating: [:], count: scenarios.count)
            var countyOrder: [[String]] = Array(repeating: [], count: scenarios.count)
            var columns: (scenario: Int, county: Int, amount: Int)?
            let file = path("forecast.csv")
            try CSVReader.forEachRecord(bytes: bytes, file: file) { (line, fields) throws(DiagnosticError) in
                guard let known = columns else {
                    guard let s = fields.firstIndex(of: "scenario"), let c = fields.firstIndex(of: "county"),
                        let a = fields.firstIndex(of: "amount")
                    else {
                        throw DiagnosticError(
                            SourceLocation(file: file, line: line, column: 1),
                            "forecast.csv lacks a `scenario`, `county` or `amount` column")
                    }
                    columns = (s, c, a)
                    return
                }
                guard fields.count > max(known.scenario, known.county, known.amount) else {
                    throw DiagnosticError(
                        SourceLocation(file: file, line: line, column: 1), "a row has too few fields")
                }
                guard let s = index[fields[known.scenario]] else {
                    throw DiagnosticError(
                        SourceLocation(file: file, line: line, column: known.scenario + 1),
                        "scenario `\(fields[known.scenario])` is not in headline.csv")
                }
                guard let cents = Table.cents(fields[known.amount]) else {
                    throw DiagnosticError(
                        SourceLocation(file: file, line: line, column: known.amount + 1),
                        "`amount` is not an amount: `\(fields[known.amount])`")
                }
                let county = fields[known.county]
                if let sum = countyCents[s][county] {
                    countyCents[s][county] = sum + cents
                } else {
                    countyCents[s][county] = cents
                    countyOrder[s].append(county)
                }
            }
            for s in scenarios.indices {
                // Counties in rollout order (the portfolio's), any others after.
                let order =
                    scenarios[s].counties + countyOrder[s].filter { !scenarios[s].counties.contains($0) }
                scenarios[s].counties = order
                while scenarios[s].venuesCompleted.count < order.count {
                    scenarios[s].venuesCompleted.append([Int](repeating: 0, count: scenarios[s].years.count))
                    scenarios[s].venuesDeferredByCounty.append(0)
                }
                scenarios[s].countyTotals = order.map { Double(countyCents[s][$0] ?? 0) / 100 }
            }
        }
        for s in scenarios.indices {
            let count = scenarios[s].counties.count
            scenarios[s].villages = [Double?](repeating: nil, count: count)
            scenarios[s].countyVenuesNeeded = [Int?](repeating: nil, count: count)
            scenarios[s].population = [Double?](repeating: nil, count: count)
            if scenarios[s].countyTotals.count < count {
                scenarios[s].countyTotals += [Double](
                    repeating: 0, count: count - scenarios[s].countyTotals.count)
            }
        }
        if let counties = try table("counties.csv") {
            for row in counties.rows {
                let name = try counties.text(row, "scenario")
                guard let s = index[name] else { continue }
                let county = try counties.text(row, "county")
                scenarios[s].hasCountyFile = true
                guard let c = scenarios[s].counties.firstIndex(of: county) else { continue }
                scenarios[s].villages[c] = try counties.optionalNumber(row, "villages")
                scenarios[s].countyVenuesNeeded[c] = try counties.optionalInteger(row, "venues_needed")
                scenarios[s].population[c] = try counties.optionalNumber(row, "population")
            }
        }
        if let quantiles = try table("summary_quantiles.csv") {
            for row in quantiles.rows {
                guard try quantiles.text(row, "measure") == "total" else { continue }
                let (s, y) = try locate(quantiles, row)
                if scenarios[s].totalQuantiles == nil {
                    scenarios[s].totalQuantiles = Array(
                        repeating: (0, 0, 0, 0), count: scenarios[s].years.count)
                }
                scenarios[s].totalQuantiles![y] = (
                    try quantiles.amount(row, "mean"), try quantiles.amount(row, "p05"),
                    try quantiles.amount(row, "p50"), try quantiles.amount(row, "p95")
                )
            }
        }
        if let risk = try table("envelope_risk.csv") {
            for row in risk.rows {
                guard let s = index[try risk.text(row, "scenario")] else { continue }
                scenarios[s].draws = try risk.optionalInteger(row, "draws")
                scenarios[s].breachProbability = try risk.optionalNumber(row, "breach_probability")
                scenarios[s].breachYearMedian = try risk.optionalInteger(row, "breach_year_p50")
            }
        }
        if let byYear = try table("envelope_risk_by_year.csv") {
            for row in byYear.rows {
                let (s, y) = try locate(byYear, row)
                guard let probability = try byYear.optionalNumber(row, "breach_probability") else { continue }
                if scenarios[s].breachProbabilityByYear == nil {
                    scenarios[s].breachProbabilityByYear = Array(
                        repeating: nil, count: scenarios[s].years.count)
                }
                scenarios[s].breachProbabilityByYear![y] = probability
            }
        }
        if let sensitivity = try table("sensitivity.csv") {
            for row in sensitivity.rows {
                guard let s = index[try sensitivity.text(row, "scenario")] else { continue }
                func cents(_ column: String) throws(DiagnosticError) -> Int64? {
                    try sensitivity.optionalAmount(row, column).map { Int64(($0 * 100).rounded()) }
                }
                scenarios[s].sensitivity.append(
                    SensitivityRow(
                        scenario: scenarios[s].name, parameter: try sensitivity.text(row, "parameter"),
                        lowValue: try sensitivity.number(row, "low_value"),
                        highValue: try sensitivity.number(row, "high_value"),
                        totalLow: try cents("total_low"), totalHigh: try cents("total_high"),
                        envelopeUsedLow: try cents("envelope_used_low"),
                        envelopeUsedHigh: try cents("envelope_used_high")))
            }
        }
        self.scenarios = scenarios
        if let manifest = files["manifest.json"],
            let object = try? JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any]
        {
            engineVersion = object["version"] as? String
            command = object["command"] as? [String]
        }
    }
}

/// A CSV file with a header, its cells looked up by column name; errors name file, line and
/// column (MODEL.md section 6).
struct Table {
    let file: String
    let header: [String: Int]
    let records: [CSVRecord]
    var rows: Range<Int> { 0..<records.count }

    init(bytes: [UInt8], file: String) throws(DiagnosticError) {
        let all = try CSVReader.records(bytes: bytes, file: file)
        guard let first = all.first else {
            throw DiagnosticError(.file(file), "the file is empty (no header)")
        }
        var header: [String: Int] = [:]
        for (index, name) in first.fields.enumerated() where header[name] == nil { header[name] = index }
        self.file = file
        self.header = header
        self.records = Array(all.dropFirst())
    }

    func error(_ row: Int, _ column: String, _ message: String) -> DiagnosticError {
        DiagnosticError(
            SourceLocation(file: file, line: records[row].line, column: (header[column] ?? 0) + 1), message)
    }

    func text(_ row: Int, _ column: String) throws(DiagnosticError) -> String {
        guard let index = header[column] else {
            throw DiagnosticError(
                SourceLocation(file: file, line: 1, column: 1), "the column `\(column)` is missing")
        }
        let fields = records[row].fields
        guard index < fields.count else { throw error(row, column, "the row has no `\(column)` field") }
        return fields[index]
    }

    func optionalNumber(_ row: Int, _ column: String) throws(DiagnosticError) -> Double? {
        let cell = try text(row, column).trimmingCharacters(in: .whitespaces)
        if cell.isEmpty { return nil }
        guard let value = Double(cell), value.isFinite else {
            throw error(row, column, "`\(column)` is not a number: `\(cell)`")
        }
        return value
    }

    func number(_ row: Int, _ column: String) throws(DiagnosticError) -> Double {
        guard let value = try optionalNumber(row, column) else {
            throw error(row, column, "`\(column)` is empty")
        }
        return value
    }

    func optionalAmount(_ row: Int, _ column: String) throws(DiagnosticError) -> Double? {
        let cell = try text(row, column)
        if cell.isEmpty { return nil }
        guard let cents = Self.cents(cell) else {
            throw error(row, column, "`\(column)` is not an amount: `\(cell)`")
        }
        return Double(cents) / 100
    }

    func amount(_ row: Int, _ column: String) throws(DiagnosticError) -> Double {
        guard let value = try optionalAmount(row, column) else {
            throw error(row, column, "`\(column)` is empty")
        }
        return value
    }

    func optionalInteger(_ row: Int, _ column: String) throws(DiagnosticError) -> Int? {
        let cell = try text(row, column)
        if cell.isEmpty { return nil }
        guard let value = Int(cell) else {
            throw error(row, column, "`\(column)` is not a whole number: `\(cell)`")
        }
        return value
    }

    func integer(_ row: Int, _ column: String) throws(DiagnosticError) -> Int {
        guard let value = try optionalInteger(row, column) else {
            throw error(row, column, "`\(column)` is empty")
        }
        return value
    }

    /// "-1234.56" (exactly two decimals, as the engine writes amounts) as cents.
    static func cents(_ text: String) -> Int64? {
        var utf8 = Substring(text).utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = -1
        var digits = 0
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard fractionDigits < 0 else { return nil }
                fractionDigits = 0
                continue
            }
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let digit = Int64(byte - 0x30)
            if fractionDigits >= 0 {
                guard fractionDigits < 2 else { return nil }
                fraction = fraction * 10 + digit
                fractionDigits += 1
            } else {
                digits += 1
                guard digits <= 16 else { return nil }
                whole = whole * 10 + digit
            }
        }
        guard digits > 0 else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        let value = whole * 100 + fraction
        return negative ? -value : value
    }
}
