import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// Malformed or hostile scenario files end in a located error, never a hang or a crash.
@Suite("Hostile YAML")
struct HostileYAMLTests {
    @Test("aliases that expand to a billion values are refused quickly")
    func billionLaughs() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<10 {
            lines.append(
                "a\(level): &a\(level) ["
                    + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let path = directory.write("bomb.yaml", lines.joined(separator: "\n") + "\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("expands to more than 1000000 values") == true)
    }

    @Test("deep nesting is an error located in the file")
    func deepNesting() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "deep.yaml",
            "x: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        #expect(diagnostics.first?.location.file == path)
        #expect(diagnostics.first?.message.contains("nests deeper than 64 levels") == true)
    }
}
