import GroundworkCore
import GroundworkIO
import Yams

/// A YAML scalar as written: its text, whether it was plain (unquoted), and where it stands.
///
/// Values are read from the text under the YAML 1.2 core schema (`CoreSchema.swift`),
/// never through Yams' YAML 1.1 resolver, so `yes` is a string and `010` is ten.
struct YAMLScalar: Sendable {
    var text: String
    var isPlain: Bool
    var location: SourceLocation

    /// `null`, `~` or nothing, unquoted: the key is absent (MODEL.md section 6).
    var isNull: Bool {
        isPlain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }
}

/// A YAML mapping with its entries in file order.
struct YAMLMapping: Sendable {
    var entries: [(key: YAMLScalar, value: YAMLNode)]
    var location: SourceLocation

    subscript(key: String) -> YAMLNode? {
        entries.first { $0.key.text == key }?.value
    }

    func entry(_ key: String) -> (key: YAMLScalar, value: YAMLNode)? {
        entries.first { $0.key.text == key }
    }

    /// A *year map* (MODEL.md section 6): non-empty, and every key an integer.
    var isYearMap: Bool {
        !entries.isEmpty && entries.allSatisfy { $0.key.isPlain && CoreSchema.isInteger($0.key.text) }
    }
}

/// A located YAML tree, the input of `extends` merging and of scenario decoding.
indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence([YAMLNode], SourceLocation)

    var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .mapping(let mapping): mapping.location
        case .sequence(_, let location): location
        }
    }

    var isNull: Bool {
        if case .scalar(let scalar) = self { return scalar.isNull }
        return false
    }

    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }

    /// What a whole document is, without quoting it (a CSV reads as one long scalar).
    var documentKind: String {
        switch self {
        case .scalar(let scalar):
            scalar.text.contains("\n") ? "plain text of several lines" : "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// What a value is, for "expected a number, found a mapping" messages.
    var kindDescription: String {
        switch self {
        case .scalar(let scalar): scalar.isPlain ? "`\(scalar.text)`" : "the string \"\(scalar.text)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// Reads YAML text into a located `YAMLNode` tree.
enum YAMLReader {
    /// Parses one YAML document. An empty document is an empty mapping.
    static func parse(_ text: String, file: String) throws(DiagnosticError) -> YAMLNode {
        let root: Node?
        do {
            // The basic resolver tags every plain scalar as a string: types come from the text.
            root = try Yams.compose(yaml: text, Resolver.basic)
        } catch let error as YamlError {
            throw DiagnosticError([diagnostic(for: error, file: file)])
        } catch {
            throw DiagnosticError(.file(file), "cannot parse YAML: \(error)")
        }
        guard let root else {
            return .mapping(YAMLMapping(entries: [], location: .file(file)))
        }
        var budget = Budget()
        return try convert(root, file: file, budget: &budget, depth: 0)
    }

    private static func location(_ mark: Mark?, file: String) -> SourceLocation {
        guard let mark else { return .file(file) }
        return SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
    }

    /// Limits on what a scenario file may expand to: aliases can make a small file a huge
    /// tree (a "billion laughs"), and deep nesting would exhaust the stack.
    struct Budget {
        static let maximumNodes = 1_000_000
        static let maximumDepth = 64
        var nodes = 0
    }

    private static func convert(
        _ node: Node, file: String, budget: inout Budget, depth: Int
    ) throws(DiagnosticError) -> YAMLNode {
        budget.nodes += 1
        guard budget.nodes <= Budget.maximumNodes else {
            throw DiagnosticError(
                location(node.mark, file: file),
                "the YAML expands to more than \(Budget.maximumNodes) values (through aliases?); a scenario is far smaller"
            )
        }
        guard depth <= Budget.maximumDepth else {
            throw DiagnosticError(
                location(node.mark, file: file), "the YAML nests deeper than \(Budget.maximumDepth) levels")
        }
        switch node {
        case .scalar(let scalar):
            return .scalar(
                YAMLScalar(
                    text: scalar.string, isPlain: scalar.style == .plain || scalar.style == .any,
                    location: location(scalar.mark, file: file)))
        case .mapping(let mapping):
            var entries: [(key: YAMLScalar, value: YAMLNode)] = []
            var seen: [String: SourceLocation] = [:]
            for (key, value) in mapping {
                guard
                    case .scalar(let keyScalar) = try convert(
                        key, file: file, budget: &budget, depth: depth + 1)
                else {
                    throw DiagnosticError(
                        location(key.mark, file: file), "a mapping key must be a plain name or year")
                }
                if let first = seen[keyScalar.text] {
                    throw DiagnosticError(
                        keyScalar.location,
                        "duplicate key `\(keyScalar.text)` (first given at line \(first.line))")
                }
                seen[keyScalar.text] = keyScalar.location
                var converted = try convert(value, file: file, budget: &budget, depth: depth + 1)
                // A collection's errors (a schedule that does not sum, a profile that does not
                // sum to 1) are located at its key (MODEL.md section 6), block or flow style.
                do {
                    switch converted {
                    case .mapping(var mapping):
                        mapping.location = keyScalar.location
                        converted = .mapping(mapping)
                    case .sequence(let items, _):
                        converted = .sequence(items, keyScalar.location)
                    case .scalar:
                        break
                    }
                }
                entries.append((keyScalar, converted))
            }
            return .mapping(YAMLMapping(entries: entries, location: location(mapping.mark, file: file)))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                items.append(try convert(item, file: file, budget: &budget, depth: depth + 1))
            }
            return .sequence(items, location(sequence.mark, file: file))
        case .alias:
            throw DiagnosticError(location(node.mark, file: file), "unresolved YAML alias")
        }
    }

    /// Where `key`, first written at `first`, is written again: later on the same line (a flow
    /// mapping) or at the start of a later line at the same column (a block mapping).
    private static func repeatedKey(_ key: String, after first: Mark, in text: String, file: String)
        -> SourceLocation?
    {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            Array($0.unicodeScalars)
        }
        let pattern = Array(key.unicodeScalars)
        func keyAt(_ line: [Unicode.Scalar], _ index: Int) -> Bool {
            guard index >= 0, index + pattern.count <= line.count,
                Array(line[index..<index + pattern.count]) == pattern
            else { return false }
            let rest = line[(index + pattern.count)...].drop { $0 == " " }
            return rest.first == ":"
        }
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let column = first.column - 1
        let firstLine = lines[first.line - 1]
        var index = column + pattern.count
        while index < firstLine.count {
            if keyAt(firstLine, index), index > 0, [",", "{", " "].contains(firstLine[index - 1]) {
                return SourceLocation(file: file, line: first.line, column: index + 1)
            }
            index += 1
        }
        for number in first.line..<lines.count {
            let line = lines[number]
            if line.prefix(column).allSatisfy({ $0 == " " }), keyAt(line, column) {
                return SourceLocation(file: file, line: number + 1, column: column + 1)
            }
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _):
            // "while scanning a simple key / a quoted scalar": the token starts at the context mark.
            let what = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(location(context?.mark ?? mark, file: file), "invalid YAML: \(what)")
        case .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let what = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(location(mark, file: file), "invalid YAML: \(what)")
        case .reader(let problem, _, _, _):
            return Diagnostic(.file(file), "invalid YAML text: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            // Yams marks the first occurrence; point at the repeat, which is what must go.
            if let key = duplicates.first,
                let again = repeatedKey(key, after: context.mark, in: context.text, file: file)
            {
                return Diagnostic(
                    again,
                    "duplicate key \(names) in a mapping (first given at line \(context.mark.line))")
            }
            return Diagnostic(location(context.mark, file: file), "duplicate key \(names) in a mapping")
        default:
            return Diagnostic(.file(file), "invalid YAML: \(error)")
        }
    }
}
