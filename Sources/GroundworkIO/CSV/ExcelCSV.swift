import GroundworkCore
/// CSV for Excel (`run --excel`, `compare --excel`): the engine's CSV bytes with a UTF-8 byte
/// order mark in front and CRLF line ends.
///
/// Why: Excel opens a CSV without a byte order mark in the system's code page, which on a
/// Chinese Windows is GBK, and turns 南召县 into mojibake; with the mark it reads UTF-8. CRLF
/// is the line end Windows tools expect. The default output stays as MODEL.md section 8 says
/// (no mark, LF).
///
/// Only the LF that ends a record becomes CRLF: an LF inside a quoted field (a line break in
/// a cell) is kept as it is, which is also how Excel itself writes a line break in a cell.
/// The engine's CSVWriter never writes a bare CR outside quotes, so nothing else changes.
public enum ExcelCSV {
    /// The UTF-8 byte order mark, EF BB BF.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `bytes` (CSV as CSVWriter writes it) with a byte order mark and CRLF record ends.
    ///
    /// Complexity: O(bytes), one pass.
    public static func convert(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 16 + 3)
        result.append(contentsOf: byteOrderMark)
        var quoted = false
        var runStart = 0
        for index in bytes.indices {
            switch bytes[index] {
            case 0x22:
                // A doubled quote inside a quoted field toggles twice: no net change.
                quoted.toggle()
            case 0x0A where !quoted:
                result.append(contentsOf: bytes[runStart..<index])
                result.append(0x0D)
                result.append(0x0A)
                runStart = index + 1
            default:
                break
            }
        }
        result.append(contentsOf: bytes[runStart...])
        return result
    }

    /// Whether `name` is a file that `convert` applies to (a `.csv` file).
    public static func applies(to name: String) -> Bool {
        name.hasSuffix(".csv")
    }
}
