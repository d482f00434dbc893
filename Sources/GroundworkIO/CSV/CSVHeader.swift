import GroundworkCore

/// The header row of an input CSV (MODEL.md sections 2 and 9): columns in any order, each
/// known column once, every required one present, spaces around names trimmed.
public enum CSVHeader {
    /// The field number of each column named in `header`.
    /// - Parameter context: words after the messages' column names, e.g. " in the actuals".
    /// - Throws: every unknown column (with the nearest known one), column given twice and
    ///   required column missing, located at the header's line and field.
    public static func columns(
        _ header: CSVRecord, path: String, known: [String], required: [String], context: String = "",
        missingHint: String = ""
    ) throws(DiagnosticError) -> [String: Int] {
        var diagnostics: [Diagnostic] = []
        var index: [String: Int] = [:]
        for (number, raw) in header.fields.enumerated() {
            let name = raw.trimmingSpaces
            let location = SourceLocation(file: path, line: header.line, column: number + 1)
            if !known.contains(name) {
                var message = "unknown column `\(name)`\(context)"
                if let nearest = Spelling.nearest(to: name, among: known) {
                    message += "; did you mean `\(nearest)`?"
                } else {
                    message += "; the columns are \(known.map { "`\($0)`" }.joined(separator: ", "))"
                }
                diagnostics.append(Diagnostic(location, message))
            } else if index[name] != nil {
                diagnostics.append(Diagnostic(location, "column `\(name)` appears twice"))
            } else {
                index[name] = number
            }
        }
        for name in required where index[name] == nil {
            diagnostics.append(
                Diagnostic(
                    SourceLocation(file: path, line: header.line, column: 1),
                    "missing required column `\(name)`\(context)\(missingHint)"))
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return index
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs ("spaces around numbers are
    /// trimmed", MODEL.md section 2).
    public var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
