/// The sheet names of one workbook: each valid for Excel and different from the others.
///
/// Excel's rules: 1 to 31 characters, none of `[ ] : * ? / \`, no apostrophe at either end, not
/// `History`, and unique without regard to case. A name that breaks a rule is mended (a
/// forbidden character becomes `_`, a long name is cut), and a name already taken gets the
/// first free ` (2)`, ` (3)`, ... that fits, so that two tables never share a sheet and
/// libxlsxwriter is never handed a name it would reject.
struct SheetNames {
    static let maximumLength = 31
    private static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// The names given so far, folded to lower case.
    private var taken: Set<String> = ["history"]
    /// The names given so far, in order.
    private(set) var all: [String] = []

    /// A valid name, not yet given, as close to `wanted` as the rules allow.
    mutating func claim(_ wanted: String) -> String {
        let base = Self.mended(wanted)
        var candidate = base
        var number = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(number))"
            candidate = Self.cut(base, to: Self.maximumLength - suffix.utf16.count) + suffix
            number += 1
        }
        taken.insert(candidate.lowercased())
        all.append(candidate)
        return candidate
    }

    /// `name` with every rule but uniqueness kept.
    static func mended(_ name: String) -> String {
        var text = String(name.map { forbidden.contains($0) || $0.isNewline ? "_" : $0 })
        while text.hasPrefix("'") { text.removeFirst() }
        while text.hasSuffix("'") { text.removeLast() }
        text = cut(text, to: maximumLength)
        while text.hasSuffix("'") { text.removeLast() }
        return text.isEmpty ? "sheet" : text
    }

    /// The longest prefix of whole characters that is at most `length` UTF-16 units (Excel
    /// counts a character outside the Basic Multilingual Plane twice).
    static func cut(_ text: String, to length: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let units = character.utf16.count
            if used + units > length { break }
            result.append(character)
            used += units
        }
        return result
    }

    /// `name` as a formula writes it before `!`: always quoted, an apostrophe doubled.
    static func quoted(_ name: String) -> String {
        var text = "'"
        for character in name {
            text.append(character)
            if character == "'" { text.append("'") }
        }
        return text + "'"
    }
}
