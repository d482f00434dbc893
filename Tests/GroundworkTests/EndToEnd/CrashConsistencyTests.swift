import Foundation
import Testing
@testable import GroundworkCore
@testable import GroundworkIO

/// MODEL.md section 8's atomic output, under SIGKILL: whenever a run dies, DIR holds one
/// run's files (the old set or the new), `manifest.json`'s hashes match the files beside it,
/// and the next command removes what the dead run left behind.
@Suite("Output directory: crash consistency")
struct CrashConsistencyTests {
    /// A portfolio large enough that a debug run spends a while writing (600 counties, a
    /// 2.9 MB forecast.csv), and two scenarios whose files differ.
    private static func inputs(in temp: TempDirectory) throws -> (first: String, second: String) {
        let portfolio = temp.url("counties.csv")
        let generated = try CommandLineTool.run([
            "generate-portfolio", "--counties", "600", "--villages-per-county", "20", "--seed", "3",
            "--out", portfolio,
        ])
        #expect(generated.status == 0, "\(generated.standardError)")
        let baseline = Fixtures.scenario("nanyang-baseline.yaml").path
        let first = temp.write(
            "first.yaml",
            "extends: \(baseline)\nname: first\nportfolio: counties.csv\nvenues: {shares: {2014: 0.5, 2015: 0.5}}\n"
        )
        let second = temp.write(
            "second.yaml",
            "extends: \(baseline)\nname: second\nportfolio: counties.csv\nhorizon: {start: 2014, end: 2040}\n"
                + "venues: {shares: {2014: 0.3, 2015: 0.7}}\n")
        return (first, second)
    }

    /// The manifest's outputs, each with its SHA-256, checked against the files in `directory`;
    /// also that no engine file beside them is missing from the manifest.
    private static func checkConsistent(_ directory: String, context: String) throws {
        let manifestPath = Path.join(directory, "manifest.json")
        let data = try #require(
            FileManager.default.contents(atPath: manifestPath), "no manifest.json \(context)")
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let outputs = try #require(json["outputs"] as? [[String: Any]])
        var listed: Set<String> = ["manifest.json"]
        for output in outputs {
            let name = try #require(output["path"] as? String)
            listed.insert(name)
            let bytes = try #require(
                FileManager.default.contents(atPath: Path.join(directory, name)), "\(name) missing \(context)"
            )
            #expect(
                Manifest.sha256(Array(bytes)) == output["sha256"] as? String,
                "\(name) does not match manifest.json \(context)")
        }
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        let engineFilesPresent = present.intersection(OutputDirectory.engineFiles)
        #expect(
            engineFilesPresent == listed,
            "engine files beside the manifest \(context): \(engineFilesPresent.symmetricDifference(listed))")
        #expect(present.contains("notes.txt"), "the user's own file is gone \(context)")
    }

    @Test("a run killed with SIGKILL at 30 points leaves one run's files, and the next run cleans up")
    func killedRuns() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let (first, second) = try Self.inputs(in: temp)
        let out = temp.url("out")
        #expect(try CommandLineTool.run(["run", first, "--out", out, "--quiet"]).status == 0)
        temp.write("out/notes.txt", "the analyst's own notes\n")
        try Self.checkConsistent(out, context: "after the first run")

        // How long a whole run takes here, to spread the kill points over it.
        let started = Date()
        #expect(try CommandLineTool.run(["run", second, "--out", out, "--quiet"]).status == 0)
        let duration = Date().timeIntervalSince(started)

        var generator = SystemRandomNumberGenerator()
        var killed = 0
        for point in 0..<30 {
            let process = Process()
            process.executableURL = CommandLineTool.executable
            process.arguments = ["run", point.isMultiple(of: 2) ? first : second, "--out", out, "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let delay = Double.random(in: 0.02...(duration * 1.1), using: &generator)
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            try Self.checkConsistent(out, context: "after a kill at \(Int(delay * 1000)) ms (point \(point))")
        }
        #expect(killed >= 10, "too few runs were killed before they finished (\(killed) of 30)")

        // The next run removes the staging folders of the dead ones, in DIR and beside it.
        #expect(try CommandLineTool.run(["run", first, "--out", out, "--quiet"]).status == 0)
        try Self.checkConsistent(out, context: "after the last run")
        let inside = try FileManager.default.contentsOfDirectory(atPath: out).filter {
            $0.hasPrefix(".groundwork")
        }
        let beside = try FileManager.default.contentsOfDirectory(atPath: temp.path).filter {
            $0.hasPrefix(".out.groundwork-")
        }
        #expect(inside.isEmpty, "staging left in DIR: \(inside)")
        #expect(beside.isEmpty, "staging left beside DIR: \(beside)")
    }

    @Test("a committed journal is rolled forward by the next command; a torn one is dropped")
    func journalRollForward() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = temp.makeDirectory("out")
        temp.write("out/summary.csv", "old summary\n")
        temp.write("out/pay.csv", "old pay\n")
        temp.write("out/manifest.json", "old manifest\n")
        // A dead run (pid 0 never runs) that committed a journal and moved one file.
        temp.write("out/.groundwork-0-7/manifest.json", "new manifest\n")
        temp.write("out/summary.csv", "new summary\n")
        let journal = OutputDirectory.Journal(
            pid: 0, staging: ".groundwork-0-7", moves: ["summary.csv", "manifest.json"], removals: ["pay.csv"]
        )
        temp.write("out/.groundwork-journal", bytes: journal.bytes)
        #expect(OutputDirectory.Journal(bytes: journal.bytes) == journal)

        OutputDirectory.recover(out)
        #expect(
            try String(contentsOfFile: temp.url("out/manifest.json"), encoding: .utf8) == "new manifest\n")
        #expect(try String(contentsOfFile: temp.url("out/summary.csv"), encoding: .utf8) == "new summary\n")
        #expect(!FileManager.default.fileExists(atPath: temp.url("out/pay.csv")))
        let left = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(left == ["manifest.json", "summary.csv"])

        // A journal cut short (no `end` line) was never committed: it and its staging go.
        temp.write(
            "out/.groundwork-journal",
            "groundwork journal 1\npid 0\nstaging .groundwork-0-8\nmove summary.csv\n")
        temp.write("out/.groundwork-0-8/summary.csv", "newer summary\n")
        OutputDirectory.recover(out)
        #expect(try String(contentsOfFile: temp.url("out/summary.csv"), encoding: .utf8) == "new summary\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
                "manifest.json", "summary.csv",
            ])
    }

    @Test("a DIR with a subdirectory is written through the journal and keeps the subdirectory")
    func journalPath() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = temp.makeDirectory("out")
        temp.write("out/drafts/memo.txt", "draft\n")
        temp.write("out/sensitivity.csv", "stale\n")
        try OutputDirectory.write(
            [("summary.csv", Array("a\n".utf8)), ("manifest.json", Array("{}\n".utf8))], to: out)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
                "drafts", "manifest.json", "summary.csv",
            ])
        #expect(try String(contentsOfFile: temp.url("out/drafts/memo.txt"), encoding: .utf8) == "draft\n")
    }

    @Test("the exchange keeps the user's files and the directory's permissions")
    func exchangePath() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let out = temp.makeDirectory("out")
        temp.write("out/notes.txt", "mine\n")
        temp.write("out/report.html", "stale\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: out)
        try OutputDirectory.write([("summary.csv", Array("b\n".utf8))], to: out)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["notes.txt", "summary.csv"])
        let permissions = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(permissions == 0o750)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.hasPrefix(".") }
                .isEmpty)
    }
}
