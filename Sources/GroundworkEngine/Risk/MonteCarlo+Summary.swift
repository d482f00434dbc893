import Foundation
import GroundworkCore
import GroundworkIO

/// Totals, cumulatives and the envelope over the draws (MODEL.md sections 7 and 8).
extension MonteCarlo {
    // MARK: - Totals, cumulatives and the envelope

    static func summarise(_ projection: Projection, columns: Columns, draws: Int) -> RiskResult {
        let totals = DrawTotals(
            draws: draws, totals: columns.totals, selected: columns.selected,
            envelopeAmounts: columns.envelopeAmounts)
        let summary = summary(of: totals, scenario: projection.scenario)
        return RiskResult(
            projection: projection, draws: draws, cells: columns.cells, totals: summary.totals,
            cumulatives: summary.cumulatives, breachProbability: summary.breachProbability,
            breachYearMedian: summary.breachYearMedian,
            breachProbabilityByYear: summary.breachProbabilityByYear,
            drawTotals: totals)
    }

    /// The portfolio-wide figures of the draws (`summary_quantiles.csv`, `envelope_risk.csv`,
    /// `envelope_risk_by_year.csv`) from their totals.
    public static func summary(of drawTotals: DrawTotals, scenario: Scenario) -> (
        totals: [Quantiles], cumulatives: [Quantiles], breachProbability: Double?, breachYearMedian: Int?,
        breachProbabilityByYear: [Double]?
    ) {
        let draws = drawTotals.draws
        let years = scenario.horizon.count
        let items = RateMatrix.itemCount
        var yearTotals = [[Int64]](repeating: [Int64](repeating: 0, count: draws), count: years)
        drawTotals.totals.withUnsafeBufferPointer { all in
            for year in 0..<years {
                yearTotals[year].withUnsafeMutableBufferPointer { sums in
                    for item in 0..<items {
                        let column = all.baseAddress! + (year * items + item) * draws
                        for draw in 0..<draws { sums[draw] += column[draw] }
                    }
                }
            }
        }
        var running = [Int64](repeating: 0, count: draws)
        var totals: [Quantiles] = []
        var cumulatives: [Quantiles] = []
        var selection = Selection()
        for year in 0..<years {
            let values = yearTotals[year]
            values.withUnsafeBufferPointer { values in
                running.withUnsafeMutableBufferPointer { running in
                    for draw in 0..<draws { running[draw] += values[draw] }
                }
            }
            totals.append(Quantiles(selecting: values, selection: &selection))
            cumulatives.append(Quantiles(selecting: running, selection: &selection))
        }
        guard let envelope = Envelope(of: scenario) else { return (totals, cumulatives, nil, nil, nil) }
        var breachYears: [Double] = []
        var breachesByYear = [Int](repeating: 0, count: years)
        for draw in 0..<draws {
            let breach = envelope.firstBreach(amountCents: drawTotals.envelopeAmounts[draw]) { year in
                var cents: Int64 = 0
                for item in 0..<items { cents += drawTotals.selected[(year * items + item) * draws + draw] }
                return cents
            }
            if let year = breach {
                breachYears.append(Double(scenario.horizon.lowerBound + year))
                for later in year..<years { breachesByYear[later] += 1 }
            }
        }
        breachYears.sort()
        let median = breachYears.isEmpty ? nil : Int(Quantiles.type7(breachYears, 0.5).rounded(.down))
        return (
            totals, cumulatives, Double(breachYears.count) / Double(draws), median,
            breachesByYear.map { Double($0) / Double(draws) }
        )
    }
}
