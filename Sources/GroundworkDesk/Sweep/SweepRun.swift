import GroundworkCore
import GroundworkEngine
import GroundworkIO

/// `groundwork sweep` and `groundwork solve` (MODEL.md section 10): the scenario's run, its
/// grids evaluated point by point, and the files they write.
public struct SweepRun: Sendable {
    public let run: Run
    public let grids: [Grid]
    /// Every combination's figures, the first grid outermost (empty for a solve).
    public let points: [GridFigures]
    /// The answer of a solve.
    public let solution: SolveResult?
    public let hasPrices: Bool
    /// The first combination of `points` (a shard of a sweep runs a block of them).
    public var firstCombination = 0

    public static let sweepFile = "sweep.csv"
    public static let solveFile = "solve.csv"
    /// The most combinations one sweep may run (MODEL.md section 10); a solve has no limit.
    public static let combinationLimit = 1_000_000

    /// Loads the scenario and its portfolio, checks the grids against it and evaluates every
    /// combination. `arguments` are the grids' positions on the command line, where their
    /// errors are located.
    public static func sweep(
        _ path: String, grids texts: [String], arguments: [Int]? = nil, encoding: TextEncoding = .utf8,
        threads: Int = Parallel.processorCount, shard: Run.Shard? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(DiagnosticError) -> SweepRun {
        let (grids, run) = try load(path, grids: texts, arguments: arguments, encoding: encoding)
        let evaluator = try GridEvaluator(
            run.projections[0], portfolio: run.portfolios[0], grids: grids, arguments: arguments,
            threads: threads)
        let combinations = grids.reduce(1) {
            $0.multipliedReportingOverflow(by: $1.count).overflow ? Int.max : $0 * $1.count
        }
        guard combinations <= combinationLimit else {
            throw DiagnosticError(
                Grid.location(argument: arguments?.first ?? 1),
                "the grids give \(combinations) combinations; a sweep runs at most 1,000,000 "
                    + "(widen a STEP, or narrow a range)")
        }
        let range = shard.map { Self.block($0, of: combinations) } ?? 0..<combinations
        let points = try evaluator.sweep(range, progress: progress)
        var result = SweepRun(
            run: run, grids: grids, points: points, solution: nil, hasPrices: evaluator.hasPrices)
        result.firstCombination = range.lowerBound
        return result
    }

    /// Loads the scenario and solves for the grid's value that keeps `target`.
    public static func solve(
        _ path: String, grid text: String, target: String, smallest: Bool, gridArgument: Int = 1,
        targetArgument: Int = 1, encoding: TextEncoding = .utf8, threads: Int = Parallel.processorCount
    ) throws(DiagnosticError) -> SweepRun {
        var diagnostics: [Diagnostic] = []
        var keep: SolveTarget? = nil
        do { keep = try SolveTarget(target, argument: targetArgument) } catch {
            diagnostics += error.diagnostics
        }
        var loaded: (grids: [Grid], run: Run)? = nil
        do {
            loaded = try load(
                path, grids: [text], arguments: [gridArgument], encoding: encoding, unlimited: true)
        } catch {
            diagnostics += error.diagnostics
        }
        guard let keep, let loaded, diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        let (grids, run) = loaded
        let evaluator = try GridEvaluator(
            run.projections[0], portfolio: run.portfolios[0], grids: grids, arguments: [gridArgument],
            threads: threads)
        let result = try Solve.run(evaluator, target: keep, smallest: smallest, keepArgument: targetArgument)
        return SweepRun(run: run, grids: grids, points: [], solution: result, hasPrices: evaluator.hasPrices)
    }

    /// The grids and the scenario's deterministic run, every error of both reported together.
    private static func load(
        _ path: String, grids texts: [String], arguments: [Int]?, encoding: TextEncoding,
        unlimited: Bool = false
    ) throws(DiagnosticError) -> (grids: [Grid], run: Run) {
        var diagnostics: [Diagnostic] = []
        var grids: [Grid] = []
        for (index, text) in texts.enumerated() {
            do {
                grids.append(
                    try Grid(
                        text, argument: arguments?[index] ?? index + 1,
                        limit: unlimited ? nil : combinationLimit))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var run: Run? = nil
        do { run = try Run.project([path], encoding: encoding, monteCarlo: false) } catch {
            diagnostics += error.diagnostics
        }
        guard let run, diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return (grids, run)
    }

    // MARK: - Files

    /// `sweep.csv` or `solve.csv`, with `report` the report (`report.html` and its chart data,
    /// built from those bytes, in `language`), with `xlsx` the workbook of it in `language`,
    /// and the manifest.
    public func files(
        commandLine: [String], report: Bool = false, excel: Bool = false, xlsx: Bool = false,
        language: Language = .en
    ) throws(DiagnosticError) -> [(name: String, bytes: [UInt8])] {
        var outputs: [(name: String, bytes: [UInt8])] =
            solution == nil ? [(Self.sweepFile, sweepCSV())] : [(Self.solveFile, solveCSV())]
        let workbook = xlsx ? try Workbook.make(from: outputs, language: language) : nil
        if report {
            var data = try SweepReportData(files: [outputs[0].name: outputs[0].bytes])
            data.command = commandLine
            data.engineVersion = Engine.version
            // The direction, which solve.csv does not say when every value keeps the target
            // (`report DIR` reads it from the manifest's command line).
            if case .solve(var solve) = data.content, solution?.smallest == true {
                solve.smallestFlag = true
                data.content = .solve(solve)
            }
            outputs += ReportPage.files(data, language: language)
        }
        if excel {
            outputs = outputs.map {
                ExcelCSV.applies(to: $0.name) ? ($0.name, ExcelCSV.convert($0.bytes)) : $0
            }
        }
        if let workbook { outputs.append((Workbook.fileName, workbook.bytes)) }
        let listed = outputs.map { ($0.name, $0.bytes.count, Manifest.sha256($0.bytes)) }
        let manifest = Manifest.json(commandLine: commandLine, inputs: run.inputs, outputs: listed)
        return outputs + [(Manifest.fileName, manifest)]
    }

    /// Writes the files into `directory` atomically (`OutputDirectory`).
    @discardableResult
    public func write(
        to directory: String, commandLine: [String], report: Bool = false, excel: Bool = false,
        xlsx: Bool = false, language: Language = .en
    ) throws(DiagnosticError) -> [String] {
        let files = try files(
            commandLine: commandLine, report: report, excel: excel, xlsx: xlsx, language: language)
        try OutputDirectory.write(files, to: directory)
        return files.map(\.name)
    }

    /// Block `index` of `count` contiguous blocks of the combinations, in grid order.
    public static func block(_ shard: Run.Shard, of combinations: Int) -> Range<Int> {
        (shard.index * combinations / shard.count)..<((shard.index + 1) * combinations / shard.count)
    }

    /// `scenario,PATH1[,PATH2...],total,envelope_used,envelope_remaining,breach_year,venues_deferred`
    /// (then `total_real,total_pv` with prices): one row per combination.
    func sweepCSV() -> [UInt8] {
        var writer = CSVWriter(capacity: 128 * points.count + 256)
        var header = ["scenario"] + grids.map(\.parameter.path)
        header += ["total", "envelope_used", "envelope_remaining", "breach_year", "venues_deferred"]
        if hasPrices { header += ["total_real", "total_pv"] }
        writer.row(header)
        let name = run.projections[0].scenario.name
        let values = grids.map { grid in (0..<grid.count).map { grid.value($0).description } }
        var indices = [Int](repeating: 0, count: grids.count)
        var rest = firstCombination
        for dimension in grids.indices.reversed() {
            indices[dimension] = rest % grids[dimension].count
            rest /= grids[dimension].count
        }
        for figures in points {
            writer.field(name)
            for (dimension, index) in indices.enumerated() { writer.field(values[dimension][index]) }
            Self.headlineFigures(figures, into: &writer)
            writer.field(String(figures.venuesDeferred))
            if hasPrices {
                writer.cents(figures.totalReal ?? 0)
                writer.cents(figures.totalPresentValue ?? 0)
            }
            writer.endRow()
            // The next combination: the last grid innermost.
            for dimension in grids.indices.reversed() {
                indices[dimension] += 1
                if indices[dimension] < grids[dimension].count { break }
                indices[dimension] = 0
            }
        }
        return writer.bytes
    }

    /// `total,envelope_used,envelope_remaining,breach_year` as in `headline.csv`.
    static func headlineFigures(_ figures: GridFigures, into writer: inout CSVWriter) {
        writer.cents(figures.total)
        if let envelope = figures.envelope {
            writer.cents(envelope.used)
            writer.cents(envelope.remaining)
            writer.field(envelope.breachYear.map { String($0) } ?? "")
        } else {
            writer.emptyField()
            writer.emptyField()
            writer.emptyField()
        }
    }

    /// `solve.csv`: the answer and its figures, then the next value's.
    func solveCSV() -> [UInt8] {
        var writer = CSVWriter()
        writer.row([
            "scenario", "parameter", "target", "value", "total", "envelope_used", "envelope_remaining",
            "breach_year", "next_value", "next_total", "next_envelope_used", "next_envelope_remaining",
            "next_breach_year",
        ])
        guard let solution else { return writer.bytes }
        writer.field(run.projections[0].scenario.name)
        writer.field(
            solution.grid.text.split(separator: "=").first.map(String.init) ?? solution.grid.parameter.path)
        writer.field(solution.target.text)
        writer.field(solution.value.description)
        Self.headlineFigures(solution.figures, into: &writer)
        if let next = solution.next {
            writer.field(solution.grid.value(next.index).description)
            Self.headlineFigures(next.figures, into: &writer)
        } else {
            for _ in 0..<5 { writer.emptyField() }
        }
        writer.endRow()
        return writer.bytes
    }
}
