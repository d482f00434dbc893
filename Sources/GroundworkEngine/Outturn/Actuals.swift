import GroundworkCore
import GroundworkIO

/// The actual outturn of the closed years (MODEL.md section 9): what each county spent on each
/// item, in cents, read from the `actuals:` file and checked against the portfolio.
///
/// In a closed year every forecast cell is the listed actual, or 0.00 where the file lists
/// nothing; later years are projected as before.
public struct Actuals: Sendable {
    /// The closed years, as indices from the horizon's start: `0..<(through - start + 1)`.
    public let closedYears: Range<Int>
    /// Cents per (county, closed year, item), county-major.
    public let cents: [Int64]

    /// The columns of the file; `note` is optional and ignored.
    static let columns = ["county", "year", "item", "amount", "note"]
    static let requiredColumns = ["county", "year", "item", "amount"]

    public init(closedYears: Range<Int>, cents: [Int64]) {
        self.closedYears = closedYears
        self.cents = cents
    }

    /// Replaces the closed years of every county's cells (`forecast.csv` order) by the actuals.
    public func apply(to cells: inout [Int64], years: Int) {
        let items = LineItem.allCases.count
        let closed = closedYears.count
        let counties = cells.count / (years * items)
        for county in 0..<counties {
            for year in 0..<closed {
                for item in 0..<items {
                    cells[(county * years + year) * items + item] =
                        cents[(county * closed + year) * items + item]
                }
            }
        }
    }

    /// The actuals of a block of counties.
    public func slice(_ counties: Range<Int>) -> Actuals {
        let width = closedYears.count * LineItem.allCases.count
        return Actuals(
            closedYears: closedYears,
            cents: Array(cents[(counties.lowerBound * width)..<(counties.upperBound * width)]))
    }

    /// The actual of one cell of a closed year.
    public func cents(county: Int, year: Int, item: LineItem) -> Int64 {
        cents[(county * closedYears.count + year) * LineItem.allCases.count + item.rawValue]
    }

    /// Reads the file a scenario's `actuals:` names, for the portfolio's `counties`.
    /// - Throws: every problem found, located at the file's line and field (the column is the
    ///   field number); a file that cannot be read is reported where the scenario names it.
    public static func load(
        _ parameters: ActualsParameters, scenario: Scenario, counties: [String],
        encoding: TextEncoding = .utf8
    ) throws(DiagnosticError) -> Actuals {
        let path = parameters.file
        let bytes: [UInt8]
        do {
            bytes = try InputFile.readBytes(path)
        } catch {
            throw DiagnosticError(
                error.diagnostics.map {
                    Diagnostic(
                        parameters.fileLocation, "\(Parameter.actualsFile) \(path): \($0.message)",
                        kind: $0.kind)
                })
        }
        let text = try InputFile.transcodeToUTF8(bytes, from: encoding, path: path)
        let records = try CSVReader.records(bytes: text, file: path)
        return try read(records, path: path, parameters: parameters, scenario: scenario, counties: counties)
    }

