import GroundworkCore
import GroundworkEngine
import GroundworkIO
/// Tables printed on a terminal: columns aligned by display width (CJK characters take two
/// columns), the first left-aligned and the rest right-aligned, amounts grouped by thousands.
public enum TerminalTable {
    /// Rows of cells as aligned lines; the first row is the header.
    public static func render(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in rows.map { displayWidth($0[column]) }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - displayWidth(cell))
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Cents as yuan with thousands separators: 1,234,567.89.
    public static func grouped(_ cents: Int64) -> String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        var whole = String(magnitude / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        let fraction = magnitude % 100
        return (negative ? "-" : "") + groups.joined(separator: ",") + "." + (fraction < 10 ? "0" : "")
            + String(fraction)
    }

    /// Terminal columns: CJK characters take two.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            width
                + ((0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                    || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                    || (0xFF00...0xFF60).contains(scalar.value) ? 2 : 1)
        }
    }
}
