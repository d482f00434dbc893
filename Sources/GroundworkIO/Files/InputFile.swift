import GroundworkCore

/// Reading an input file (a portfolio CSV, a scenario YAML) into memory and checking that it
/// is UTF-8, with every failure reported as a located `DiagnosticError`.
///
/// Why POSIX rather than Foundation: a portfolio can be tens of megabytes and is read on
/// every run, so the file goes straight into one `[UInt8]` with a single `fstat` and `read`,
/// without `Data` bridging copies; and `errno` tells exactly why a file cannot be read, which
/// becomes a message the user can act on. The C calls themselves are in `System`.
///
/// Why the encoding checks: the files are written by hand or exported from Excel. Excel's
/// "Unicode text" is UTF-16 and a plain "CSV" export on a Chinese Windows is GBK/GB18030;
/// decoding either as UTF-8 would silently turn county names like 南召县 into replacement
/// characters, so both are recognised and the user is told how to re-save the file.
public enum InputFile {

    // MARK: - Reading

    /// The whole content of the file at `path`.
    ///
    /// Errors are located at `path:1:1` and have the kind `.unreadableFile`: a missing file, a
    /// directory, a file the user may not read, or any other `errno` (with its `strerror` text).
    ///
    /// Complexity: O(file size); one `open`, one `fstat` and, for a regular file, one `read`
    /// into an array of the file's size (plus one `read` to confirm the end of the file).
    public static func readBytes(_ path: String) throws(DiagnosticError) -> [UInt8] {
        do {
            return try System.readFile(path)
        } catch {
            throw DiagnosticError(.file(path), cannotReadMessage(path, error), kind: .unreadableFile)
        }
    }

    /// The sentence for a failure to read `path`, worded for someone who typed the path.
    static func cannotReadMessage(_ path: String, _ failure: System.Failure) -> String {
        "cannot read '\(path)': \(failure.reason)"
    }

}
