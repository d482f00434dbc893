import GroundworkCore
import GroundworkEngine
import GroundworkIO
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a report (`ReportPage.files`) for `groundwork report DIR --out FILE`: the page to
/// FILE and the chart data files beside it, in FILE's directory, each written to a temporary
/// file and renamed into place, so a reader never sees half a file. Chart data files of an
/// earlier report in that directory that this one does not write are removed.
public enum ReportWriter {
    /// - Parameters:
    ///   - files: `report.html` first, then the chart data files (as `ReportPage.files` gives).
    ///   - page: the path of the HTML file.
    public static func write(_ files: [(name: String, bytes: [UInt8])], page: String) throws(DiagnosticError) {
        let directory = (page as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(.file(page), "the directory \(folder) does not exist")
        }
        var written: Set<String> = []
        for file in files {
            let target =
                file.name == ReportPage.fileName ? page : (folder as NSString).appendingPathComponent(file.name)
            try writeAtomically(file.bytes, to: target)
            written.insert(file.name)
        }
        for stale in ReportPage.dataFiles where !written.contains(stale) {
            let path = (folder as NSString).appendingPathComponent(stale)
            if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it to `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(DiagnosticError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = ".\((path as NSString).lastPathComponent).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let temporary = directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw DiagnosticError(.file(path), "cannot write: \(String(cString: strerror(errno)))")
        }
        var offset = 0
        var failure: String?
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            offset += count
        }
        close(descriptor)
        if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw DiagnosticError(.file(path), "cannot write: \(failure)")
        }
    }
}
