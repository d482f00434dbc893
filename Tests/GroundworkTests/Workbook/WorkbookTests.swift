import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkIO

/// The workbook built straight from CSV bytes: the worked example of contract v1.2
/// (`example-funding`: five paying levels with central, prices, variance, outturn) read back
/// with openpyxl, its formulas recalculated independently of their cached values.
@Suite("Workbook from CSV bytes")
struct WorkbookTests {
    static let exampleTables = [
        "forecast", "summary", "rollout", "pay", "headline", "funding", "prices", "variance", "outturn",
    ]
    static let exampleDirectory = Fixtures.url("examples/expected/example-funding")
    /// The example's envelope: what the province and the city pay for the venue items and the
    /// operating funds, 2014-2022, 55,250,000 yuan.
    static let envelope = WorkbookEnvelope(
        scenario: "example-funding", amountCents: 5_525_000_000, from: 2014, to: 2022,
        items: ["venue_construction", "venue_upkeep", "operating_funds"], levels: ["province", "city"])

    static func exampleFiles() throws -> [(name: String, bytes: [UInt8])] {
        try exampleTables.map { table in
            let url = exampleDirectory.appendingPathComponent(table + ".csv")
            return (table + ".csv", Array(try Data(contentsOf: url)))
        }
    }

    /// Writes the workbook into `directory` and reads it back.
    static func readBack(_ output: Workbook.Output, in directory: TempDirectory) throws -> (
        path: String, workbook: WorkbookReader.Workbook
    ) {
        let path = directory.write(Workbook.fileName, bytes: output.bytes)
        return (path, try WorkbookReader.dump(path))
    }

    /// The cents of an amount cell, recalculated from its formula.
    static func recalculated(_ evaluator: inout FormulaEvaluator, _ sheet: String, row: Int, column: Int)
        throws
        -> Int64
    {
        Int64((try evaluator.value(sheet: sheet, FormulaEvaluator.name(row, column)) * 100).rounded())
    }

