import GroundworkCore
import GroundworkEngine
import GroundworkIO
/// What-ifs set against a base scenario: `groundwork compare` (README "Comparing what-ifs").
///
/// One source of numbers: everything here is read from the in-memory `Projection`s that
/// `Run.project` made (the very cents `forecast.csv`, `summary.csv` and `headline.csv` are
/// written from); nothing of the model is computed again. Differences are exact integer cents.
///
/// A what-if whose horizon differs from the base's is compared on the years the two share:
/// `comparison.csv` has rows only for those years, its `cumulative` item is summed from the
/// first of them, and the measure `total_common_years` of `headline_comparison.csv` is their
/// sum (the other headline measures are each scenario's own, over its own horizon).
public struct Comparison: Sendable {
    public static let comparisonFile = "comparison.csv"
    public static let headlineFile = "headline_comparison.csv"

    public let base: Projection
    public let whatIfs: [Projection]
    /// Per what-if, the years its horizon shares with the base's.
    public let commonYears: [ClosedRange<Int>]

    /// - Throws: a diagnostic at a what-if's horizon when it shares no year with the base's.
    /// Loads and projects the base and the what-ifs (no Monte Carlo draws) and compares them.
    ///
    /// They are projected as two runs, so that a what-if may share the base's name (the base
    /// compared with itself, say); each run checks its own names, and every error of both is
    /// reported. - Returns: the comparison and every input file with its hash, for the manifest.
    public static func project(
        base: String, whatIfs: [String], encoding: TextEncoding = .utf8
    ) throws(DiagnosticError) -> (comparison: Comparison, inputs: [Manifest.Input]) {
        var diagnostics: [Diagnostic] = []
        var baseRun: Run? = nil
        var whatIfRun: Run? = nil
        do { baseRun = try Run.project([base], encoding: encoding, monteCarlo: false) } catch {
            diagnostics += error.diagnostics
        }
        do { whatIfRun = try Run.project(whatIfs, encoding: encoding, monteCarlo: false) } catch {
            diagnostics += error.diagnostics
        }
        guard let baseRun, let whatIfRun, diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        let comparison = try Comparison(base: baseRun.projections[0], whatIfs: whatIfRun.projections)
        var inputs = baseRun.inputs
        for input in whatIfRun.inputs where !inputs.contains(where: { $0.path == input.path }) {
            inputs.append(input)
        }
        return (comparison, inputs)
    }

