/// The levels of government that pay for a programme, top to bottom (MODEL.md section 4).
public enum FundingLevel: Int, CaseIterable, Sendable, Comparable, Hashable {
    case central, province, city, county

    /// The level's name in scenario files and in the `payer` column.
    public var key: String {
        switch self {
        case .central: "central"
        case .province: "province"
        case .city: "city"
        case .county: "county"
        }
    }

    public init?(key: String) {
        guard let level = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = level
    }

    public static func < (lhs: FundingLevel, rhs: FundingLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A scenario section whose `payer:` sets the funding of its items (MODEL.md section 4).
public enum FundingSection: Int, CaseIterable, Sendable, Hashable {
    case venues, operatingFunds, pay, pension

    /// The section's key in a scenario and under `funding.counties.COUNTY`.
    public var key: String {
        switch self {
        case .venues: "venues"
        case .operatingFunds: "operating_funds"
        case .pay: "pay"
        case .pension: "pension"
        }
    }

    public init?(key: String) {
        guard let section = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = section
    }

    /// The line items the section's payer pays.
    public var items: [LineItem] {
        switch self {
        case .venues: [.venueConstruction, .venueUpkeep]
        case .operatingFunds: [.operatingFunds]
        case .pay: [.cadrePayBasic, .cadrePayPerformance]
        case .pension: [.pensionTopUp]
        }
    }

    /// The level that pays the section's items when no `payer:` is written.
    public var defaultLevel: FundingLevel { self == .pension ? .county : .city }
}

extension LineItem {
    /// The section whose `payer:` funds the item.
    public var fundingSection: FundingSection {
        switch self {
        case .venueConstruction, .venueUpkeep: .venues
        case .operatingFunds: .operatingFunds
        case .cadrePayBasic, .cadrePayPerformance: .pay
        case .pensionTopUp: .pension
        }
    }
}

/// The levels an envelope counts (MODEL.md section 4.5): one, a list, or all of them.
public struct LevelFilter: Sendable, Hashable, CustomStringConvertible {
    /// The levels counted, top to bottom; every level for `all`.
    public let levels: [FundingLevel]
    /// True when written as `all` (or v1.1's `both`) or left to its default.
    public let isAll: Bool

    public static let all = LevelFilter(levels: FundingLevel.allCases, isAll: true)

    public init(_ levels: [FundingLevel]) {
        self.init(levels: levels.sorted(), isAll: false)
    }

    private init(levels: [FundingLevel], isAll: Bool) {
        self.levels = levels
        self.isAll = isAll
    }

    public func includes(_ level: FundingLevel) -> Bool { isAll || levels.contains(level) }

    /// `all`, `city`, or `[province, city]`, as a scenario writes it.
    public var description: String {
        if isAll { return "all" }
        if levels.count == 1 { return levels[0].key }
        return "[" + levels.map(\.key).joined(separator: ", ") + "]"
    }
}
