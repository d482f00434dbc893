/// Where a value came from: a file, a 1-based line and a 1-based column.
///
/// For a CSV file the column is the field number (MODEL.md section 6).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The start of a file, for errors that belong to a file as a whole.
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(file: path, line: 1, column: 1)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One error a user can fix, located in an input file.
///
/// Every loader reports problems as diagnostics; the CLI prints them as
/// `FILE:LINE:COLUMN: error: MESSAGE`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, for callers that treat some kinds differently (a file that
    /// cannot be read is reported where another file names it); never found by its message.
    public enum Kind: Sendable, Hashable {
        /// Content that breaks a rule of MODEL.md: the usual kind.
        case input
        /// A file that cannot be read at all: missing, a directory, no permission.
        case unreadableFile
        /// An amount beyond the limits of MODEL.md section 6.
        case limit
        /// An output that cannot be written.
        case unwritableOutput
    }

    public var location: SourceLocation
    public var message: String
    public var kind: Kind

    public init(_ location: SourceLocation, _ message: String, kind: Kind = .input) {
        self.location = location
        self.message = message
        self.kind = kind
    }

    public var description: String { "\(location): error: \(message)" }
}

/// One or more diagnostics, thrown when input cannot be used.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        precondition(!diagnostics.isEmpty, "a DiagnosticError holds at least one diagnostic")
        self.diagnostics = diagnostics
    }

    public init(_ location: SourceLocation, _ message: String, kind: Diagnostic.Kind = .input) {
        self.init([Diagnostic(location, message, kind: kind)])
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
