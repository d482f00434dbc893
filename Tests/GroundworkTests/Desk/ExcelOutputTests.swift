import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// `run --excel`: the CSV files with a UTF-8 byte order mark and CRLF line ends; the default
/// files as MODEL.md section 8 says (no mark, LF).
@Suite("run --excel: CSV for Excel")
struct ExcelOutputTests {
    static let csvFiles = ["forecast.csv", "summary.csv", "rollout.csv", "pay.csv", "headline.csv"]

    private func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Whether every LF in `bytes` follows a CR.
    private func everyLineFeedAfterCarriageReturn(_ bytes: [UInt8]) -> Bool {
        bytes.indices.allSatisfy { bytes[$0] != 0x0A || ($0 > 0 && bytes[$0 - 1] == 0x0D) }
    }

    @Test("--excel files start with the byte order mark and use CRLF; the default ones do not")
    func excelAndDefault() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let scenario = Fixtures.scenario("nanyang-baseline.yaml").path
        let plain = try CommandLineTool.run(["run", scenario, "--out", temp.url("plain"), "--quiet"])
        #expect(plain.status == 0, "\(plain.standardError)")
        let excel = try CommandLineTool.run([
            "run", scenario, "--out", temp.url("excel"), "--quiet", "--excel",
        ])
        #expect(excel.status == 0, "\(excel.standardError)")
        let manifest = String(decoding: try bytes(temp.url("excel/manifest.json")), as: UTF8.self)
        for file in Self.csvFiles {
            let lf = try bytes(temp.url("plain/\(file)"))
            let crlf = try bytes(temp.url("excel/\(file)"))
            #expect(Array(crlf.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(file) lacks the BOM")
            #expect(everyLineFeedAfterCarriageReturn(crlf), "\(file) has a bare LF")
            #expect(Array(lf.prefix(3)) != [0xEF, 0xBB, 0xBF], "\(file) has a BOM by default")
            #expect(!lf.contains(0x0D), "\(file) has a CR by default")
            // The same table: the BOM dropped and CRLF made LF give the default bytes.
            let back = Array(crlf.dropFirst(3)).split(separator: 0x0D, omittingEmptySubsequences: false)
                .joined()
            #expect(Array(back) == lf, "\(file) differs beyond BOM and line ends")
            // The manifest lists the bytes written.
            #expect(
                manifest.contains(
                    "\"path\": \"\(file)\", \"bytes\": \(crlf.count), \"sha256\": \"\(Manifest.sha256(crlf))\""
                ), "\(file)")
        }
        // Chinese county names are there, in UTF-8.
        let forecast = String(decoding: try bytes(temp.url("excel/forecast.csv")), as: UTF8.self)
        #expect(forecast.contains("\r\nnanyang-baseline,南召县,2014,venue_construction,city,"))
        // manifest.json is not a CSV and stays as it is.
        #expect(!(try bytes(temp.url("excel/manifest.json"))).contains(0x0D))
    }

    @Test("only record ends become CRLF: a line break inside a quoted field is kept")
    func quotedLineBreaks() {
        let csv = Array("a,\"x\ny\"\n\"he said \"\"hi\"\"\",\"p\nq\"\nlast,1\n".utf8)
        let converted = ExcelCSV.convert(csv)
        let expected =
            [0xEF, 0xBB, 0xBF] + Array("a,\"x\ny\"\r\n\"he said \"\"hi\"\"\",\"p\nq\"\r\nlast,1\r\n".utf8)
        #expect(converted == expected)
        #expect(ExcelCSV.convert([]) == [0xEF, 0xBB, 0xBF])
    }
}
