import GroundworkCore

/// Decoding an input file as UTF-8, and recognising UTF-16 and GBK exports from Excel.
extension InputFile {
    // MARK: - Decoding

    /// The text of a file read by `readBytes`, without a UTF-8 byte order mark.
    ///
    /// A UTF-16 file (byte order mark FF FE or FE FF, or many NUL bytes) is an error at
    /// `path:1:1`. Invalid UTF-8 is an error at the line and column (1-based, the column in
    /// characters) of the first invalid byte; the message says when the bytes look like
    /// GBK/GB18030. Never replaces bytes with U+FFFD: a damaged county name would otherwise
    /// become a new county without any warning.
    ///
    /// Complexity: O(bytes).
    public static func decodeUTF8(_ bytes: [UInt8], path: String) throws(DiagnosticError) -> String {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DiagnosticError) -> String in
            if looksLikeUTF16(buffer) {
                throw DiagnosticError(.file(path), utf16Message)
            }
            let start = hasUTF8ByteOrderMark(buffer) ? 3 : 0
            let body = UnsafeBufferPointer(rebasing: buffer[start...])
            if let text = String(validating: body, as: UTF8.self) {
                return text
            }
            throw notUTF8Error(buffer, path: path)
        }
    }

    /// Checks that `bytes` are UTF-8 text, with the same errors as `decodeUTF8`, without
    /// building a `String` (for readers that parse bytes and make strings field by field).
    ///
    /// Complexity: O(bytes), eight bytes at a time through ASCII.
    public static func validateUTF8(_ bytes: [UInt8], path: String) throws(DiagnosticError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DiagnosticError) in
            if looksLikeUTF16(buffer) {
                throw DiagnosticError(.file(path), utf16Message)
            }
            if firstInvalidUTF8Offset(buffer) != nil {
                throw notUTF8Error(buffer, path: path)
            }
        }
    }

    /// The error for a buffer known to hold invalid UTF-8, located by line and character column.
    private static func notUTF8Error(_ buffer: UnsafeBufferPointer<UInt8>, path: String) -> DiagnosticError {
        guard let badOffset = firstInvalidUTF8Offset(buffer) else {
            // The standard library rejected what this validator accepts; never expected, but
            // the user still gets an error rather than a crash.
            return DiagnosticError(.file(path), "file is not valid UTF-8; save it as UTF-8")
        }
        let (line, lineStart) = lineAndStart(of: badOffset, in: buffer)
        // A byte order mark is invisible in an editor, so it is not counted as a column.
        let textStart = lineStart == 0 && hasUTF8ByteOrderMark(buffer) ? 3 : lineStart
        let before = UnsafeBufferPointer(rebasing: buffer[textStart..<max(textStart, badOffset)])
        let column = String(decoding: before, as: UTF8.self).count + 1
        let location = SourceLocation(file: path, line: line, column: column)
        return DiagnosticError(location, notUTF8Message(buffer, badOffset: badOffset, field: nil))
    }

    /// The 1-based line holding `offset` and the offset where that line starts. A line ends
    /// at LF, CRLF or a lone CR, as in `CSVReader`.
    static func lineAndStart(of offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset {
            let byte = buffer[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= buffer.count || buffer[index + 1] != 0x0A)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return (line, lineStart)
    }

    // MARK: - Encoding detection (shared with CSVReader)

    static let utf16Message =
        "file is UTF-16 (as Excel's 'Unicode text' saves it); save it as 'CSV UTF-8' or convert it to UTF-8"

    /// Whether the buffer starts with EF BB BF, the byte order mark Excel writes for 'CSV UTF-8'.
    static func hasUTF8ByteOrderMark(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
    }

    /// Whether the buffer is UTF-16 (or UTF-32): a UTF-16 byte order mark, or NUL bytes in at
    /// least one eighth of the first 4 KiB. UTF-8 text has no NUL bytes; UTF-16 has one in
    /// every ASCII character, and a CSV header is ASCII.
    package static func looksLikeUTF16(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        if buffer.count >= 2 {
            let first = buffer[0]
            let second = buffer[1]
            if (first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF) {
                return true
            }
        }
        let sampleCount = min(buffer.count, 4096)
        var nulCount = 0
        for index in 0..<sampleCount where buffer[index] == 0 {
            nulCount += 1
        }
        return nulCount >= 2 && nulCount * 8 >= sampleCount
    }

    /// The offset of the first byte of the first ill-formed UTF-8 sequence, or nil when the
    /// whole buffer is UTF-8. Follows Unicode's table of well-formed byte sequences (no
    /// overlong forms, no surrogates, nothing above U+10FFFF), as the standard library does.
    ///
    /// Complexity: O(bytes); runs of ASCII are skipped eight bytes at a time.
    package static func firstInvalidUTF8Offset(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        let count = buffer.count
        var index = 0
        while index < count {
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
            }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The allowed range of the second byte, and how many bytes the sequence has.
            let length: Int
            var secondLow: UInt8 = 0x80
            var secondHigh: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondLow = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondHigh = 0x9F
            case 0xF0: length = 4; secondLow = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondHigh = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = base[index + 1]
            guard second >= secondLow && second <= secondHigh else { return index }
            var continuation = 2
            while continuation < length {
                guard base[index + continuation] & 0xC0 == 0x80 else { return index }
                continuation += 1
            }
            index += length
        }
        return nil
    }

    /// The message for invalid UTF-8 at `badOffset`, naming the byte, the CSV field when
    /// there is one, and GBK/GB18030 when the bytes around it read as GBK.
    static func notUTF8Message(_ buffer: UnsafeBufferPointer<UInt8>, badOffset: Int, field: Int?) -> String {
        let byte = badOffset < buffer.count ? buffer[badOffset] : 0
        let hexDigits = Array("0123456789ABCDEF")
        let hex = "0x" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
        let place = field.map { " in field \($0)" } ?? ""
        if looksLikeGBK(buffer, around: badOffset) {
            // A CSV (the only input with a field) can be read as it is with `--encoding gbk`.
            let option = field == nil ? "" : "run with `--encoding gbk` to read it as it is, or "
            return "file is not UTF-8: byte \(hex)\(place) is not valid UTF-8 and the text looks like "
                + "GBK/GB18030 (as Excel on a Chinese Windows saves CSV); \(option)save it as 'CSV UTF-8' or "
                + "convert it to UTF-8 (for example: iconv -f GB18030 -t UTF-8)"
        }
        return "file is not UTF-8: invalid byte \(hex)\(place); save it as UTF-8 ('CSV UTF-8' in Excel) "
            + "or convert it to UTF-8"
    }

    /// Whether the non-ASCII text around `offset` reads as GBK/GB18030: every byte from 0x81
    /// to 0xFE starts a pair (trail 0x40-0x7E or 0x80-0xFE) or a GB18030 four-byte sequence,
    /// and at least one pair, and at least as many pairs as not, have a trail of 0x80 or
    /// above (Chinese characters mostly do). The last condition keeps Latin-1 text such as
    /// "Müller", whose single accented bytes pair with the ASCII letter after them, out.
    ///
    /// Reads from the start of the run of non-ASCII bytes holding `offset`, so that pairs are
    /// aligned, to the end of the line or at most 256 bytes.
    static func looksLikeGBK(_ buffer: UnsafeBufferPointer<UInt8>, around offset: Int) -> Bool {
        let count = buffer.count
        guard offset < count else { return false }
        var start = offset
        while start > 0 && offset - start < 256 && buffer[start - 1] >= 0x80 {
            start -= 1
        }
        let end = min(count, offset + 256)
        var highTrailPairs = 0
        var asciiTrailPairs = 0
        var index = start
        while index < end {
            let lead = buffer[index]
            if lead < 0x80 {
                if lead == 0x0A || lead == 0x0D { break }
                index += 1
                continue
            }
            guard lead >= 0x81 && lead <= 0xFE else { return false }
            guard index + 1 < count else { break }
            let trail = buffer[index + 1]
            if (0x40...0x7E).contains(trail) {
                asciiTrailPairs += 1
                index += 2
            } else if (0x80...0xFE).contains(trail) {
                highTrailPairs += 1
                index += 2
            } else if (0x30...0x39).contains(trail) {
                // GB18030 four-byte sequence: 81-FE 30-39 81-FE 30-39.
                guard index + 3 < count,
                    (0x81...0xFE).contains(buffer[index + 2]),
                    (0x30...0x39).contains(buffer[index + 3])
                else { return false }
                highTrailPairs += 1
                index += 4
            } else {
                return false
            }
        }
        return highTrailPairs > 0 && highTrailPairs >= asciiTrailPairs
    }
}
