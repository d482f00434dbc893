import Foundation
import GroundworkCore
import GroundworkIO

/// Draws that re-plan the rollout: an annual cap with an uncertain venue price.
extension MonteCarlo {
    // MARK: - Draws that re-plan the rollout

    /// Above this many (cell, draw) values a re-planning run would not fit in memory.
    static let replanLimit = 1 << 27

    /// An annual cap with an uncertain venue price: each draw re-plans its rollout, so its
    /// exposures differ and every draw is projected whole.
    static func replannedColumns(
        _ projection: Projection, portfolio: Portfolio, options: MonteCarloOptions
    ) throws(DiagnosticError) -> Columns {
        let plan = projection.plan
        let scenario = plan.scenario
        let draws = scenario.uncertainty!.draws
        let columnCount = projection.years * RateMatrix.itemCount
        let counties = plan.totals.counties.count
        let cellCount = counties * columnCount
        guard cellCount * draws <= replanLimit else {
            throw DiagnosticError(
                scenario.location(of: .draws),
                "an annual cap with an uncertain venue price re-plans every draw; \(counties) counties x \(columnCount) cells x \(draws) draws is too many: use fewer draws or counties"
            )
        }
        let values = SharedBuffer<Int64>(repeating: 0, count: cellCount * draws)
        let failed = SharedBuffer<Bool>(repeating: false, count: draws)
        let progress = ProgressCounter(total: draws + counties, report: options.progress)
        let amounts = forEachDraw(of: scenario, options: options, progress: progress) { draw, drawn in
            guard
                let drawnPlan =
                    (try? Plan(
                        scenario: drawn, portfolio: portfolio, totals: plan.portfolioTotals, actuals: nil))?
                    .restricted(to: plan.countyRange)
            else {
                failed[draw] = true
                return
            }
            let amountsMatrix = BLAS.multiply(
                Matrix(exposuresOf: drawnPlan), RateMatrix(scenario: drawn, plan: drawnPlan).matrix)
            var running = 0.0
            for cell in 0..<cellCount {
                let yuan = amountsMatrix.elements[cell]
                running += abs(yuan)
                guard Limits.allows(yuan: yuan), Limits.allows(yuan: running) else {
                    failed[draw] = true
                    break
                }
                values[cell * draws + draw] = Money.cents(yuan)
            }
        }
        if let draw = (0..<draws).first(where: { failed[$0] }) {
            throw DiagnosticError(
                scenario.location(of: .draws),
                "draw \(draw) of scenario `\(scenario.name)` could not be planned, or an amount or total in it reaches 10^13 yuan (draws are not clipped)"
            )
        }
        // Closed years hold the actuals in every draw (MODEL.md section 7).
        let years = projection.years
        let items = RateMatrix.itemCount
        for county in 0..<counties {
            for year in projection.closedYears {
                for item in 0..<items {
                    let cell = (county * years + year) * items + item
                    for draw in 0..<draws { values[cell * draws + draw] = projection.cells[cell] }
                }
            }
        }
        let cells = SharedBuffer<Quantiles>(repeating: Quantiles(constant: 0), count: cellCount)
        Parallel.forEach(counties, threads: options.threads) { county in
            var buffer = [Int64](repeating: 0, count: draws)
            var selection = Selection()
            for column in 0..<columnCount {
                let cell = county * columnCount + column
                for draw in 0..<draws { buffer[draw] = values[cell * draws + draw] }
                cells[cell] = Quantiles(selecting: buffer, selection: &selection)
            }
            progress.add(1)
        }
        var totals = [Int64](repeating: 0, count: columnCount * draws)
        var selected = [Int64](repeating: 0, count: columnCount * draws)
        let exposures = Matrix(exposuresOf: plan)
        let counts = LineItem.allCases.map { EnvelopeCount($0, projection: projection, exposures: exposures) }
        var parts = [Int64](repeating: 0, count: FundingLevel.allCases.count)
        for county in 0..<counties {
            for column in 0..<columnCount {
                let cell = county * columnCount + column
                let count = counts[column % items]
                for draw in 0..<draws {
                    let cents = values[cell * draws + draw]
                    totals[column * draws + draw] += cents
                    if count.kind != .none {
                        selected[column * draws + draw] += count.counted(cents, county: county, parts: &parts)
                    }
                }
            }
        }
        return Columns(cells: cells.array, totals: totals, selected: selected, envelopeAmounts: amounts.array)
    }
}
