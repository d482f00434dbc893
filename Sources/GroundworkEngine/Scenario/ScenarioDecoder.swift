import GroundworkCore
import GroundworkIO
import Foundation

/// Reads a merged scenario tree into a typed `Scenario`, collecting every diagnostic it can
/// (MODEL.md sections 3, 4 and 6): unknown keys with did-you-mean, wrong types, values out of
/// their range, years outside the horizon.
struct ScenarioDecoder {
    private(set) var diagnostics: [Diagnostic] = []
    var origins: [String: SourceLocation] = [:]

    /// The top-level keys of a scenario file (MODEL.md section 6), in order.
    static let topLevelKeys = [
        "name", "description", "extends", "horizon", "portfolio", "cadres", "venues",
        "operating_funds", "pay", "rural_income", "pension", "envelope", "funding", "prices", "actuals",
        "uncertainty",
    ]

    typealias Kind = Parameter.NumberRange

    // MARK: - Reporting

    mutating func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(location, message))
    }

    private mutating func record(_ path: String, _ node: YAMLNode) {
        origins[path] = node.location
    }

    // MARK: - Structure

    /// The node as a mapping whose keys are all in `allowed`; unknown keys are reported with
    /// the nearest valid one. A null or missing node is nil without a diagnostic.
    mutating func mapping(_ node: YAMLNode?, path: String, allowed: [String]) -> YAMLMapping? {
        guard let node, !node.isNull else { return nil }
        guard case .mapping(let mapping) = node else {
            error(
                node.location,
                "`\(path)` must be a mapping of \(allowed.map { "`\($0)`" }.joined(separator: ", ")), not \(node.kindDescription)"
            )
            return nil
        }
        for (key, _) in mapping.entries where !allowed.contains(key.text) {
            let place = path.isEmpty ? "at the top level" : "in `\(path)`"
            var message = "unknown key `\(key.text)` \(place)"
            if let suggestion = Spelling.nearest(to: key.text, among: allowed) {
                message += "; did you mean `\(suggestion)`?"
            } else {
                message += "; valid keys are \(allowed.map { "`\($0)`" }.joined(separator: ", "))"
            }
            error(key.location, message)
        }
        return mapping
    }

    /// The value under `key`, or nil when it is absent or null.
    func value(_ mapping: YAMLMapping?, _ key: String) -> YAMLNode? {
        guard let node = mapping?[key], !node.isNull else { return nil }
        return node
    }

    // MARK: - Scalars

    mutating func string(_ node: YAMLNode, path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node.location, "`\(path)` must be text, not \(node.kindDescription)")
            return nil
        }
        record(path, node)
        return scalar.text
    }

    mutating func number(_ node: YAMLNode, path: String, kind: Kind) -> Double? {
        guard case .scalar(let scalar) = node, scalar.isPlain else {
            error(
                node.location, "`\(path)` must be a number (\(kind.requirement)), not \(node.kindDescription)"
            )
            return nil
        }
        switch CoreSchema.number(scalar.text) {
        case .notANumber:
            error(node.location, "`\(path)` must be a number (\(kind.requirement)), not `\(scalar.text)`")
            return nil
        case .notFinite:
            error(node.location, "`\(path)` must be a finite number, not `\(scalar.text)`")
            return nil
        case .finite(let value):
            guard kind.accepts(value) else {
                error(node.location, "`\(path)` must be \(kind.requirement), not \(scalar.text)")
                return nil
            }
            guard abs(value) < Limits.amountYuan else {
                error(node.location, "`\(path)` is \(scalar.text), beyond the limit of 10^13")
                return nil
            }
            record(path, node)
            return value
        }
    }

    mutating func integer(_ node: YAMLNode, path: String, range: ClosedRange<Int>, what: String) -> Int? {
        guard case .scalar(let scalar) = node, scalar.isPlain, let value = CoreSchema.integer(scalar.text)
        else {
            error(
                node.location,
                "`\(path)` must be \(what), written as a whole number, not \(node.kindDescription)")
            return nil
        }
        guard range.contains(value) else {
            error(
                node.location,
                "`\(path)` must be \(what) in \(range.lowerBound)..\(range.upperBound), not \(value)")
            return nil
        }
        record(path, node)
        return value
    }

    mutating func year(_ node: YAMLNode, path: String) -> Int? {
        integer(node, path: path, range: Limits.yearRange, what: "a year")
    }

    mutating func boolean(_ node: YAMLNode, path: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.isPlain, let value = CoreSchema.boolean(scalar.text)
        else {
            error(node.location, "`\(path)` must be `true` or `false`, not \(node.kindDescription)")
            return nil
        }
        record(path, node)
        return value
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, path: String, as type: T.Type
    ) -> T? where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        guard case .scalar(let scalar) = node, let value = T(rawValue: scalar.text) else {
            var message =
                "`\(path)` must be one of \(names.map { "`\($0)`" }.joined(separator: ", ")), not \(node.kindDescription)"
            if case .scalar(let scalar) = node, let nearest = Spelling.nearest(to: scalar.text, among: names)
            {
                message += "; did you mean `\(nearest)`?"
            }
            error(node.location, message)
            return nil
        }
        record(path, node)
        return value
    }

    /// A *map* parameter: a number, or a year map of numbers (MODEL.md section 3).
    mutating func yearMap(_ node: YAMLNode, path: String, kind: Kind) -> YearMap? {
        guard case .mapping(let mapping) = node else {
            return number(node, path: path, kind: kind).map { YearMap($0) }
        }
        guard !mapping.entries.isEmpty else {
            error(node.location, "`\(path)` is an empty year map; give a number or at least one year")
            return nil
        }
        var entries: [(year: Int, value: Double)] = []
        var seen: [Int: SourceLocation] = [:]
        for (key, value) in mapping.entries {
            guard let year = year(.scalar(key), path: "\(path).\(key.text)") else { continue }
            if let first = seen.updateValue(key.location, forKey: year) {
                error(key.location, "`\(path)` gives the year \(year) twice (first at line \(first.line))")
                continue
            }
            if let number = number(value, path: "\(path).\(year)", kind: kind) {
                entries.append((year, number))
            }
        }
        guard entries.count == mapping.entries.count else { return nil }
        record(path, node)
        return YearMap(entries: entries)
    }

    /// A year map of counts, fractions or observed values (not a step function).
    mutating func listedYears<T>(
        _ node: YAMLNode, path: String, read: (inout ScenarioDecoder, YAMLNode, String) -> T?
    ) -> [(year: Int, value: T, location: SourceLocation)]? {
        guard case .mapping(let mapping) = node, !mapping.entries.isEmpty else {
            error(
                node.location,
                "`\(path)` must be a map of years, e.g. `{2014: ..., 2015: ...}`, not \(node.kindDescription)"
            )
            return nil
        }
        var result: [(year: Int, value: T, location: SourceLocation)] = []
        var complete = true
        var seen: [Int: SourceLocation] = [:]
        for (key, value) in mapping.entries {
            if let year = CoreSchema.integer(key.text),
                let first = seen.updateValue(key.location, forKey: year)
            {
                error(key.location, "`\(path)` gives the year \(year) twice (first at line \(first.line))")
                complete = false
                continue
            }
            guard let year = year(.scalar(key), path: "\(path).\(key.text)"),
                let read = read(&self, value, "\(path).\(year)")
            else {
                complete = false
                continue
            }
            result.append((year, read, key.location))
        }
        record(path, node)
        return complete ? result.sorted { $0.year < $1.year } : nil
    }
}
