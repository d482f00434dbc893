import Foundation
import GroundworkCore
import GroundworkIO

/// Totals, cumulatives and the envelope over the draws (MODEL.md sections 7 and 8).
extension MonteCarlo {
    // MARK: - Totals, cumulatives and the envelope

    static func summarise(_ projection: Projection, columns: Columns, draws: Int) -> RiskResult {
        let scenario = projection.scenario
        let years = projection.years
        let items = RateMatrix.itemCount
        var yearTotals = [[Int64]](repeating: [Int64](repeating: 0, count: draws), count: years)
        for year in 0..<years {
            for item in 0..<items {
                let base = (year * items + item) * draws
                for draw in 0..<draws { yearTotals[year][draw] += columns.totals[base + draw] }
            }
        }
        var running = [Int64](repeating: 0, count: draws)
        var totals: [Quantiles] = []
        var cumulatives: [Quantiles] = []
        for year in 0..<years {
            var values = yearTotals[year]
            for draw in 0..<draws { running[draw] += values[draw] }
            totals.append(Quantiles(sorting: &values))
            var cumulative = running
            cumulatives.append(Quantiles(sorting: &cumulative))
        }

        guard let envelope = Envelope(of: scenario) else {
            return RiskResult(
                projection: projection, draws: draws, cells: columns.cells, totals: totals,
                cumulatives: cumulatives,
                breachProbability: nil, breachYearMedian: nil, breachProbabilityByYear: nil)
        }
        var breachYears: [Double] = []
        var breachesByYear = [Int](repeating: 0, count: years)
        for draw in 0..<draws {
            let breach = envelope.firstBreach(amountCents: columns.envelopeAmounts[draw]) { year in
                var cents: Int64 = 0
                for item in 0..<items { cents += columns.selected[(year * items + item) * draws + draw] }
                return cents
            }
            if let year = breach {
                breachYears.append(Double(scenario.horizon.lowerBound + year))
                for later in year..<years { breachesByYear[later] += 1 }
            }
        }
        breachYears.sort()
        let median = breachYears.isEmpty ? nil : Int(Quantiles.type7(breachYears, 0.5).rounded(.down))
        return RiskResult(
            projection: projection, draws: draws, cells: columns.cells, totals: totals,
            cumulatives: cumulatives,
            breachProbability: Double(breachYears.count) / Double(draws), breachYearMedian: median,
            breachProbabilityByYear: breachesByYear.map { Double($0) / Double(draws) })
    }
}
