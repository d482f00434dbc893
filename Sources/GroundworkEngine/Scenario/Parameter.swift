import GroundworkCore

/// One parameter of a scenario file (MODEL.md section 3 and the keys beside it): its dotted
/// path, the kind of value it holds, its range, whether it may be uncertain or swept, and how
/// to read and write it on a `Scenario`.
///
/// The catalog (`Parameter+Catalog.swift`) is the one place a parameter path is written. The
/// decoder reads every catalog entry with `access` other than `.custom` generically; the
/// uncertain-parameter check, the draw setter, sweeps and `explain` all iterate it. Adding a
/// parameter is one entry (and, for a new kind of value, one case of `Access`).
public struct Parameter: @unchecked Sendable, Hashable, CustomStringConvertible {
    /// The dotted path as a scenario writes it: `venues.unit_cost`, `pay.ratios.director`.
    public let path: String
    /// What values it takes and where it is stored.
    public let access: Access
    /// The range of a number (MODEL.md section 3); `.any` for what is not a number.
    public let range: NumberRange
    /// The default, as MODEL.md section 3 writes it (for `--help` and the docs).
    public let defaultText: String
    /// Whether `uncertainty.parameters` may name it (MODEL.md section 7).
    public let mayBeUncertain: Bool
    /// Whether `sweep --vary` and `solve --vary` may name it (MODEL.md section 10).
    public let mayBeSwept: Bool

    /// How a parameter is stored on `Scenario`.
    public enum Access {
        /// A number or a year map (a *map* parameter of section 3).
        case map(WritableKeyPath<Scenario, YearMap>)
        /// An optional map: absent unless written (`venues.annual_cap`).
        case optionalMap(WritableKeyPath<Scenario, YearMap?>)
        /// A single number.
        case number(WritableKeyPath<Scenario, Double>)
        /// A year in 1900..2200.
        case year(WritableKeyPath<Scenario, Int>)
        /// A whole number in a range; the noun says what it counts ("a number of years").
        case integer(WritableKeyPath<Scenario, Int>, ClosedRange<Int>, String)
        /// `true` or `false`.
        case boolean(WritableKeyPath<Scenario, Bool>)
        /// Read and written by its section's own code (schedules, lists, payers, the envelope).
        case custom
    }

    /// The range a number must lie in (MODEL.md section 3).
    public enum NumberRange: Sendable {
        case amount, rate, rateAboveMinusOne, share, positive, any

        public func accepts(_ value: Double) -> Bool {
            switch self {
            case .amount: value >= 0
            case .rate: value >= -1
            case .rateAboveMinusOne: value > -1
            case .share: value >= 0 && value <= 1
            case .positive: value > 0
            case .any: true
            }
        }

        public var requirement: String {
            switch self {
            case .amount: "an amount >= 0"
            case .rate: "a rate >= -1 (0.08 is 8%)"
            case .rateAboveMinusOne: "a rate > -1 (0.02 is 2%)"
            case .share: "a share between 0 and 1"
            case .positive: "a number > 0"
            case .any: "a number"
            }
        }
    }

    init(
        _ path: String, _ access: Access, range: NumberRange = .any, default defaultText: String = "",
        uncertain: Bool = false, swept: Bool? = nil
    ) {
        self.path = path
        self.access = access
        self.range = range
        self.defaultText = defaultText
        mayBeUncertain = uncertain
        mayBeSwept = swept ?? uncertain
    }

    /// The section (`venues`) and the keys under it (`["unit_cost"]`, `["ratios", "director"]`).
    public var section: String { String(path.prefix { $0 != "." }) }
    public var keys: [String] { path.split(separator: ".").dropFirst().map(String.init) }
    /// The path of the mapping that holds it: `pay.ratios` for `pay.ratios.director`.
    public var parent: String { path.split(separator: ".").dropLast().joined(separator: ".") }

