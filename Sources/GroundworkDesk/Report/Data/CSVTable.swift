import Foundation
import GroundworkCore
import GroundworkIO

/// A CSV file with a header, its cells looked up by column name and read as text, numbers,
/// amounts or whole numbers; errors name file, line and column (MODEL.md section 6).
struct CSVTable {
    let file: String
    let header: [String: Int]
    let records: [CSVRecord]
    var rows: Range<Int> { 0..<records.count }

    init(bytes: [UInt8], file: String) throws(DiagnosticError) {
        let all = try CSVReader.records(bytes: bytes, file: file)
        guard let first = all.first else {
            throw DiagnosticError(.file(file), "the file is empty (no header)")
        }
        var header: [String: Int] = [:]
        for (index, name) in first.fields.enumerated() where header[name] == nil { header[name] = index }
        self.file = file
        self.header = header
        self.records = Array(all.dropFirst())
    }

    func error(_ row: Int, _ column: String, _ message: String) -> DiagnosticError {
        DiagnosticError(
            SourceLocation(file: file, line: records[row].line, column: (header[column] ?? 0) + 1), message)
    }

    func text(_ row: Int, _ column: String) throws(DiagnosticError) -> String {
        guard let index = header[column] else {
            throw DiagnosticError(
                SourceLocation(file: file, line: 1, column: 1), "the column `\(column)` is missing")
        }
        let fields = records[row].fields
        guard index < fields.count else { throw error(row, column, "the row has no `\(column)` field") }
        return fields[index]
    }

    func optionalNumber(_ row: Int, _ column: String) throws(DiagnosticError) -> Double? {
        let cell = try text(row, column).trimmingCharacters(in: .whitespaces)
        if cell.isEmpty { return nil }
        guard let value = Double(cell), value.isFinite else {
            throw error(row, column, "`\(column)` is not a number: `\(cell)`")
        }
        return value
    }

    func number(_ row: Int, _ column: String) throws(DiagnosticError) -> Double {
        guard let value = try optionalNumber(row, column) else {
            throw error(row, column, "`\(column)` is empty")
        }
        return value
    }

    func optionalAmount(_ row: Int, _ column: String) throws(DiagnosticError) -> Double? {
        let cell = try text(row, column)
        if cell.isEmpty { return nil }
        guard let cents = Self.cents(cell) else {
            throw error(row, column, "`\(column)` is not an amount: `\(cell)`")
        }
        return Double(cents) / 100
    }

    func amount(_ row: Int, _ column: String) throws(DiagnosticError) -> Double {
        guard let value = try optionalAmount(row, column) else {
            throw error(row, column, "`\(column)` is empty")
        }
        return value
    }

    /// An amount as the engine writes it, exactly, in cents.
    func cents(_ row: Int, _ column: String) throws(DiagnosticError) -> Int64 {
        let cell = try text(row, column)
        guard let cents = Self.cents(cell) else {
            throw error(row, column, "`\(column)` is not an amount: `\(cell)`")
        }
        return cents
    }

    func optionalInteger(_ row: Int, _ column: String) throws(DiagnosticError) -> Int? {
        let cell = try text(row, column)
        if cell.isEmpty { return nil }
        guard let value = Int(cell) else {
            throw error(row, column, "`\(column)` is not a whole number: `\(cell)`")
        }
        return value
    }

    func integer(_ row: Int, _ column: String) throws(DiagnosticError) -> Int {
        guard let value = try optionalInteger(row, column) else {
            throw error(row, column, "`\(column)` is empty")
        }
        return value
    }

    /// "-1234.56" (exactly two decimals, as the engine writes amounts) as cents.
    static func cents(_ text: String) -> Int64? {
        var utf8 = Substring(text).utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = -1
        var digits = 0
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard fractionDigits < 0 else { return nil }
                fractionDigits = 0
                continue
            }
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let digit = Int64(byte - 0x30)
            if fractionDigits >= 0 {
                guard fractionDigits < 2 else { return nil }
                fraction = fraction * 10 + digit
                fractionDigits += 1
            } else {
                digits += 1
                guard digits <= 16 else { return nil }
                whole = whole * 10 + digit
            }
        }
        guard digits > 0 else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        let value = whole * 100 + fraction
        return negative ? -value : value
    }
}
