import Foundation
import GroundworkCore
import GroundworkIO

/// The figures of a sweep or a solve directory (MODEL.md section 10) that the report shows,
/// read from `sweep.csv` or `solve.csv` (never re-derived from the model), and the manifest's
/// engine version and command line when present.
public struct SweepReportData: Sendable {
    /// The files a sweep or a solve writes; a directory with one of them is read as such.
    public static let sweepFile = "sweep.csv"
    public static let solveFile = "solve.csv"

    /// One combination of a sweep: its row of `sweep.csv`.
    public struct Point: Sendable {
        /// The row as written (for `report_sweep.csv`, which repeats it).
        public var fields: [String]
        /// The varied values, as exact decimals in the file's text, one per grid.
        public var values: [String]
        /// In cents.
        public var total: Int64
        public var envelopeUsed: Int64?
        public var envelopeRemaining: Int64?
        public var breachYear: Int?
    }

    /// A sweep: `sweep.csv`'s header and rows.
    public struct Sweep: Sendable {
        public var scenario: String
        public var header: [String]
        /// The varied parameters, in the file's column order (the first outermost).
        public var parameters: [String]
        /// Per parameter, its distinct values in the order of the rows.
        public var axes: [[String]]
        public var points: [Point]
        /// Whether the scenario has an envelope (its cells are filled).
        public var hasEnvelope: Bool {
            points.contains { $0.envelopeUsed != nil }
        }
    }

    /// The figures of one value of a solve.
    public struct SolvePoint: Sendable {
        public var value: String
        public var total: Int64
        public var envelopeUsed: Int64?
        public var envelopeRemaining: Int64?
        public var breachYear: Int?
        /// The envelope's amount: used plus remaining.
        public var envelopeAmount: Int64? {
            guard let envelopeUsed, let envelopeRemaining else { return nil }
            return envelopeUsed + envelopeRemaining
        }
    }

    /// A solve: `solve.csv`'s one row.
    public struct Solve: Sendable {
        public var scenario: String
        public var parameter: String
        /// `envelope` or `total<=AMOUNT`.
        public var target: String
        public var answer: SolvePoint
        /// The value beyond the answer where the target fails; nil when every value keeps it.
        public var next: SolvePoint?
        /// The amount of `total<=AMOUNT`, in cents (nil for `envelope`).
        public var totalTarget: Int64? {
            guard target.hasPrefix("total<=") else { return nil }
            return Self.cents(decimal: String(target.dropFirst("total<=".count)))
        }
        /// The command line had `--smallest` (from the manifest).
        public var smallestFlag = false
        /// With `--smallest` the answer is the smallest value that keeps the target, and the
        /// next value is below it.
        public var smallest: Bool {
            guard let next, let a = Double(answer.value), let n = Double(next.value) else {
                return smallestFlag
            }
            return n < a
        }

        /// An exact decimal amount in yuan as cents, rounded half away from zero past the cent.
        static func cents(decimal text: String) -> Int64? {
            guard let value = Double(text) else { return nil }
            return Int64((value * 100).rounded())
        }
    }

    public enum Content: Sendable {
        case sweep(Sweep)
        case solve(Solve)
    }

    public var content: Content
    public var engineVersion: String?
    public var command: [String]?

    /// Whether `directory` holds a sweep's or a solve's files (and not a run's).
    public static func isSweepOrSolve(_ directory: String) -> Bool {
        OutputDirectory.recover(directory)
        return !OutputFile.exists(Path.join(directory, "headline.csv"))
            && (OutputFile.exists(Path.join(directory, sweepFile))
                || OutputFile.exists(Path.join(directory, solveFile)))
    }

    /// Reads the sweep or solve directory `directory`.
    public init(directory: String) throws(DiagnosticError) {
        OutputDirectory.recover(directory)
        var files: [String: [UInt8]] = [:]
        for name in [Self.sweepFile, Self.solveFile, "manifest.json"] {
            let path = Path.join(directory, name)
            if OutputFile.exists(path) { files[name] = try InputFile.readBytes(path) }
        }
        try self.init(files: files, directory: directory)
    }