    public init(base: Projection, whatIfs: [Projection]) throws(DiagnosticError) {
        var diagnostics: [Diagnostic] = []
        var common: [ClosedRange<Int>] = []
        let baseHorizon = base.scenario.horizon
        for whatIf in whatIfs {
            let horizon = whatIf.scenario.horizon
            if horizon.overlaps(baseHorizon) {
                common.append(horizon.clamped(to: baseHorizon))
            } else {
                diagnostics.append(
                    Diagnostic(
                        whatIf.scenario.location(of: .horizonStart),
                        "the horizon \(Self.text(horizon)) of `\(whatIf.scenario.name)` shares no year with the base's, \(Self.text(baseHorizon)) (`\(base.scenario.name)`); there is nothing to compare"
                    ))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        self.base = base
        self.whatIfs = whatIfs
        self.commonYears = common
    }

    // MARK: - comparison.csv

    /// The items of `comparison.csv`, in the order of its rows: the six line items, then the
    /// year's `total` and the `cumulative` total.
    public static let items = LineItem.allCases.map(\.key) + ["total", "cumulative"]

    /// `scenario,year,item,base,value,delta,delta_pct`: one row per what-if x common year x
    /// item. Amounts in yuan with two decimals; `delta` = value - base, exact to the cent;
    /// `delta_pct` = 100 x delta / base, rounded half away from zero to at most six decimals,
    /// empty where the base is 0.
    public func comparisonCSV() -> [UInt8] {
        var writer = CSVWriter(capacity: 64 * whatIfs.count * 8 * max(1, base.years))
        writer.row(["scenario", "year", "item", "base", "value", "delta", "delta_pct"])
        for (whatIf, years) in zip(whatIfs, commonYears) {
            let baseSeries = Self.series(base, years: years)
            let series = Self.series(whatIf, years: years)
            for (index, year) in years.enumerated() {
                let yearText = String(year)
                for (item, name) in Self.items.enumerated() {
                    let old = baseSeries[index][item]
                    let new = series[index][item]
                    writer.field(whatIf.scenario.name)
                    writer.field(yearText)
                    writer.field(name)
                    writer.cents(old)
                    writer.cents(new)
                    writer.cents(new - old)
                    if let percent = Self.percent(new - old, of: old) {
                        writer.field(percent)
                    } else {
                        writer.emptyField()
                    }
                    writer.endRow()
                }
            }
        }
        return writer.bytes
    }

    /// Per year of `years`: the six items' totals, the year's total and the cumulative total
    /// from the first of `years`, in cents, as `items` lists them.
    static func series(_ projection: Projection, years: ClosedRange<Int>) -> [[Int64]] {
        let start = projection.scenario.horizon.lowerBound
        var running: Int64 = 0
        return years.map { year in
            let index = year - start
            var row = LineItem.allCases.map { projection.itemTotal(year: index, item: $0) }
            running += projection.yearTotals[index]
            row.append(projection.yearTotals[index])
            row.append(running)
            return row
        }
    }

    /// 100 x delta / base, as `CSVWriter.decimal` writes it; nil when the base is 0.
    static func percent(_ delta: Int64, of base: Int64, places: Int = 6) -> String? {
        guard base != 0 else { return nil }
        return CSVWriter.decimal(100 * Double(delta) / Double(base), places: places)
    }

    // MARK: - headline_comparison.csv

    /// How a headline measure is written.
    enum Unit: Sendable {
        case cents, count, year
    }

    /// One headline figure of a scenario: its name in the `measure` column, how it is
    /// written, and its value (nil for an empty cell).
    struct Measure: Sendable {
        var name: String
        var unit: Unit
        var value: @Sendable (Projection, ClosedRange<Int>) -> Int64?
    }

    /// The measures of `headline_comparison.csv`, in the order of its rows: the columns of
    /// `headline.csv` (start and end of the horizon, total, venues, construction after the
    /// horizon, envelope, breach year), with `total_common_years` after `total`.
    static let measures: [Measure] = [
        Measure(name: "start", unit: .year) { projection, _ in Int64(projection.scenario.horizon.lowerBound)
        },
        Measure(name: "end", unit: .year) { projection, _ in Int64(projection.scenario.horizon.upperBound) },
        Measure(name: "total", unit: .cents) { projection, _ in projection.total },
        Measure(name: "total_common_years", unit: .cents) { projection, years in
            let start = projection.scenario.horizon.lowerBound
            return years.reduce(Int64(0)) { $0 + projection.yearTotals[$1 - start] }
        },
        Measure(name: "venues_needed", unit: .count) { projection, _ in Int64(projection.plan.venuesNeeded) },
        Measure(name: "venues_built", unit: .count) { projection, _ in Int64(projection.plan.venuesBuilt) },
        Measure(name: "venues_deferred", unit: .count) { projection, _ in
            Int64(projection.plan.venuesDeferred)
        },
        Measure(name: "construction_after_horizon", unit: .cents) { projection, _ in
            projection.constructionAfterHorizonCents
        },
        Measure(name: "envelope_amount", unit: .cents) { projection, _ in
            projection.scenario.envelope?.amountCents
        },
        Measure(name: "envelope_used", unit: .cents) { projection, _ in projection.envelopeUsed },
        Measure(name: "envelope_remaining", unit: .cents) { projection, _ in
            projection.envelopeRemaining
        },
        Measure(name: "breach_year", unit: .year) { projection, _ in projection.breachYear.map(Int64.init) },
    ]

    /// The measures of a what-if's rows: `measures`, with the horizon total of each level
    /// that pays in the base or the what-if (`total_<level>`, MODEL.md section 4) after
    /// `total_common_years`, so that a shift of costs between levels shows who gains and who
    /// loses.
    static func measures(_ base: Projection, _ whatIf: Projection) -> [Measure] {
        let levels = Set(base.plan.funding.levels).union(whatIf.plan.funding.levels).sorted()
        let byLevel = levels.map { level in
            Measure(name: "total_\(level.key)", unit: .cents) { projection, _ in
                var cents: Int64 = 0
                for year in 0..<projection.years {
                    for item in LineItem.allCases {
                        cents += projection.levelTotal(level, year: year, item: item)
                    }
                }
                return cents
            }
        }
        var measures = Self.measures
        let after = measures.firstIndex { $0.name == "total_common_years" }! + 1
        measures.insert(contentsOf: byLevel, at: after)
        return measures
    }

    /// `scenario,measure,base,value,delta`: per what-if, one row per measure (see
    /// `measures`), the base's figure beside the what-if's. Amounts in yuan with two
    /// decimals, counts and years as integers; `delta` = value - base (for `breach_year`,
    /// the years it moved: -1 is a year earlier), empty when either cell is empty.
    public func headlineCSV() -> [UInt8] {
        var writer = CSVWriter(capacity: 1024 * max(1, whatIfs.count))
        writer.row(["scenario", "measure", "base", "value", "delta"])
        for (whatIf, years) in zip(whatIfs, commonYears) {
            for measure in Self.measures(base, whatIf) {
                let old = measure.value(base, years)
                let new = measure.value(whatIf, years)
                writer.field(whatIf.scenario.name)
                writer.field(measure.name)
                for cell in [old, new, old.flatMap { old in new.map { $0 - old } }] {
                    guard let cell else {
                        writer.emptyField()
                        continue
                    }
                    switch measure.unit {
                    case .cents: writer.cents(cell)
                    case .count, .year: writer.integer(Int(cell))
                    }
                }
                writer.endRow()
            }
        }
        return writer.bytes
    }

    // MARK: - Files

    /// `comparison.csv`, `headline_comparison.csv`, with `xlsx` the workbook of the two in
    /// `language` (`groundwork.xlsx`), and `manifest.json` (the inputs of every scenario
    /// compared, the command line, each output's size and SHA-256). With `excel`, the CSV files
    /// get a byte order mark and CRLF line ends (`ExcelCSV`); the workbook is built from the
    /// CSV bytes before that. - Throws: a diagnostic when the workbook cannot be made.
    public func files(
        commandLine: [String], inputs: [Manifest.Input], excel: Bool = false, xlsx: Bool = false,
        language: Language = .en
    ) throws(DiagnosticError) -> [(name: String, bytes: [UInt8])] {
        try outputs(commandLine: commandLine, inputs: inputs, excel: excel, xlsx: xlsx, language: language)
            .files
    }

    /// The files of `files(...)` and the notes for the terminal.
    public func outputs(
        commandLine: [String], inputs: [Manifest.Input], excel: Bool = false, xlsx: Bool = false,
        language: Language = .en
    ) throws(DiagnosticError) -> OutputSet {
        var outputs: [(name: String, bytes: [UInt8])] = [
            (Self.comparisonFile, comparisonCSV()),
            (Self.headlineFile, headlineCSV()),
        ]
        let workbook = xlsx ? try Workbook.make(from: outputs, language: language) : nil
        if excel {
            outputs = outputs.map { ($0.name, ExcelCSV.convert($0.bytes)) }
        }
        if let workbook { outputs.append((Workbook.fileName, workbook.bytes)) }
        let manifest = Manifest.json(
            commandLine: commandLine, inputs: inputs,
            outputs: outputs.map { ($0.name, $0.bytes.count, Manifest.sha256($0.bytes)) })
        return OutputSet(
            files: outputs + [(Manifest.fileName, manifest)], notes: workbook?.splits.map(\.note) ?? [])
    }

    // MARK: - Terminal

    /// One line per what-if whose horizon differs from the base's, saying which years are
    /// compared; empty when every horizon matches.
    public var horizonNotes: [String] {
        zip(whatIfs, commonYears).compactMap { whatIf, years in
            let horizon = whatIf.scenario.horizon
            guard horizon != base.scenario.horizon else { return nil }
            let baseTotal = Self.series(base, years: years).last![LineItem.allCases.count + 1]
            return "\(whatIf.scenario.name) runs \(Self.text(horizon)) and the base \(base.scenario.name) "
                + "\(Self.text(base.scenario.horizon)): compared on their common years \(Self.text(years)) "
                + "(the base's total on those years: \(TerminalTable.grouped(baseTotal)))"
        }
    }

    /// The differences that matter, one row per scenario (the base first): the total over
    /// the years compared and its change, the year whose total changed most, venues deferred
    /// and the envelope's breach year, each as `base -> what-if` when it moved.
    public func table() -> String {
        let header = [
            "scenario", "years", "total (yuan)", "delta (yuan)", "delta %", "largest yearly change",
            "deferred", "breach",
        ]
        let baseBreach = base.breachYear.map(String.init) ?? (base.scenario.envelope == nil ? "-" : "none")
        var rows = [header]
        rows.append([
            base.scenario.name + " (base)", Self.text(base.scenario.horizon),
            TerminalTable.grouped(base.total), "", "",
            "",
            String(base.plan.venuesDeferred), baseBreach,
        ])
        for (whatIf, years) in zip(whatIfs, commonYears) {
            let baseSeries = Self.series(base, years: years)
            let series = Self.series(whatIf, years: years)
            let totalIndex = LineItem.allCases.count
            let oldTotal = baseSeries.last![totalIndex + 1]
            let newTotal = series.last![totalIndex + 1]
            var largest: (year: Int, delta: Int64)? = nil
            for (index, year) in years.enumerated() {
                let delta = series[index][totalIndex] - baseSeries[index][totalIndex]
                if delta != 0, largest.map({ delta.magnitude > $0.delta.magnitude }) ?? true {
                    largest = (year, delta)
                }
            }
            let breach =
                whatIf.breachYear.map(String.init) ?? (whatIf.scenario.envelope == nil ? "-" : "none")
            rows.append([
                whatIf.scenario.name, Self.text(years), TerminalTable.grouped(newTotal),
                Self.signed(newTotal - oldTotal),
                Self.percent(newTotal - oldTotal, of: oldTotal, places: 2).map { $0 + "%" } ?? "-",
                largest.map { "\($0.year): \(Self.signed($0.delta))" } ?? "none",
                Self.moved(base.plan.venuesDeferred, whatIf.plan.venuesDeferred),
                Self.moved(baseBreach, breach),
            ])
        }
        return TerminalTable.render(rows)
    }

    /// `2016` when unchanged, `2016 -> 2015` when it moved.
    static func moved<T: CustomStringConvertible & Equatable>(_ old: T, _ new: T) -> String {
        old == new ? new.description : "\(old) -> \(new)"
    }

    /// Cents grouped as yuan, with a sign: `+30,150,000.00`, `-12.00`, `0.00`.
    static func signed(_ cents: Int64) -> String {
        cents > 0 ? "+" + TerminalTable.grouped(cents) : TerminalTable.grouped(cents)
    }

    static func text(_ years: ClosedRange<Int>) -> String {
        years.lowerBound == years.upperBound
            ? String(years.lowerBound) : "\(years.lowerBound)-\(years.upperBound)"
    }
}
