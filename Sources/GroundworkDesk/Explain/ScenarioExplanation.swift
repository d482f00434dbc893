import GroundworkCore
import GroundworkEngine
import GroundworkIO
import Foundation

/// What a scenario really says: every parameter of MODEL.md section 3 (and the horizon,
/// portfolio, payers, envelope and uncertainty) with its effective value and where that value
/// came from, `file:line` or `default` (`groundwork explain`).
///
/// Built on the same merged, validated `Scenario` that `run` projects, and on the locations
/// `ScenarioDecoder` records in `Scenario.origins` for every value a file set, so what it
/// shows is what the engine uses. `yaml()` writes the scenario out as one self-contained file
/// (no `extends`, every value written, the portfolio as an absolute path) that runs on its
/// own and gives the same figures.
public struct ScenarioExplanation: Sendable {
    /// One parameter: its dotted path, its value as a scenario file would write it, and where
    /// it was written (nil: the default applies).
    public struct Entry: Sendable {
        public var parameter: String
        public var value: String
        public var source: SourceLocation?

        /// `file:line`, or `default`.
        public var sourceText: String {
            source.map { "\($0.file):\($0.line)" } ?? "default"
        }
    }

    public let scenario: Scenario
    /// Every parameter, in the order of a scenario file's sections (see `yaml()`).
    public let entries: [Entry]

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        var entries: [Entry] = []
        for section in Self.sections(scenario) {
            for line in section.lines {
                entries.append(Entry(parameter: line.path, value: line.value, source: line.source))
            }
        }
        self.entries = entries
    }

    /// The entry of a dotted parameter path, e.g. `venues.unit_cost`.
    public func entry(_ parameter: String) -> Entry? {
        entries.first { $0.parameter == parameter }
    }

    // MARK: - Text

    /// A heading naming the scenario and its files, then an aligned table
    /// `parameter  value  source`.
    public func table() -> String {
        var lines: [String] = []
        lines.append("scenario \(scenario.name): \(scenario.files.joined(separator: " extends "))")
        if let description = scenario.description, let entry = entry("description") {
            // Prose, too long for a table cell.
            lines.append("description (\(entry.sourceText)): \(description)")
        }
        lines.append("")
        let shown = entries.filter { $0.parameter != "description" }
        let rows = [("parameter", "value", "source")] + shown.map { ($0.parameter, $0.value, $0.sourceText) }
        let first = rows.map { TerminalTable.displayWidth($0.0) }.max() ?? 0
        let second = rows.map { TerminalTable.displayWidth($0.1) }.max() ?? 0
        for row in rows {
            let pad1 = String(repeating: " ", count: first - TerminalTable.displayWidth(row.0))
            let pad2 = String(repeating: " ", count: second - TerminalTable.displayWidth(row.1))
            lines.append(row.0 + pad1 + "  " + row.1 + pad2 + "  " + row.2)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - YAML

    /// The merged scenario as one scenario file: `name:` written out, the portfolio as an
    /// absolute path, no `extends`, every value (defaults included) with a comment saying
    /// where it came from. Numbers are written so that they read back as the same double,
    /// shares exactly as written; running it gives the same bytes as the original.
    public func yaml() -> String {
        var out =
            "# \(scenario.name), as Groundwork reads it: \(scenario.files.joined(separator: " extends ")).\n"
        out += "# Every parameter is written out; each comment says where its value came from.\n"
        for section in Self.sections(scenario) {
            var open: [String] = []
            if let key = section.key {
                out += "\(key):\n"
                open = [key]
            }
            for line in section.lines {
                let keys = (section.key.map { [$0] } ?? []) + line.keys
                // Close the mappings this line is not in, open the ones it is in.
                var shared = 0
                while shared < min(open.count, keys.count - 1) && open[shared] == keys[shared] { shared += 1 }
                open.removeSubrange(shared...)
                while open.count < keys.count - 1 {
                    out += String(repeating: "  ", count: open.count) + keys[open.count] + ":\n"
                    open.append(keys[open.count])
                }
                out += String(repeating: "  ", count: open.count) + "\(keys.last!): \(line.value)"
                out += "  # \(Self.sourceText(line.source))\n"
            }
        }
        return out
    }

    static func sourceText(_ source: SourceLocation?) -> String {
        source.map { "\($0.file):\($0.line)" } ?? "default"
    }

    // MARK: - The parameters

    /// One line of a section: its keys within the section (nested mappings), its dotted path,
    /// the value as YAML and where it was written.
    struct Line {
        var keys: [String]
        var path: String
        var value: String
        var source: SourceLocation?
    }

    /// A top-level section (`key` nil for the top-level scalars) and its lines.
    struct Section {
        var key: String?
        var lines: [Line]
    }

    /// The lines of every catalog entry that the scenario has, grouped into its sections in
    /// catalog order (the order of MODEL.md section 3): one line per parameter, with its value
    /// as YAML and where it was written.
    static func sections(_ scenario: Scenario) -> [Section] {
        var sections: [Section] = []
        for parameter in Parameter.catalog {
            let keys = parameter.keys
            let sectionKey: String? = keys.isEmpty ? nil : parameter.section
            var lines: [Line] = []
            if parameter == .fundingCounties {
                // One line per county and section, under `funding.counties`.
                for override in scenario.countyFunding {
                    for section in FundingSection.allCases {
                        guard let funding = override.sections[section] else { continue }
                        let path = "\(parameter.path).\(override.county).\(section.key)"
                        lines.append(
                            Line(
                                keys: [keys[0], string(override.county), section.key], path: path,
                                value: funding.description, source: scenario.origins[path]))
                    }
                }
            } else if parameter == .uncertainParameters, let uncertainty = scenario.uncertainty {
                // One line per uncertain parameter, under `uncertainty.parameters`.
                if uncertainty.parameters.isEmpty {
                    lines.append(
                        Line(
                            keys: keys, path: parameter.path, value: "{}",
                            source: scenario.origins[parameter.path]))
                }
                for uncertain in uncertainty.parameters {
                    let path = "\(parameter.path).\(uncertain.path)"
                    lines.append(
                        Line(
                            keys: [keys[0], uncertain.path], path: path, value: distribution(uncertain),
                            source: scenario.origins[path] ?? uncertain.location))
                }
            } else if let value = value(of: parameter, in: scenario) {
                lines.append(
                    Line(
                        keys: keys.isEmpty ? [parameter.path] : keys, path: parameter.path, value: value,
                        source: scenario.origins[parameter.path]))
            }
            guard !lines.isEmpty else { continue }
            if let last = sections.last, last.key == sectionKey, sectionKey != nil {
                sections[sections.count - 1].lines += lines
            } else if let last = sections.last, last.key == nil, sectionKey == nil,
                sections.count == 1
            {
                // `name` and `description` open the file together; `portfolio` stands apart.
                sections[sections.count - 1].lines += lines
            } else {
                sections.append(Section(key: sectionKey, lines: lines))
            }
        }
        return sections
    }

    /// A parameter's value as a scenario file writes it; nil when the scenario has none (an
    /// absent optional value, a section it does not have, keys never written out).
    static func value(of parameter: Parameter, in scenario: Scenario) -> String? {
        switch parameter.access {
        case .map(let keyPath): return yearMap(scenario[keyPath: keyPath])
        case .optionalMap(let keyPath): return scenario[keyPath: keyPath].map(yearMap)
        case .number(let keyPath): return number(scenario[keyPath: keyPath])
        case .year(let keyPath): return String(scenario[keyPath: keyPath])
        case .integer(let keyPath, _, _): return String(scenario[keyPath: keyPath])
        case .boolean(let keyPath): return scenario[keyPath: keyPath] ? "true" : "false"
        case .custom: break
        }
        let envelope = scenario.envelope
        let uncertainty = scenario.uncertainty
        switch parameter {
        case .name: return string(scenario.name)
        case .scenarioDescription: return scenario.description.map(string)
        case .horizonStart: return String(scenario.horizon.lowerBound)
        case .horizonEnd: return String(scenario.horizon.upperBound)
        case .portfolio: return string(absolute(scenario.portfolioPath))
        case .venuesSchedule:
            guard case .schedule(let counts) = scenario.venues.rollout else { return nil }
            return "{" + counts.keys.sorted().map { "\($0): \(counts[$0]!)" }.joined(separator: ", ") + "}"
        case .venuesShares:
            guard case .shares(let fractions) = scenario.venues.rollout else { return nil }
            return "{" + fractions.keys.sorted().map { "\($0): \(fractions[$0]!)" }.joined(separator: ", ")
                + "}"
        case .paymentProfile:
            return "[" + scenario.venues.paymentProfile.map(number).joined(separator: ", ") + "]"
        case .venuesPayer: return scenario.venues.payer.description
        case .fundsPayer: return scenario.operatingFunds.payer.description
        case .payPayer: return scenario.pay.payer.description
        case .pensionPayer: return scenario.pension.payer.description
        case .incomeValues:
            let values = scenario.ruralIncome.values
            guard !values.isEmpty else { return nil }
            return "{" + values.keys.sorted().map { "\($0): \(number(values[$0]!))" }.joined(separator: ", ")
                + "}"
        case .envelopeAmount: return envelope.map { number(Double($0.amountCents) / 100) }
        case .envelopeFrom: return envelope.map { String($0.from) }
        case .envelopeTo: return envelope.map { String($0.to) }
        case .envelopeItems:
            return envelope.map { envelope in
                "["
                    + LineItem.allCases.filter { envelope.items.contains($0) }.map(\.key).joined(
                        separator: ", ") + "]"
            }
        case .envelopePayer: return envelope?.payer.description
        case .pricesBaseYear: return scenario.prices.map { String($0.baseYear) }
        case .inflation: return scenario.prices.map { exactYearMap($0.inflation) }
        case .discountRate: return scenario.prices.map { exactYearMap($0.discountRate) }
        case .actualsFile: return scenario.actuals.map { string(absolute($0.file)) }
        case .actualsThrough: return scenario.actuals.map { String($0.through) }
        case .draws: return uncertainty.map { String($0.draws) }
        case .seed: return uncertainty.map { String($0.seed) }
        default: return nil
        }
    }

    // MARK: - Values as YAML

    /// A number that reads back as the same double: a whole number below 2^53 without a
    /// fraction (`150000`), anything else as Swift's shortest round-tripping `description`
    /// (`0.08`, `1e-05`), which YAML 1.2's core schema reads as a float.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), value.magnitude < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }

    /// A plain number for a constant map, else a flow year map `{2015: 0.03, 2018: 0.02}`.
    static func yearMap(_ map: YearMap) -> String {
        if map.isConstant && map.entries[0].year == Int.min { return number(map.entries[0].value) }
        return "{" + map.entries.map { "\($0.year): \(number($0.value))" }.joined(separator: ", ") + "}"
    }

    /// An exact rate, or a flow year map of them, as written.
    static func exactYearMap(_ map: ExactYearMap) -> String {
        if map.isConstant && map.entries[0].year == Int.min { return map.entries[0].value.description }
        return "{" + map.entries.map { "\($0.year): \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// `{normal: {mean: 0.08, sd: 0.02}, per_year: true}`.
    static func distribution(_ parameter: UncertainParameter) -> String {
        let body: String
        switch parameter.distribution {
        case .normal(let mean, let sd): body = "normal: {mean: \(number(mean)), sd: \(number(sd))}"
        case .uniform(let min, let max): body = "uniform: {min: \(number(min)), max: \(number(max))}"
        case .triangular(let min, let mode, let max):
            body = "triangular: {min: \(number(min)), mode: \(number(mode)), max: \(number(max))}"
        case .lognormal(let mu, let sigma): body = "lognormal: {mu: \(number(mu)), sigma: \(number(sigma))}"
        }
        return "{" + body + (parameter.perYear ? ", per_year: true" : "") + "}"
    }

    /// Text as a YAML scalar: plain when it cannot be read as anything but this text, else
    /// double-quoted with escapes.
    static func string(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { scalar in
            (scalar.value >= 0x80 && scalar.properties.isAlphabetic)
                || "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./".unicodeScalars
                    .contains(scalar)
        }
        let first = text.unicodeScalars.first
        let startsWell = first.map { $0.properties.isAlphabetic || $0 == "/" || $0 == "_" } ?? false
        let special =
            CoreSchema.boolean(text) != nil || CoreSchema.number(text) != .notANumber
            || ["null", "Null", "NULL", "~"].contains(text)
        if safe && startsWell && !special { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                quoted += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// `path` as an absolute, standardised path (a relative one is taken from the current
    /// directory, as the engine read it).
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
