import GroundworkCore
/// Builds a CSV table in memory, in the output format of MODEL.md section 8: UTF-8 without a
/// byte order mark, LF line ends, minimal RFC 4180 quoting.
///
/// Callers write a row as a sequence of `field`, `cents`, `integer`, `decimal` or `emptyField`
/// calls and then `endRow()`; the writer puts the commas in. Bytes are appended straight to
/// one `[UInt8]` (reserve it with `init(capacity:)`) and numbers are formatted by hand, so a
/// table of a million rows costs no intermediate strings beyond the callers' own.
///
/// ```swift
/// var writer = CSVWriter(capacity: 1 << 20)
/// writer.row(["scenario", "year", "amount"])
/// writer.field("base"); writer.integer(2030); writer.cents(-12_345); writer.endRow()
/// // scenario,year,amount\nbase,2030,-123.45\n
/// ```
public struct CSVWriter: Sendable {
    /// The table written so far.
    public private(set) var bytes: [UInt8]
    /// Fields written in the current row.
    private var fieldsInRow = 0
    /// Whether the current row's only field so far is empty (see `endRow`).
    private var rowIsOneEmptyField = false

    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let minus: UInt8 = 0x2D
    private static let point: UInt8 = 0x2E
    private static let zero: UInt8 = 0x30

    /// A writer whose buffer has room for `capacity` bytes before it grows.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The table as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Fields

    /// Appends a text field, quoted only when it holds a comma, a quote, a CR or an LF, with
    /// its quotes doubled.
    public mutating func field(_ text: String) {
        startField()
        var text = text
        text.withUTF8 { utf8 in
            var needsQuotes = false
            for byte in utf8
            where byte == Self.comma || byte == Self.quote || byte == Self.lineFeed
                || byte == Self.carriageReturn
            {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                bytes.append(contentsOf: utf8)
                rowIsOneEmptyField = fieldsInRow == 1 && utf8.isEmpty
                return
            }
            bytes.append(Self.quote)
            for byte in utf8 {
                bytes.append(byte)
                if byte == Self.quote { bytes.append(Self.quote) }
            }
            bytes.append(Self.quote)
        }
    }

    /// A text field as `field(_:)` would write it, for a caller that writes the same text on
    /// many rows and appends it with `preformatted(_:)`.
    public static func escaped(_ text: String) -> [UInt8] {
        var writer = CSVWriter()
        writer.field(text)
        return writer.bytes
    }

    /// Appends several fields already formatted and separated by commas (from `escaped(_:)`
    /// joined with commas); `count` is how many fields they are.
    public mutating func preformatted(_ fields: [UInt8], count: Int) {
        startField()
        bytes.append(contentsOf: fields)
        fieldsInRow += count - 1
    }

    /// Appends an empty field (an empty cell: a value that does not apply).
    public mutating func emptyField() {
        startField()
        rowIsOneEmptyField = fieldsInRow == 1
    }

    /// Appends an amount held in integer cents with exactly two decimals: `-123.45`, `0.00`.
    /// Never `-0.00`, since only a negative number of cents gets a sign; `Int64.min` included.
    public mutating func cents(_ amount: Int64) {
        startField()
        appendCents(amount)
    }

    /// Appends an integer (a year, a count of venues).
    public mutating func integer(_ value: Int) {
        startField()
        if value < 0 { bytes.append(Self.minus) }
        appendDigits(UInt64(value.magnitude))
    }

    /// Appends `CSVWriter.decimal(value, places:)`: an income or a probability.
    public mutating func decimal(_ value: Double, places: Int = 6) {
        startField()
        bytes.append(contentsOf: Self.decimal(value, places: places).utf8)
    }

    /// Ends the current row with an LF.
    ///
    /// A row whose only field is empty is written as `""`: written as nothing it would be a
    /// blank line, which CSV readers (`CSVReader` among them) skip.
    public mutating func endRow() {
        if rowIsOneEmptyField {
            bytes.append(Self.quote)
            bytes.append(Self.quote)
        }
        bytes.append(Self.lineFeed)
        fieldsInRow = 0
        rowIsOneEmptyField = false
    }

    /// Appends a whole row of text fields (a header, for instance) and ends it.
    public mutating func row(_ fields: [String]) {
        for text in fields { field(text) }
        endRow()
    }

    private mutating func startField() {
        if fieldsInRow > 0 { bytes.append(Self.comma) }
        fieldsInRow += 1
        rowIsOneEmptyField = false
    }

    // MARK: - Number formatting

    /// `amount` cents as text with exactly two decimals, as `cents(_:)` writes it.
    public static func cents(_ amount: Int64) -> String {
        var writer = CSVWriter(capacity: 24)
        writer.appendCents(amount)
        return writer.text
    }

