import GroundworkCore

/// A file that lives only while a library that writes to a path (libxlsxwriter) fills it: its
/// bytes are read back and the file is removed, whatever happens.
public enum TemporaryFile {
    /// Where temporary files go: `$TMPDIR`, else `/tmp`.
    public static var directory: String { System.temporaryDirectory }

    /// Creates an empty file under `directory` whose name ends in `suffix`, calls `body` with
    /// its path, and returns the bytes `body` left in it. The file is removed on every path out.
    /// - Throws: a diagnostic when the file cannot be made or read back, or what `body` throws.
    public static func bytesWritten(
        suffix: String, by body: (_ path: String) throws(DiagnosticError) -> Void
    ) throws(DiagnosticError) -> [UInt8] {
        let path: String
        do {
            path = try System.makeTemporaryFile(in: directory, prefix: "groundwork-", suffix: suffix)
        } catch {
            throw DiagnosticError(
                .file(directory), "cannot create a temporary file: \(error.reason)", kind: .unwritableOutput)
        }
        defer { System.remove(path) }
        try body(path)
        do {
            return try System.readFile(path)
        } catch {
            throw DiagnosticError(
                .file(path), "cannot read back the temporary file: \(error.reason)", kind: .unwritableOutput)
        }
    }
}