    static func read(
        _ records: [CSVRecord], path: String, parameters: ActualsParameters, scenario: Scenario,
        counties: [String]
    ) throws(DiagnosticError) -> Actuals {
        let start = scenario.horizon.lowerBound
        let closed = 0..<(parameters.through - start + 1)
        let items = LineItem.allCases.count
        var cents = [Int64](repeating: 0, count: counties.count * closed.count * items)
        guard let header = records.first else {
            throw DiagnosticError(
                .file(path),
                "the actuals file is empty: it needs a header row `county,year,item,amount` (and an optional `note`)"
            )
        }
        let index = try CSVHeader.columns(
            header, path: path, known: columns, required: requiredColumns, context: " in the actuals",
            missingHint: " (`county,year,item,amount[,note]`)")
        var diagnostics: [Diagnostic] = []
        let countyIndex = Dictionary(
            counties.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let itemNames = LineItem.allCases.map(\.key)
        var seen: [Int: Int] = [:]
        let width = header.fields.count
        for record in records.dropFirst() {
            func location(_ column: String) -> SourceLocation {
                SourceLocation(file: path, line: record.line, column: (index[column] ?? 0) + 1)
            }
            guard record.fields.count == width else {
                diagnostics.append(
                    Diagnostic(
                        SourceLocation(file: path, line: record.line, column: 1),
                        "this row has \(record.fields.count) fields but the header has \(width)"))
                if diagnostics.count >= 20 { break }
                continue
            }
            let before = diagnostics.count
            let countyName = record.fields[index["county"]!]
            let county = countyIndex[countyName]
            if county == nil {
                var message = "`\(countyName)` is not a county of the portfolio \(scenario.portfolioPath)"
                if countyName.isEmpty { message = "`county` is empty" }
                if let nearest = Spelling.nearest(to: countyName, among: counties) {
                    message += "; did you mean `\(nearest)`?"
                }
                diagnostics.append(Diagnostic(location("county"), message))
            }
            let yearText = record.fields[index["year"]!].trimmingSpaces
            var year: Int? = nil
            if let value = CoreSchema.integer(yearText), yearText.first != "+" {
                if value < start {
                    diagnostics.append(
                        Diagnostic(
                            location("year"), "year \(value) is before the horizon's start (\(start))"))
                } else if value > parameters.through {
                    diagnostics.append(
                        Diagnostic(
                            location("year"),
                            "year \(value) is after `\(Parameter.actualsThrough)` (\(parameters.through)): "
                                + "only closed years have actuals"))
                } else {
                    year = value - start
                }
            } else {
                diagnostics.append(
                    Diagnostic(location("year"), "`year` must be a year such as 2015, not `\(yearText)`"))
            }
            let itemName = record.fields[index["item"]!]
            let item = LineItem(key: itemName)
            if item == nil {
                var message =
                    "`\(itemName)` is not a line item; items are \(itemNames.map { "`\($0)`" }.joined(separator: ", "))"
                if let nearest = Spelling.nearest(to: itemName, among: itemNames) {
                    message = "unknown item `\(itemName)`; did you mean `\(nearest)`?"
                }
                diagnostics.append(Diagnostic(location("item"), message))
            }
            let amount: Int64?
            switch amountCents(record.fields[index["amount"]!].trimmingSpaces) {
            case .success(let value): amount = value
            case .failure(let problem):
                amount = nil
                diagnostics.append(Diagnostic(location("amount"), problem.message))
            }
            guard diagnostics.count == before, let county, let year, let item, let amount else {
                if diagnostics.count >= 20 { break }
                continue
            }
            let cell = (county * closed.count + year) * items + item.rawValue
            if let first = seen.updateValue(record.line, forKey: cell) {
                diagnostics.append(
                    Diagnostic(
                        location("county"),
                        "\(countyName), \(start + year), \(item.key) is listed twice: on line \(first) and on line \(record.line)"
                    ))
                continue
            }
            cents[cell] = amount
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return Actuals(closedYears: closed, cents: cents)
    }

    struct AmountProblem: Error {
        var message: String
    }

    /// `1500`, `1500.`, `1500.5`, `1500.50` as cents; a blank, a sign, an exponent or more than
    /// two decimals is an error (MODEL.md section 9).
    static func amountCents(_ text: String) -> Result<Int64, AmountProblem> {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return .failure(AmountProblem(message: "`amount` is empty")) }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var wholeDigits = 0
        for byte in bytes {
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte >= 48 && byte <= 57 {
                if seenPoint {
                    fractionDigits += 1
                    guard fractionDigits <= 2 else {
                        return .failure(
                            AmountProblem(
                                message:
                                    "`amount` `\(text)` has more than two decimals: write yuan to the cent"))
                    }
                    fraction = fraction * 10 + Int64(byte - 48)
                } else {
                    wholeDigits += 1
                    guard wholeDigits <= 13 else {
                        return .failure(AmountProblem(message: "`amount` \(text) reaches 10^13 yuan"))
                    }
                    whole = whole * 10 + Int64(byte - 48)
                }
            } else {
                let what = byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") ? "a sign" : "`\(text)`"
                let message =
                    byte == UInt8(ascii: "-")
                    ? "`amount` must not be negative, not `\(text)`"
                    : "`amount` must be yuan written as digits with at most two decimals (1500.50), not \(what == "a sign" ? "`\(text)`" : what)"
                return .failure(AmountProblem(message: message))
            }
        }
        guard wholeDigits > 0 else {
            return .failure(AmountProblem(message: "`amount` must be digits, not `\(text)`"))
        }
        if fractionDigits == 1 { fraction *= 10 }
        let cents = whole * 100 + fraction
        guard Limits.allows(cents: cents) else {
            return .failure(AmountProblem(message: "`amount` \(text) reaches 10^13 yuan"))
        }
        return .success(cents)
    }
}