    @Test("every cell of the example's workbook equals its CSV to the cent")
    func everyCellEqualsTheCSV() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let output = try Workbook.make(from: Self.exampleFiles(), envelopes: [Self.envelope])
        let (path, workbook) = try Self.readBack(output, in: temp)
        let comparison = try WorkbookReader.compare(path, with: Self.exampleDirectory.path)
        #expect(comparison.equal, "\(comparison.report)")
        #expect(comparison.report.contains("of 9 sheets"), "\(comparison.report)")
        #expect(output.splits.isEmpty)
        // One sheet per table, the charts after the headline.
        #expect(
            workbook.sheets.map(\.name) == [
                "headline", "charts", "summary", "funding", "forecast", "rollout", "pay", "prices",
                "variance",
                "outturn",
            ])
        for sheet in workbook.sheets where sheet.name != "charts" {
            #expect(sheet.freeze == "A2", "\(sheet.name) has no frozen header row")
            #expect(sheet.autofilter?.hasPrefix("A1:") == true, "\(sheet.name) has no autofilter")
        }
        let summary = try #require(workbook["summary"])
        let total = try #require(summary.column("total"))
        #expect(summary.rows[1][total]?.fmt == "#,##0.00")
        #expect(summary.rows[1][try #require(summary.column("year"))]?.number == 2014)
        // Three charts: by item, the envelope, by paying level (five series: central to county).
        #expect(workbook["charts"]?.charts == 3)
    }

    @Test("every part of the zip is deflated at Workbook.deflateLevel (1), as the container's own flags say")
    func deflateLevel() throws {
        let output = try Workbook.make(from: Self.exampleFiles(), envelopes: [Self.envelope])
        #expect(Workbook.deflateLevel == 1)
        #expect(output.deflateLevel == 1, "libxlsxwriter was not bound to CXLSXTuning's part opener")
        // The central directory: its entries' general-purpose flags carry minizip's note of the
        // level (bits 1-2: 0 for zlib's default 6, 3 for "super fast", level 1), method 8 deflate.
        let bytes = output.bytes
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = try #require(
            stride(from: bytes.count - 22, through: 0, by: -1).first { u32($0) == 0x0605_4b50 })
        let entries = u16(end + 10)
        var at = u32(end + 16)
        var names: [String] = []
        for _ in 0..<entries {
            #expect(u32(at) == 0x0201_4b50)
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + u16(at + 28))], as: UTF8.self)
            names.append(name)
            #expect(u16(at + 10) == 8, "\(name) is not deflated")
            #expect(u16(at + 8) & 6 == 6, "\(name) was not deflated at level 1 (flags \(u16(at + 8)))")
            at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
        }
        #expect(names.contains("xl/worksheets/sheet5.xml"))
        #expect(names.contains("xl/workbook.xml"))
    }

    @Test(
        "libquadmath, loaded with OpenBLAS, was refused its printf hooks: glibc's printf stays on its fast path"
    )
    func printfHooksRefused() throws {
        // Loaded already (RTLD_NOLOAD opens nothing new).
        try #require(dlopen("libquadmath.so.0", RTLD_NOW | RTLD_NOLOAD) != nil, "libquadmath is not loaded")
        #expect(XLSXTuning.printfTypesRefused >= 1)
        // printf still formats doubles as libxlsxwriter writes them (%.16G).
        var buffer = [CChar](repeating: 0, count: 64)
        let count = withVaList([1_234_567.89]) { vsnprintf(&buffer, 64, "%.16G", $0) }
        #expect(count == 10)
        #expect(String(cString: buffer) == "1234567.89")
    }

    @Test("every formula recalculates to the CSV: totals, cumulatives, the envelope over the funding sheet")
    func formulasRecalculate() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let output = try Workbook.make(from: Self.exampleFiles(), envelopes: [Self.envelope])
        let (_, workbook) = try Self.readBack(output, in: temp)
        var evaluator = FormulaEvaluator(workbook)
        let summaryCSV = SimpleCSV.rows(
            try String(
                contentsOf: Self.exampleDirectory.appendingPathComponent("summary.csv"), encoding: .utf8))
        let summary = try #require(workbook["summary"])
        let header = summaryCSV[0]
        for column in ["total", "cumulative", "envelope_cumulative", "envelope_remaining"] {
            let csvColumn = try #require(header.firstIndex(of: column))
            let sheetColumn = try #require(summary.column(column))
            for row in 1..<summaryCSV.count {
                let cell = try #require(summary.rows[row][sheetColumn])
                #expect(cell.f != nil, "summary \(column) row \(row) is not a formula")
                let expected = try #require(SimpleCSV.cents(summaryCSV[row][csvColumn]))
                #expect(
                    try Self.recalculated(&evaluator, "summary", row: row, column: sheetColumn) == expected,
                    "summary \(column) \(summaryCSV[row][1])")
            }
        }
        // envelope_cumulative 2014 = what the province and the city pay for the three items:
        // province 436,916.16 + 0.00 + 0.00, city 271,701.64 + 0.00 + 5,250,000.00 = 5,958,617.80.
        let used = try #require(summary.column("envelope_cumulative"))
        let formula2014 = try #require(summary.rows[1][used]?.f)
        #expect(formula2014.contains("'funding'!"), "\(formula2014)")
        #expect(try Self.recalculated(&evaluator, "summary", row: 1, column: used) == 595_861_780)
        // 2022: 55,282,473.72 > 55,250,000: the breach of the example.
        #expect(try Self.recalculated(&evaluator, "summary", row: 9, column: used) == 5_528_247_372)
        // The funding sheet's totals and cumulatives, per level.
        let fundingCSV = SimpleCSV.rows(
            try String(
                contentsOf: Self.exampleDirectory.appendingPathComponent("funding.csv"), encoding: .utf8))
        let funding = try #require(workbook["funding"])
        for column in ["total", "cumulative"] {
            let sheetColumn = try #require(funding.column(column))
            let csvColumn = try #require(fundingCSV[0].firstIndex(of: column))
            for row in 1..<fundingCSV.count {
                #expect(funding.rows[row][sheetColumn]?.f != nil)
                #expect(
                    try Self.recalculated(&evaluator, "funding", row: row, column: sheetColumn)
                        == SimpleCSV.cents(fundingCSV[row][csvColumn]), "funding \(column) row \(row)")
            }
        }
        // The headline: total = the last cumulative, envelope used and remaining.
        let headline = try #require(workbook["headline"])
        for (column, cents) in [
            ("total", Int64(18_904_089_050)), ("envelope_used", 5_528_247_372),
            ("envelope_remaining", -3_247_372),
        ] {
            let sheetColumn = try #require(headline.column(column))
            #expect(headline.rows[1][sheetColumn]?.f != nil, "headline \(column) is not a formula")
            #expect(try Self.recalculated(&evaluator, "headline", row: 1, column: sheetColumn) == cents)
        }
        // total (万元) = total / 10000.
        let wan = try #require(summary.column("total (万元)"))
        #expect(summary.rows[1][wan]?.f == "=I2/10000")
        #expect(summary.rows[1][wan]?.number == 1197.80904)
    }

    @Test(
        "LibreOffice, recalculating every formula on load, gets the example's summary, funding and headline",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice"),
            "LibreOffice is not installed (Tests/xlsx/check-libreoffice.sh installs it)"))
    func libreOfficeRecalculates() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let output = try Workbook.make(from: Self.exampleFiles(), envelopes: [Self.envelope])
        let path = temp.write("example-funding.xlsx", bytes: output.bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            Fixtures.repository.appendingPathComponent("Tests/xlsx/check-libreoffice.sh").path, "--workbook",
            path,
            Self.exampleDirectory.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("of 3 sheets") && printed.contains("all equal"), "\(printed)")
    }

    @Test("an envelope of all levels sums the summary's item cells; without an envelope the cells are values")
    func envelopeOfAllLevels() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        var all = Self.envelope
        all.levels = nil
        let output = try Workbook.make(from: Self.exampleFiles(), envelopes: [all])
        let summary = try #require(try Self.readBack(output, in: temp).workbook["summary"])
        let used = try #require(summary.column("envelope_cumulative"))
        #expect(summary.rows[1][used]?.f == "=C2+D2+E2")
        #expect(summary.rows[2][used]?.f == "=K2+C3+D3+E3")
        let none = try Workbook.make(from: Self.exampleFiles())
        let plain = try #require(try Self.readBack(none, in: temp).workbook["summary"])
        #expect(plain.rows[1][used]?.f == nil)
        #expect(plain.rows[1][used]?.number == 5_958_617.80)
    }

    @Test("--lang zh: sheet names, headers, items and levels in Chinese, names untouched")
    func chinese() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let output = try Workbook.make(from: Self.exampleFiles(), envelopes: [Self.envelope], language: .zh)
        let (_, workbook) = try Self.readBack(output, in: temp)
        #expect(
            workbook.sheets.map(\.name) == [
                "概要", "图表", "年度汇总", "分级负担", "预测明细", "建设进度", "干部报酬", "不变价与现值", "执行偏差", "执行情况",
            ])
        let forecast = try #require(workbook["预测明细"])
        #expect(forecast.rows[0].map { $0?.text } == ["方案", "县区", "年度", "项目", "支付层级", "金额"])
        // example-funding,甲县,2014,venue_construction,province,146484.16
        #expect(
            forecast.rows[1].map { $0?.v } == [
                .text("example-funding"), .text("甲县"), .number(2014), .text("村级服务场所建设"), .text("省级"),
                .number(146_484.16),
            ])
        let summary = try #require(workbook["年度汇总"])
        #expect(summary.column("合计（万元）") != nil)
        #expect(summary.column("额度累计") != nil)
        // The formulas name the Chinese sheets and still recalculate.
        var evaluator = FormulaEvaluator(workbook)
        let used = try #require(summary.column("额度累计"))
        #expect(summary.rows[1][used]?.f?.contains("'分级负担'!") == true)
        #expect(try Self.recalculated(&evaluator, "年度汇总", row: 9, column: used) == 5_528_247_372)
        let funding = try #require(workbook["分级负担"])
        #expect(funding.rows[1][1]?.text == "中央")
        // Column widths count a Chinese character twice: 村级服务场所建设 is 16 columns.
        let construction = try #require(summary.column("村级服务场所建设"))
        #expect(summary.widths[FormulaEvaluator.name(0, construction).filter(\.isLetter)]! >= 16)
    }

    @Test("a table longer than a sheet continues on NAME (2), formulas reaching back across sheets")
    func splitTable() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let output = try Workbook.make(
            from: Self.exampleFiles(), envelopes: [Self.envelope], language: .en, dataRowsPerSheet: 4)
        let (_, workbook) = try Self.readBack(output, in: temp)
        let summarySplit = try #require(output.splits.first { $0.file == "summary.csv" })
        #expect(summarySplit.sheets == ["summary", "summary (2)", "summary (3)"])
        #expect(summarySplit.note == "summary.csv has 9 rows: sheets summary, summary (2) and summary (3)")
        let forecastSplit = try #require(output.splits.first { $0.file == "forecast.csv" })
        #expect(forecastSplit.rows == 360 && forecastSplit.sheets.count == 90)
        #expect(forecastSplit.sheets.last == "forecast (90)")
        // Each part has the header and at most four rows; the first row of a part continues
        // the cumulative of the part before.
        let second = try #require(workbook["summary (2)"])
        #expect(second.rows.count == 5)
        #expect(second.rows[0][0]?.text == "scenario")
        let cumulative = try #require(second.column("cumulative"))
        #expect(second.rows[1][cumulative]?.f == "='summary'!J5+I2")
        var evaluator = FormulaEvaluator(workbook)
        #expect(
            try Self.recalculated(&evaluator, "summary (3)", row: 1, column: cumulative) == 18_904_089_050)
        let headline = try #require(workbook["headline"])
        #expect(headline.rows[1][try #require(headline.column("total"))]?.f == "='summary (3)'!J2")
        // The charts of a scenario whose rows span sheets are left out rather than drawn wrong.
        #expect(workbook["charts"]?.charts == 0)
    }

    @Test("a county of 300 characters is whole in its cell and its column stops at Excel's 255")
    func longCountyName() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let county = String(repeating: "南召县", count: 100)
        let csv = "scenario,county,villages,venues_needed,population\ns,\(county),3,1,\n"
        let output = try Workbook.make(from: [("counties.csv", Array(csv.utf8))])
        let (path, workbook) = try Self.readBack(output, in: temp)
        let sheet = try #require(workbook["counties"])
        #expect(sheet.rows[1][1]?.text == county)
        #expect(sheet.widths["B"] == 254 + 0.7109375)
        #expect(sheet.rows[1][4] == nil)
        temp.write("csv/counties.csv", csv)
        let comparison = try WorkbookReader.compare(path, with: temp.url("csv"))
        #expect(comparison.equal, "\(comparison.report)")
    }

    @Test("a county named =1+1 (or 007) stays text, never a formula or a number")
    func formulaLikeCounty() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let csv = """
            scenario,county,year,item,payer,amount
            s,=1+1,2014,venue_construction,city,10.00
            s,007,2014,venue_construction,city,-0.50
            s,"=HYPERLINK(""http://x"")",2014,venue_construction,city,1.25

            """
        let output = try Workbook.make(from: [("forecast.csv", Array(csv.utf8))])
        let (_, workbook) = try Self.readBack(output, in: temp)
        let sheet = try #require(workbook["forecast"])
        for (row, name) in [(1, "=1+1"), (2, "007"), (3, "=HYPERLINK(\"http://x\")")] {
            let cell = try #require(sheet.rows[row][1])
            #expect(cell.f == nil && cell.t == "s" && cell.text == name, "\(cell)")
        }
        #expect(sheet.rows[2][5]?.number == -0.5)
    }

    @Test("a field longer than a cell holds is an error at its file, line and column; nothing is made")
    func fieldTooLong() {
        let county = String(repeating: "x", count: 32_768)
        let csv = "scenario,county,villages,venues_needed,population\ns,ok,1,0,\ns,\(county),3,1,\n"
        let files: [(name: String, bytes: [UInt8])] = [("counties.csv", Array(csv.utf8))]
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Workbook.make(from: files) }
        expectSingleDiagnostic(
            diagnostics, at: "counties.csv", 3, 2, contains: ["32768 characters", "32767", "county"])
    }

    @Test("a CSV row with too few fields is an error at its line")
    func shortRow() {
        let csv = "scenario,county,villages,venues_needed,population\ns,a,1\n"
        let files: [(name: String, bytes: [UInt8])] = [("counties.csv", Array(csv.utf8))]
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Workbook.make(from: files) }
        expectSingleDiagnostic(diagnostics, at: "counties.csv", 2, 1, contains: ["3 fields", "header 5"])
    }

    @Test("files that are not tables of the contract are left out; no summary, no charts sheet")
    func otherFiles() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let files: [(name: String, bytes: [UInt8])] = [
            ("report_envelope.csv", Array("a,b\n1,2\n".utf8)), ("report.html", Array("<html>".utf8)),
            (
                "pay.csv",
                Array(
                    "scenario,year,rural_income,secretary_monthly,director_monthly,other_monthly\ns,2014,13200,,,\n"
                        .utf8)
            ),
        ]
        let workbook = try Self.readBack(try Workbook.make(from: files), in: temp).workbook
        #expect(workbook.sheets.map(\.name) == ["pay"])
    }
}

