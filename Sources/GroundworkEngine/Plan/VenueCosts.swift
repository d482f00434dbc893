import GroundworkCore
import GroundworkIO
/// The price of a venue by completion year (MODEL.md section 4.1).
///
/// P(start) = 1, P(y) = P(y-1) x (1 + cost_growth(y)); a venue completed in year c costs
/// K(c) = unit_cost(c) x P(c). Computed for every horizon year.
public struct VenueCosts: Sendable {
    public let startYear: Int
    /// K(start), K(start + 1), ... K(end).
    public let unitCosts: [Double]

    public init(_ venues: VenueParameters, horizon: ClosedRange<Int>) {
        startYear = horizon.lowerBound
        var index = 1.0
        var costs: [Double] = []
        costs.reserveCapacity(horizon.count)
        for year in horizon {
            if year > horizon.lowerBound { index *= 1 + venues.costGrowth(year) }
            costs.append(venues.unitCost(year) * index)
        }
        unitCosts = costs
    }

    /// K(year) for a horizon year.
    public func callAsFunction(_ year: Int) -> Double { unitCosts[year - startYear] }
}