    /// A map parameter: a number or a year map, which a draw may give one value per year.
    public var isMap: Bool {
        switch access {
        case .map, .optionalMap: true
        default: false
        }
    }

    public var description: String { path }

    public static func == (lhs: Parameter, rhs: Parameter) -> Bool { lhs.path == rhs.path }
    public func hash(into hasher: inout Hasher) { hasher.combine(path) }

    // MARK: - Reading and writing a value

    /// The parameter's value on `scenario` as a year map (a scalar as a constant map); nil for
    /// an absent optional map, or for what is not a number.
    public func value(in scenario: Scenario) -> YearMap? {
        switch access {
        case .map(let keyPath): scenario[keyPath: keyPath]
        case .optionalMap(let keyPath): scenario[keyPath: keyPath]
        case .number(let keyPath): YearMap(scenario[keyPath: keyPath])
        case .year, .integer, .boolean: nil
        case .custom:
            self == .envelopeAmount ? scenario.envelope.map { YearMap(Double($0.amountCents) / 100) } : nil
        }
    }

    /// Replaces the whole parameter by `value`, as a Monte Carlo draw or a grid point does
    /// (MODEL.md sections 7 and 10): a map takes the map, a scalar its value in the first
    /// horizon year. Only for parameters that may be uncertain or swept.
    public func replace(in scenario: inout Scenario, with value: YearMap) {
        switch access {
        case .map(let keyPath): scenario[keyPath: keyPath] = value
        case .optionalMap(let keyPath): scenario[keyPath: keyPath] = value
        case .number(let keyPath): scenario[keyPath: keyPath] = value(scenario.horizon.lowerBound)
        case .year, .integer, .boolean, .custom:
            if self == .envelopeAmount {
                scenario.envelope?.amountCents = Money.cents(value(scenario.horizon.lowerBound))
            } else {
                preconditionFailure("`\(path)` cannot be replaced by a number")
            }
        }
    }

    /// Replaces the whole parameter by an exact value in every year, as a grid point of a sweep
    /// does (MODEL.md section 10): a price rate is kept exact, and on a scenario without
    /// `prices:` adds the section (base year `horizon.start`, the other rate 0).
    public func replace(in scenario: inout Scenario, withExact value: ExactDecimal) {
        if self == .inflation || self == .discountRate {
            var prices = scenario.prices ?? PriceParameters(baseYear: scenario.horizon.lowerBound)
            if self == .inflation {
                prices.inflation = ExactYearMap(value)
            } else {
                prices.discountRate = ExactYearMap(value)
            }
            scenario.prices = prices
        } else if self == .envelopeAmount {
            scenario.envelope?.amountCents = Money.cents(exact: value)
        } else {
            replace(in: &scenario, with: YearMap(value.doubleValue))
        }
    }

    // MARK: - Looking parameters up

    /// The parameter at a dotted path, if the catalog has it.
    public static func named(_ path: String) -> Parameter? { byPath[path] }

    private static let byPath: [String: Parameter] = Dictionary(
        uniqueKeysWithValues: catalog.map { ($0.path, $0) })

    /// The parameters `uncertainty.parameters` may name, in catalog order.
    public static var uncertain: [Parameter] { catalog.filter(\.mayBeUncertain) }

    /// The parameters `--vary` may name, in catalog order.
    public static var sweepable: [Parameter] { catalog.filter(\.mayBeSwept) }

    /// The catalog entries of one section, in order.
    public static func entries(in section: String) -> [Parameter] {
        catalog.filter { $0.section == section }
    }

    /// The keys a scenario may write under `prefix` (`venues`, `pay.ratios`), in catalog order.
    static func keys(under prefix: String) -> [String] {
        let depth = prefix.split(separator: ".").count
        var seen: [String] = []
        for parameter in catalog where parameter.path.hasPrefix(prefix + ".") {
            let key = parameter.path.split(separator: ".").map(String.init)[depth]
            if !seen.contains(key) { seen.append(key) }
        }
        return seen
    }
}
