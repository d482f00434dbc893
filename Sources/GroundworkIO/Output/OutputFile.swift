import GroundworkCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes one file atomically: a temporary file beside it, renamed into place.
public enum OutputFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(DiagnosticError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DiagnosticError(.file(path), "the output path is a directory; give a file name")
        }
        let temporary = path + ".groundwork-\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw DiagnosticError(.file(path), "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw DiagnosticError(.file(path), "cannot write \(path): \(reason)")
        }
    }
}
