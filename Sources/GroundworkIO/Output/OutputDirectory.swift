import GroundworkCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a run's files into a directory atomically (MODEL.md section 8).
///
/// Every file is first written into a temporary folder inside the directory, then renamed into
/// place (a rename within one file system replaces the old file atomically). Files that
/// Groundwork writes but this run did not are removed, so the directory never mixes two runs.
/// On any error before the renames, the directory is left as it was (and is not created).
public enum OutputDirectory {
    /// Every file name Groundwork may write into an output directory.
    public static let engineFiles: Set<String> = [
        "forecast.csv", "summary.csv", "rollout.csv", "pay.csv", "headline.csv", "manifest.json",
        "forecast_quantiles.csv", "summary_quantiles.csv", "envelope_risk.csv", "envelope_risk_by_year.csv",
        "sensitivity.csv", "counties.csv", "report.html",
        "comparison.csv", "headline_comparison.csv",
        // The report's chart data (ReportPage.dataFiles).
        "report_outlay_by_item.csv", "report_envelope.csv", "report_venues.csv", "report_pay.csv",
        "report_counties.csv", "report_fan.csv", "report_breach_probability.csv", "report_tornado.csv",
    ]

    public static func write(_ files: [(name: String, bytes: [UInt8])], to directory: String) throws(DiagnosticError) {
        var isDirectory: ObjCBool = false
        let manager = FileManager.default
        let existed = manager.fileExists(atPath: directory, isDirectory: &isDirectory)
        if existed && !isDirectory.boolValue {
            throw DiagnosticError(.file(directory), "the output path exists and is not a directory")
        }
        if !existed {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw DiagnosticError(.file(directory), "cannot create the output directory: \(error.localizedDescription)")
            }
        }
        let staging = (directory as NSString).appendingPathComponent(".groundwork-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        func abandon(_ message: String) -> DiagnosticError {
            try? manager.removeItem(atPath: staging)
            if !existed { try? manager.removeItem(atPath: directory) }
            return DiagnosticError(.file(directory), message)
        }
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw abandon("cannot write into the output directory: \(error.localizedDescription)")
        }
        // The files are written side by side (forecast.csv is most of the bytes).
        let failures = SharedBuffer<String?>(repeating: nil, count: files.count)
        Parallel.forEach(files.count, threads: Parallel.processorCount) { index in
            let path = (staging as NSString).appendingPathComponent(files[index].name)
            if !writeAll(files[index].bytes, to: path) {
                failures[index] = "cannot write \(files[index].name): \(String(cString: strerror(errno)))"
            }
        }
        if let failure = failures.array.compactMap({ $0 }).first { throw abandon(failure) }
        for file in files {
            let from = (staging as NSString).appendingPathComponent(file.name)
            let to = (directory as NSString).appendingPathComponent(file.name)
            guard rename(from, to) == 0 else {
                throw abandon("cannot move \(file.name) into place: \(String(cString: strerror(errno)))")
            }
        }
        let written = Set(files.map(\.name))
        for stale in engineFiles.subtracting(written) {
            let path = (directory as NSString).appendingPathComponent(stale)
            if manager.fileExists(atPath: path) { try? manager.removeItem(atPath: path) }
        }
        try? manager.removeItem(atPath: staging)
    }

    private static func writeAll(_ bytes: [UInt8], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }
}
