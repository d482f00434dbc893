/// A decimal number held exactly, as written: `significand x 10^-scale`.
///
/// For the values MODEL.md asks to treat in exact decimal: the shares of a funding split
/// (section 4), grid values of sweeps (`0.04 + 12 x 0.005` is exactly `0.1`) and the amount of
/// `--keep total<=AMOUNT` (section 10). Up to 38 significant digits (`Int128`); anything larger
/// is refused when read rather than rounded.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digits, with the sign.
    public let significand: Int128
    /// The number of digits after the point (>= 0), trailing zeros removed.
    public let scale: Int

    public init(significand: Int128, scale: Int) {
        var significand = significand
        var scale = scale
        while scale > 0 && significand % 10 == 0 {
            significand /= 10
            scale -= 1
        }
        while scale < 0 {
            significand *= 10
            scale += 1
        }
        self.significand = significand
        self.scale = scale
    }

    public init(_ integer: Int) {
        self.init(significand: Int128(integer), scale: 0)
    }

    /// Reads `-?DIGITS(.DIGITS)?` and, with `exponent`, an optional `e[+-]DIGITS` (the YAML
    /// core schema's floats); nil for anything else or beyond 38 digits.
    public init?(_ text: String, exponent allowsExponent: Bool = true) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var significand: Int128 = 0
        var scale = 0
        var digits = 0
        var seenPoint = false
        var exponent = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 48 && byte <= 57 {
                let (times, overflow1) = significand.multipliedReportingOverflow(by: 10)
                let (plus, overflow2) = times.addingReportingOverflow(Int128(byte - 48))
                guard !overflow1, !overflow2 else { return nil }
                significand = plus
                digits += 1
                if seenPoint { scale += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if allowsExponent, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E"), digits > 0 {
                guard let value = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)),
                    abs(value) <= 60
                else { return nil }
                exponent = value
                index = bytes.endIndex
                break
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        scale -= exponent
        if scale < 0 {
            for _ in 0..<(-scale) {
                let (times, overflow) = significand.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                significand = times
            }
            scale = 0
        }
        self.init(significand: negative ? -significand : significand, scale: scale)
    }

    public static let zero = ExactDecimal(0)
    public static let one = ExactDecimal(1)

    /// The significand at `scale` digits after the point, nil when it does not fit or would
    /// lose digits.
    public func significand(atScale target: Int) -> Int128? {
        guard target >= scale else { return nil }
        var value = significand
        for _ in 0..<(target - scale) {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times
        }
        return value
    }

    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let scale = max(lhs.scale, rhs.scale)
        return ExactDecimal(
            significand: lhs.significand(atScale: scale)! + rhs.significand(atScale: scale)!, scale: scale)
    }

    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        lhs + ExactDecimal(significand: -rhs.significand, scale: rhs.scale)
    }

    public static func * (lhs: ExactDecimal, rhs: Int) -> ExactDecimal {
        ExactDecimal(significand: lhs.significand * Int128(rhs), scale: lhs.scale)
    }

    /// floor(self / step) for a positive step, exactly.
    public func floorDivided(by step: ExactDecimal) -> Int128 {
        let scale = max(self.scale, step.scale)
        let numerator = significand(atScale: scale)!
        let denominator = step.significand(atScale: scale)!
        let quotient = numerator / denominator
        return (numerator % denominator != 0 && (numerator < 0) != (denominator < 0))
            ? quotient - 1 : quotient
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.significand(atScale: scale)! < rhs.significand(atScale: scale)!
    }

    /// The nearest double.
    public var doubleValue: Double {
        Double(description) ?? Double(significand) / pow10(scale)
    }

    private func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Plain decimal digits: no exponent, no trailing zeros, no trailing point (`0.1`, `182300`).
    public var description: String {
        let negative = significand < 0
        var digits = String(negative ? -significand : significand)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (negative ? "-" : "") + digits
    }
}

/// Exact quotients written as decimals (MODEL.md section 8: `variance_pct`,
/// `aggregate_outturn`, `composition_variance`).
public enum ExactRatio {
    /// `numerator / denominator` rounded half away from zero to at most `places` decimals,
    /// trailing zeros and a trailing point removed, never `-0`. The denominator is not 0.
    public static func text(_ numerator: Int128, over denominator: Int128, places: Int = 6) -> String {
        precondition(denominator != 0, "a ratio needs a non-zero denominator")
        let negative = (numerator < 0) != (denominator < 0)
        let top = numerator < 0 ? -numerator : numerator
        let bottom = denominator < 0 ? -denominator : denominator
        var whole = top / bottom
        var remainder = top % bottom
        var digits: [Int] = []
        for _ in 0..<places {
            remainder *= 10
            digits.append(Int(remainder / bottom))
            remainder %= bottom
        }
        // Half away from zero: the rest is at least half of the denominator.
        if remainder * 2 >= bottom {
            var index = digits.count - 1
            while index >= 0 {
                if digits[index] == 9 {
                    digits[index] = 0
                    index -= 1
                } else {
                    digits[index] += 1
                    break
                }
            }
            if index < 0 { whole += 1 }
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        if whole == 0 && digits.isEmpty { return "0" }
        var text = (negative ? "-" : "") + String(whole)
        if !digits.isEmpty { text += "." + digits.map(String.init).joined() }
        return text
    }
}