/// Excel's rules for sheet names, kept whatever the tables or the language ask for.
@Suite("Workbook sheet names")
struct SheetNamesTests {
    @Test("a name taken, in any case, gets the first free (2), (3)")
    func collision() {
        var names = SheetNames()
        #expect(names.claim("summary") == "summary")
        #expect(names.claim("Summary") == "Summary (2)")
        #expect(names.claim("summary (2)") == "summary (2) (2)")
        #expect(names.claim("SUMMARY") == "SUMMARY (3)")
        #expect(names.claim("history") == "history (2)")
        #expect(Set(names.all.map { $0.lowercased() }).count == names.all.count)
    }

    @Test(
        "forbidden characters, apostrophes at the ends and long names are mended",
        arguments: [
            ("a/b\\c?d*e:f[g]h", "a_b_c_d_e_f_g_h"),
            ("'quoted'", "quoted"),
            ("", "sheet"),
            (String(repeating: "x", count: 40), String(repeating: "x", count: 31)),
            (String(repeating: "预", count: 40), String(repeating: "预", count: 31)),
            (String(repeating: "😀", count: 20), String(repeating: "😀", count: 15)),
        ])
    func mended(wanted: String, expected: String) {
        #expect(SheetNames.mended(wanted) == expected)
    }

    @Test("two long names that cut to the same stay apart and within 31 characters")
    func longCollision() {
        var names = SheetNames()
        let first = names.claim(String(repeating: "a", count: 35) + "1")
        let second = names.claim(String(repeating: "a", count: 35) + "2")
        #expect(first == String(repeating: "a", count: 31))
        #expect(second == String(repeating: "a", count: 27) + " (2)")
        #expect(second.count == 31)
    }

