import GroundworkCore
/// One record of a CSV file: its fields, verbatim, and the line where it starts.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based line where the record starts (a quoted field may carry it over several
    /// lines); errors about the record are located here (MODEL.md section 2).
    public var line: Int
    /// The fields as written, quotes removed and doubled quotes undone, nothing trimmed.
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A byte-level reader of RFC 4180 CSV, the format of the portfolio file (MODEL.md section 2).
///
/// RFC 4180 with these relaxations, because the files come from Excel and text editors:
/// - a UTF-8 byte order mark at the start is skipped;
/// - a line ends at LF, CRLF or a lone CR;
/// - a completely blank line (nothing, or only a CR, before the line end) is skipped and gives
///   no record, but still counts for line numbers;
/// - the last record may lack a line end;
/// - records may have different numbers of fields (the portfolio layer reports that, naming
///   the column).
///
/// A quoted field may contain commas, doubled quotes and line breaks (kept as written, CRLF
/// included). These are errors, located at `FILE:LINE:FIELD` (the column of a CSV error is the
/// 1-based field number, MODEL.md section 6): a character other than a comma or a line end
/// after a closing quote, a quote inside an unquoted field, a quoted field with no closing
/// quote (located where the field starts), and text that is not UTF-8 (UTF-16 and GBK are
/// recognised, see `InputFile`). Fields are returned verbatim: the portfolio layer trims the
/// spaces around numbers, and county names are exact strings.
///
/// Complexity: one pass over the bytes, O(bytes). Fields that are pure ASCII, the usual case,
/// become strings without a UTF-8 check beyond the one `String` does; no Foundation.
public enum CSVReader {

    /// The records of the CSV file at `path` (see `InputFile.readBytes` for the read errors).
    public static func records(path: String) throws(DiagnosticError) -> [CSVRecord] {
        let bytes = try InputFile.readBytes(path)
        return try records(bytes: bytes, file: path)
    }

    /// The records of CSV text `bytes`; `file` names it in errors.
    public static func records(bytes: [UInt8], file: String) throws(DiagnosticError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(bytes: bytes, file: file) { (line, fields) throws(DiagnosticError) in
            records.append(CSVRecord(line: line, fields: fields))
        }
        return records
    }

