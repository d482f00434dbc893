import GroundworkCore
import GroundworkIO

/// How the cells of a column are written: the type MODEL.md section 8 gives the column.
enum WorkbookColumnKind: Sendable, Equatable {
    /// Names and labels: always text, whatever they look like (a county `=1+1` or `007`).
    case text
    /// Text that the language translates: an item, a paying level or a measure.
    case translated(Translations.Kind)
    /// A calendar year: an integer without a thousands separator.
    case year
    /// A count of venues, villages or draws: an integer, `#,##0`.
    case count
    /// Yuan with two decimals: `#,##0.00`.
    case amount
    /// A rate, a probability, an income or a parameter value, at most six decimals.
    case decimal
    /// `headline_comparison.csv`'s figures: an amount where the text has a point, else a year
    /// or a count.
    case amountOrInteger
}

/// A table the workbook knows: its file, and the kind of each of its columns.
struct WorkbookTableSpec: Sendable {
    /// The file name without `.csv`: the sheet's name in English.
    var name: String
    var columns: [String: WorkbookColumnKind]
    /// The kind of a column the table does not list (a sweep's parameter columns).
    var otherColumns: WorkbookColumnKind = .text

    var file: String { name + ".csv" }

    func kind(of column: String) -> WorkbookColumnKind {
        columns[column] ?? otherColumns
    }

    /// Every table of MODEL.md section 8 and the run's own (`counties.csv`, `sensitivity.csv`),
    /// in the order of the workbook's sheets.
    static let catalog: [WorkbookTableSpec] = {
        let items = Dictionary(
            uniqueKeysWithValues: LineItem.allCases.map { ($0.key, WorkbookColumnKind.amount) })
        func table(_ name: String, _ columns: [String: WorkbookColumnKind], other: WorkbookColumnKind = .text)
            -> WorkbookTableSpec
        {
            var all: [String: WorkbookColumnKind] = ["scenario": .text]
            all.merge(columns) { $1 }
            return WorkbookTableSpec(name: name, columns: all, otherColumns: other)
        }
        let envelopeFigures: [String: WorkbookColumnKind] = [
            "total": .amount, "envelope_used": .amount, "envelope_remaining": .amount, "breach_year": .year,
        ]
        return [
            table(
                "headline",
                envelopeFigures.merging([
                    "start": .year, "end": .year, "venues_needed": .count, "venues_built": .count,
                    "venues_deferred": .count, "construction_after_horizon": .amount,
                    "envelope_amount": .amount,
                ]) { $1 }),
            table(
                "summary",
                items.merging([
                    "year": .year, "total": .amount, "cumulative": .amount, "envelope_cumulative": .amount,
                    "envelope_remaining": .amount,
                ]) { $1 }),
            table(
                "funding",
                items.merging([
                    "payer": .translated(.level), "year": .year, "total": .amount, "cumulative": .amount,
                ]) { $1 }),
            table(
                "forecast",
                [
                    "county": .text, "year": .year, "item": .translated(.item), "payer": .translated(.level),
                    "amount": .amount,
                ]),
            table(
                "rollout",
                ["county": .text, "year": .year, "venues_completed": .count, "venues_remaining": .count]),
            table(
                "pay",
                [
                    "year": .year, "rural_income": .decimal, "secretary_monthly": .amount,
                    "director_monthly": .amount, "other_monthly": .amount,
                ]),
            table(
                "counties",
                ["county": .text, "villages": .count, "venues_needed": .count, "population": .decimal]),
            table(
                "prices",
                [
                    "year": .year, "deflator": .decimal, "discount_factor": .decimal, "total": .amount,
                    "total_real": .amount, "total_pv": .amount, "cumulative_real": .amount,
                    "cumulative_pv": .amount,
                ]),
            table(
                "variance",
                [
                    "county": .text, "year": .year, "item": .translated(.item), "planned": .amount,
                    "actual": .amount, "variance": .amount, "variance_pct": .decimal,
                ]),
            table(
                "outturn",
                [
                    "year": .year, "planned": .amount, "actual": .amount, "aggregate_outturn": .decimal,
                    "composition_variance": .decimal,
                ]),
            table(
                "forecast_quantiles",
                [
                    "county": .text, "year": .year, "item": .translated(.item), "mean": .amount,
                    "p05": .amount,
                    "p50": .amount, "p95": .amount,
                ]),
            table(
                "summary_quantiles",
                [
                    "year": .year, "measure": .translated(.measure), "mean": .amount, "p05": .amount,
                    "p50": .amount, "p95": .amount,
                ]),
            table(
                "envelope_risk",
                ["draws": .count, "breach_probability": .decimal, "breach_year_p50": .year]),
            table("envelope_risk_by_year", ["year": .year, "breach_probability": .decimal]),
            table(
                "sensitivity",
                [
                    "parameter": .text, "low_value": .decimal, "high_value": .decimal, "total_low": .amount,
                    "total_high": .amount, "envelope_used_low": .amount, "envelope_used_high": .amount,
                ]),
            table(
                "comparison",
                [
                    "year": .year, "item": .translated(.item), "base": .amount, "value": .amount,
                    "delta": .amount, "delta_pct": .decimal,
                ]),
            table(
                "headline_comparison",
                [
                    "measure": .translated(.measure), "base": .amountOrInteger, "value": .amountOrInteger,
                    "delta": .amountOrInteger,
                ]),
            table(
                "sweep",
                envelopeFigures.merging([
                    "venues_deferred": .count, "total_real": .amount, "total_pv": .amount,
                    "cumulative_real": .amount, "cumulative_pv": .amount,
                ]) { $1 },
                other: .decimal),
            table(
                "solve",
                envelopeFigures.merging([
                    "parameter": .text, "target": .text, "value": .decimal, "next_value": .decimal,
                    "next_total": .amount, "next_envelope_used": .amount, "next_envelope_remaining": .amount,
                    "next_breach_year": .year,
                ]) { $1 }),
        ]
    }()
}

