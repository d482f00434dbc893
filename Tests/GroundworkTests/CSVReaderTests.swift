import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// The portfolio CSV dialect of MODEL.md section 2: RFC 4180 plus a byte order mark, CRLF or
/// lone CR line ends and blank lines; errors located at FILE:LINE:FIELD (section 6).
@Suite("CSV reader")
struct CSVReaderTests {

    private func records(_ text: String) throws -> [CSVRecord] {
        try CSVReader.records(bytes: Array(text.utf8), file: "portfolio.csv")
    }

    private func records(_ bytes: [UInt8]) throws -> [CSVRecord] {
        try CSVReader.records(bytes: bytes, file: "portfolio.csv")
    }

    /// The one diagnostic that `body` throws.
    private func diagnostic(
        _ body: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Diagnostic {
        let error = try #require(throws: DiagnosticError.self, sourceLocation: sourceLocation) {
            try body()
        }
        #expect(error.diagnostics.count == 1, sourceLocation: sourceLocation)
        return try #require(error.diagnostics.first, sourceLocation: sourceLocation)
    }

    private func at(
        _ line: Int, _ column: Int, in file: String = "portfolio.csv"
    ) -> GroundworkCore.SourceLocation {
        GroundworkCore.SourceLocation(file: file, line: line, column: column)
    }

