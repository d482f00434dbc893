import Foundation
import GroundworkCore
import GroundworkIO

/// The Monte Carlo results of one scenario (MODEL.md sections 7 and 8).
public struct RiskResult: Sendable {
    public let projection: Projection
    public let draws: Int
    /// Per forecast cell, in `forecast.csv` order.
    public let cells: [Quantiles]
    /// Per horizon year: the year's total and the cumulative total.
    public let totals: [Quantiles]
    public let cumulatives: [Quantiles]
    /// Breaching draws / draws; nil without an envelope.
    public let breachProbability: Double?
    /// The type-7 median breach year of the breaching draws, rounded down.
    public let breachYearMedian: Int?
    /// Per horizon year: the share of draws whose envelope was exceeded by that year.
    public let breachProbabilityByYear: [Double]?
    /// Each draw's totals: what the portfolio-wide figures above are made from, and what the
    /// shards of a split run add up (`DrawTotals.+`).
    public let drawTotals: DrawTotals
}

/// The portfolio-wide sums of every draw (MODEL.md section 7): per column (a year and an
/// item) and draw, the cents of all counties and the cents the envelope counts, and each
/// draw's envelope amount. Sums of cents, so the parts of any split of the counties add up to
/// the whole exactly, in any order.
public struct DrawTotals: Sendable, Equatable {
    public var draws: Int
    /// Cents per (column, draw), column-major: `(year x items + item) x draws + draw`.
    public var totals: [Int64]
    /// The cents the envelope counts, in the same order.
    public var selected: [Int64]
    /// Each draw's envelope amount in cents (0 without an envelope).
    public var envelopeAmounts: [Int64]

    public init(draws: Int, totals: [Int64], selected: [Int64], envelopeAmounts: [Int64]) {
        self.draws = draws
        self.totals = totals
        self.selected = selected
        self.envelopeAmounts = envelopeAmounts
    }

    /// The totals of two disjoint sets of counties of one run, added.
    public static func + (lhs: DrawTotals, rhs: DrawTotals) -> DrawTotals {
        precondition(lhs.totals.count == rhs.totals.count && lhs.draws == rhs.draws, "totals of one run")
        return DrawTotals(
            draws: lhs.draws, totals: zip(lhs.totals, rhs.totals).map(+),
            selected: zip(lhs.selected, rhs.selected).map(+), envelopeAmounts: lhs.envelopeAmounts)
    }
}
