import GroundworkCore
import GroundworkIO
/// A scenario's money: every forecast cell in integer cents, and the sums built from them
/// (MODEL.md sections 4, 5 and 8).
public struct Projection: Sendable {
    public let plan: Plan
    public var scenario: Scenario { plan.scenario }
    public let years: Int
    /// Cents per (county, year, item), county-major then year then item: `forecast.csv` order.
    public let cells: [Int64]
    /// The cells as projected, before the actuals of closed years replaced them (MODEL.md
    /// section 9); nil without `actuals`.
    public let plannedCells: [Int64]?
    /// Per (closed year, item): the plan's totals before the actuals replaced its cells
    /// (`outturn.csv`); nil without `actuals`.
    public let plannedItemTotals: [Int64]?
    /// The closed years (indices from the horizon's start), empty without `actuals`.
    public let closedYears: Range<Int>
    /// Cents per (year, item), summed over counties.
    public let itemTotals: [Int64]
    /// Cents per (level, year, item): the sums of each level's parts of the cells (MODEL.md
    /// section 4), level-major by `FundingLevel.rawValue`; all four levels, zeros included.
    public let levelTotals: [Int64]
    /// Cents per year: all items.
    public let yearTotals: [Int64]
    public let cumulative: [Int64]
    /// The envelope evaluated on these cells (MODEL.md section 4.5), nil without one.
    public let envelopeUse: Envelope.Use?
    public let constructionAfterHorizonCents: Int64
    /// Constant prices and present value (MODEL.md section 4.6), for a scenario with `prices:`.
    public let prices: PriceIndex?

    public func cell(county: Int, year: Int, item: LineItem) -> Int64 {
        cells[(county * years + year) * RateMatrix.itemCount + item.rawValue]
    }

    public func itemTotal(year: Int, item: LineItem) -> Int64 {
        itemTotals[year * RateMatrix.itemCount + item.rawValue]
    }

    /// What `level` pays for `item` in year index `year`, over all counties.
    public func levelTotal(_ level: FundingLevel, year: Int, item: LineItem) -> Int64 {
        levelTotals[(level.rawValue * years + year) * RateMatrix.itemCount + item.rawValue]
    }

    public var total: Int64 { cumulative.last ?? 0 }

    /// Per horizon year: the envelope's cumulative outlay, nil outside its window or without one.
    public var envelopeCumulative: [Int64?] { envelopeUse?.cumulative ?? Array(repeating: nil, count: years) }
    /// The first year whose envelope cumulative exceeds the amount.
    public var breachYear: Int? { envelopeUse?.breachYear }
    /// The envelope's use in year `to`, when there is an envelope.
    public var envelopeUsed: Int64? { envelopeUse?.used }
    /// The amount left at the end of the envelope's window, when there is an envelope.
    public var envelopeRemaining: Int64? { envelopeUse?.remaining }
}