    /// Reads a sweep's or a solve's files from their bytes, keyed by file name.
    public init(files: [String: [UInt8]], directory: String = ".") throws(DiagnosticError) {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        if let bytes = files[Self.sweepFile] {
            content = .sweep(try Self.sweep(Self.withoutByteOrderMark(bytes), file: path(Self.sweepFile)))
        } else if let bytes = files[Self.solveFile] {
            content = .solve(try Self.solve(Self.withoutByteOrderMark(bytes), file: path(Self.solveFile)))
        } else {
            throw DiagnosticError(
                .file(directory), "neither sweep.csv nor solve.csv is here: not a sweep or solve directory")
        }
        if let manifest = files["manifest.json"],
            let object = try? JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any]
        {
            engineVersion = object["version"] as? String
            command = object["command"] as? [String]
        }
        if case .solve(var solve) = content, command?.contains("--smallest") == true {
            solve.smallestFlag = true
            content = .solve(solve)
        }
    }

    /// `--excel`'s files begin with a UTF-8 byte order mark.
    static func withoutByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    static let figureColumns = [
        "total", "envelope_used", "envelope_remaining", "breach_year", "venues_deferred",
    ]

    static func sweep(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> Sweep {
        let table = try CSVTable(bytes: bytes, file: file)
        let header = try CSVReader.records(bytes: bytes, file: file).first?.fields ?? []
        guard header.first == "scenario", let totalColumn = header.firstIndex(of: "total"), totalColumn > 1
        else {
            throw DiagnosticError(
                SourceLocation(file: file, line: 1, column: 1),
                "sweep.csv's header is scenario, the varied parameters, then total, ...")
        }
        let parameters = Array(header[1..<totalColumn])
        var sweep = Sweep(
            scenario: "", header: header, parameters: parameters, axes: parameters.map { _ in [] }, points: []
        )
        var seen = parameters.map { _ in Set<String>() }
        for row in table.rows {
            if sweep.scenario.isEmpty { sweep.scenario = try table.text(row, "scenario") }
            var values: [String] = []
            for (dimension, parameter) in parameters.enumerated() {
                let value = table.records[row].fields[dimension + 1]
                guard Double(value) != nil else {
                    throw table.error(row, parameter, "`\(parameter)` is not a number: `\(value)`")
                }
                values.append(value)
                if seen[dimension].insert(value).inserted { sweep.axes[dimension].append(value) }
            }
            sweep.points.append(
                Point(
                    fields: table.records[row].fields, values: values, total: try table.cents(row, "total"),
                    envelopeUsed: try optionalCents(table, row, "envelope_used"),
                    envelopeRemaining: try optionalCents(table, row, "envelope_remaining"),
                    breachYear: try table.optionalInteger(row, "breach_year")))
        }
        return sweep
    }

    static func solve(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> Solve {
        let table = try CSVTable(bytes: bytes, file: file)
        guard let row = table.rows.first else {
            throw DiagnosticError(
                SourceLocation(file: file, line: 2, column: 1), "solve.csv has no answer row")
        }
        let answer = SolvePoint(
            value: try table.text(row, "value"), total: try table.cents(row, "total"),
            envelopeUsed: try optionalCents(table, row, "envelope_used"),
            envelopeRemaining: try optionalCents(table, row, "envelope_remaining"),
            breachYear: try table.optionalInteger(row, "breach_year"))
        var next: SolvePoint? = nil
        let nextValue = try table.text(row, "next_value")
        if !nextValue.isEmpty {
            next = SolvePoint(
                value: nextValue, total: try table.cents(row, "next_total"),
                envelopeUsed: try optionalCents(table, row, "next_envelope_used"),
                envelopeRemaining: try optionalCents(table, row, "next_envelope_remaining"),
                breachYear: try table.optionalInteger(row, "next_breach_year"))
        }
        return Solve(
            scenario: try table.text(row, "scenario"), parameter: try table.text(row, "parameter"),
            target: try table.text(row, "target"), answer: answer, next: next)
    }

    static func optionalCents(_ table: CSVTable, _ row: Int, _ column: String) throws(DiagnosticError)
        -> Int64?
    {
        try table.text(row, column).isEmpty ? nil : try table.cents(row, column)
    }
}
