import GroundworkCore
import GroundworkIO
import Foundation

/// The fast path of `PortfolioLoader`: one pass over the file's bytes, straight into the
/// portfolio's columns, with no string per field.
///
/// It accepts exactly what the plain path (`CSVReader` + `PortfolioLoader.portfolio(from:)`)
/// accepts and yields the same portfolio; at the first thing it is not sure of (any error,
/// or a number it cannot read exactly) it gives up and returns nil, and the plain path runs
/// to produce the located diagnostics. So errors cost a second pass and correct files one.
///
/// Numbers: a field of digits with an optional fraction is read as mantissa / 10^k, exactly
/// rounded when the mantissa has at most 15 digits and k <= 22 (both are then exact doubles);
/// anything else goes through the standard library's parser. Counties are interned: a row
/// whose county bytes equal the previous row's costs one comparison. The UTF-8 check of the
/// whole file is folded into the fast path's pass (see `scanUnquoted`).
enum PortfolioScanner {
    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09

    /// A field as a byte range; `quoted` fields may hold doubled quotes to undo.
    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
    }

    static func scan(_ bytes: [UInt8], path: String) -> Portfolio? {
        bytes.withUnsafeBufferPointer { buffer in
            guard !InputFile.looksLikeUTF16(buffer) else { return nil }
            // The fast path checks the UTF-8 of the only fields that may hold more than ASCII.
            if let portfolio = scanUnquoted(buffer, path: path) { return portfolio }
            guard InputFile.firstInvalidUTF8Offset(buffer) == nil else { return nil }
            return scan(buffer, path: path)
        }
    }

    /// The kinds of column `scanUnquoted` reads.
    private enum Kind: UInt8 {
        case ignored, county, villages, needed, secretaries, directors, others, population
    }

    /// Whether `byte` ends a field: a comma or a line end.
    @inline(__always)
    private static func endsField(_ byte: UInt8) -> Bool {
        // All three lie below "-", below every digit and every byte of a multi-byte character.
        byte <= comma && (byte == comma || byte == lineFeed || byte == carriageReturn)
    }

    /// Skips the blank lines (LF, CR or CRLF each one line) of `base[..<count]` at `position`.
    @inline(__always)
    private static func skipBlankLines(
        _ base: UnsafePointer<UInt8>, count: Int, _ position: inout Int, _ line: inout Int
    ) {
        while position < count, base[position] == lineFeed || base[position] == carriageReturn {
            line += 1
            if base[position] == carriageReturn, position + 1 < count, base[position + 1] == lineFeed {
                position += 1
            }
            position += 1
        }
    }

    /// The fastest path: a file with no quote in it that ends with a line end, read field by
    /// field in one loop with no per-row allocation and no bounds check inside a record (the
    /// last line end stops every loop). Accepts exactly what `scan(_:path:)` accepts of such
    /// files and yields the same portfolio; nil at anything `scan` would refuse, and then `scan`
    /// (and, for errors, the plain path) decides.
    ///
    /// It checks the file's UTF-8 itself, without a pass of its own: every byte outside the
    /// county and ignored fields is a separator or part of a number (ASCII, or the file is
    /// refused), so the file is UTF-8 when those fields are. A county's bytes are checked
    /// when they differ from the previous row's.
    private static func scanUnquoted(_ buffer: UnsafeBufferPointer<UInt8>, path: String) -> Portfolio? {
        let count = buffer.count
        guard let base = buffer.baseAddress, count > 0,
            base[count - 1] == lineFeed || base[count - 1] == carriageReturn,
            memchr(base, Int32(quote), count) == nil
        else { return nil }
        var position = 0
        if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        var line = 1
        skipBlankLines(base, count: count, &position, &line)
        guard position < count else { return nil }
        // The header: known names, each once, with county, villages and venues_needed.
        var kinds: [Kind] = []
        var seen: Set<String> = []
        let kindOfName: [String: Kind] = [
            "county": .county, "group": .ignored, "villages": .villages, "venues_needed": .needed,
            "secretaries": .secretaries, "directors": .directors, "others": .others,
            "population": .population,
        ]
        while true {
            let start = position
            while !endsField(base[position]) { position += 1 }
            let name = String(
                decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self
            ).trimmingSpaces
            guard PortfolioLoader.columns.contains(name), let kind = kindOfName[name],
                seen.insert(name).inserted
            else { return nil }
            kinds.append(kind)
            guard base[position] == comma else { break }
            position += 1
        }
        guard kinds.contains(.county), kinds.contains(.villages), kinds.contains(.needed) else { return nil }
        let width = kinds.count
        line += 1
        if base[position] == carriageReturn, position + 1 < count, base[position + 1] == lineFeed {
            position += 1
        }
        position += 1
        // The kinds packed four bits each (at most eight columns, each named once).
        var packedKinds: UInt64 = 0
        for (column, kind) in kinds.enumerated() { packedKinds |= UInt64(kind.rawValue) << (4 * column) }

        // The rows: in two parts side by side when the file is large, split after a line feed
        // (every line end ends a record here), each writing straight into the columns at its
        // own rows (the second part from the first's line ends, an upper bound of its rows);
        // the second part's counties and lines then follow the first's, so the portfolio is
        // the same as from one pass.
        var parts = [position..<count]
        let middle = (position + count) / 2
        if count - position >= 1 << 20,
            let after = UnsafeBufferPointer(rebasing: buffer[middle..<count]).firstIndex(of: lineFeed),
            case let feed = middle + after, feed + 1 < count
        {
            parts = [position..<feed + 1, feed + 1..<count]
        }
        let partList = parts
        let kindsOfColumns = packedKinds
        let shared = SendableBase(base)
        let threads = min(parts.count, Parallel.processorCount)
        // Line ends per part: at least its rows.
        let ends = SharedBuffer<Int>(repeating: 0, count: parts.count)
        Parallel.forEach(parts.count, threads: threads) { index in
            ends[index] = lineEnds(shared.base, partList[index])
        }
        let firstRows = (0..<parts.count).map { index in (0..<index).reduce(0) { $0 + ends[$1] } }
        let capacity = firstRows.last! + ends[parts.count - 1]
        let headerLines = line
        let made = makeColumns(capacity: capacity) { columns -> (counties: [String], rows: Int)? in
            let scanned = SharedBuffer<Part?>(repeating: nil, count: partList.count)
            Parallel.forEach(partList.count, threads: threads) { index in
                scanned[index] = scanRows(
                    shared.base, partList[index], into: columns, from: firstRows[index], limit: ends[index],
                    packedKinds: kindsOfColumns, width: width)
            }
            guard var part = scanned[0] else { return nil }
            var rows = part.rows
            // Lines from the header's end.
            for row in 0..<rows { columns.lines[row] += headerLines - 1 }
            var nextLine = part.endLine + headerLines - 1
            for index in partList.indices.dropFirst() {
                guard let next = scanned[index] else { return nil }
                let from = firstRows[index]
                if from != rows {
                    columns.move(from: from, to: rows, count: next.rows)
                }
                let renumbered = next.counties.map { name in
                    if let known = part.countyIndex[name] { return known }
                    part.countyIndex[name] = part.counties.count
                    part.counties.append(name)
                    return part.counties.count - 1
                }
                for row in rows..<rows + next.rows {
                    columns.county[row] = renumbered[columns.county[row]]
                    columns.lines[row] += nextLine - 1
                }
                rows += next.rows
                nextLine = next.endLine + nextLine - 1
            }
            return (part.counties, rows)
        }
        guard let made, !made.villages.isEmpty else { return nil }
        return Portfolio(
            path: path, counties: made.counties, countyOfRow: made.county, villages: made.villages,
            venuesNeeded: made.needed,
            heads: RoleValues(secretary: made.secretaries, director: made.directors, other: made.others),
            population: made.population, lines: made.lines)
    }

    private struct SendableBase: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        init(_ base: UnsafePointer<UInt8>) { self.base = base }
    }

    /// The portfolio's columns being written: row `i` of each at index `i`.
    private struct Columns: @unchecked Sendable {
        let county: UnsafeMutablePointer<Int>
        let villages: UnsafeMutablePointer<Int>
        let needed: UnsafeMutablePointer<Int>
        let lines: UnsafeMutablePointer<Int>
        let secretaries: UnsafeMutablePointer<Double>
        let directors: UnsafeMutablePointer<Double>
        let others: UnsafeMutablePointer<Double>
        let population: UnsafeMutablePointer<Double>

        /// Moves `count` rows of every column from row `from` to row `to` (below it).
        func move(from: Int, to: Int, count: Int) {
            for column in [county, villages, needed, lines] {
                memmove(column + to, column + from, count * MemoryLayout<Int>.stride)
            }
            for column in [secretaries, directors, others, population] {
                memmove(column + to, column + from, count * MemoryLayout<Double>.stride)
            }
        }
    }

    /// The columns as arrays of `capacity`, filled by `fill`, which returns the counties and
    /// the rows written (nil: none kept).
    private static func makeColumns(
        capacity: Int, _ fill: (Columns) -> (counties: [String], rows: Int)?
    ) -> (
        counties: [String], county: [Int], villages: [Int], needed: [Int], lines: [Int],
        secretaries: [Double],
        directors: [Double], others: [Double], population: [Double]
    )? {
        var result: (counties: [String], rows: Int)? = nil
        var villages: [Int] = []
        var needed: [Int] = []
        var lines: [Int] = []
        var secretaries: [Double] = []
        var directors: [Double] = []
        var others: [Double] = []
        var population: [Double] = []
        let county = [Int](unsafeUninitializedCapacity: capacity) { county, countyRows in
            villages = [Int](unsafeUninitializedCapacity: capacity) { villages, villagesRows in
                needed = [Int](unsafeUninitializedCapacity: capacity) { needed, neededRows in
                    lines = [Int](unsafeUninitializedCapacity: capacity) { lines, linesRows in
                        secretaries = [Double](unsafeUninitializedCapacity: capacity) {
                            secretaries, secretariesRows in
                            directors = [Double](unsafeUninitializedCapacity: capacity) {
                                directors, directorsRows in
                                others = [Double](unsafeUninitializedCapacity: capacity) {
                                    others, othersRows in
                                    population = [Double](unsafeUninitializedCapacity: capacity) {
                                        population, populationRows in
                                        result = fill(
                                            Columns(
                                                county: county.baseAddress!, villages: villages.baseAddress!,
                                                needed: needed.baseAddress!, lines: lines.baseAddress!,
                                                secretaries: secretaries.baseAddress!,
                                                directors: directors.baseAddress!,
                                                others: others.baseAddress!,
                                                population: population.baseAddress!))
                                        populationRows = result?.rows ?? 0
                                    }
                                    othersRows = result?.rows ?? 0
                                }
                                directorsRows = result?.rows ?? 0
                            }
                            secretariesRows = result?.rows ?? 0
                        }
                        linesRows = result?.rows ?? 0
                    }
                    neededRows = result?.rows ?? 0
                }
                villagesRows = result?.rows ?? 0
            }
            countyRows = result?.rows ?? 0
        }
        guard let result else { return nil }
        return (
            result.counties, county, villages, needed, lines, secretaries, directors, others, population
        )
    }

    /// What a part of the file held: its counties in order of first appearance in it (the
    /// rows' county numbers index them), its rows, and the line after its last line end
    /// (lines counted from 1 at its start).
    private struct Part {
        var counties: [String] = []
        var countyIndex: [String: Int] = [:]
        var rows = 0
        var endLine = 1
    }

    /// The records in `range` of a file with no quote whose byte before `range.upperBound` is a
    /// line end, after the header; nil at anything `scan` would refuse, ill-formed UTF-8 in a
    /// county or ignored field included (every other field is ASCII or refused).
    ///
    /// Every number column is read by one inlined routine into `slots` at its kind, so a row
    /// costs no dispatch on the column's kind beyond two predictable comparisons.
    private static func scanRows(
        _ base: UnsafePointer<UInt8>, _ range: Range<Int>, into columns: Columns, from firstRow: Int,
        limit: Int,
        packedKinds: UInt64, width: Int
    ) -> Part? {
        let count = range.upperBound
        var position = range.lowerBound
        var line = 1
        /// The end of the field from `start`.
        @inline(__always)
        func fieldEnd(_ start: Int) -> Int {
            var end = start
            while !endsField(base[end]) { end += 1 }
            return end
        }
        /// Whether `base[start..<end]` is well-formed UTF-8.
        func isUTF8(_ start: Int, _ end: Int) -> Bool {
            let field = UnsafeBufferPointer(start: base + start, count: end - start)
            return InputFile.firstInvalidUTF8Offset(field) == nil
        }
        let powers = powersOfTen
        /// A number column's field from `start`: for `whole` columns a whole number
        /// 0..999,999,999 written as plain digits, else a number >= 0 below 10^9 (digits with an
        /// optional fraction, at most 15 digits) or NaN when blank; spaces and tabs around it
        /// allowed. With the field's end; nil when not so.
        @inline(__always)
        func number(_ start: Int, whole: Bool) -> (value: Double, end: Int)? {
            var end = start
            var mantissa = 0
            while true {
                let digit = base[end] &- 48
                if digit > 9 { break }
                mantissa = mantissa &* 10 &+ Int(digit)
                end += 1
            }
            var digits = end - start
            var decimals = 0
            if !whole, base[end] == 0x2E {
                end += 1
                let fraction = end
                while true {
                    let digit = base[end] &- 48
                    if digit > 9 { break }
                    mantissa = mantissa &* 10 &+ Int(digit)
                    end += 1
                }
                decimals = end - fraction
                digits += decimals
            }
            if digits > 0, digits <= (whole ? 9 : 15), endsField(base[end]) {
                let value = decimals == 0 ? Double(mantissa) : Double(mantissa) / powers[decimals]
                return value < PortfolioLoader.numberLimit ? (value, end) : nil
            }
            return paddedNumber(start, whole: whole)
        }
        /// `number` for a field that is not plain digits up to the separator: spaces and tabs
        /// around the number, a blank field, or an error.
        func paddedNumber(_ start: Int, whole: Bool) -> (value: Double, end: Int)? {
            let end = fieldEnd(start)
            var first = start
            var last = end
            while first < last, base[first] == space || base[first] == tab { first += 1 }
            while last > first, base[last - 1] == space || base[last - 1] == tab { last -= 1 }
            if first == last { return whole ? nil : (.nan, end) }
            var mantissa = 0
            var digits = 0
            var decimals = 0
            var seenPoint = whole  // a whole number has no point
            for index in first..<last {
                let byte = base[index]
                if byte == 0x2E && !seenPoint {
                    seenPoint = true
                    continue
                }
                let digit = byte &- 48
                guard digit <= 9 else { return nil }
                mantissa = mantissa * 10 + Int(digit)
                digits += 1
                if seenPoint && !whole { decimals += 1 }
                guard digits <= (whole ? 9 : 15) else { return nil }
            }
            guard digits > 0 else { return nil }
            let value = decimals == 0 ? Double(mantissa) : Double(mantissa) / powers[decimals]
            guard value < PortfolioLoader.numberLimit else { return nil }
            return (value, end)
        }

        var rows = Part()
        var previousStart = 0
        var previousLength = -1
        var previousIndex = 0
        let county = Kind.county.rawValue
        let firstNumber = Kind.villages.rawValue
        let lastWhole = Kind.needed.rawValue
        // The number columns' values of the row at their kinds; NaN for an absent optional
        // column. Scalars in memory: a SIMD vector written at a variable lane goes through
        // the stack and stalls every read after it.
        let slots = UnsafeMutablePointer<Double>.allocate(capacity: 8)
        defer { slots.deallocate() }

        while true {
            skipBlankLines(base, count: count, &position, &line)
            guard position < count else { break }
            let recordLine = line
            var countyIndex = -1
            slots.update(repeating: .nan, count: 8)
            for column in 0..<width {
                let start = position
                let kind = UInt8(truncatingIfNeeded: packedKinds >> (4 * column)) & 0xF
                if kind >= firstNumber {
                    guard let (value, end) = number(start, whole: kind <= lastWhole) else { return nil }
                    slots[Int(kind)] = value
                    position = end
                } else if kind == county {
                    position = fieldEnd(start)
                    let length = position - start
                    guard length > 0 else { return nil }
                    if length == previousLength, bytesEqual(base + previousStart, base + start, length) {
                        countyIndex = previousIndex
                    } else {
                        guard isUTF8(start, position) else { return nil }
                        let name = String(
                            decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
                        if let known = rows.countyIndex[name] {
                            countyIndex = known
                        } else {
                            countyIndex = rows.counties.count
                            rows.countyIndex[name] = countyIndex
                            rows.counties.append(name)
                        }
                        previousStart = start
                        previousLength = length
                        previousIndex = countyIndex
                    }
                } else {
                    position = fieldEnd(start)
                    guard isUTF8(start, position) else { return nil }
                }
                // The separator: a comma between fields, a line end after the last (the file
                // ends with one, so every field has a byte after it).
                let byte = base[position]
                position += 1
                if column < width - 1 {
                    guard byte == comma else { return nil }
                } else {
                    guard byte != comma else { return nil }
                    line += 1
                    if byte == carriageReturn, position < count, base[position] == lineFeed { position += 1 }
                }
            }
            let villages = Int(slots[Int(Kind.villages.rawValue)])
            let needed = Int(slots[Int(Kind.needed.rawValue)])
            guard needed <= villages else { return nil }
            guard rows.rows < limit else { return nil }
            let row = firstRow + rows.rows
            columns.county[row] = countyIndex
            columns.villages[row] = villages
            columns.needed[row] = needed
            columns.secretaries[row] = slots[Int(Kind.secretaries.rawValue)]
            columns.directors[row] = slots[Int(Kind.directors.rawValue)]
            columns.others[row] = slots[Int(Kind.others.rawValue)]
            columns.population[row] = slots[Int(Kind.population.rawValue)]
            columns.lines[row] = recordLine
            rows.rows += 1
        }
        rows.endLine = line
        return rows
    }

    /// Whether the `count` bytes at `first` and at `second` are equal: eight at a time, for
    /// the short county names compared on every row.
    @inline(__always)
    private static func bytesEqual(
        _ first: UnsafePointer<UInt8>, _ second: UnsafePointer<UInt8>, _ count: Int
    ) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            let a = UnsafeRawPointer(first + offset).loadUnaligned(as: UInt64.self)
            let b = UnsafeRawPointer(second + offset).loadUnaligned(as: UInt64.self)
            if a != b { return false }
            offset += 8
        }
        while offset < count {
            if first[offset] != second[offset] { return false }
            offset += 1
        }
        return true
    }

    /// The line ends (LF and CR bytes) in `base[range]`: counted in a byte per block of 255,
    /// which the compiler vectorises (five times the speed of an `Int` count).
    private static func lineEnds(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int {
        var found = 0
        var offset = range.lowerBound
        while offset < range.upperBound {
            let end = min(range.upperBound, offset + 255)
            var block: UInt8 = 0
            for index in offset..<end {
                let byte = base[index]
                block &+= (byte == lineFeed ? 1 : 0) | (byte == carriageReturn ? 1 : 0)
            }
            found += Int(block)
            offset = end
        }
        return found
    }

    private static func scan(_ buffer: UnsafeBufferPointer<UInt8>, path: String) -> Portfolio? {
        let count = buffer.count
        var position = 0
        if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        var line = 1
        var fields: [Field] = []
        fields.reserveCapacity(16)

        /// Reads one record into `fields`; returns its starting line, or nil at the end or on
        /// anything unusual. Skips blank lines.
        func nextRecord() -> Int?? {
            // Skip blank lines.
            while position < count {
                let byte = buffer[position]
                if byte == lineFeed {
                    line += 1
                    position += 1
                } else if byte == carriageReturn {
                    line += 1
                    position += 1
                    if position < count, buffer[position] == lineFeed { position += 1 }
                } else {
                    break
                }
            }
            guard position < count else { return .some(nil) }
            let start = line
            fields.removeAll(keepingCapacity: true)
            while true {
                if position < count, buffer[position] == quote {
                    position += 1
                    let fieldStart = position
                    while true {
                        guard position < count else { return nil }  // unterminated
                        let byte = buffer[position]
                        if byte == quote {
                            if position + 1 < count, buffer[position + 1] == quote {
                                position += 2
                                continue
                            }
                            break
                        }
                        if byte == lineFeed {
                            line += 1
                        } else if byte == carriageReturn {
                            line += 1
                            if position + 1 < count, buffer[position + 1] == lineFeed { position += 1 }
                        }
                        position += 1
                    }
                    fields.append(Field(start: fieldStart, end: position, quoted: true))
                    position += 1  // the closing quote
                    guard
                        position >= count || buffer[position] == comma || buffer[position] == lineFeed
                            || buffer[position] == carriageReturn
                    else { return nil }
                } else {
                    let fieldStart = position
                    while position < count {
                        let byte = buffer[position]
                        if byte == comma || byte == lineFeed || byte == carriageReturn { break }
                        if byte == quote { return nil }
                        position += 1
                    }
                    fields.append(Field(start: fieldStart, end: position, quoted: false))
                }
                guard position < count else { return .some(start) }
                let byte = buffer[position]
                position += 1
                if byte == comma { continue }
                line += 1
                if byte == carriageReturn, position < count, buffer[position] == lineFeed { position += 1 }
                return .some(start)
            }
        }

        func text(_ field: Field) -> String {
            let slice = UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
            guard field.quoted, slice.contains(quote) else { return String(decoding: slice, as: UTF8.self) }
            var unescaped: [UInt8] = []
            var index = field.start
            while index < field.end {
                unescaped.append(buffer[index])
                index += buffer[index] == quote ? 2 : 1
            }
            return String(decoding: unescaped, as: UTF8.self)
        }

        /// The field without leading and trailing spaces and tabs; nil when it holds quotes to
        /// undo (left to the plain path).
        func trimmed(_ field: Field) -> (start: Int, end: Int)? {
            var start = field.start
            var end = field.end
            while start < end, buffer[start] == space || buffer[start] == tab { start += 1 }
            while end > start, buffer[end - 1] == space || buffer[end - 1] == tab { end -= 1 }
            if field.quoted, buffer[start..<end].contains(quote) { return nil }
            return (start, end)
        }

        /// A whole number 0..999,999,999 written as plain digits.
        func integer(_ field: Field) -> Int? {
            guard let (start, end) = trimmed(field), end > start, end - start <= 9 else { return nil }
            var value = 0
            for index in start..<end {
                let digit = Int(buffer[index]) &- 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        /// A number >= 0 below 10^9, NaN when blank; nil when not simple (plain path decides).
        func number(_ field: Field) -> Double? {
            guard let (start, end) = trimmed(field) else { return nil }
            if start == end { return .nan }
            var mantissa = 0
            var digits = 0
            var decimals = 0
            var seenPoint = false
            for index in start..<end {
                let byte = buffer[index]
                if byte == UInt8(ascii: ".") && !seenPoint {
                    seenPoint = true
                    continue
                }
                let digit = Int(byte) &- 48
                guard digit >= 0, digit <= 9 else { return nil }
                mantissa = mantissa * 10 + digit
                digits += 1
                if seenPoint { decimals += 1 }
                guard digits <= 15 else { return nil }
            }
            guard digits > 0 else { return nil }
            let value = decimals == 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[decimals]
            return value < PortfolioLoader.numberLimit ? value : nil
        }

        // The header.
        guard case .some(.some(let headerLine)) = nextRecord() else { return nil }
        var column: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            let name = text(field).trimmingSpaces
            guard PortfolioLoader.columns.contains(name), column[name] == nil else { return nil }
            column[name] = index
        }
        _ = headerLine
        guard let countyColumn = column["county"], let villagesColumn = column["villages"],
            let neededColumn = column["venues_needed"]
        else { return nil }
        let roleColumns = Role.allCases.map { column[$0.portfolioColumn] }
        let populationColumn = column["population"]
        let width = fields.count

        var portfolio = Portfolio(
            path: path, counties: [], countyOfRow: [], villages: [], venuesNeeded: [],
            heads: RoleValues(secretary: [], director: [], other: []), population: [], lines: [])
        let estimate = count / 32
        portfolio.countyOfRow.reserveCapacity(estimate)
        portfolio.villages.reserveCapacity(estimate)
        portfolio.venuesNeeded.reserveCapacity(estimate)
        portfolio.lines.reserveCapacity(estimate)
        portfolio.population.reserveCapacity(estimate)
        var secretaries: [Double] = []
        var directors: [Double] = []
        var others: [Double] = []
        secretaries.reserveCapacity(estimate)
        directors.reserveCapacity(estimate)
        others.reserveCapacity(estimate)

        var countyIndex: [String: Int] = [:]
        var previousCounty: (start: Int, end: Int, index: Int)? = nil
        while true {
            guard let next = nextRecord() else { return nil }
            guard let recordLine = next else { break }
            guard fields.count == width else { return nil }
            let countyField = fields[countyColumn]
            guard countyField.end > countyField.start else { return nil }
            let county: Int
            if let previous = previousCounty, !countyField.quoted,
                previous.end - previous.start == countyField.end - countyField.start,
                memcmp(
                    buffer.baseAddress! + previous.start, buffer.baseAddress! + countyField.start,
                    countyField.end - countyField.start) == 0
            {
                county = previous.index
            } else {
                let name = text(countyField)
                if let known = countyIndex[name] {
                    county = known
                } else {
                    county = portfolio.counties.count
                    countyIndex[name] = county
                    portfolio.counties.append(name)
                }
                previousCounty = countyField.quoted ? nil : (countyField.start, countyField.end, county)
            }
            guard let villages = integer(fields[villagesColumn]), let needed = integer(fields[neededColumn]),
                needed <= villages
            else { return nil }
            var heads = [Double.nan, .nan, .nan]
            for (role, roleColumn) in roleColumns.enumerated() {
                guard let roleColumn else { continue }
                guard let value = number(fields[roleColumn]) else { return nil }
                heads[role] = value
            }
            var population = Double.nan
            if let populationColumn {
                guard let value = number(fields[populationColumn]) else { return nil }
                population = value
            }
            portfolio.countyOfRow.append(county)
            portfolio.villages.append(villages)
            portfolio.venuesNeeded.append(needed)
            secretaries.append(heads[0])
            directors.append(heads[1])
            others.append(heads[2])
            portfolio.population.append(population)
            portfolio.lines.append(recordLine)
        }
        guard !portfolio.villages.isEmpty else { return nil }
        portfolio.heads = RoleValues(secretary: secretaries, director: directors, other: others)
        return portfolio
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
