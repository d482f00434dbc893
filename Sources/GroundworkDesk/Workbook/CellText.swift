/// Reading the CSV's text as the workbook's cells, and how wide the text shows.
enum CellText {
    /// `1234.56` or `-0.50` (exactly two decimals, as MODEL.md section 8 writes amounts) in
    /// cents; nil for any other text.
    static func cents(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { cents($0) }
    }

    private static func cents(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: ".") {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10, digits < 16 else { return nil }
            value = value * 10 + Int64(digit)
            digits += 1
            index += 1
        }
        guard digits > 0, index + 3 == bytes.count else { return nil }
        let tens = bytes[index + 1] &- UInt8(ascii: "0")
        let ones = bytes[index + 2] &- UInt8(ascii: "0")
        guard tens < 10, ones < 10 else { return nil }
        value = value * 100 + Int64(tens * 10 + ones)
        return negative ? -value : value
    }

    /// Yuan from cents: the double nearest to the decimal written (both operands are exact).
    static func yuan(_ cents: Int64) -> Double {
        Double(cents) / 100
    }

    /// A whole number as MODEL.md writes years and counts: digits with an optional minus.
    static func integer(_ text: String) -> Int? {
        guard let first = text.utf8.first, first != UInt8(ascii: "+") else { return nil }
        return Int(text)
    }

    /// A decimal as written (`0.979432`, `13200`, `-10`); nil for text that is not one.
    static func decimal(_ text: String) -> Double? {
        guard let first = text.utf8.first,
            first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")),
            let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    /// How many columns of the default font the text takes: CJK characters count double, as
    /// on a terminal.
    static func displayWidth(_ text: String) -> Int {
        TerminalTable.displayWidth(text)
    }

    /// An integer with a comma every three digits: 1,500,001.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = value < 0 ? "-" : ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// The width of `#,##0.00` (or, without `decimals`, `#,##0`) applied to a number whose
    /// text is `text`: the integer digits with a separator every three, the sign, two decimals.
    static func groupedWidth(_ text: String, decimals: Bool) -> Int {
        var digits = 0
        var negative = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") {
                negative = true
            } else if byte == UInt8(ascii: ".") {
                break
            } else {
                digits += 1
            }
        }
        digits = max(digits, 1)
        return digits + (digits - 1) / 3 + (negative ? 1 : 0) + (decimals ? 3 : 0)
    }
}
