import GroundworkCore

extension InputFile {
    /// `bytes` of a file in `encoding` as UTF-8, through glibc's `iconv`.
    ///
    /// UTF-8 is returned as it is (no copy). For GB18030: a file that starts with a UTF-8 byte
    /// order mark is UTF-8 whatever the option says (the mark is unambiguous), a UTF-16 file
    /// and a pure ASCII file are returned unchanged (the reader reports the first, the second
    /// reads the same in both), and anything else is converted. An invalid or truncated byte
    /// sequence is an error located at its line and CSV field (the field number, as every CSV
    /// error is): never a replacement character, since a damaged county name would otherwise
    /// become a new county.
    ///
    /// Complexity: O(bytes).
    public static func transcodeToUTF8(
        _ bytes: [UInt8], from encoding: TextEncoding, path: String
    ) throws(DiagnosticError) -> [UInt8] {
        guard encoding == .gb18030 else { return bytes }
        let skip = bytes.withUnsafeBufferPointer { buffer in
            hasUTF8ByteOrderMark(buffer) || looksLikeUTF16(buffer) || firstNonASCIIOffset(buffer) == nil
        }
        if skip { return bytes }
        switch System.convert(bytes, from: "GB18030") {
        case .converted(let output):
            return output
        case .unavailable(let reason):
            throw DiagnosticError(
                .file(path),
                "cannot read GB18030: this system's iconv does not know it (\(reason)); "
                    + "convert the file to UTF-8 instead (for example: iconv -f GB18030 -t UTF-8)")
        case .invalid(let offset, let truncated):
            throw bytes.withUnsafeBufferPointer { buffer in
                notGB18030Error(buffer, offset: offset, truncated: truncated, path: path)
            }
        }
    }

    /// The offset of the first byte above 0x7F, or nil for pure ASCII.
    private static func firstNonASCIIOffset(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        buffer.firstIndex { $0 >= 0x80 }
    }

    /// The error for a byte sequence at `offset` that is not GB18030, located at its line and
    /// CSV field. The structure is read from the raw bytes, which is sound for GB18030: its
    /// multi-byte sequences never contain a comma, a quote, CR or LF.
    private static func notGB18030Error(
        _ buffer: UnsafeBufferPointer<UInt8>, offset: Int, truncated: Bool, path: String
    ) -> DiagnosticError {
        var line = 1
        var field = 1
        var quoted = false
        var index = 0
        while index < offset {
            let byte = buffer[index]
            if byte == 0x22 {
                quoted.toggle()
            } else if byte == 0x2C && !quoted {
                field += 1
            }
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= buffer.count || buffer[index + 1] != 0x0A)) {
                line += 1
                if !quoted { field = 1 }
            }
            index += 1
        }
        let hexDigits = Array("0123456789ABCDEF")
        let byte = buffer[offset]
        let hex = "0x" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
        let what =
            truncated
            ? "the file ends inside a character (byte \(hex))"
            : "byte \(hex) in field \(field) is not valid GBK/GB18030"
        let hint =
            firstInvalidUTF8Offset(buffer) == nil
            ? "; the file is UTF-8: run without `--encoding gbk`"
            : "; check which encoding the file was saved in, or save it as 'CSV UTF-8' and run without "
                + "`--encoding`"
        return DiagnosticError(
            SourceLocation(file: path, line: line, column: field), "\(what) (read as `--encoding gbk`)\(hint)"
        )
    }
}
