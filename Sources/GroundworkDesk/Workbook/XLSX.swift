import CXLSXTuning
import CXLSXWriter

/// libxlsxwriter in safe Swift: the few calls the workbook writer makes. This is the only file
/// that imports CXLSXWriter (as BLAS.swift is for CBLAS); everything else builds the workbook
/// in Swift on these types.
///
/// A workbook is written to a file path when it is closed. In `constantMemory` mode each sheet's
/// rows go to a temporary file as they are written, so a row must be written after the rows
/// above it (`XLSXError` otherwise); column widths, frozen panes and the autofilter may be set
/// at any time before the close.
///
/// Threads: the workbook, its formats and charts belong to one thread. In `constantMemory`
/// mode the cells of *different* sheets may be written from different threads at the same
/// time: a cell write touches only its own sheet (its row buffer and temporary file) and
/// reads its format's index, which `addFormat` assigns at once rather than at the format's
/// first use (libxlsxwriter's `lxw_format_get_xf_index` would otherwise enter it in the
/// workbook's table then). One sheet is written by one thread at a time.
final class XLSXWorkbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?

    /// Opens a workbook that `close()` writes to `path`, its parts deflated at zlib level
    /// `deflateLevel` (0-9; see `XLSXTuning`). libxlsxwriter keeps its own temporary files in
    /// `temporaryDirectory`.
    init(path: String, constantMemory: Bool, temporaryDirectory: String, deflateLevel: Int) throws(XLSXError)
    {
        XLSXTuning.deflate(atLevel: deflateLevel)
        let made = temporaryDirectory.withCString { directory in
            var options = lxw_workbook_options()
            options.constant_memory = constantMemory ? 1 : 0
            options.tmpdir = UnsafeMutablePointer(mutating: directory)
            options.use_zip64 = 0
            return workbook_new_opt(path, &options)
        }
        guard let made else { throw XLSXError("libxlsxwriter could not start a workbook") }
        handle = made
        // libxlsxwriter dates the file now unless told otherwise; a fixed date (the programme's
        // first day, 2014-01-01T00:00:00Z) keeps a rerun's bytes identical.
        var properties = lxw_doc_properties()
        properties.created = 1_388_534_400
        _ = workbook_set_properties(made, &properties)
    }

    deinit {
        // Abandoned before `close()` (an error part way): free it without writing the file.
        if let handle { lxw_workbook_free(handle) }
    }

    private var workbook: UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { preconditionFailure("the workbook is already closed") }
        return handle
    }

    /// A new sheet, after the others. `name` must be valid and unique (`SheetNames` makes sure).
    func addWorksheet(_ name: String) throws(XLSXError) -> XLSXWorksheet {
        let check = workbook_validate_sheet_name(workbook, name)
        guard check == LXW_NO_ERROR else { throw XLSXError(check, "sheet name \(name)") }
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw XLSXError("libxlsxwriter could not add the sheet \(name)")
        }
        return XLSXWorksheet(handle: sheet)
    }

    /// A cell format: a number format (Excel's codes, e.g. `#,##0.00`) and bold text.
    func addFormat(numberFormat: String? = nil, bold: Bool = false) -> XLSXFormat {
        let format = workbook_add_format(workbook)!
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if bold { format_set_bold(format) }
        // Its index now, in the order formats are made, so that sheets written on several
        // threads only read it (see the type's note on threads).
        _ = lxw_format_get_xf_index(format)
        return XLSXFormat(handle: format)
    }

    /// A new chart, to be given series and then inserted into a sheet.
    func addChart(_ kind: XLSXChart.Kind) -> XLSXChart {
        let type: UInt32 =
            switch kind {
            case .stackedColumn: LXW_CHART_COLUMN_STACKED.rawValue
            case .line: LXW_CHART_LINE.rawValue
            }
        return XLSXChart(handle: workbook_add_chart(workbook, UInt8(type))!)
    }

    /// Writes the file: assembles each sheet's XML and compresses the parts into the zip
    /// container. The workbook is freed whether or not this succeeds.
    func close() throws(XLSXError) {
        let result = workbook_close(workbook)
        handle = nil
        guard result == LXW_NO_ERROR else { throw XLSXError(result, "writing the workbook") }
    }
}

/// What libxlsxwriter's speed depends on and libxlsxwriter 1.1.4 does not let a caller set,
/// set by CXLSXTuning's definitions in Groundwork's executable of functions that libxlsxwriter's
/// libraries call (the dynamic linker binds those calls to the executable's first).
enum XLSXTuning {
    /// Sets the zlib level of the zip parts libxlsxwriter opens from now on (-1: libxlsxwriter's
    /// own, 6). libxlsxwriter asks minizip for zlib's default on every part; CXLSXTuning's
    /// `zipOpenNewFileInZip4_64` passes this level on to minizip's. The XML inside the zip is
    /// the same at every level.
    static func deflate(atLevel level: Int) {
        groundwork_xlsx_set_deflate_level(Int32(level))
    }

    /// The parts opened through CXLSXTuning since the process started: when a workbook's close
    /// does not raise it, the dynamic linker bound libxlsxwriter to minizip directly and the
    /// level was not applied.
    static var partsOpened: Int { groundwork_xlsx_parts_opened() }