    // MARK: - Accepted input

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("county,villages\nNanzhao,12\n".utf8)
        let result = try records(bytes)
        // Without the skip the first header would be "\u{FEFF}county" and not match `county`.
        #expect(
            result == [
                CSVRecord(line: 1, fields: ["county", "villages"]),
                CSVRecord(line: 2, fields: ["Nanzhao", "12"]),
            ])
    }

    @Test func crlfLineEnds() throws {
        let result = try records("county,villages\r\nNanzhao,12\r\nFangcheng,7\r\n")
        #expect(
            result == [
                CSVRecord(line: 1, fields: ["county", "villages"]),
                CSVRecord(line: 2, fields: ["Nanzhao", "12"]),
                CSVRecord(line: 3, fields: ["Fangcheng", "7"]),
            ])
    }

    @Test func loneCarriageReturnEndsALine() throws {
        let result = try records("county,villages\rNanzhao,12\r")
        #expect(
            result == [
                CSVRecord(line: 1, fields: ["county", "villages"]),
                CSVRecord(line: 2, fields: ["Nanzhao", "12"]),
            ])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        // Lines: 1 empty, 2 CR only, 3 header, 4 empty, 5 CR only, 6 data, 7 empty.
        let result = try records("\n\r\ncounty,villages\n\n\r\nNanzhao,12\n\n")
        #expect(result.map(\.line) == [3, 6])
        #expect(result.map(\.fields) == [["county", "villages"], ["Nanzhao", "12"]])
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try records("").isEmpty)
        #expect(try records("\n\r\n\r").isEmpty)
        #expect(try records([0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test func quotedFieldKeepsCommas() throws {
        let result = try records("county,group\n\"Nanzhao, Henan\",\"a,b,c\"\n")
        #expect(result[1] == CSVRecord(line: 2, fields: ["Nanzhao, Henan", "a,b,c"]))
    }

    @Test func quotedLineBreaksAreKeptAndCounted() throws {
        // The CRLF field spans lines 2-3 and the LF field lines 5-7; each record after them
        // must still report the line it starts on.
        let text = "county,group\r\n\"one\r\ntwo\",x\r\nnext,y\r\n\"a\nb\nc\",z\r\nlast,w"
        let result = try records(text)
        #expect(result.map(\.line) == [1, 2, 4, 5, 8])
        #expect(result[1].fields == ["one\r\ntwo", "x"])
        #expect(result[2].fields == ["next", "y"])
        #expect(result[3].fields == ["a\nb\nc", "z"])
        #expect(result[4].fields == ["last", "w"])
    }

    @Test func loneCarriageReturnInsideQuotesIsCounted() throws {
        let result = try records("\"a\rb\",1\nnext,2\n")
        #expect(result[0].fields == ["a\rb", "1"])
        #expect(result[1].line == 3)
    }

    @Test func doubledQuotesBecomeOneQuote() throws {
        let result = try records("\"say \"\"hi\"\"\",\"\"\"\",\"\"\n")
        #expect(result == [CSVRecord(line: 1, fields: ["say \"hi\"", "\"", ""])])
    }

    @Test func emptyCellsAreEmptyFields() throws {
        let result = try records(",Nanzhao,,\n,\n")
        #expect(result.map(\.fields) == [["", "Nanzhao", "", ""], ["", ""]])
    }

    @Test func lastLineWithoutLineEndIsARecord() throws {
        let result = try records("county,villages\nNanzhao,12")
        #expect(result.last == CSVRecord(line: 2, fields: ["Nanzhao", "12"]))
        #expect(try records("Nanzhao,") == [CSVRecord(line: 1, fields: ["Nanzhao", ""])])
    }

    @Test func fieldsAreVerbatim() throws {
        // Spaces around numbers are the portfolio layer's to trim; county names are exact.
        let result = try records(" 南召县 , 12 ,\t3\n")
        #expect(result[0].fields == [" 南召县 ", " 12 ", "\t3"])
    }

    @Test func chineseTextInQuotedAndUnquotedFields() throws {
        let result = try records("南召县,\"方城县, \"\"东\"\"\"\n")
        #expect(result[0].fields == ["南召县", "方城县, \"东\""])
    }

    @Test func forEachRecordMatchesRecords() throws {
        let bytes = Array("county,villages\n\n\"Nanzhao\nwest\",12\nFangcheng,7".utf8)
        var seen: [CSVRecord] = []
        try CSVReader.forEachRecord(bytes: bytes, file: "portfolio.csv") {
            (line, fields) throws(DiagnosticError) in
            seen.append(CSVRecord(line: line, fields: fields))
        }
        #expect(seen == (try records(bytes)))
        #expect(seen.map(\.line) == [1, 3, 5])
    }

    // MARK: - Errors

    @Test func unterminatedQuoteIsLocatedWhereTheFieldStarts() throws {
        let error = try diagnostic { _ = try records("county,group\nNanzhao,\"open\nmore,text\n") }
        #expect(error.location == at(2, 2))
        #expect(error.message.contains("unterminated quoted field 2"))
    }

    @Test func junkAfterClosingQuote() throws {
        // The quoted field starts on line 2 and closes on line 3, where the junk is.
        let error = try diagnostic { _ = try records("county,group\n\"Nan\nzhao\"x,1\n") }
        #expect(error.location == at(3, 1))
        #expect(error.message.contains("unexpected character after closing quote in field 1"))

        let space = try diagnostic { _ = try records("Nanzhao,\"west\" \n") }
        #expect(space.location == at(1, 2))
    }

    @Test func quoteInsideUnquotedField() throws {
        let error = try diagnostic { _ = try records("county,group\nNanzhao,we\"st\n") }
        #expect(error.location == at(2, 2))
        #expect(error.message.contains("quote character inside unquoted field 2"))
    }

    @Test func utf16IsRecognised() throws {
        // Excel's "Unicode text": UTF-16 LE with a byte order mark.
        let withMark = try diagnostic { _ = try records([0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00, 0x62, 0x00]) }
        #expect(withMark.location == at(1, 1))
        #expect(withMark.message.contains("UTF-16"))

        let bigEndian = try diagnostic { _ = try records([0xFE, 0xFF, 0x00, 0x61]) }
        #expect(bigEndian.message.contains("UTF-16"))

        // Without a byte order mark, every ASCII character carries a NUL byte.
        var unmarked: [UInt8] = []
        for byte in "county,villages\nNanzhao,12\n".utf8 { unmarked += [byte, 0] }
        let withoutMark = try diagnostic { _ = try records(unmarked) }
        #expect(withoutMark.message.contains("UTF-16"))
    }

    @Test func gbkIsRecognisedAndLocated() throws {
        // 南召县 in GBK is C4 CF D5 D9 CF D8. Lines: 1 header, 2-3 a quoted field, 4 blank,
        // 5 the GBK county.
        let nanzhaoInGBK: [UInt8] = [0xC4, 0xCF, 0xD5, 0xD9, 0xCF, 0xD8]
        let bytes =
            Array("county,villages\r\n\"Fang\ncheng\",7\r\n\r\n".utf8) + nanzhaoInGBK
            + Array(",12\r\n".utf8)
        let error = try diagnostic { _ = try records(bytes) }
        #expect(error.location == at(5, 1))
        #expect(error.message.contains("not UTF-8"))
        #expect(error.message.contains("GBK"))
        #expect(error.message.contains("UTF-8"))
    }

    @Test func gbkInsideAMultilineQuotedFieldIsLocatedOnItsLine() throws {
        let bytes =
            Array("county,group\nNanzhao,\"west\n".utf8) + [0xC4, 0xCF, 0xD5, 0xD9] + Array("\"\n".utf8)
        let error = try diagnostic { _ = try records(bytes) }
        #expect(error.location == at(3, 2))
        #expect(error.message.contains("GBK"))
    }

    @Test func latin1IsNotCalledGBK() throws {
        // "Müller" in Latin-1: FC is not UTF-8, and one accented byte before an ASCII letter
        // is not how Chinese text looks.
        let bytes = Array("county\nM".utf8) + [0xFC] + Array("ller\n".utf8)
        let error = try diagnostic { _ = try records(bytes) }
        #expect(error.location == at(2, 1))
        #expect(error.message.contains("0xFC"))
        #expect(!error.message.contains("GBK"))
    }

    @Test func truncatedUTF8AtEndOfFile() throws {
        // 南 is E5 8D 97; the file ends after two of its bytes.
        let error = try diagnostic { _ = try records(Array("county,group\nNanzhao,".utf8) + [0xE5, 0x8D]) }
        #expect(error.location == at(2, 2))
    }

    // MARK: - Files

    /// A fresh directory for one test, removed afterwards.
    private func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("groundwork-csv-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    @Test func readsAFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("portfolio.csv").path
            let text = "\u{FEFF}county,villages\r\n南召县,12\r\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let result = try CSVReader.records(path: path)
            #expect(
                result == [
                    CSVRecord(line: 1, fields: ["county", "villages"]),
                    CSVRecord(line: 2, fields: ["南召县", "12"]),
                ])
        }
    }

    @Test func readsAnEmptyFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("empty.csv").path
            try Data().write(to: URL(fileURLWithPath: path))
            #expect(try CSVReader.records(path: path).isEmpty)
        }
    }

    @Test func utf16FileAsExcelSavesIt() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("unicode.txt").path
            // Foundation's .utf16 writes a byte order mark, as Excel does.
            let data = try #require("county,villages\n南召县,12\n".data(using: .utf16))
            try data.write(to: URL(fileURLWithPath: path))
            let error = try diagnostic { _ = try CSVReader.records(path: path) }
            #expect(error.location == at(1, 1, in: path))
            #expect(error.message.contains("UTF-16"))
        }
    }

    @Test func directoryIsAnError() throws {
        try withTemporaryDirectory { directory in
            let error = try diagnostic { _ = try CSVReader.records(path: directory.path) }
            #expect(error.location == at(1, 1, in: directory.path))
            #expect(error.message.contains("directory"))
        }
    }

    @Test func missingFileIsAnError() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("missing.csv").path
            let error = try diagnostic { _ = try CSVReader.records(path: path) }
            #expect(error.location == at(1, 1, in: path))
            #expect(error.message == "cannot read '\(path)': no such file")
            #expect(error.description == "\(path):1:1: error: cannot read '\(path)': no such file")
        }
    }

    @Test func unreadableFileIsAnError() throws {
        // root reads any file, so there is nothing to observe then.
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("locked.csv").path
            try Data("county\n".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
            guard !FileManager.default.isReadableFile(atPath: path) else { return }
            let error = try diagnostic { _ = try CSVReader.records(path: path) }
            #expect(error.message == "cannot read '\(path)': permission denied")
        }
    }
}

