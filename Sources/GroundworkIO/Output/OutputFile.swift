import GroundworkCore

/// Writes one file atomically: a temporary file beside it, renamed into place, so a reader
/// never sees half a file (`generate-portfolio --out FILE`, `report --out FILE`).
public enum OutputFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(DiagnosticError) {
        if System.kind(path) == .directory {
            throw DiagnosticError(
                .file(path), "the output path is a directory; give a file name", kind: .unwritableOutput)
        }
        let directory = Path.lastComponent(of: path) == path ? "." : Path.directory(of: path)
        guard System.kind(directory) == .directory else {
            throw DiagnosticError(
                .file(path), "the directory \(directory) does not exist", kind: .unwritableOutput)
        }
        let temporary = Path.join(
            directory,
            ".\(Path.lastComponent(of: path)).\(System.processID)-\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try System.createFile(temporary, bytes: bytes)
            try System.rename(temporary, path)
        } catch {
            System.remove(temporary)
            throw DiagnosticError(
                .file(path), "cannot write \(path): \(error.reason)", kind: .unwritableOutput)
        }
    }

    /// Removes a file this command wrote earlier and no longer writes. Best effort.
    public static func remove(_ path: String) {
        if System.ownKind(path) == .file { System.remove(path) }
    }

    /// Whether a regular file exists at `path`.
    public static func exists(_ path: String) -> Bool {
        System.kind(path) == .file
    }
}
