import GroundworkCore
import GroundworkIO

/// Writes a report (`ReportPage.files`) for `groundwork report DIR --out FILE`: the page to
/// FILE and the chart data files beside it, in FILE's directory, each written atomically
/// (`OutputFile`), so a reader never sees half a file. Chart data files of an earlier report in
/// that directory that this one does not write are removed.
public enum ReportWriter {
    /// - Parameters:
    ///   - files: `report.html` first, then the chart data files (as `ReportPage.files` gives).
    ///   - page: the path of the HTML file.
    public static func write(_ files: [(name: String, bytes: [UInt8])], page: String) throws(DiagnosticError)
    {
        let folder = Path.lastComponent(of: page) == page ? "." : Path.directory(of: page)
        var written: Set<String> = []
        for file in files {
            let target = file.name == ReportPage.fileName ? page : Path.join(folder, file.name)
            try OutputFile.write(file.bytes, to: target)
            written.insert(file.name)
        }
        for stale in ReportPage.dataFiles where !written.contains(stale) {
            OutputFile.remove(Path.join(folder, stale))
        }
    }
}
