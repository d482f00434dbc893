/// The line items of MODEL.md section 4, in the order every output lists them.
public enum LineItem: Int, CaseIterable, Sendable, Comparable {
    case venueConstruction, venueUpkeep, operatingFunds, cadrePayBasic, cadrePayPerformance, pensionTopUp

    /// The item's name in the `item` column and in `envelope.items`.
    public var key: String {
        switch self {
        case .venueConstruction: "venue_construction"
        case .venueUpkeep: "venue_upkeep"
        case .operatingFunds: "operating_funds"
        case .cadrePayBasic: "cadre_pay_basic"
        case .cadrePayPerformance: "cadre_pay_performance"
        case .pensionTopUp: "pension_topup"
        }
    }

    public init?(key: String) {
        guard let item = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = item
    }

    public static func < (lhs: LineItem, rhs: LineItem) -> Bool { lhs.rawValue < rhs.rawValue }
}
