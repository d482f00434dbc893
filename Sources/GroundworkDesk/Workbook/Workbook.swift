import GroundworkCore
import GroundworkIO

/// `groundwork.xlsx`: the run's tables as one Excel workbook (`run --xlsx`, `compare --xlsx`).
///
/// The workbook is built from the very CSV bytes the command writes, so every cell is the CSV's
/// value to the cent: one sheet per table, in the order of `WorkbookTableSpec.catalog`, each
/// column typed as MODEL.md section 8 says (amounts `#,##0.00`, years and counts integers, names
/// always text), with a frozen header row, an autofilter and widths that fit the content.
/// The sums are live formulas that hold the CSV's value as their cached result (see
/// `WorkbookFormulas`), and a `charts` sheet has native charts of each scenario. A table longer
/// than a sheet continues on `NAME (2)`, `NAME (3)`, ...
///
/// libxlsxwriter writes the file (in constant-memory mode, rows in order) into a temporary file
/// that is read back and removed; the caller commits the bytes with the CSVs.
public enum Workbook {
    public static let fileName = "groundwork.xlsx"
    /// Rows of an Excel sheet, the header row included.
    public static let rowsPerSheet = 1_048_576
    /// The zlib level the workbook's zip parts are deflated at: 1, zlib's fastest. At the
    /// country scale (a 168 MB forecast sheet) it writes the workbook in 1.5 s less than
    /// libxlsxwriter's own level 6, for a file 38% larger (19.3 MB against 13.9 MB; Nanyang's
    /// 68 KB against 55 KB). Every cell is the same at any level.
    public static let deflateLevel = 1

    /// A table that did not fit on one sheet.
    public struct Split: Sendable, Equatable {
        /// The CSV file, `forecast.csv`.
        public var file: String
        /// Its data rows.
        public var rows: Int
        /// The sheets that hold them, in order.
        public var sheets: [String]

        /// "forecast.csv has 1,500,001 rows: sheets forecast and forecast (2)".
        public var note: String {
            let names =
                sheets.count == 1
                ? sheets[0] : sheets.dropLast().joined(separator: ", ") + " and " + sheets.last!
            return "\(file) has \(CellText.grouped(rows)) rows: sheets \(names)"
        }
    }

    /// The workbook's bytes and what the command should tell about it.
    public struct Output: Sendable {
        public var bytes: [UInt8]
        /// The tables split over several sheets.
        public var splits: [Split]
        /// Seconds spent in libxlsxwriter's `workbook_close`: assembling the sheets' XML and
        /// deflating every part into the zip container.
        public var closeSeconds: Double
        /// The zlib level the parts were deflated at: `deflateLevel`, or 6, libxlsxwriter's
        /// own, where the dynamic linker did not let Groundwork choose (see `XLSXTuning`).
        public var deflateLevel: Int
    }

    /// The workbook of `files` (name and bytes, as `Run.files` makes them; files that are not
    /// tables of the catalog, such as the report's, are left out).
    ///
    /// `envelopes` gives per scenario what the envelope formulas need (scenarios without one
    /// keep the CSV's values in those cells); `language` the sheet names, headers, item and
    /// level names and chart titles.
    /// - Throws: a diagnostic when a CSV is malformed, a field is too long for a cell, or the
    ///   workbook cannot be written; nothing is written then.
    public static func make(
        from files: [(name: String, bytes: [UInt8])], envelopes: [WorkbookEnvelope] = [],
        language: Language = .en
    ) throws(DiagnosticError) -> Output {
        try make(from: files, envelopes: envelopes, language: language, dataRowsPerSheet: rowsPerSheet - 1)
    }

