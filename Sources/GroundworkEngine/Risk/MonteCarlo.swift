import Foundation
import GroundworkCore
import GroundworkIO

/// Monte Carlo uncertainty (MODEL.md section 7): draws are columns of the rate matrices.
///
/// What no uncertain parameter touches is computed once: the venue allocation and the county
/// exposures. Each draw contributes its own rate columns (its own venue prices and pay
/// windows, rounded as in 4.3). Then, column by column (a year and an item):
/// - a column no draw changes keeps the deterministic cents;
/// - a column whose rates rise together along one ordering of the draws (co-monotone, as when
///   one uncertain value drives them) gives every county a cell that is non-decreasing in that
///   order, since exposures are non-negative and rounding is monotone: the order is sorted
///   once and each quantile is read at its type-7 positions, two draws per quantile;
/// - any other column is projected for all draws by one BLAS product per block of counties,
///   each cell rounded to the cent, and its quantiles taken exactly.
/// Only when an annual cap meets an uncertain venue price does a draw re-plan its rollout.
public enum MonteCarlo {
    public static func run(
        _ projection: Projection, portfolio: Portfolio, options: MonteCarloOptions = MonteCarloOptions()
    ) throws(DiagnosticError) -> RiskResult {
        let scenario = projection.scenario
        guard let uncertainty = scenario.uncertainty else {
            preconditionFailure("MonteCarlo.run needs a scenario with `uncertainty`")
        }
        BLAS.setThreads(1)
        let replans =
            scenario.venues.annualCap != nil
            && uncertainty.parameters.contains { Parameter.venuePrice.contains($0.parameter) }
        let columns =
            replans
            ? try replannedColumns(projection, portfolio: portfolio, options: options)
            : try fixedPlanColumns(projection, options: options)
        return summarise(projection, columns: columns, draws: uncertainty.draws)
    }

    /// Per-cell quantiles, per-column totals by draw, and each draw's envelope amount.
    struct Columns {
        var cells: [Quantiles]
        /// Cents per (column, draw): the column's total over counties in each draw.
        var totals: [Int64]
        /// Cents per (column, draw) that the envelope counts: its items' parts paid by its levels.
        var selected: [Int64]
        var envelopeAmounts: [Int64]
    }

    /// MODEL.md section 6's limit in every draw: no amount, total or cumulative may reach
    /// 10^13 yuan. Exposures are non-negative, so a column's amounts in a draw are bounded by
    /// sum_r S_r |w_r|, and a draw's cumulative by the sum of those bounds (equal to them when
    /// no amount is negative). Draws are not clipped, so a wide distribution can get there.
    static func checkLimits(
        rates: SharedBuffer<Double>, offsets: [Int], sums: [[Double]], items: Int, columnCount: Int,
        draws: Int,
        scenario: Scenario
    ) throws(DiagnosticError) {
        var running = [Double](repeating: 0, count: draws)
        var bounds = [Double](repeating: 0, count: draws)
        let all = rates.slice(0..<rates.count)
        for column in 0..<columnCount {
            let item = column % items
            let width = sums[item].count
            // Row by row over all draws: each draw's bound adds its rows in the same order.
            bounds.withUnsafeMutableBufferPointer { bounds in
                for draw in 0..<draws { bounds[draw] = 0 }
                for row in 0..<width {
                    let sum = sums[item][row]
                    let rowRates = all.baseAddress! + offsets[column] + row * draws
                    for draw in 0..<draws { bounds[draw] += sum * abs(rowRates[draw]) }
                }
            }
            for draw in 0..<draws {
                let bound = bounds[draw]
                running[draw] += bound
                guard Limits.allows(yuan: bound), Limits.allows(yuan: running[draw]) else {
                    let year = scenario.horizon.lowerBound + column / items
                    throw DiagnosticError(
                        scenario.location(of: .draws),
                        "scenario `\(scenario.name)`: in draw \(draw), \(LineItem(rawValue: item)!.key) or the cumulative total in \(year) reaches 10^13 yuan, beyond what Groundwork can write; the uncertain parameters' distributions reach absurd values (draws are not clipped)"
                    )
                }
            }
        }
    }

    /// The exposure columns whose rates an item can use (MODEL.md section 4).
    static func rows(for item: LineItem, years: Int) -> [Int] {
        let heads =
            Role.allCases.map(ExposureColumn.writtenHeads)
            + Role.allCases.map(ExposureColumn.blankHeadVillages)
        switch item {
        case .venueConstruction, .venueUpkeep:
            return (0..<years).map { ExposureColumn.completions(yearIndex: $0) }
        case .operatingFunds: return [ExposureColumn.villages]
        case .cadrePayBasic, .cadrePayPerformance: return heads
        case .pensionTopUp: return [ExposureColumn.villages] + heads
        }
    }

    /// Calls `body` with each draw's index and its scenario (`Scenario.drawn`), in blocks of
    /// `options.drawBlock` draws on `options.threads` threads; `body` writes only that draw's
    /// places. A block copies the scenario once and lets each draw replace the uncertain
    /// parameters in it (`Scenario.takeDraw`). - Returns: each draw's envelope amount in cents (the written one when it is
    /// not uncertain, 0 without an envelope).
    static func forEachDraw(
        of scenario: Scenario, options: MonteCarloOptions, progress: ProgressCounter,
        _ body: @escaping @Sendable (Int, Scenario) -> Void
    ) -> SharedBuffer<Int64> {
        let draws = scenario.uncertainty!.draws
        let amounts = SharedBuffer<Int64>(repeating: scenario.envelope?.amountCents ?? 0, count: draws)
        let slots = DrawSlots(scenario.uncertainty!, streams: scenario.randomStreams)
        let blocks = (draws + options.drawBlock - 1) / options.drawBlock
        Parallel.forEach(blocks, threads: options.threads) { block in
            let range = (block * options.drawBlock)..<min(draws, (block + 1) * options.drawBlock)
            var drawn = scenario
            for draw in range {
                drawn.takeDraw(draw, slots: slots)
                body(draw, drawn)
                if let envelope = drawn.envelope { amounts[draw] = envelope.amountCents }
            }
            progress.add(range.count)
        }
        return amounts
    }
}
