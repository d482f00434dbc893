import GroundworkCore
import GroundworkIO
/// Means and type-7 quantiles (NumPy's default linear interpolation), in cents.
public struct Quantiles: Sendable, Equatable {
    public var mean: Int64
    public var p05: Int64
    public var p50: Int64
    public var p95: Int64

    public static let probabilities = [0.05, 0.5, 0.95]

    /// All four equal: a cell that no draw changes.
    public init(constant value: Int64) {
        mean = value
        p05 = value
        p50 = value
        p95 = value
    }

    public init(mean: Int64, p05: Int64, p50: Int64, p95: Int64) {
        self.mean = mean
        self.p05 = p05
        self.p50 = p50
        self.p95 = p95
    }

    /// Type-7 position of probability p among n sorted values: the lower index and the weight
    /// of the next one. h = (n - 1) p; the quantile is x[lo] + (h - lo)(x[lo + 1] - x[lo]).
    @inline(__always)
    static func position(_ probability: Double, count: Int) -> (lower: Int, weight: Double) {
        let h = Double(count - 1) * probability
        let lower = min(Int(h.rounded(.down)), count - 1)
        return (lower, h - Double(lower))
    }

    /// Interpolates two order statistics in cents and rounds to the cent, half away from zero.
    @inline(__always)
    static func interpolate(_ lower: Int64, _ upper: Int64, weight: Double) -> Int64 {
        if weight == 0 || lower == upper { return lower }
        return Money.cents((Double(lower) + weight * Double(upper - lower)) / 100)
    }

    /// The mean and quantiles of cents values, computed exactly (the mean rounded to the cent).
    /// Sorts `values` in place.
    public init(sorting values: inout [Int64]) {
        precondition(!values.isEmpty, "quantiles need at least one value")
        values.sort()
        var sum: Int128 = 0
        for value in values { sum += Int128(value) }
        let count = values.count
        func quantile(_ p: Double) -> Int64 {
            let (lower, weight) = Self.position(p, count: count)
            return Self.interpolate(values[lower], values[min(lower + 1, count - 1)], weight: weight)
        }
        self.init(
            mean: Self.roundedMean(sum, count: count), p05: quantile(0.05), p50: quantile(0.5),
            p95: quantile(0.95))
    }

    /// sum / count in whole cents, half away from zero, exactly.
    static func roundedMean(_ sum: Int128, count: Int) -> Int64 {
        let divisor = Int128(count)
        let (quotient, remainder) = sum.quotientAndRemainder(dividingBy: divisor)
        var result = quotient
        if 2 * remainder.magnitude >= divisor.magnitude { result += sum < 0 ? -1 : 1 }
        return Int64(result)
    }

    /// The type-7 quantile of plain numbers (for breach years). Sorts nothing: `sorted` must be
    /// in ascending order.
    public static func type7(_ sorted: [Double], _ probability: Double) -> Double {
        let (lower, weight) = position(probability, count: sorted.count)
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + weight * (sorted[upper] - sorted[lower])
    }
}
