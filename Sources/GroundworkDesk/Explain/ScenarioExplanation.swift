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

    static func sections(_ scenario: Scenario) -> [Section] {
        let origins = scenario.origins
        /// The line of a dotted path; its keys are the path's components after the section's.
        func line(_ path: String, _ value: String, keys: [String]? = nil) -> Line {
            let components = path.split(separator: ".").map(String.init)
            let keys = keys ?? (components.count > 1 ? Array(components.dropFirst()) : components)
            return Line(keys: keys, path: path, value: value, source: origins[path])
        }
        func roles(_ path: String, _ values: RoleValues<Double>) -> [Line] {
            Role.allCases.map { line("\(path).\($0.key)", number(values[$0])) }
        }
        var sections: [Section] = []

        var top = [line("name", string(scenario.name))]
        if let description = scenario.description {
            top.append(line("description", string(description)))
        }
        sections.append(Section(key: nil, lines: top))
        let horizon = scenario.horizon
        sections.append(
            Section(
                key: "horizon",
                lines: [
                    line("horizon.start", String(horizon.lowerBound)),
                    line("horizon.end", String(horizon.upperBound)),
                ]))
        sections.append(
            Section(
                key: nil,
                lines: [
                    line("portfolio", string(absolute(scenario.portfolioPath)))
                ]))
        sections.append(Section(key: "cadres", lines: roles("cadres.per_village", scenario.cadresPerVillage)))

        let venues = scenario.venues
        var venueLines: [Line] = []
        switch venues.rollout {
        case .schedule(let counts):
            venueLines.append(
                line(
                    "venues.schedule",
                    "{" + counts.keys.sorted().map { "\($0): \(counts[$0]!)" }.joined(separator: ", ") + "}"))
        case .shares(let fractions):
            venueLines.append(
                line(
                    "venues.shares",
                    "{" + fractions.keys.sorted().map { "\($0): \(fractions[$0]!)" }.joined(separator: ", ")
                        + "}"))
        case .none:
            break
        }
        venueLines += [
            line("venues.unit_cost", yearMap(venues.unitCost)),
            line("venues.cost_growth", yearMap(venues.costGrowth)),
            line(
                "venues.payment_profile",
                "[" + venues.paymentProfile.map(number).joined(separator: ", ") + "]"),
            line("venues.upkeep_rate", yearMap(venues.upkeepRate)),
        ]
        if let cap = venues.annualCap { venueLines.append(line("venues.annual_cap", yearMap(cap))) }
        venueLines.append(line("venues.payer", venues.payer.rawValue))
        sections.append(Section(key: "venues", lines: venueLines))

        let funds = scenario.operatingFunds
        sections.append(
            Section(
                key: "operating_funds",
                lines: [
                    line("operating_funds.per_village", yearMap(funds.perVillage)),
                    line("operating_funds.growth", yearMap(funds.growth)),
                    line("operating_funds.start", String(funds.start)),
                    line("operating_funds.payer", funds.payer.rawValue),
                ]))

        let pay = scenario.pay
        sections.append(
            Section(
                key: "pay",
                lines: [
                    line("pay.start", String(pay.start)),
                    line("pay.secretary_monthly", number(pay.secretaryMonthly)),
                    line("pay.adjust_every", String(pay.adjustEvery)),
                    line("pay.income_multiple", number(pay.incomeMultiple)),
                ] + roles("pay.ratios", pay.ratios) + [
                    line("pay.basic_share", number(pay.basicShare)),
                    line("pay.performance_payout", yearMap(pay.performancePayout)),
                    line("pay.round_to", number(pay.roundTo)),
                    line("pay.payer", pay.payer.rawValue),
                ]))

        let income = scenario.ruralIncome
        var incomeLines = [
            line("rural_income.base_year", String(income.baseYear)),
            line("rural_income.value", number(income.value)),
            line("rural_income.growth", yearMap(income.growth)),
        ]
        if !income.values.isEmpty {
            incomeLines.append(
                line(
                    "rural_income.values",
                    "{"
                        + income.values.keys.sorted().map { "\($0): \(number(income.values[$0]!))" }.joined(
                            separator: ", ") + "}"))
        }
        sections.append(Section(key: "rural_income", lines: incomeLines))

        let pension = scenario.pension
        sections.append(
            Section(
                key: "pension",
                lines: [
                    line("pension.per_person", yearMap(pension.perPerson)),
                    line("pension.growth", yearMap(pension.growth)),
                    line("pension.start", String(pension.start)),
                    line("pension.former.covered", pension.former.covered ? "true" : "false"),
                    line("pension.former.turnover", number(pension.former.turnover)),
                    line("pension.former.exit", number(pension.former.exit)),
                    line("pension.former.initial_per_village", number(pension.former.initialPerVillage)),
                    line("pension.payer", pension.payer.rawValue),
                ]))

        if let envelope = scenario.envelope {
            let items = LineItem.allCases.filter { envelope.items.contains($0) }.map(\.key)
            sections.append(
                Section(
                    key: "envelope",
                    lines: [
                        line("envelope.amount", number(Double(envelope.amountCents) / 100)),
                        line("envelope.from", String(envelope.from)),
                        line("envelope.to", String(envelope.to)),
                        line("envelope.items", "[" + items.joined(separator: ", ") + "]"),
                        line("envelope.payer", envelope.payer.rawValue),
                    ]))
        }

        if let uncertainty = scenario.uncertainty {
            var lines = [
                line("uncertainty.draws", String(uncertainty.draws)),
                line("uncertainty.seed", String(uncertainty.seed)),
            ]
            if uncertainty.parameters.isEmpty {
                lines.append(line("uncertainty.parameters", "{}"))
            }
            for parameter in uncertainty.parameters {
                let path = "uncertainty.parameters.\(parameter.path)"
                var entry = line(path, distribution(parameter), keys: ["parameters", parameter.path])
                entry.source = entry.source ?? parameter.location
                lines.append(entry)
            }
            sections.append(Section(key: "uncertainty", lines: lines))
        }
        return sections
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
