import GroundworkCore
import GroundworkIO

extension RiskResult {
    /// The results of a scenario's draws from their portfolio-wide totals alone, with the
    /// per-cell quantiles `cells` (empty when a merge takes them from the shards' rows): the
    /// totals, cumulatives and envelope risk are those `MonteCarlo.run` gives the same totals.
    public init(projection: Projection, cells: [Quantiles], drawTotals: DrawTotals) {
        let summary = MonteCarlo.summary(of: drawTotals, scenario: projection.scenario)
        self.init(
            projection: projection, draws: drawTotals.draws, cells: cells, totals: summary.totals,
            cumulatives: summary.cumulatives, breachProbability: summary.breachProbability,
            breachYearMedian: summary.breachYearMedian,
            breachProbabilityByYear: summary.breachProbabilityByYear,
            drawTotals: drawTotals)
    }
}