    /// As above, with at most `dataRowsPerSheet` data rows on a sheet (tests split small tables).
    static func make(
        from files: [(name: String, bytes: [UInt8])], envelopes: [WorkbookEnvelope], language: Language,
        dataRowsPerSheet: Int
    ) throws(DiagnosticError) -> Output {
        precondition(dataRowsPerSheet >= 1 && dataRowsPerSheet < rowsPerSheet)
        let tables = try read(files)
        let plan = try WorkbookPlan(
            tables: tables, envelopes: envelopes, language: language, dataRowsPerSheet: dataRowsPerSheet)
        var closeSeconds = 0.0
        var deflateLevel = libxlsxwriterLevel
        let bytes = try TemporaryFile.bytesWritten(suffix: ".xlsx") { (path) throws(DiagnosticError) in
            do {
                (closeSeconds, deflateLevel) = try plan.write(to: path, deflateLevel: Self.deflateLevel)
            } catch let error as DiagnosticError {
                throw error
            } catch {
                throw DiagnosticError(
                    .file(fileName), "cannot write the workbook: \(error)", kind: .unwritableOutput)
            }
        }
        let splits = plan.tables.indices.compactMap { index -> Split? in
            let sheets = plan.layouts[index].names
            guard sheets.count > 1 else { return nil }
            return Split(
                file: plan.tables[index].spec.file, rows: plan.tables[index].rowCount, sheets: sheets)
        }
        return Output(bytes: bytes, splits: splits, closeSeconds: closeSeconds, deflateLevel: deflateLevel)
    }

    /// The level libxlsxwriter 1.1.4 deflates at when left to itself (zlib's default).
    static let libxlsxwriterLevel = 6

