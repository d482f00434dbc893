import GroundworkCore
import GroundworkIO
/// One uncertain parameter: a dotted path of section 3, its distribution, and whether each
/// horizon year draws its own value.
public struct UncertainParameter: Sendable {
    public var path: String
    public var distribution: Distribution
    public var perYear: Bool
    public var location: SourceLocation
}

/// `uncertainty:` (MODEL.md section 7).
public struct Uncertainty: Sendable {
    public var draws = 1000
    public var seed: UInt64 = 0
    public var parameters: [UncertainParameter] = []

    /// The draws allowed (MODEL.md section 6).
    public static let drawRange = 1...1_000_000

    /// Map parameters (section 3): each may be uncertain, with `per_year` if wanted.
    public static let mapParameters = [
        "venues.unit_cost", "venues.cost_growth", "venues.upkeep_rate",
        "operating_funds.per_village", "operating_funds.growth", "rural_income.growth",
        "pay.performance_payout", "pension.per_person", "pension.growth",
    ]

    /// Scalars that may be uncertain (section 7); `per_year` does not apply to them.
    public static let scalarParameters = [
        "rural_income.value", "pay.secretary_monthly", "pay.income_multiple", "pay.basic_share",
        "pay.ratios.secretary", "pay.ratios.director", "pay.ratios.other",
        "pension.former.turnover", "pension.former.exit", "pension.former.initial_per_village",
        "cadres.per_village.secretary", "cadres.per_village.director", "cadres.per_village.other",
        "envelope.amount",
    ]

    /// Parameters that change the venue allocation and so cannot be uncertain.
    public static let fixedParameters = ["venues.schedule", "venues.shares", "venues.annual_cap"]
}