    /// Calls `body` with each record's starting line and fields, in file order, with the same
    /// semantics and errors as `records(bytes:file:)`.
    ///
    /// Why: the `fields` array passed is reused from record to record (as long as `body` does
    /// not keep it), so a caller that turns each record into its own value straight away
    /// saves one array allocation per record over `records(bytes:file:)`; on a 500,000-row
    /// portfolio that is most of the reading time. An error thrown by `body` stops the reading.
    public static func forEachRecord(
        bytes: [UInt8], file: String,
        _ body: (_ line: Int, _ fields: [String]) throws(DiagnosticError) -> Void
    ) throws(DiagnosticError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DiagnosticError) in
            try parse(buffer, file: file, body)
        }
    }

    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    private static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, file: String,
        _ body: (_ line: Int, _ fields: [String]) throws(DiagnosticError) -> Void
    ) throws(DiagnosticError) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let count = buffer.count
        if InputFile.looksLikeUTF16(buffer) {
            throw DiagnosticError(.file(file), InputFile.utf16Message)
        }

        var fields: [String] = []
        var unescaped: [UInt8] = []  // reused for fields with doubled quotes
        var index = InputFile.hasUTF8ByteOrderMark(buffer) ? 3 : 0
        var line = 1

        while index < count {
            // A blank line gives no record.
            let first = base[index]
            if first == lineFeed {
                line += 1
                index += 1
                continue
            }
            if first == carriageReturn {
                index += 1
                if index < count && base[index] == lineFeed { index += 1 }
                line += 1
                continue
            }

            let recordLine = line
            while true {
                let fieldNumber = fields.count + 1
                if index < count && base[index] == quote {
                    let fieldLine = line
                    let contentStart = index + 1
                    var cursor = contentStart
                    var highBits: UInt8 = 0
                    var hasDoubledQuotes = false
                    var closed = false
                    while cursor < count {
                        let byte = base[cursor]
                        if byte == quote {
                            if cursor + 1 < count && base[cursor + 1] == quote {
                                hasDoubledQuotes = true
                                cursor += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if byte == lineFeed {
                            line += 1
                        } else if byte == carriageReturn
                            && (cursor + 1 >= count || base[cursor + 1] != lineFeed)
                        {
                            line += 1
                        }
                        highBits |= byte
                        cursor += 1
                    }
                    guard closed else {
                        throw DiagnosticError(
                            SourceLocation(file: file, line: fieldLine, column: fieldNumber),
                            "unterminated quoted field \(fieldNumber): the field opens with a quote here "
                                + "and no closing quote follows before the end of the file")
                    }
                    fields.append(
                        try makeField(
                            buffer, contentStart..<cursor, mayBeNonASCII: highBits >= 0x80,
                            hasDoubledQuotes: hasDoubledQuotes, unescaped: &unescaped,
                            file: file, line: fieldLine, field: fieldNumber))
                    index = cursor + 1
                    if index < count {
                        let next = base[index]
                        if next != comma && next != lineFeed && next != carriageReturn {
                            throw junkAfterQuoteError(
                                buffer, at: index, line: line, field: fieldNumber, file: file)
                        }
                    }
                } else {
                    let start = index
                    var highBits: UInt8 = 0
                    while index < count {
                        let byte = base[index]
                        if byte == comma || byte == lineFeed || byte == carriageReturn { break }
                        if byte == quote {
                            throw DiagnosticError(
                                SourceLocation(file: file, line: line, column: fieldNumber),
                                "quote character inside unquoted field \(fieldNumber); a field that "
                                    + "contains quotes must be enclosed in quotes, each inner quote "
                                    + "doubled (\"\")")
                        }
                        highBits |= byte
                        index += 1
                    }
                    fields.append(
                        try makeField(
                            buffer, start..<index, mayBeNonASCII: highBits >= 0x80,
                            hasDoubledQuotes: false, unescaped: &unescaped,
                            file: file, line: line, field: fieldNumber))
                }

                // After a field: end of file, a comma (another field follows) or a line end.
                if index >= count { break }
                let delimiter = base[index]
                index += 1
                if delimiter == comma { continue }
                if delimiter == carriageReturn && index < count && base[index] == lineFeed { index += 1 }
                line += 1
                break
            }
            try body(recordLine, fields)
            fields.removeAll(keepingCapacity: true)
        }
    }

    /// The field held by the bytes `range` (a quoted field's bytes between its quotes) as a
    /// string. `mayBeNonASCII` says a byte of 0x80 or above was seen, so UTF-8 must be
    /// checked; `unescaped` is scratch space for undoing doubled quotes, kept between calls so
    /// that it is allocated once. `file`, `line` (where the field starts) and `field` locate
    /// an encoding error.
    ///
    /// Only pure-ASCII fields take the fast path; `String(decoding:)` would replace invalid
    /// bytes with U+FFFD, which must not happen to a county name.
    @inline(__always)
    private static func makeField(
        _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, mayBeNonASCII: Bool,
        hasDoubledQuotes: Bool, unescaped: inout [UInt8], file: String, line: Int, field: Int
    ) throws(DiagnosticError) -> String {
        let raw = UnsafeBufferPointer(rebasing: buffer[range])
        if hasDoubledQuotes {
            unescaped.removeAll(keepingCapacity: true)
            var position = 0
            while position < raw.count {
                let byte = raw[position]
                unescaped.append(byte)
                // Inside a quoted field every quote is the first of a doubled pair.
                position += byte == quote ? 2 : 1
            }
        }
        if !mayBeNonASCII {
            return hasDoubledQuotes
                ? String(decoding: unescaped, as: UTF8.self)
                : String(decoding: raw, as: UTF8.self)
        }
        let text =
            hasDoubledQuotes
            ? String(validating: unescaped, as: UTF8.self)
            : String(validating: raw, as: UTF8.self)
        if let text { return text }
        throw notUTF8Error(buffer, range, at: SourceLocation(file: file, line: line, column: field))
    }

    /// The error for a field whose bytes `range` are not UTF-8, located at the line of the
    /// first invalid byte (a quoted field may span lines) and the field's number.
    private static func notUTF8Error(
        _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, at fieldStart: SourceLocation
    ) -> DiagnosticError {
        let raw = UnsafeBufferPointer(rebasing: buffer[range])
        let badOffset = range.lowerBound + (InputFile.firstInvalidUTF8Offset(raw) ?? 0)
        var location = fieldStart
        var index = range.lowerBound
        while index < badOffset {
            let byte = buffer[index]
            // index + 1 <= badOffset < buffer.count, so the look-ahead stays inside.
            if byte == lineFeed || (byte == carriageReturn && buffer[index + 1] != lineFeed) {
                location.line += 1
            }
            index += 1
        }
        return DiagnosticError(
            location, InputFile.notUTF8Message(buffer, badOffset: badOffset, field: location.column))
    }

    /// The error for the byte at `offset` after a closing quote. A non-ASCII byte there that
    /// is not UTF-8 is reported as an encoding problem, the likelier cause.
    private static func junkAfterQuoteError(
        _ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, line: Int, field: Int, file: String
    ) -> DiagnosticError {
        let location = SourceLocation(file: file, line: line, column: field)
        if buffer[offset] >= 0x80 {
            let rest = UnsafeBufferPointer(rebasing: buffer[offset..<min(buffer.count, offset + 4)])
            if InputFile.firstInvalidUTF8Offset(rest) == 0 {
                return DiagnosticError(
                    location, InputFile.notUTF8Message(buffer, badOffset: offset, field: field))
            }
        }
        return DiagnosticError(
            location,
            "unexpected character after closing quote in field \(field); after a quoted field only a "
                + "comma or the end of the line may follow (to keep a quote inside a field, double it)")
    }
}