    /// The printf types glibc was asked to register and CXLSXTuning refused: 1 once libquadmath
    /// (loaded with OpenBLAS's Fortran runtime) has tried, which keeps every `printf` of the
    /// process, and libxlsxwriter's two per cell, on glibc's fast path (see xlsx_tuning.h).
    static var printfTypesRefused: Int { groundwork_printf_types_refused() }
}

/// A sheet of an `XLSXWorkbook` (owned by it). Rows and columns count from 0. Sendable so that
/// it can be handed to the one thread that writes its cells (see `XLSXWorkbook` on threads).
struct XLSXWorksheet: @unchecked Sendable {
    fileprivate let handle: UnsafeMutablePointer<lxw_worksheet>

    func write(number: Double, row: Int, column: Int, format: XLSXFormat?) throws(XLSXError) {
        try check(
            worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format?.handle),
            row, column)
    }

    /// Text, always as text: a string that looks like a formula (`=1+1`) stays a string.
    func write(string: String, row: Int, column: Int, format: XLSXFormat?) throws(XLSXError) {
        try check(
            worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), string, format?.handle),
            row, column)
    }

    /// A formula (without the `=`, or with it) and the value it had when written, which
    /// viewers that do not calculate show.
    func write(formula: String, cached value: Double, row: Int, column: Int, format: XLSXFormat?)
        throws(XLSXError)
    {
        try check(
            worksheet_write_formula_num(
                handle, lxw_row_t(row), lxw_col_t(column), formula, format?.handle, value),
            row, column)
    }

    /// Sets the width of a column, in characters of the default font.
    func setColumn(_ column: Int, width: Double) throws(XLSXError) {
        try check(worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), width, nil), 0, column)
    }

    /// Keeps the first `rows` rows in view when scrolling.
    func freezeRows(_ rows: Int) {
        worksheet_freeze_panes(handle, lxw_row_t(rows), 0)
    }

    /// Filter buttons on the first row of the range, over all of it.
    func autofilter(rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws(XLSXError) {
        try check(
            worksheet_autofilter(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound), lxw_row_t(rows.upperBound),
                lxw_col_t(columns.upperBound)),
            rows.lowerBound, columns.lowerBound)
    }

    /// The sheet shown when the workbook opens.
    func activate() {
        worksheet_activate(handle)
    }

    /// Places `chart` with its top left corner in the cell, at `scale` times the default
    /// 480 x 288 pixels.
    func insert(_ chart: XLSXChart, row: Int, column: Int, scale: (x: Double, y: Double)) throws(XLSXError) {
        var options = lxw_chart_options()
        options.x_scale = scale.x
        options.y_scale = scale.y
        try check(
            worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart.handle, &options),
            row, column)
    }

    private func check(_ result: lxw_error, _ row: Int, _ column: Int) throws(XLSXError) {
        guard result == LXW_NO_ERROR else { throw XLSXError(result, "row \(row + 1), column \(column + 1)") }
    }
}

/// A cell format of an `XLSXWorkbook` (owned by it). Once made it is only read, by any thread.
struct XLSXFormat: @unchecked Sendable {
    fileprivate let handle: UnsafeMutablePointer<lxw_format>
}

/// A rectangle of cells on a named sheet, for a chart's series.
struct XLSXRange: Equatable {
    var sheet: String
    var rows: ClosedRange<Int>
    var column: Int
}

/// A chart of an `XLSXWorkbook` (owned by it).
struct XLSXChart {
    enum Kind {
        case stackedColumn, line
    }

    fileprivate let handle: UnsafeMutablePointer<lxw_chart>

    /// A series: `values` against `categories`, named `name` in the legend. A dashed series
    /// is drawn as a dashed line (a line chart's limit, say).
    func addSeries(name: String, categories: XLSXRange, values: XLSXRange, dashed: Bool = false) {
        let series = chart_add_series(handle, nil, nil)!
        chart_series_set_categories(
            series, categories.sheet, lxw_row_t(categories.rows.lowerBound), lxw_col_t(categories.column),
            lxw_row_t(categories.rows.upperBound), lxw_col_t(categories.column))
        chart_series_set_values(
            series, values.sheet, lxw_row_t(values.rows.lowerBound), lxw_col_t(values.column),
            lxw_row_t(values.rows.upperBound), lxw_col_t(values.column))
        // A name that starts with `=` would be read as a cell reference.
        chart_series_set_name(series, name.hasPrefix("=") ? " " + name : name)
        if dashed {
            var line = lxw_chart_line()
            line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
            line.width = 2
            line.color = 0x222222
            chart_series_set_line(series, &line)
        }
    }

    /// The title, the axis names and the number format of the value axis; the legend below.
    func label(title: String, categoryAxis: String, valueAxis: String, valueFormat: String) {
        chart_title_set_name(handle, title.hasPrefix("=") ? " " + title : title)
        chart_axis_set_name(handle.pointee.x_axis, categoryAxis)
        chart_axis_set_name(handle.pointee.y_axis, valueAxis)
        chart_axis_set_num_format(handle.pointee.y_axis, valueFormat)
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
    }
}

/// A libxlsxwriter call that failed, with the library's reason.
struct XLSXError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    fileprivate init(_ code: lxw_error, _ context: String) {
        let reason = lxw_strerror(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
        self.description = "\(reason) (\(context))"
    }
}
