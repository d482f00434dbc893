import Foundation
import GroundworkCore
import GroundworkIO

/// The banded path: exact order statistics of nearly proportional columns.
extension MonteCarlo {
    /// A column whose rate rows are nearly proportional to its portfolio-wide amount (pay
    /// rows of several roles, each rounded on its own, times a common payout, say).
    ///
    /// Write each row as w_r = beta_r x key + e_r, with |e_r| <= E_r over the draws. A county
    /// with exposures h >= 0 then has value_d = lambda x key_d + (its part of e), lambda =
    /// sum h_r beta_r, within e = sum h_r E_r of lambda x key_d. So its t-th smallest value lies
    /// within e of lambda x key_(t), and only draws whose lambda x key lies within 2e of that can
    /// be it: those are computed exactly and the t-th found among them, after counting the draws
    /// surely below. Exact, and cheap while the band holds few draws. Returns false (nothing
    /// written) when the band is too wide for some county: of `wholeExposures` when given (a
    /// shard's block then takes this path exactly when the whole portfolio does), else of
    /// `exposures`. The totals, the exact totals rounded once, are written when `carriesTotals`
    /// and are 0 otherwise.
    static func projectBanded(
        _ column: Int, rates: UnsafeMutableBufferPointer<Double>, width: Int, draws: Int, exposures: Matrix,
        wholeExposures: Matrix? = nil, keys: [Double], order: [Int], columnCount: Int,
        cells: SharedBuffer<Quantiles>, totals: UnsafeMutableBufferPointer<Int64>, carriesTotals: Bool = true
    ) -> Bool {
        let sortedKeys = order.map { keys[$0] }
        var keySquares = 0.0
        for key in keys { keySquares += key * key }
        guard keySquares > 0, sortedKeys.first! >= 0 else { return false }
        var betas = [Double](repeating: 0, count: width)
        var bounds = [Double](repeating: 0, count: width)
        var means = [Double](repeating: 0, count: width)
        for row in 0..<width {
            var product = 0.0
            var sum = 0.0
            for draw in 0..<draws {
                product += rates[row * draws + draw] * keys[draw]
                sum += rates[row * draws + draw]
            }
            let beta = product / keySquares
            var bound = 0.0
            for draw in 0..<draws { bound = max(bound, abs(rates[row * draws + draw] - beta * keys[draw])) }
            betas[row] = beta
            bounds[row] = bound
            means[row] = sum / Double(draws)
        }
        let limit = max(64, draws / 16)
        let positions = Quantiles.probabilities.map { Quantiles.position($0, count: draws) }
        /// A county's lambda, its spread (the band's half-width in yuan) and its mean.
        func band(_ matrix: Matrix, _ county: Int) -> (lambda: Double, spread: Double, mean: Double) {
            var lambda = 0.0
            var spread = 0.0
            var mean = 0.0
            for row in 0..<width {
                let exposure = matrix[county, row]
                lambda += exposure * betas[row]
                spread += exposure * bounds[row]
                mean += exposure * means[row]
            }
            // Room for rounding in the sums above, far below a cent.
            spread = spread * (1 + 1e-9) + 1e-9 * lambda * max(abs(sortedKeys.last!), 1)
            return (lambda, spread, mean)
        }
        /// The candidate draws (positions in `order`) of the t-th smallest value, or nil when
        /// the band holds too many.
        func candidates(_ t: Int, lambda: Double, spread: Double) -> Range<Int>? {
            let centre = sortedKeys[t]
            let low = lowerBound(sortedKeys, centre - 2 * spread / lambda)
            let high = upperBound(sortedKeys, centre + 2 * spread / lambda)
            return high - low <= limit ? low..<high : nil
        }
        func neededStatistics(_ position: (lower: Int, weight: Double)) -> [Int] {
            position.weight == 0 ? [position.lower] : [position.lower, min(position.lower + 1, draws - 1)]
        }
        if let wholeExposures {
            for county in 0..<wholeExposures.rows {
                let (lambda, spread, _) = band(wholeExposures, county)
                guard lambda > 0 else { return false }
                for position in positions {
                    for t in neededStatistics(position) {
                        guard candidates(t, lambda: lambda, spread: spread) != nil else { return false }
                    }
                }
            }
        }
        let counties = exposures.rows
        var results: [Quantiles] = []
        results.reserveCapacity(counties)
        var values: [Double] = []
        for county in 0..<counties {
            let (lambda, spread, mean) = band(exposures, county)
            guard lambda > 0 else { return false }
            func value(_ draw: Int) -> Double {
                var yuan = 0.0
                for row in 0..<width { yuan += exposures[county, row] * rates[row * draws + draw] }
                return yuan
            }
            /// The t-th smallest value (0-based) over all draws.
            func orderStatistic(_ t: Int) -> Double? {
                guard let range = candidates(t, lambda: lambda, spread: spread) else { return nil }
                values.removeAll(keepingCapacity: true)
                for position in range { values.append(value(order[position])) }
                values.sort()
                return values[t - range.lowerBound]
            }
            var cents: [Int64] = []
            for position in positions {
                let needed = neededStatistics(position)
                guard let lower = orderStatistic(needed[0]) else { return false }
                let upper = needed.count == 1 ? lower : orderStatistic(needed[1])
                guard let upper else { return false }
                cents.append(
                    Quantiles.interpolate(Money.cents(lower), Money.cents(upper), weight: position.weight))
            }
            results.append(Quantiles(mean: Money.cents(mean), p05: cents[0], p50: cents[1], p95: cents[2]))
        }
        for county in 0..<counties { cells[county * columnCount + column] = results[county] }
        for draw in 0..<draws { totals[draw] = carriesTotals ? Money.cents(keys[draw]) : 0 }
        return true
    }
}
