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
}