/// A CSV file read for the workbook: its header and its fields, row after row.
struct WorkbookTable: Sendable {
    var spec: WorkbookTableSpec
    var header: [String]
    /// Every data field, row by row: field (row, column) is `fields[row * columnCount + column]`.
    var fields: [String]
    /// Where each data row starts in the file, for errors.
    var lines: [Int]

    var columnCount: Int { header.count }
    var rowCount: Int { lines.count }

    subscript(row: Int, column: Int) -> String {
        fields[row * header.count + column]
    }

    /// The column named `name`, if the table has it.
    func column(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// Reads `bytes`, the file `spec.file`: every record must have as many fields as the header.
    init(spec: WorkbookTableSpec, bytes: [UInt8]) throws(DiagnosticError) {
        self.spec = spec
        var header: [String]? = nil
        var fields: [String] = []
        var lines: [Int] = []
        // A first estimate of the row count from the size, to grow the arrays once or twice.
        fields.reserveCapacity(bytes.count / 6)
        let file = spec.file
        try CSVReader.forEachRecord(bytes: bytes, file: file) { (line, record) throws(DiagnosticError) in
            guard let header else {
                header = record
                return
            }
            guard record.count == header.count else {
                throw DiagnosticError(
                    SourceLocation(file: file, line: line, column: 1),
                    "the row has \(record.count) fields and the header \(header.count)")
            }
            fields.append(contentsOf: record)
            lines.append(line)
        }
        guard let header else { throw DiagnosticError(.file(file), "the file has no header row") }
        self.header = header
        self.fields = fields
        self.lines = lines
    }

    /// The consecutive rows that share a value of `column` (a scenario's rows), in order.
    func blocks(by columns: [Int]) -> [(key: [String], rows: Range<Int>)] {
        var blocks: [(key: [String], rows: Range<Int>)] = []
        var start = 0
        var key: [String] = []
        for row in 0..<rowCount {
            let current = columns.map { self[row, $0] }
            if row == 0 {
                key = current
            } else if current != key {
                blocks.append((key, start..<row))
                start = row
                key = current
            }
        }
        if rowCount > 0 { blocks.append((key, start..<rowCount)) }
        return blocks
    }
}
