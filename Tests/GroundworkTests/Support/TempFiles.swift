import Foundation
import Testing
@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// A unique temporary directory for tests that need real input files.
///
/// Create one per test, write files into it (`write` creates subdirectories as needed and
/// returns the file's path) and call `cleanup()` (e.g. in a `defer`) when done.
struct TempDirectory: Sendable {
    /// The directory's absolute path.
    let path: String

    /// Creates a fresh, empty directory under the system's temporary directory.
    init() {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("groundwork-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// The absolute path of `name` (relative to the directory) without creating anything.
    func url(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Writes UTF-8 `text` to `name` (which may contain subdirectories); returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    /// Writes raw `bytes` to `name` (which may contain subdirectories); returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let file = url(name)
        let directory = (file as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }

    /// Creates the subdirectory `name`; returns its path.
    @discardableResult
    func makeDirectory(_ name: String) -> String {
        let directory = url(name)
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Removes the directory and everything in it.
    func cleanup() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The diagnostics that `body` throws; empty when it succeeds.
func thrownDiagnostics<T>(_ body: () throws(DiagnosticError) -> T) -> [Diagnostic] {
    do {
        _ = try body()
        return []
    } catch {
        return error.diagnostics
    }
}

/// Expects exactly one diagnostic, located at `file:line:column`, whose message contains each
/// of `words`.
func expectSingleDiagnostic(
    _ diagnostics: [Diagnostic], at file: String, _ line: Int, _ column: Int, contains words: [String],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(
        diagnostics.count == 1, "expected one diagnostic, got: \(diagnostics)", sourceLocation: sourceLocation
    )
    guard let diagnostic = diagnostics.first else { return }
    expectDiagnostic(diagnostic, at: file, line, column, contains: words, sourceLocation: sourceLocation)
}

/// Expects `diagnostic` to be located at `file:line:column` with a message containing each of
/// `words`.
func expectDiagnostic(
    _ diagnostic: Diagnostic, at file: String, _ line: Int, _ column: Int, contains words: [String],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(
        diagnostic.location.description == "\(file):\(line):\(column)", "\(diagnostic)",
        sourceLocation: sourceLocation)
    for word in words {
        #expect(
            diagnostic.message.contains(word), "message lacks \(word): \(diagnostic.message)",
            sourceLocation: sourceLocation)
    }
}