    @Test("a formula quotes every sheet name and doubles an apostrophe")
    func quoted() {
        #expect(SheetNames.quoted("summary (2)") == "'summary (2)'")
        #expect(SheetNames.quoted("it's") == "'it''s'")
    }

    @Test("a table whose sheet name collides still gets its own sheet in the workbook")
    func collisionInAWorkbook() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        // Split into parts, `counties` makes `counties (2)`; the workbook must not reuse it.
        let plan = try WorkbookPlan(
            tables: [
                try WorkbookTable(
                    spec: WorkbookTableSpec.catalog.first { $0.name == "counties" }!,
                    bytes: Array(
                        "scenario,county,villages,venues_needed,population\ns,a,1,0,\ns,b,1,0,\n".utf8)),
                try WorkbookTable(
                    spec: WorkbookTableSpec(name: "counties (2)", columns: [:]),
                    bytes: Array("x\n1\n".utf8)),
            ], envelopes: [], language: .en, dataRowsPerSheet: 1)
        #expect(plan.layouts.map(\.names) == [["counties", "counties (2)"], ["counties (2) (2)"]])
        let path = temp.url("collision.xlsx")
        _ = try plan.write(to: path, deflateLevel: Workbook.deflateLevel)
        let workbook = try WorkbookReader.dump(path)
        #expect(workbook.sheets.map(\.name) == ["counties", "counties (2)", "counties (2) (2)"])
    }
}