    private mutating func appendCents(_ amount: Int64) {
        // The magnitude as UInt64 is exact even for Int64.min, whose negation overflows.
        let magnitude = amount.magnitude
        if amount < 0 { bytes.append(Self.minus) }
        appendDigits(magnitude / 100)
        let fraction = UInt8(magnitude % 100)
        bytes.append(Self.point)
        bytes.append(Self.zero + fraction / 10)
        bytes.append(Self.zero + fraction % 10)
    }

    /// The decimal digits of `value`, most significant first, without `String(describing:)`:
    /// written backwards into a small stack buffer, then appended in one go.
    private mutating func appendDigits(_ value: UInt64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value
            var index = 20
            repeat {
                index -= 1
                digits[index] = Self.zero + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[index..<20]))
        }
    }

    /// A double whose distance to a rounding tie is within this fraction of its size is
    /// rounded as the tie (MODEL.md section 5: the semantics are exact decimal arithmetic).
    /// An income compounded year by year in binary drifts by about 1e-16 per year; 1e-14
    /// absorbs several decades of drift, yet misjudges a value that is not a tie only when it
    /// lies within 1e-14 of one, which takes more digits than any input carries.
    static let tieTolerance = 1e-14

    /// `value` rounded half away from zero to at most `places` decimals, trailing zeros and a
    /// trailing point removed, never an exponent and never "-0": `19355.6794`, `0.5`, `13200`.
    ///
    /// The digits rounded are those of the shortest decimal that reads back as `value` (its
    /// `description`), so `0.1234565` is a tie and becomes `0.123457` although the nearest
    /// double lies just below it; a computed value within `tieTolerance` of a tie is treated
    /// as on it. A non-finite value (not expected: inputs are checked finite) gives its
    /// `description`.
    public static func decimal(_ value: Double, places: Int = 6) -> String {
        precondition(places >= 0, "places must not be negative")
        guard value.isFinite else { return value.description }
        if value == 0 { return "0" }

        // value = 0.d1 d2 d3... x 10^pointPosition, d1 != 0.
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var pointPosition = 0
        var exponent = 0
        var seenPoint = false
        var inExponent = false
        var exponentNegative = false
        for byte in value.magnitude.description.utf8 {
            switch byte {
            case 0x30...0x39 where inExponent:
                exponent = exponent * 10 + Int(byte - zero)
            case 0x30...0x39:
                if digits.isEmpty && byte == zero {
                    if seenPoint { pointPosition -= 1 }  // a leading zero after the point
                } else {
                    digits.append(byte - zero)
                    if !seenPoint { pointPosition += 1 }
                }
            case point: seenPoint = true
            case 0x65, 0x45: inExponent = true  // e, E
            case minus: exponentNegative = true
            default: break  // "+" of the exponent
            }
        }
        pointPosition += exponentNegative ? -exponent : exponent
        while digits.last == 0 { digits.removeLast() }

        // Digits at index >= keptCount fall below 10^-places.
        let keptCount = pointPosition + places
        if keptCount < digits.count {
            var roundsUp = false
            if keptCount >= 0 {
                // The dropped digits as a fraction of one unit of the last kept place.
                var tail = 0.0
                var scale = 0.1
                for digit in digits[keptCount..<min(digits.count, keptCount + 17)] {
                    tail += Double(digit) * scale
                    scale /= 10
                }
                let unit = pow10(-places)  // 0 only for absurd `places`: then no tolerance
                roundsUp =
                    tail >= 0.5
                    || (unit > 0 && (0.5 - tail) * unit <= tieTolerance * value.magnitude)
            }
            if keptCount <= 0 {
                // Nothing of the value reaches the last place: 0, or one unit of it.
                if !roundsUp { return "0" }
                digits = [1]
                pointPosition = 1 - places
            } else {
                digits.removeSubrange(keptCount...)
                if roundsUp {
                    var position = keptCount - 1
                    while position >= 0 && digits[position] == 9 {
                        digits[position] = 0
                        position -= 1
                    }
                    if position >= 0 {
                        digits[position] += 1
                    } else {
                        digits.insert(1, at: 0)
                        pointPosition += 1
                    }
                }
                while digits.last == 0 { digits.removeLast() }
            }
        }

        var text: [UInt8] = []
        text.reserveCapacity(digits.count + max(0, pointPosition) + max(0, -pointPosition) + 3)
        if value < 0 { text.append(minus) }
        if pointPosition <= 0 {
            text.append(zero)
        } else {
            for position in 0..<pointPosition {
                text.append(zero + (position < digits.count ? digits[position] : 0))
            }
        }
        if digits.count > max(pointPosition, 0) {
            text.append(point)
            if pointPosition < 0 {
                text.append(contentsOf: repeatElement(zero, count: -pointPosition))
            }
            for digit in digits[max(pointPosition, 0)...] { text.append(zero + digit) }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// 10^exponent for the small exponents of `decimal`, without Foundation's `pow`.
    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        let factor = exponent < 0 ? 0.1 : 10.0
        for _ in 0..<min(exponent.magnitude, 400) { result *= factor }
        return result
    }
}
