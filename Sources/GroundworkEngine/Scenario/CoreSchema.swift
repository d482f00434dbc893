import GroundworkCore
import GroundworkIO
/// The YAML 1.2 core schema's plain-scalar forms, read from the scalar's text.
///
/// Yams resolves YAML 1.1 by default (`yes` is true, `010` is octal, `1:30` is base 60). A
/// scenario is YAML 1.2 (MODEL.md section 6), so Groundwork reads every number and boolean
/// from the text here instead.
package enum CoreSchema {
    /// `[-+]?[0-9]+`: the integers a scenario may write (years, counts, `draws`, `seed`).
    static func isInteger(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// The integer value of `text`, or nil when it is not a core-schema integer or overflows.
    static func integer(_ text: String) -> Int? {
        guard isInteger(text) else { return nil }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    package enum Number: Equatable {
        case finite(Double)
        case notFinite
        case notANumber
    }

    /// A core-schema float or integer: `1`, `-0.5`, `1e6`, `.5`; `.inf` and `.nan` are reported
    /// as not finite so that the caller can say so.
    package static func number(_ text: String) -> Number {
        let lowered = text.lowercased()
        if [".inf", "+.inf", "-.inf", ".nan"].contains(lowered) { return .notFinite }
        guard isFloatSyntax(text), let value = Double(text) else { return .notANumber }
        return value.isFinite ? .finite(value) : .notFinite
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloatSyntax(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        var mantissaDigits = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    /// `true`/`True`/`TRUE` and `false`/`False`/`FALSE`; anything else (`yes`, `on`) is not.
    package static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }
}
