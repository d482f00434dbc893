import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// `--encoding gbk`: portfolios saved by Excel on a Chinese Windows (GBK/GB18030).
@Suite("--encoding gbk: portfolios from Excel on a Chinese Windows")
struct EncodingTests {
    /// 南召县 in GBK (and GB18030).
    static let nanzhaoGBK: [UInt8] = [0xC4, 0xCF, 0xD5, 0xD9, 0xCF, 0xD8]

    /// A scenario and a GBK portfolio: 南召县 (10 villages, 2 venues) and A (5, 1), with CRLF
    /// line ends as Excel writes them.
    private func writeGBKScenario(_ temp: TempDirectory) -> String {
        let portfolio =
            Array("county,villages,venues_needed\r\n".utf8) + Self.nanzhaoGBK
            + Array(",10,2\r\nA,5,1\r\n".utf8)
        temp.write("gbk.csv", bytes: portfolio)
        return temp.write(
            "gbk.yaml",
            """
            name: gbk
            horizon: {start: 2014, end: 2016}
            portfolio: gbk.csv
            venues: {schedule: {2014: 3}}
            rural_income: {value: 13200}
            """)
    }

    @Test("a GBK portfolio runs with --encoding gbk and gives UTF-8 county names")
    func runsWithTheOption() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let scenario = writeGBKScenario(temp)
        let result = try CommandLineTool.run(["run", scenario, "--out", temp.url("out"), "--encoding", "gbk"])
        #expect(result.status == 0, "\(result.standardError)")
        let rollout = try SimpleCSV.records(URL(fileURLWithPath: temp.url("out/rollout.csv")))
        #expect(rollout.map { $0["county"]! }.contains("南召县"))
        #expect(rollout.first { $0["county"] == "南召县" && $0["year"] == "2014" }?["venues_completed"] == "2")
        // The manifest hashes the file as it lies on disk.
        let manifest = try String(contentsOfFile: temp.url("out/manifest.json"), encoding: .utf8)
        #expect(
            manifest.contains(
                Manifest.sha256(Array(try Data(contentsOf: URL(fileURLWithPath: temp.url("gbk.csv")))))))
        for command in [["validate", scenario], ["compare", scenario, scenario, "--out", temp.url("cmp")]] {
            let other = try CommandLineTool.run(command + ["--encoding", "gb18030"])
            #expect(other.status == 0, "\(command[0]): \(other.standardError)")
        }
    }

    @Test("without the option a GBK portfolio is an error that suggests --encoding gbk")
    func suggestsTheOption() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let scenario = writeGBKScenario(temp)
        for command in [["run", scenario, "--out", temp.url("out")], ["validate", scenario]] {
            let result = try CommandLineTool.run(command)
            #expect(result.status == 1)
            #expect(result.standardError.contains("gbk.csv:2:1: error:"), "\(result.standardError)")
            #expect(result.standardError.contains("`--encoding gbk`"), "\(result.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: temp.url("out")))
    }

    @Test("a byte that is not GB18030 is an error at its line and field")
    func invalidByte() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let path = temp.write(
            "bad.csv",
            bytes: Array("county,villages,venues_needed\nA,1,0\n\"B\",".utf8) + [0xFF] + Array(",0\n".utf8))
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in
            try PortfolioLoader.load(path, encoding: .gb18030)
        }
        expectSingleDiagnostic(diagnostics, at: path, 3, 2, contains: ["0xFF", "GB18030", "--encoding gbk"])
        let truncated = temp.write("cut.csv", bytes: Array("county,villages,venues_needed\n".utf8) + [0xC4])
        let cut = thrownDiagnostics { () throws(DiagnosticError) in
            try PortfolioLoader.load(truncated, encoding: .gb18030)
        }
        expectSingleDiagnostic(cut, at: truncated, 2, 1, contains: ["ends inside a character"])
    }

    @Test("transcoding: GB18030 four-byte sequences, a UTF-8 byte order mark, ASCII")
    func transcoding() throws {
        // 南召县 (GBK pairs), é (A8 A6 in GBK) and U+0080, which only GB18030's four-byte form
        // (81 30 81 30) has.
        let gb: [UInt8] = Self.nanzhaoGBK + [0xA8, 0xA6] + [0x81, 0x30, 0x81, 0x30]
        let utf8 = try InputFile.transcodeToUTF8(gb, from: .gb18030, path: "x.csv")
        #expect(String(decoding: utf8, as: UTF8.self) == "南召县é\u{80}")
        // A file that says it is UTF-8 is read as UTF-8.
        let marked: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("南召县".utf8)
        #expect(try InputFile.transcodeToUTF8(marked, from: .gb18030, path: "x.csv") == marked)
        let ascii = Array("county,villages\n".utf8)
        #expect(try InputFile.transcodeToUTF8(ascii, from: .gb18030, path: "x.csv") == ascii)
        #expect(try InputFile.transcodeToUTF8(gb, from: .utf8, path: "x.csv") == gb)
        #expect(TextEncoding(name: "GBK") == .gb18030)
        #expect(TextEncoding(name: "utf8") == .utf8)
        #expect(TextEncoding(name: "latin1") == nil)
    }
}
