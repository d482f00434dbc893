import Foundation
import Testing
@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// Portfolio CSV files (MODEL.md section 2): accepted forms, and every error located at
/// `FILE:LINE:FIELD` with the line where the record starts.
@Suite("Portfolio loader")
struct PortfolioLoaderTests {

    /// Writes `text` as `villages.csv` and loads it.
    func load(_ text: String) throws -> Portfolio {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        return try PortfolioLoader.load(directory.write("villages.csv", text))
    }

    /// Writes `bytes` as `villages.csv` and loads it.
    func load(bytes: [UInt8]) throws -> Portfolio {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        return try PortfolioLoader.load(directory.write("villages.csv", bytes: bytes))
    }

    /// Writes `text` as `villages.csv`, expects loading it to fail with one diagnostic at
    /// `line:column` whose message holds each of `words`.
    func expectError(
        _ text: String, _ line: Int, _ column: Int, _ words: [String],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        expectError(bytes: Array(text.utf8), line, column, words, sourceLocation: sourceLocation)
    }

    func expectError(
        bytes: [UInt8], _ line: Int, _ column: Int, _ words: [String],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write("villages.csv", bytes: bytes)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try PortfolioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: path, line, column, contains: words, sourceLocation: sourceLocation)
    }

    static let defaultPerVillage = RoleValues(secretary: 1.0, director: 1.0, other: 3.0)

    // MARK: - Accepted forms

    @Test("columns may come in any order")
    func anyColumnOrder() throws {
        let portfolio = try load(
            "population,venues_needed,others,county,villages,group,directors,secretaries\n"
                + "5200,3,12,南召县,4,north,4,2\n")
        #expect(portfolio.counties == ["南召县"])
        #expect(portfolio.villages == [4])
        #expect(portfolio.venuesNeeded == [3])
        #expect(portfolio.heads.secretary == [2])
        #expect(portfolio.heads.director == [4])
        #expect(portfolio.heads.other == [12])
        #expect(portfolio.population == [5200])
    }

    @Test("a UTF-8 byte order mark and CRLF line ends are accepted")
    func byteOrderMarkAndCRLF() throws {
        let text = "county,villages,venues_needed\r\n南召县,4,2\r\n\r\n方城县,3,1\r\n"
        let portfolio = try load(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(portfolio.counties == ["南召县", "方城县"])
        #expect(portfolio.villages == [4, 3])
        #expect(portfolio.lines == [2, 4])
    }

    @Test("a BOM does not hide the first column's name from an error")
    func byteOrderMarkError() {
        expectError(
            bytes: [0xEF, 0xBB, 0xBF] + Array("county,villages,venues_needed\nA,4,5\n".utf8), 2, 3,
            ["`venues_needed` (5) is more than `villages` (4)"])
    }

    @Test(
        "quoted fields may hold commas, doubled quotes and line breaks; lines count from the record's start")
    func quotedFields() throws {
        let text = #"""
            county,group,villages,venues_needed
            A,"north, east",4,2
            A,"south
            villages",3,1
            "B, the ""second""",one,2,0
            C,"lines\#r\#nwith CRLF",1,1

            """#
        let portfolio = try load(text)
        #expect(portfolio.counties == ["A", "B, the \"second\"", "C"])
        #expect(portfolio.villages == [4, 3, 2, 1])
        #expect(portfolio.lines == [2, 3, 5, 6])
    }

    @Test("a bad number in a record that spans lines is located at the line where the record starts")
    func errorInMultilineRecord() {
        expectError(
            "county,group,villages,venues_needed\nA,x,1,1\nA,\"south\nvillages\",3.0,1\n", 3, 3,
            ["`villages` must be a whole number >= 0, not `3.0`"])
    }

    @Test("an error after a record that spans lines is located on its own line")
    func errorAfterMultilineRecord() {
        expectError(
            "county,group,villages,venues_needed\nA,\"south\nvillages\nand more\",3,1\n\nC,x,1,5\n", 6, 4,
            ["`venues_needed` (5) is more than `villages` (1)"])
    }

    @Test("blank head cells and absent head columns take villages x cadres.per_village")
    func blankCells() throws {
        let portfolio = try load(
            "county,villages,venues_needed,secretaries,directors,population\n"
                + "A,10,0,,8,\n"
                + "A,5,0,4,,1000\n"
                + "B,2,0,2,2,\n")
        // NaN marks a blank cell; `others` is not a column at all.
        let blank = [
            portfolio.heads.secretary.map(\.isNaN), portfolio.heads.director.map(\.isNaN),
            portfolio.heads.other.map(\.isNaN), portfolio.population.map(\.isNaN),
        ]
        #expect(
            blank == [
                [true, false, false], [false, true, false], [true, true, true], [true, false, true],
            ])
        let totals = CountyTotals(portfolio)
        let perVillage = Self.defaultPerVillage
        #expect(totals.heads(.secretary, county: 0, perVillage: perVillage) == 10 * 1 + 4)
        #expect(totals.heads(.director, county: 0, perVillage: perVillage) == 8 + 5 * 1)
        #expect(totals.heads(.other, county: 0, perVillage: perVillage) == 15 * 3)
        #expect(
            totals.heads(.other, county: 1, perVillage: RoleValues(secretary: 1, director: 1, other: 2.5))
                == 5)
        #expect(totals.population == [1000, nil])
    }

    @Test("spaces and tabs around numbers are trimmed; county names are kept exactly")
    func spacesTrimmed() throws {
        let portfolio = try load(
            "county,villages,venues_needed,secretaries,population\n 南召县 , 10 ,\t2\t,  3 , 1.5e3 \n")
        #expect(portfolio.counties == [" 南召县 "])
        #expect(portfolio.villages == [10])
        #expect(portfolio.venuesNeeded == [2])
        #expect(portfolio.heads.secretary == [3])
        #expect(portfolio.population == [1500])
    }

    @Test("the last record may lack a line end, and header names may have spaces around them")
    func noFinalLineEnd() throws {
        let portfolio = try load("county , villages,venues_needed\nA,1,1")
        #expect(portfolio.villages == [1])
    }

    @Test("counties are reported in order of first appearance; a county may span non-adjacent rows")
    func countyOrder() throws {
        let portfolio = try load(
            "county,villages,venues_needed\n乙县,1,0\n甲县,2,1\n乙县,3,2\n丙区,4,0\n甲县,5,5\n")
        #expect(portfolio.counties == ["乙县", "甲县", "丙区"])
        #expect(portfolio.countyOfRow == [0, 1, 0, 2, 1])
        #expect(portfolio.totalVenuesNeeded == 8)
        let totals = CountyTotals(portfolio)
        #expect(totals.counties == ["乙县", "甲县", "丙区"])
        #expect(totals.villages == [4, 7, 4])
        #expect(totals.venuesNeeded == [2, 6, 0])
    }

    @Test("county names are exact strings: case and width differ")
    func exactCountyNames() throws {
        let portfolio = try load("county,villages,venues_needed\nA,1,0\na,1,0\nＡ,1,0\nA,1,0\n")
        #expect(portfolio.counties == ["A", "a", "Ａ"])
    }

    @Test("CountyTotals sums villages, written heads, blank-head villages, need and population per county")
    func countyTotals() throws {
        let portfolio = try load(
            """
            county,group,villages,venues_needed,secretaries,directors,others,population
            甲县,north villages,40,6,,,,52000
            甲县,south villages,25,5,25,20,60,31000
            乙县,all villages,55,9,,,,70500
            丙区,"town fringe, east",12,2,12,12,30,
            甲县,hills,10,0,9,,28.5,

            """)
        let totals = CountyTotals(portfolio)
        #expect(totals.counties == ["甲县", "乙县", "丙区"])
        #expect(totals.villages == [75, 55, 12])
        #expect(totals.venuesNeeded == [11, 9, 2])
        #expect(totals.writtenHeads.secretary == [34, 0, 12])
        #expect(totals.writtenHeads.director == [20, 0, 12])
        #expect(totals.writtenHeads.other == [88.5, 0, 30])
        #expect(totals.blankHeadVillages.secretary == [40, 55, 0])
        #expect(totals.blankHeadVillages.director == [50, 55, 0])
        #expect(totals.blankHeadVillages.other == [40, 55, 0])
        #expect(totals.population == [83000, 70500, nil])
        let perVillage = Self.defaultPerVillage
        #expect(totals.heads(.director, county: 0, perVillage: perVillage) == 20 + 50)
        #expect(totals.heads(.other, county: 1, perVillage: perVillage) == 165)
    }

    @Test("the largest numbers below 10^9 are accepted")
    func numberLimitAccepted() throws {
        let portfolio = try load(
            "county,villages,venues_needed,population\nA,999999999,999999999,999999999.5\n")
        #expect(portfolio.villages == [999_999_999])
        #expect(portfolio.population == [999_999_999.5])
    }

    // MARK: - Errors in cells

    @Test(
        "an integer column rejects anything but digits",
        arguments: ["12.0", "1e3", "+5", "twelve", "0x10", "1,5"])
    func integerColumn(_ text: String) {
        let cell = text.contains(",") ? "\"\(text)\"" : text
        expectError(
            "county,villages,venues_needed\nA,\(cell),0\n", 2, 2,
            ["`villages` must be a whole number >= 0, not `\(text)`"])
    }

    @Test("an empty required integer cell is an error naming the column")
    func emptyIntegerCell() {
        expectError(
            "county,villages,venues_needed\nA,4,\n", 2, 3,
            ["`venues_needed` must be a whole number >= 0, not empty"])
    }

    @Test(
        "negative numbers are rejected, naming the column",
        arguments: [
            (
                "county,villages,venues_needed\nA,-3,0\n", 2,
                ["`villages` must be a whole number in 0..999999999, not -3"]
            ),
            (
                "county,villages,venues_needed\nA,3,-1\n", 3,
                ["`venues_needed` must be a whole number in 0..999999999, not -1"]
            ),
            (
                "county,villages,venues_needed,secretaries\nA,3,1,-1\n", 4,
                ["`secretaries` must be a number in 0..10^9, not -1"]
            ),
            (
                "county,villages,venues_needed,population\nA,3,1,-5.5\n", 4,
                ["`population` must be a number in 0..10^9, not -5.5"]
            ),
        ])
    func negative(_ text: String, _ column: Int, _ words: [String]) {
        expectError(text, 2, column, words)
    }

    @Test(
        "NaN, infinity and other text are not numbers",
        arguments: ["NaN", "nan", ".nan", "inf", ".inf", "Infinity", "three", "1 000"])
    func notANumber(_ text: String) {
        expectError(
            "county,villages,venues_needed,others\nA,3,1,\(text)\n", 2, 4,
            ["`others` must be a number >= 0 or blank, not `\(text)`"])
    }

    @Test("a number of 10^9 or more is an error")
    func numberLimit() {
        expectError(
            "county,villages,venues_needed\nA,1000000000,0\n", 2, 2,
            ["`villages` must be a whole number in 0..999999999, not 1000000000"])
        expectError(
            "county,villages,venues_needed,directors\nA,1,0,1e9\n", 2, 4,
            ["`directors` must be a number in 0..10^9, not 1e9"])
    }

    @Test("`venues_needed` above `villages` is an error at `venues_needed`")
    func neededAboveVillages() {
        expectError(
            "county,venues_needed,group,villages\nA,6,x,5\n", 2, 2,
            ["`venues_needed` (6) is more than `villages` (5)"])
    }

    @Test("an empty county is an error at the county")
    func emptyCounty() {
        expectError("villages,venues_needed,county\n3,1,\n", 2, 3, ["`county` is empty"])
    }

    @Test("every bad row is reported, each at its own line")
    func severalErrors() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "villages.csv", "county,villages,venues_needed\nA,1,0\nB,x,0\nC,1,0\n\nD,1,2\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try PortfolioLoader.load(path) }
        #expect(diagnostics.map(\.location.description) == ["\(path):3:2", "\(path):6:3"])
    }

    // MARK: - Errors in the header and the shape of the file

    @Test("an unknown column is an error at its field with the nearest column")
    func unknownColumn() {
        expectError(
            "county,villages,venues_needed,secretarys\nA,1,0,1\n", 1, 4,
            ["unknown column `secretarys`", "did you mean `secretaries`?"])
        expectError(
            "county,villages,notes,venues_needed\nA,1,x,0\n", 1, 3,
            ["unknown column `notes`", "the columns are", "`population`"])
    }

    @Test("a column given twice is an error at the second")
    func duplicateColumn() {
        expectError(
            "county,villages,venues_needed,villages\nA,1,0,1\n", 1, 4, ["column `villages` appears twice"])
    }

    @Test(
        "a missing required column is an error at the header naming the column",
        arguments: ["county", "villages", "venues_needed"])
    func missingRequiredColumn(_ name: String) {
        let header = ["county", "group", "villages", "venues_needed"].filter { $0 != name }.joined(
            separator: ",")
        expectError(header + "\nA,x,1\n", 1, 1, ["missing required column `\(name)`"])
    }

    @Test("a row with the wrong number of fields is an error at the line where the record starts")
    func wrongFieldCount() {
        expectError(
            "county,group,villages,venues_needed\nA,x,1,0\nB,x,1\n", 3, 1,
            ["this row has 3 fields but the header has 4"])
        expectError(
            "county,group,villages,venues_needed\nA,x,1,0\n\nB,\"two\nlines\",1,0,extra\n", 4, 1,
            ["this row has 5 fields but the header has 4"])
    }

    @Test(
        "a file without a data row is an error at the header",
        arguments: [
            ("county,villages,venues_needed\n", 1),
            ("county,villages,venues_needed", 1),
            ("county,villages,venues_needed\n\n\r\n", 1),
            ("\n\ncounty,villages,venues_needed\n", 3),
        ])
    func noDataRow(_ text: String, _ line: Int) {
        expectError(text, line, 1, ["the portfolio has a header but no data row"])
    }

    @Test(
        "an empty file is an error at its start",
        arguments: [[], [0xEF, 0xBB, 0xBF], Array("\n\n".utf8), Array("\r\n".utf8)] as [[UInt8]])
    func emptyFile(_ bytes: [UInt8]) {
        expectError(bytes: bytes, 1, 1, ["the portfolio is empty", "header row"])
    }

    @Test("a missing portfolio file is an error at its path")
    func missingFile() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.url("villages.csv")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try PortfolioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: path, 1, 1, contains: ["cannot read '\(path)'", "no such file"])
    }

    // MARK: - The one-pass scanner and the plain path

    /// Valid files, including forms the one-pass `PortfolioScanner` may hand to the plain path.
    static let validInputs = [
        "county,villages,venues_needed\nA,4,2\nB,3,1\n",
        "\u{FEFF}county,villages,venues_needed\r\nA,4,2\r\n\r\nB,3,1",
        "county,villages,venues_needed\rA,4,2\rB,3,1\r",
        "county,group,villages,venues_needed\nA,\"north, east\",4,2\nA,\"two\r\nlines\",1,0\n\"B \"\"x\"\"\",y,2,2\n",
        "county,villages,venues_needed,secretaries,directors,others,population\nA, 4 ,\t2,,1.,.5,\nA,007,0,3, 2.25 ,1.5e3,1234567.891\n",
        "villages,county,venues_needed,population\n0000000001,A,1,999999999.99\n1,\"A\",0,0.1\n1,\" A\",0,0.3\n",
        "county,villages,venues_needed,others\n南召县,999999999,999999999,123456789012345e-6\n方城县,1,0,0.000000000000000000001\n",
        // Without a quote anywhere (the scanner's unquoted loop): blank lines, spaces around
        // header names, mixed line ends, an empty last field, no final line end.
        "\n\r\n county ,\tvillages,venues_needed \nA,4,2\n\n\nB,3,1",
        "county,villages,venues_needed,group,population\nA,4,2,,\rA,1,1,g, 12.5\r\nB,0,0,x,0.125\nA,2,0,,3\n",
    ]

    /// Invalid files: the scanner must give up on each so that the plain path reports it.
    static let invalidInputs = [
        "county,villages,venues_needed\nA,12.0,0\n",
        "county,villages,venues_needed\nA,-3,0\n",
        "county,villages,venues_needed\nA,+3,0\n",
        "county,villages,venues_needed\nA,\"1,5\",0\n",
        "county,villages,venues_needed\nA,3,4\n",
        "county,villages,venues_needed\nA,1000000000,0\n",
        "county,villages,venues_needed,population\nA,1,0,1000000000\n",
        "county,villages,venues_needed,population\nA,1,0,NaN\n",
        "county,villages,venues_needed,population\nA,1,0,.\n",
        "county,villages,venues_needed\n,1,0\n",
        "county,villages,venues_needed\n\"\",1,0\n",
        "county,villages,venues_needed\nA,1\n",
        "county,villages,venues_needed\nA,1,0,\n",
        "county,villages,venues_needed,secretarys\nA,1,0,1\n",
        "county,villages\nA,1\n",
        "county,villages,venues_needed,villages\nA,1,0,1\n",
        "county,villages,venues_needed\n",
        "",
        "county,villages,venues_needed\nA,\"1\"x,0\n",
        "county,villages,venues_needed\nA,1,\"0\n",
        "county,villages,venues_needed\nA,1,0\nB,2\n",
        "county,villages,venues_needed\nA,1,0\nB,2,1,3\n",
        "county,villages,venues_needed,population\nA,1,0,1.2.3\n",
        "county,villages,venues_needed,population\nA,1,0,1234567890123456\n",
        "county,villages,venues_needed\nA,1 2,0\n",
    ]

    @Test("the one-pass scanner reads every valid file as the plain path does", arguments: validInputs)
    func scannerAgreesWithPlainPath(_ text: String) throws {
        let bytes = Array(text.utf8)
        let plain = try PortfolioLoader.loadPlainly(bytes, path: "villages.csv")
        let loaded = try load(text)
        for portfolio in [loaded] + [PortfolioScanner.scan(bytes, path: "villages.csv")].compactMap({ $0 }) {
            #expect(portfolio.counties == plain.counties)
            #expect(portfolio.countyOfRow == plain.countyOfRow)
            #expect(portfolio.villages == plain.villages)
            #expect(portfolio.venuesNeeded == plain.venuesNeeded)
            #expect(portfolio.lines == plain.lines)
            for role in Role.allCases {
                #expect(portfolio.heads[role].map(\.bitPattern) == plain.heads[role].map(\.bitPattern))
            }
            #expect(portfolio.population.map(\.bitPattern) == plain.population.map(\.bitPattern))
        }
    }

    @Test("a file of more than 1 MB, read in two parts side by side, is read as the plain path reads it")
    func scannerInTwoParts() throws {
        // Counties that recur across the middle and counties first seen after it, blank lines
        // and CRLF line ends on both sides, a number with spaces and a fraction.
        var text = "county,group,villages,venues_needed,secretaries,population\n"
        for row in 0..<50_000 {
            let county = row < 25_000 ? "县\(row % 7)" : "县\(row % 11 + 3)"
            let end = row % 5 == 0 ? "\r\n" : "\n"
            text +=
                "\(county),村\(row),\(row % 4 + 1),\(row % 2), \(row % 3).5 ,\(row % 13 == 0 ? "" : "\(row)")\(end)"
            if row % 997 == 0 { text += "\n" }
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 1 << 20)
        let plain = try PortfolioLoader.loadPlainly(bytes, path: "villages.csv")
        let scanned = try #require(PortfolioScanner.scan(bytes, path: "villages.csv"))
        #expect(scanned.counties == plain.counties)
        #expect(scanned.counties.count == 14)
        #expect(scanned.countyOfRow == plain.countyOfRow)
        #expect(scanned.villages == plain.villages)
        #expect(scanned.venuesNeeded == plain.venuesNeeded)
        #expect(scanned.lines == plain.lines)
        #expect(scanned.lines.last == 50_000 + 1 + 51)
        for role in Role.allCases {
            #expect(scanned.heads[role].map(\.bitPattern) == plain.heads[role].map(\.bitPattern))
        }
        #expect(scanned.population.map(\.bitPattern) == plain.population.map(\.bitPattern))
    }

    /// SplitMix64: a seeded generator, so that a failing file can be made again.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A random portfolio file for `scannerAgreesOnRandomFiles`: the required columns and
    /// some optional ones in any order (sometimes an unknown or a repeated name), fields that
    /// are mostly valid and sometimes one of the pieces the scanner must refuse or leave to the
    /// plain path (signs, exponents, too many digits, quotes, ill-formed UTF-8, a lone
    /// point), any line ends, blank lines, short and long rows, sometimes no final line end.
    static func randomPortfolio(_ seed: UInt64) -> [UInt8] {
        var random = SplitMix(state: seed)
        func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }
        func pick<T>(_ choices: [T]) -> T { choices[next(choices.count)] }
        let lineEnds: [[UInt8]] = [[0x0A], [0x0A], [0x0A], [0x0D, 0x0A], [0x0D]]
        let optional = ["group", "secretaries", "directors", "others", "population"].shuffled(using: &random)
        var names = (["county", "villages", "venues_needed"] + optional.prefix(next(6))).shuffled(
            using: &random)
        if next(15) == 0 { names.append(pick(["county", "village"])) }
        var bytes: [UInt8] = next(6) == 0 ? [0xEF, 0xBB, 0xBF] : []
        let header = names.map { next(10) == 0 ? " \($0)\t" : $0 }
        bytes += Array(header.joined(separator: ",").utf8) + pick(lineEnds)
        let junk: [[UInt8]] = [
            Array("-1".utf8), Array("+2".utf8), Array("1e3".utf8), Array("1234567890".utf8),
            Array("1234567.890123456".utf8), Array(".".utf8), Array("1 2".utf8), Array("1.2.3".utf8),
            Array("\"3\"".utf8), Array("\"x,y\"".utf8), [0xFF], [0x80], [0xE5, 0x8E], [0x22], [],
            Array("1000000000".utf8), Array("NaN".utf8),
        ]
        for _ in 0..<(1 + next(6)) {
            if next(6) == 0 { bytes += pick(lineEnds) }
            let width = next(15) == 0 ? names.count + pick([-1, 1]) : names.count
            for column in 0..<width {
                if column > 0 { bytes += [0x2C] }
                if next(40) == 0 {
                    bytes += pick(junk)
                    continue
                }
                switch column < names.count ? names[column] : "group" {
                case "county": bytes += Array(pick(["A", "B", "县", "南召县", "A B", "B "]).utf8)
                case "group": bytes += Array(pick(["", "north", "村1", " x "]).utf8)
                case "villages": bytes += Array(pick(["1", "4", "12", " 7", "007\t", "999999999"]).utf8)
                case "venues_needed": bytes += Array(pick(["0", "1", " 0 ", "00"]).utf8)
                default:
                    bytes += Array(
                        pick(["", "3", "2.5", " 4 ", ".5", "5.", "0.1", "123456789.123456", "0"]).utf8)
                }
            }
            bytes += pick(lineEnds)
        }
        if next(4) == 0 { bytes.removeLast() }
        return bytes
    }

    @Test("on 3,000 random files the one-pass scanner yields the plain path's portfolio or gives up")
    func scannerAgreesOnRandomFiles() throws {
        var scanned = 0
        var refused = 0
        for seed in 0..<3_000 as Range<UInt64> {
            let bytes = Self.randomPortfolio(seed)
            let plain = try? PortfolioLoader.loadPlainly(bytes, path: "villages.csv")
            guard let fast = PortfolioScanner.scan(bytes, path: "villages.csv") else {
                if plain == nil { refused += 1 }
                continue
            }
            scanned += 1
            let text = String(decoding: bytes, as: UTF8.self).debugDescription
            guard let plain else {
                Issue.record("the scanner read a file the plain path refuses: \(text)")
                continue
            }
            #expect(fast.counties == plain.counties, "\(text)")
            #expect(fast.countyOfRow == plain.countyOfRow, "\(text)")
            #expect(fast.villages == plain.villages, "\(text)")
            #expect(fast.venuesNeeded == plain.venuesNeeded, "\(text)")
            #expect(fast.lines == plain.lines, "\(text)")
            for role in Role.allCases {
                #expect(fast.heads[role].map(\.bitPattern) == plain.heads[role].map(\.bitPattern), "\(text)")
            }
            #expect(fast.population.map(\.bitPattern) == plain.population.map(\.bitPattern), "\(text)")
        }
        // Both sides are exercised: files read by the scanner, and invalid files refused.
        #expect(scanned >= 1_000)
        #expect(refused >= 1_000)
    }

    /// Ill-formed UTF-8 in a file of more than 1 MB (read in two parts): at `row`, in its
    /// county or its group, the bytes `bad` in place of the field's first character.
    struct BadUTF8: Sendable, CustomTestStringConvertible {
        var row: Int
        var inCounty: Bool
        var bad: [UInt8]
        var testDescription: String { "row \(row), \(inCounty ? "county" : "group"), bytes \(bad)" }
    }

    @Test(
        "the one-pass scanner refuses ill-formed UTF-8 in a county or a group, as the plain path does",
        arguments: [
            // A lone byte 0xFF in a group, in the second part; 县 (E5 8E BF) cut short in a
            // county first seen in the first part; a lone continuation byte in a county.
            BadUTF8(row: 40_000, inCounty: false, bad: [0xFF]),
            BadUTF8(row: 100, inCounty: true, bad: [0xE5, 0x8E]),
            BadUTF8(row: 30_000, inCounty: true, bad: [0x80]),
        ])
    func scannerRefusesBadUTF8(_ bad: BadUTF8) throws {
        var bytes = Array("county,group,villages,venues_needed,secretaries,population\n".utf8)
        for row in 0..<50_000 {
            let county = Array("县\(row % 7)".utf8)
            let group = Array("村\(row)".utf8)
            if row == bad.row {
                bytes += bad.inCounty ? bad.bad + county.dropFirst(3) : county
                bytes += [0x2C] + (bad.inCounty ? group : bad.bad + group.dropFirst(3))
            } else {
                bytes += county + [0x2C] + group
            }
            bytes += Array(",2,1,1,300\n".utf8)
        }
        #expect(bytes.count > 1 << 20)
        #expect(PortfolioScanner.scan(bytes, path: "villages.csv") == nil)
        // At the row's line and field, naming the byte.
        let hex = "0x" + String(bad.bad[0], radix: 16, uppercase: true)
        expectError(bytes: bytes, bad.row + 2, bad.inCounty ? 1 : 2, ["not UTF-8", hex, "field"])
    }

    @Test(
        "the one-pass scanner gives up on every invalid file, leaving the error to the plain path",
        arguments: invalidInputs)
    func scannerGivesUp(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(PortfolioScanner.scan(bytes, path: "villages.csv") == nil)
        #expect(
            !thrownDiagnostics { () throws(DiagnosticError) in
                try PortfolioLoader.loadPlainly(bytes, path: "villages.csv")
            }.isEmpty)
    }

    // MARK: - Through a run

    @Test(
        "a missing portfolio referenced by a scenario is reported at the scenario's `portfolio:`, naming the path"
    )
    func missingPortfolioOfScenario() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let scenario = directory.write(
            "scenario.yaml",
            "horizon: {start: 2014, end: 2020}\nportfolio: data/villages.csv\nrural_income: {value: 13200}\n")
        let csv = directory.url("data/villages.csv")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([scenario]) }
        expectSingleDiagnostic(
            diagnostics, at: scenario, 2, 12, contains: ["portfolio \(csv)", "cannot read", "no such file"])
    }

    @Test("a missing portfolio named in a parent is reported at the parent's `portfolio:`")
    func missingPortfolioOfParent() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let parent = directory.write(
            "base/parent.yaml",
            "horizon: {start: 2014, end: 2020}\nrural_income: {value: 13200}\nportfolio: villages.csv\n")
        let child = directory.write("child.yaml", "extends: base/parent.yaml\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([child]) }
        expectSingleDiagnostic(
            diagnostics, at: parent, 3, 12,
            contains: ["portfolio \(directory.url("base/villages.csv"))", "no such file"])
    }

    @Test("an error inside a scenario's portfolio is located in the CSV file")
    func badPortfolioOfScenario() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let scenario = directory.write(
            "scenario.yaml",
            "horizon: {start: 2014, end: 2020}\nportfolio: villages.csv\nrural_income: {value: 13200}\n")
        let csv = directory.write("villages.csv", "county,villages,venues_needed\nA,2,3\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([scenario]) }
        expectSingleDiagnostic(
            diagnostics, at: csv, 2, 3, contains: ["`venues_needed` (3) is more than `villages` (2)"])
    }
}
