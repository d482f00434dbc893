import GroundworkCore
import GroundworkIO
/// Reads and validates a portfolio CSV (MODEL.md section 2).
public enum PortfolioLoader {
    static let requiredColumns = ["county", "villages", "venues_needed"]
    static let columns = [
        "county", "group", "villages", "venues_needed", "secretaries", "directors", "others", "population",
    ]
    /// A portfolio number is below 10^9 (MODEL.md section 6).
    static let numberLimit = 1e9

    /// Reads the portfolio at `path`. A well-formed file is read in one pass by
    /// `PortfolioScanner`; anything else goes through the plain path, which locates every
    /// problem.
    /// `encoding` is the file's (`--encoding gbk` reads GB18030, see `InputFile.transcodeToUTF8`).
    public static func load(
        _ path: String, encoding: TextEncoding = .utf8
    ) throws(DiagnosticError) -> Portfolio {
        try load(bytes: try InputFile.readBytes(path), path: path, encoding: encoding)
    }

    /// Reads a portfolio from the bytes of the file at `path`, in `encoding`.
    public static func load(
        bytes: [UInt8], path: String, encoding: TextEncoding = .utf8
    ) throws(DiagnosticError) -> Portfolio {
        let bytes = try InputFile.transcodeToUTF8(bytes, from: encoding, path: path)
        if let portfolio = PortfolioScanner.scan(bytes, path: path) { return portfolio }
        return try loadPlainly(bytes, path: path)
    }

    /// The plain path: records as strings, every field checked, every error located.
    static func loadPlainly(_ bytes: [UInt8], path: String) throws(DiagnosticError) -> Portfolio {
        let records = try CSVReader.records(bytes: bytes, file: path)
        return try portfolio(from: records, path: path)
    }

    static func portfolio(from records: [CSVRecord], path: String) throws(DiagnosticError) -> Portfolio {
        guard let header = records.first else {
            throw DiagnosticError(
                .file(path),
                "the portfolio is empty: it needs a header row (`county,villages,venues_needed,...`) and at least one data row"
            )
        }
        let index = try CSVHeader.columns(header, path: path, known: columns, required: requiredColumns)
        var diagnostics: [Diagnostic] = []
        guard records.count > 1 else {
            throw DiagnosticError(
                SourceLocation(file: path, line: header.line, column: 1),
                "the portfolio has a header but no data row")
        }

        var portfolio = Portfolio(
            path: path, counties: [], countyOfRow: [], villages: [], venuesNeeded: [],
            heads: RoleValues(secretary: [], director: [], other: []), population: [], lines: [])
        var countyIndex: [String: Int] = [:]
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
            var rowErrors: [Diagnostic] = []
            let county = record.fields[index["county"]!]
            if county.isEmpty {
                rowErrors.append(Diagnostic(location("county"), "`county` is empty"))
            }
            func integer(_ column: String) -> Int? {
                let text = record.fields[index[column]!].trimmingSpaces
                guard let value = CoreSchema.integer(text), text.first != "+" else {
                    let what = text.isEmpty ? "empty" : "`\(text)`"
                    rowErrors.append(
                        Diagnostic(location(column), "`\(column)` must be a whole number >= 0, not \(what)"))
                    return nil
                }
                guard value >= 0, Double(value) < numberLimit else {
                    rowErrors.append(
                        Diagnostic(
                            location(column),
                            "`\(column)` must be a whole number in 0..999999999, not \(text)"))
                    return nil
                }
                return value
            }
            func optionalNumber(_ column: String) -> Double {
                guard let field = index[column] else { return .nan }
                let text = record.fields[field].trimmingSpaces
                if text.isEmpty { return .nan }
                guard case .finite(let value) = CoreSchema.number(text) else {
                    rowErrors.append(
                        Diagnostic(
                            location(column), "`\(column)` must be a number >= 0 or blank, not `\(text)`"))
                    return .nan
                }
                guard value >= 0, value < numberLimit else {
                    rowErrors.append(
                        Diagnostic(location(column), "`\(column)` must be a number in 0..10^9, not \(text)"))
                    return .nan
                }
                return value
            }
            let villages = integer("villages")
            let needed = integer("venues_needed")
            if let villages, let needed, needed > villages {
                rowErrors.append(
                    Diagnostic(
                        location("venues_needed"),
                        "`venues_needed` (\(needed)) is more than `villages` (\(villages))"))
            }
            let secretaries = optionalNumber("secretaries")
            let directors = optionalNumber("directors")
            let others = optionalNumber("others")
            let population = optionalNumber("population")
            if !rowErrors.isEmpty {
                diagnostics += rowErrors
                if diagnostics.count >= 20 { break }
                continue
            }
            let countyNumber: Int
            if let known = countyIndex[county] {
                countyNumber = known
            } else {
                countyNumber = portfolio.counties.count
                countyIndex[county] = countyNumber
                portfolio.counties.append(county)
            }
            portfolio.countyOfRow.append(countyNumber)
            portfolio.villages.append(villages!)
            portfolio.venuesNeeded.append(needed!)
            portfolio.heads.secretary.append(secretaries)
            portfolio.heads.director.append(directors)
            portfolio.heads.other.append(others)
            portfolio.population.append(population)
            portfolio.lines.append(record.line)
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return portfolio
    }
}