/// `InputFile`: reading and the encoding checks shared by the CSV and YAML loaders.
@Suite("Input file encoding")
struct InputFileTests {

    private func diagnostic(
        _ body: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Diagnostic {
        let error = try #require(throws: DiagnosticError.self, sourceLocation: sourceLocation) {
            try body()
        }
        return try #require(error.diagnostics.first, sourceLocation: sourceLocation)
    }

    @Test func decodeStripsTheByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("南召县".utf8)
        #expect(try InputFile.decodeUTF8(bytes, path: "a.yaml") == "南召县")
        #expect(try InputFile.decodeUTF8([], path: "a.yaml") == "")
    }

    @Test func invalidByteIsLocatedByLineAndCharacterColumn() throws {
        // Line 2 is "南召: " (four characters) and then GBK bytes: column 5.
        let bytes = Array("name: x\n南召: ".utf8) + [0xC4, 0xCF, 0xD5, 0xD9]
        let error = try diagnostic { _ = try InputFile.decodeUTF8(bytes, path: "a.yaml") }
        #expect(error.location == GroundworkCore.SourceLocation(file: "a.yaml", line: 2, column: 5))
        #expect(error.message.contains("GBK"))
    }

    @Test func byteOrderMarkIsNotAColumn() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF, 0x61, 0xFF]
        let error = try diagnostic { _ = try InputFile.decodeUTF8(bytes, path: "a.yaml") }
        #expect(error.location == GroundworkCore.SourceLocation(file: "a.yaml", line: 1, column: 2))
    }

    @Test func validateFindsSurrogatesAfterCRLFAndLoneCR() throws {
        // ED A0 80 would be the surrogate U+D800, which UTF-8 forbids.
        let bytes = Array("x\r\ny\rz".utf8) + [0xED, 0xA0, 0x80]
        let error = try diagnostic { try InputFile.validateUTF8(bytes, path: "v.csv") }
        #expect(error.location == GroundworkCore.SourceLocation(file: "v.csv", line: 3, column: 2))
        try InputFile.validateUTF8(Array("南召县 😀 ok".utf8), path: "v.csv")
    }

    @Test(
        arguments: [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5], [0x80], [0xC2],
        ] as [[UInt8]])
    func illFormedSequencesAreRejected(bytes: [UInt8]) {
        // Overlong forms, surrogates, code points above U+10FFFF, stray continuation bytes.
        let offset = bytes.withUnsafeBufferPointer { InputFile.firstInvalidUTF8Offset($0) }
        #expect(offset == 0)
        #expect(String(validating: bytes, as: UTF8.self) == nil)
    }

    @Test func validatorAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let prefix = Array("abcdefghij".prefix(Int.random(in: 0...10, using: &generator)).utf8)
            let bytes =
                prefix
                + (0..<Int.random(in: 0..<12, using: &generator)).map { _ in
                    UInt8.random(in: 0...255, using: &generator)
                }
            let offset = bytes.withUnsafeBufferPointer { InputFile.firstInvalidUTF8Offset($0) }
            #expect((offset == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    @Test func utf16IsRecognisedByDecode() throws {
        let error = try diagnostic { _ = try InputFile.decodeUTF8([0xFF, 0xFE, 0x6E, 0x00], path: "a.yaml") }
        #expect(error.location == GroundworkCore.SourceLocation(file: "a.yaml", line: 1, column: 1))
        #expect(error.message.hasPrefix("file is UTF-16"))
    }
}