    /// The catalog's tables among `files`, in the catalog's order, read on the cores.
    private static func read(_ files: [(name: String, bytes: [UInt8])]) throws(DiagnosticError)
        -> [WorkbookTable]
    {
        let specs = WorkbookTableSpec.catalog.filter { spec in files.contains { $0.name == spec.file } }
        let results = SharedBuffer<Result<WorkbookTable, DiagnosticError>?>(
            repeating: nil, count: specs.count)
        Parallel.forEach(specs.count, threads: min(Parallel.processorCount, max(specs.count, 1))) { index in
            let spec = specs[index]
            let bytes = files.first { $0.name == spec.file }!.bytes
            results[index] = Result { () throws(DiagnosticError) in
                try WorkbookTable(spec: spec, bytes: bytes)
            }
        }
        var tables: [WorkbookTable] = []
        var diagnostics: [Diagnostic] = []
        for index in specs.indices {
            switch results[index]! {
            case .success(let table): tables.append(table)
            case .failure(let error): diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return tables
    }
}

/// Where a table's rows go: its sheets, each with at most `rowsPerSheet` data rows under the
/// header.
struct SheetLayout: Sendable {
    var names: [String]
    var rowsPerSheet: Int

    /// The sheet (an index into `names`) that holds data row `row`.
    func part(of row: Int) -> Int { row / rowsPerSheet }

    /// The 0-based sheet row of data row `row` (row 0 is the header).
    func sheetRow(of row: Int) -> Int { row % rowsPerSheet + 1 }
}

/// A column of a sheet: a CSV column, or one the workbook adds (summary's total in 万元).
struct SheetColumn: Sendable {
    var header: String
    var kind: WorkbookColumnKind
    /// The CSV column whose text the cells show; nil for an added column.
    var source: Int?
    var width: Double
}

/// A column whose cells are formulas: the formula of each data row (nil where the cell keeps
/// the CSV's value, or stays empty), and the value to cache with it.
struct FormulaColumn {
    var formula: (_ row: Int) -> String?
    var cached: (_ row: Int) -> Double
}

/// Everything decided before the first byte is written: the tables, their sheets' names and
/// columns, the formulas and the charts.
struct WorkbookPlan {
    var tables: [WorkbookTable]
    var envelopes: [String: WorkbookEnvelope]
    var language: Language
    var layouts: [SheetLayout] = []
    var columns: [[SheetColumn]] = []
    var chartsSheet: String?
    /// The table index of each table name present.
    var index: [String: Int] = [:]

    init(
        tables: [WorkbookTable], envelopes: [WorkbookEnvelope], language: Language, dataRowsPerSheet: Int
    ) throws(DiagnosticError) {
        self.tables = tables
        self.envelopes = Dictionary(envelopes.map { ($0.scenario, $0) }) { first, _ in first }
        self.language = language
        for (position, table) in tables.enumerated() { index[table.spec.name] = position }
        var names = SheetNames()
        let hasCharts = index["summary"] != nil
        for (position, table) in tables.enumerated() {
            if hasCharts && position == 0 && table.spec.name != "headline" {
                chartsSheet = names.claim(Translations.text("charts", .table, in: language))
            }
            let parts = max(1, (table.rowCount + dataRowsPerSheet - 1) / dataRowsPerSheet)
            let first = names.claim(Translations.text(table.spec.name, .table, in: language))
            var sheets = [first]
            for part in 1..<parts { sheets.append(names.claim("\(first) (\(part + 1))")) }
            layouts.append(SheetLayout(names: sheets, rowsPerSheet: dataRowsPerSheet))
            // The charts sheet follows the headline.
            if hasCharts && position == 0 && table.spec.name == "headline" {
                chartsSheet = names.claim(Translations.text("charts", .table, in: language))
            }
        }
        for table in tables { columns.append(try Self.columns(of: table, language: language)) }
    }

    func table(_ name: String) -> WorkbookTable? {
        index[name].map { tables[$0] }
    }

    /// The sheet's columns, their headers translated and their widths fitted to every cell.
    private static func columns(of table: WorkbookTable, language: Language) throws(DiagnosticError)
        -> [SheetColumn]
    {
        var columns: [SheetColumn] = []
        for (position, name) in table.header.enumerated() {
            let kind = table.spec.kind(of: name)
            let header = Translations.text(name, .column, in: language)
            var widest = 0
            var previous: String? = nil
            for row in 0..<table.rowCount {
                let text = table[row, position]
                if text == previous { continue }
                previous = text
                let width: Int
                switch kind {
                case .amount: width = CellText.groupedWidth(text, decimals: true)
                case .count: width = CellText.groupedWidth(text, decimals: false)
                case .amountOrInteger: width = CellText.groupedWidth(text, decimals: text.contains("."))
                case .translated(let kind):
                    width = CellText.displayWidth(Translations.text(text, kind, in: language))
                case .text, .year, .decimal:
                    if text.utf16.count > WorkbookPlan.cellCharacters {
                        throw DiagnosticError(
                            SourceLocation(
                                file: table.spec.file, line: table.lines[row], column: position + 1),
                            "the \(name) field has \(text.utf16.count) characters, more than an Excel cell holds (\(WorkbookPlan.cellCharacters)); shorten it or write the workbook without it"
                        )
                    }
                    width = CellText.displayWidth(text)
                }
                widest = max(widest, width)
            }
            columns.append(
                SheetColumn(header: header, kind: kind, source: position, width: fitted(header, widest)))
        }
        if table.spec.name == "summary", let total = table.column("total") {
            // Total in 万元 (10^4 yuan), the unit a Chinese budget is read in.
            let header = Translations.text("total_wan", .phrase, in: language)
            var widest = 0
            for row in 0..<table.rowCount {
                if let cents = CellText.cents(table[row, total]) {
                    widest = max(widest, CellText.groupedWidth(String(cents / 1_000_000), decimals: true))
                }
            }
            columns.append(
                SheetColumn(header: header, kind: .amount, source: nil, width: fitted(header, widest)))
        }
        return columns
    }

    /// A width that shows the widest cell and the header with its filter button, within
    /// Excel's 255 characters (libxlsxwriter adds 0.71 for the cell padding, so at most 254).
    static let widestColumn = 254

    private static func fitted(_ header: String, _ widest: Int) -> Double {
        Double(min(widestColumn, max(CellText.displayWidth(header) + 3, widest + 1, 6)))
    }

    /// The most characters a cell holds (Excel's limit, in UTF-16 units).
    static let cellCharacters = 32_767

    // MARK: - References

    /// The A1 name of a 0-based column: A, B, ..., Z, AA, ...
    static func columnName(_ column: Int) -> String {
        var name = ""
        var rest = column + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// The reference of a cell of table `table`, data row `row`, as a formula on data row
    /// `fromRow` of table `fromTable` writes it: unqualified on the same sheet, with the sheet's
    /// name otherwise.
    func reference(_ table: Int, _ row: Int, _ column: Int, from fromTable: Int, _ fromRow: Int) -> String {
        let layout = layouts[table]
        let cell = Self.columnName(column) + String(layout.sheetRow(of: row) + 1)
        if table == fromTable && layout.part(of: row) == layouts[fromTable].part(of: fromRow) { return cell }
        return SheetNames.quoted(layout.names[layout.part(of: row)]) + "!" + cell
    }

    /// The sheet and 0-based rows of data rows `rows` of `table`, when one sheet holds them all.
    func range(_ table: Int, rows: ClosedRange<Int>, column: Int) -> XLSXRange? {
        let layout = layouts[table]
        guard layout.part(of: rows.lowerBound) == layout.part(of: rows.upperBound) else { return nil }
        return XLSXRange(
            sheet: layout.names[layout.part(of: rows.lowerBound)],
            rows: layout.sheetRow(of: rows.lowerBound)...layout.sheetRow(of: rows.upperBound), column: column)
    }

    // MARK: - Writing

    /// Writes the workbook to `path`, its parts deflated at `deflateLevel`.
    ///
    /// The sheets are made, sized and headed in order on this thread; then their rows are
    /// written on the cores, the sheets with the most cells first, each sheet by one thread
    /// (libxlsxwriter keeps each sheet's rows apart, see `XLSXWorkbook`), so the bytes are the
    /// same whichever thread writes which sheet.
    /// - Returns: the seconds `workbook_close` took, and the level the parts were deflated at.
    func write(to path: String, deflateLevel: Int) throws -> (seconds: Double, deflateLevel: Int) {
        let workbook = try XLSXWorkbook(
            path: path, constantMemory: true, temporaryDirectory: TemporaryFile.directory,
            deflateLevel: deflateLevel)
        let formats = Formats(workbook)
        let formulas = WorkbookFormulas(plan: self)
        var sheets: [SheetRows] = []
        for (position, table) in tables.enumerated() {
            let chartsFirst = position == 0 && table.spec.name != "headline"
            if chartsFirst, let chartsSheet {
                try writeCharts(chartsSheet, workbook: workbook, formats: formats)
            }
            sheets += try addSheets(position, table, workbook: workbook, formats: formats)
            if position == 0 && !chartsFirst, let chartsSheet {
                try writeCharts(chartsSheet, workbook: workbook, formats: formats)
            }
        }
        try writeRows(sheets, formats: formats, formulas: tables.indices.map { formulas.columns($0) })
        let clock = ContinuousClock()
        let start = clock.now
        let opened = XLSXTuning.partsOpened
        try workbook.close()
        let elapsed = clock.now - start
        let applied = XLSXTuning.partsOpened > opened ? deflateLevel : Workbook.libxlsxwriterLevel
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, applied)
    }

    private func writeCharts(_ name: String, workbook: XLSXWorkbook, formats: Formats) throws {
        try WorkbookCharts(plan: self).write(
            into: workbook.addWorksheet(name), workbook: workbook, formats: formats)
    }

    /// The cell formats, made once.
    struct Formats: Sendable {
        var header: XLSXFormat
        var amount: XLSXFormat
        var count: XLSXFormat
        var year: XLSXFormat

        init(_ workbook: XLSXWorkbook) {
            header = workbook.addFormat(bold: true)
            amount = workbook.addFormat(numberFormat: "#,##0.00")
            count = workbook.addFormat(numberFormat: "#,##0")
            year = workbook.addFormat(numberFormat: "0")
        }
    }

    /// A sheet whose data rows are still to be written: data rows `rows` of table `position`.
    struct SheetRows: Sendable {
        var position: Int
        var sheet: XLSXWorksheet
        var rows: Range<Int>
    }

    /// Adds the sheets of table `position`, with their widths, frozen header row, autofilter and
    /// header cells; their data rows are left to `writeRows`.
    private func addSheets(_ position: Int, _ table: WorkbookTable, workbook: XLSXWorkbook, formats: Formats)
        throws -> [SheetRows]
    {
        let layout = layouts[position]
        let columns = columns[position]
        var sheets: [SheetRows] = []
        for (part, name) in layout.names.enumerated() {
            let sheet = try workbook.addWorksheet(name)
            for (column, spec) in columns.enumerated() { try sheet.setColumn(column, width: spec.width) }
            sheet.freezeRows(1)
            let rows = (part * layout.rowsPerSheet)..<min(table.rowCount, (part + 1) * layout.rowsPerSheet)
            try sheet.autofilter(rows: 0...rows.count, columns: 0...(columns.count - 1))
            for (column, spec) in columns.enumerated() {
                try sheet.write(string: spec.header, row: 0, column: column, format: formats.header)
            }
            sheets.append(SheetRows(position: position, sheet: sheet, rows: rows))
        }
        return sheets
    }

    /// Writes the data rows of `sheets` on the cores, the sheets with the most cells first.
    /// `formulas` holds each table's formula columns (closures over the plan, only read).
    private func writeRows(_ sheets: [SheetRows], formats: Formats, formulas: [[FormulaColumn?]]) throws {
        let cells = sheets.map { $0.rows.count * columns[$0.position].count }
        // The most cells first; sheets of as many cells in workbook order.
        let order = sheets.indices.sorted { cells[$0] != cells[$1] ? cells[$0] > cells[$1] : $0 < $1 }
        let work = RowWork(plan: self, sheets: order.map { sheets[$0] }, formats: formats, formulas: formulas)
        Parallel.forEach(work.sheets.count, threads: Parallel.processorCount) { index in
            work.errors[index] = work.write(index)
        }
        if let error = work.errors.array.lazy.compactMap({ $0 }).first { throw error }
    }

    /// What the threads of `writeRows` share: read only, but for each sheet's error slot.
    /// Unchecked because the formula columns are closures; they only read the plan's tables.
    private final class RowWork: @unchecked Sendable {
        let plan: WorkbookPlan
        let sheets: [SheetRows]
        let formats: Formats
        let formulas: [[FormulaColumn?]]
        let errors: SharedBuffer<(any Error)?>

        init(plan: WorkbookPlan, sheets: [SheetRows], formats: Formats, formulas: [[FormulaColumn?]]) {
            self.plan = plan
            self.sheets = sheets
            self.formats = formats
            self.formulas = formulas
            errors = SharedBuffer(repeating: nil, count: sheets.count)
        }

        /// Writes sheet `index`'s rows; the error that stopped it, if any.
        func write(_ index: Int) -> (any Error)? {
            let sheet = sheets[index]
            do {
                try plan.writeRows(of: sheet, formats: formats, formulas: formulas[sheet.position])
                return nil
            } catch {
                return error
            }
        }
    }

    /// The data rows of one sheet, in order.
    private func writeRows(of part: SheetRows, formats: Formats, formulas: [FormulaColumn?]) throws {
        let table = tables[part.position]
        let columns = columns[part.position]
        let sheet = part.sheet
        var translations: [String: String] = [:]
        for row in part.rows {
            let sheetRow = row - part.rows.lowerBound + 1
            for (column, spec) in columns.enumerated() {
                if let formula = formulas[column], let text = formula.formula(row) {
                    try sheet.write(
                        formula: text, cached: formula.cached(row), row: sheetRow, column: column,
                        format: formats.amount)
                    continue
                }
                guard let source = spec.source else { continue }
                let text = table[row, source]
                if text.isEmpty { continue }
                try writeValue(
                    text, kind: spec.kind, sheet: sheet, row: sheetRow, column: column, formats: formats,
                    translations: &translations)
            }
        }
    }

    /// One CSV field as the cell its column's kind asks for; text that is not the number the
    /// kind expects is written as text, so nothing is lost.
    private func writeValue(
        _ text: String, kind: WorkbookColumnKind, sheet: XLSXWorksheet, row: Int, column: Int,
        formats: Formats,
        translations: inout [String: String]
    ) throws {
        switch kind {
        case .text:
            try sheet.write(string: text, row: row, column: column, format: nil)
            return
        case .translated(let kind):
            if language == .en {
                try sheet.write(string: text, row: row, column: column, format: nil)
            } else {
                let translated = translations[text] ?? Translations.text(text, kind, in: language)
                translations[text] = translated
                try sheet.write(string: translated, row: row, column: column, format: nil)
            }
            return
        case .amount:
            if let cents = CellText.cents(text) {
                try sheet.write(
                    number: CellText.yuan(cents), row: row, column: column, format: formats.amount)
                return
            }
        case .year, .count:
            if let value = CellText.integer(text) {
                try sheet.write(
                    number: Double(value), row: row, column: column,
                    format: kind == .year ? formats.year : formats.count)
                return
            }
        case .decimal:
            if let value = CellText.decimal(text) {
                try sheet.write(number: value, row: row, column: column, format: nil)
                return
            }
        case .amountOrInteger:
            if text.contains(".") {
                if let cents = CellText.cents(text) {
                    try sheet.write(
                        number: CellText.yuan(cents), row: row, column: column, format: formats.amount)
                    return
                }
            } else if let value = CellText.integer(text) {
                try sheet.write(number: Double(value), row: row, column: column, format: formats.year)
                return
            }
        }
        try sheet.write(string: text, row: row, column: column, format: nil)
    }
}
