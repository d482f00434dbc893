import Foundation
import Testing

/// groundwork.xlsx read back by an independent reader: `Tests/xlsx/read-workbook.py` on
/// openpyxl, from the virtual environment `.ci/setup` makes (`.build/venv`).
enum WorkbookReader {
    /// A cell as openpyxl reads it: the value (a formula's cached one), the formula, the format.
    struct Cell: Decodable {
        var v: Value?
        var f: String?
        var fmt: String
        var t: String

        var number: Double? { if case .number(let value) = v { value } else { nil } }
        var text: String? { if case .text(let value) = v { value } else { nil } }
    }

    enum Value: Decodable, Equatable {
        case number(Double)
        case text(String)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    struct Sheet: Decodable {
        var name: String
        var freeze: String?
        var autofilter: String?
        var widths: [String: Double]
        var charts: Int
        var rows: [[Cell?]]

        /// The column of the header `name`.
        func column(_ name: String) -> Int? {
            rows.first?.firstIndex { $0?.text == name }
        }
    }

    struct Workbook: Decodable {
        var sheets: [Sheet]

        subscript(name: String) -> Sheet? { sheets.first { $0.name == name } }
    }

    static let script = Fixtures.repository.appendingPathComponent("Tests/xlsx/read-workbook.py")

    /// The venv's Python; fails the test loudly when `.ci/setup` has not made it.
    static func python() throws -> URL {
        let python = Fixtures.repository.appendingPathComponent(".build/venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record(
                "openpyxl's venv is missing at \(python.path): run `bash .ci/setup`, which makes it; the workbook cannot be read back without it"
            )
            throw CancellationError()
        }
        return python
    }

    /// Runs read-workbook.py with `arguments`: its exit status, stdout and stderr.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: Data, error: String) {
        let process = Process()
        process.executableURL = try python()
        process.arguments = [script.path] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, outputData, String(decoding: errorData, as: UTF8.self))
    }

    /// Every sheet of the workbook at `path`.
    static func dump(_ path: String) throws -> Workbook {
        let result = try run(["dump", path])
        try #require(result.status == 0, "read-workbook.py dump failed: \(result.error)")
        return try JSONDecoder().decode(Workbook.self, from: result.output)
    }

    /// read-workbook.py's comparison of every sheet with the CSV files in `directory`: whether
    /// all cells are equal, and what it printed.
    static func compare(_ path: String, with directory: String) throws -> (equal: Bool, report: String) {
        let result = try run(["compare", path, directory])
        let report = String(decoding: result.output, as: UTF8.self) + result.error
        return (result.status == 0, report)
    }
}

/// Recalculates a dumped workbook's formulas (the forms groundwork.xlsx writes: cell
/// references, `'sheet'!A1`, `+`, `-`, `/ number` and `SUM(A1:F1)`), from the sheets' values
/// and not from the cached results: what a spreadsheet computes on load.
struct FormulaEvaluator {
    let workbook: WorkbookReader.Workbook
    private var memo: [String: Double] = [:]

    init(_ workbook: WorkbookReader.Workbook) {
        self.workbook = workbook
    }

    /// The value of cell `reference` (`C5`) on `sheet`: its formula recalculated, else its
    /// number (0 for an empty cell, as a spreadsheet adds it).
    mutating func value(sheet: String, _ reference: String) throws -> Double {
        let key = sheet + "!" + reference
        if let known = memo[key] { return known }
        let (row, column) = try Self.position(reference)
        let grid = try #require(workbook[sheet], "no sheet \(sheet)")
        let cell = row < grid.rows.count && column < grid.rows[row].count ? grid.rows[row][column] : nil
        let result: Double
        if let formula = cell?.f {
            var parser = Parser(text: Array(formula.dropFirst()), sheet: sheet)
            result = try parser.expression(&self)
            try #require(parser.index == parser.text.count, "cannot read the formula \(formula)")
        } else {
            result = cell?.number ?? 0
        }
        memo[key] = result
        return result
    }

    /// `C5` -> (row 4, column 2).
    static func position(_ reference: String) throws -> (row: Int, column: Int) {
        var column = 0
        var digits = ""
        for character in reference where character != "$" {
            if let ascii = character.asciiValue, character.isLetter {
                column = column * 26 + Int(ascii - 64)
            } else {
                digits.append(character)
            }
        }
        let row = try #require(Int(digits), "not a cell: \(reference)")
        return (row - 1, column - 1)
    }

    private struct Parser {
        var text: [Character]
        var sheet: String
        var index = 0

        init(text: [Character], sheet: String) {
            self.text = text
            self.sheet = sheet
        }

        mutating func expression(_ evaluator: inout FormulaEvaluator) throws -> Double {
            var value = try term(&evaluator)
            while index < text.count, text[index] == "+" || text[index] == "-" {
                let sign: Double = text[index] == "+" ? 1 : -1
                index += 1
                value += sign * (try term(&evaluator))
            }
            return value
        }

        mutating func term(_ evaluator: inout FormulaEvaluator) throws -> Double {
            var value = try factor(&evaluator)
            while index < text.count, text[index] == "/" {
                index += 1
                value /= try factor(&evaluator)
            }
            return value
        }

        mutating func factor(_ evaluator: inout FormulaEvaluator) throws -> Double {
            if text[index...].starts(with: "SUM(") {
                index += 4
                let (sheet, first) = try cell()
                try #require(text[index] == ":")
                index += 1
                let (_, last) = try cell()
                try #require(text[index] == ")")
                index += 1
                let from = try FormulaEvaluator.position(first)
                let to = try FormulaEvaluator.position(last)
                var sum = 0.0
                for row in from.row...to.row {
                    for column in from.column...to.column {
                        sum += try evaluator.value(sheet: sheet, FormulaEvaluator.name(row, column))
                    }
                }
                return sum
            }
            if text[index].isNumber {
                let start = index
                while index < text.count, text[index].isNumber || text[index] == "." { index += 1 }
                return try #require(Double(String(text[start..<index])))
            }
            let (sheet, reference) = try cell()
            return try evaluator.value(sheet: sheet, reference)
        }

        /// `'sheet'!C5` or `C5`.
        mutating func cell() throws -> (sheet: String, reference: String) {
            var sheet = self.sheet
            if text[index] == "'" {
                index += 1
                var name = ""
                while true {
                    if text[index] == "'" {
                        if index + 1 < text.count, text[index + 1] == "'" {
                            name.append("'")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    name.append(text[index])
                    index += 1
                }
                try #require(text[index] == "!")
                index += 1
                sheet = name
            }
            let start = index
            while index < text.count, text[index].isLetter || text[index].isNumber || text[index] == "$" {
                index += 1
            }
            return (sheet, String(text[start..<index]))
        }
    }

    /// (row 4, column 2) -> `C5`.
    static func name(_ row: Int, _ column: Int) -> String {
        var letters = ""
        var rest = column + 1
        while rest > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (rest - 1) % 26))) + letters
            rest = (rest - 1) / 26
        }
        return letters + String(row + 1)
    }
}