/// The one table of translations.
@Suite("Translations")
struct TranslationsTests {
    @Test(
        "every table, column, item and level of the contract reads in Chinese; English is the contract's name"
    )
    func everyNameTranslated() {
        for spec in WorkbookTableSpec.catalog {
            #expect(Translations.knows(spec.name, .table), "table \(spec.name)")
            #expect(Translations.text(spec.name, .table, in: .en) == spec.name)
            for column in spec.columns.keys {
                #expect(Translations.knows(column, .column), "column \(column) of \(spec.name)")
                #expect(Translations.text(column, .column, in: .en) == column)
                let chinese = Translations.text(column, .column, in: .zh)
                #expect(
                    chinese != column && chinese.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(column)")
            }
        }
        for item in LineItem.allCases {
            #expect(Translations.knows(item.key, .item))
        }
        #expect(Translations.text("venue_construction", .item, in: .zh) == "村级服务场所建设")
        #expect(Translations.text("pension_topup", .item, in: .zh) == "养老保险补贴")
        #expect(
            ["central", "province", "city", "county"].map { Translations.text($0, .level, in: .zh) } == [
                "中央", "省级", "市级", "县级",
            ])
        #expect(Translations.text("county", .column, in: .zh) == "县区")
        // A measure of headline_comparison.csv reads as the column of its name.
        #expect(Translations.text("venues_built", .measure, in: .zh) == "期内建成场所")
        // An unknown term (a sweep's parameter column) reads as itself.
        #expect(Translations.text("venues.unit_cost", .column, in: .zh) == "venues.unit_cost")
    }

    @Test("every sheet name is valid as it is", arguments: Language.allCases)
    func sheetNamesValid(language: Language) {
        for spec in WorkbookTableSpec.catalog {
            let name = Translations.text(spec.name, .table, in: language)
            #expect(SheetNames.mended(name) == name, "\(name)")
        }
    }
}
