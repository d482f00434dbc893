import Foundation

/// A linear axis range with "nice" ticks: steps of 1, 2 or 5 times a power of ten, the range
/// widened to whole steps.
public struct NiceScale: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let step: Double

    /// - Parameters:
    ///   - minimum, maximum: the data's range (`minimum <= maximum`).
    ///   - targetTicks: about how many intervals to aim for.
    ///   - includeZero: widen the range to take in 0 (for bars).
    public init(minimum: Double, maximum: Double, targetTicks: Int = 5, includeZero: Bool = true) {
        var low = min(minimum, maximum)
        var high = max(minimum, maximum)
        if includeZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high - low <= 0 {
            // One value: a range around it (or 0..1 for zero).
            let pad = high == 0 ? 1 : abs(high) * 0.1
            if includeZero && high == 0 {
                high = 1
            } else {
                low -= pad
                high += pad
                if includeZero { low = min(low, 0); high = max(high, 0) }
            }
        }
        let step = Self.niceStep((high - low) / Double(max(1, targetTicks)))
        self.step = step
        // Whole steps around the data; a bound within 1e-9 step of a tick is on it.
        self.lower = (low / step + 1e-9).rounded(.down) * step
        self.upper = (high / step - 1e-9).rounded(.up) * step
    }

    /// The smallest of 1, 2, 5, 10 times a power of ten that is at least `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        for nice in [1.0, 2, 5, 10] where fraction <= nice * (1 + 1e-9) {
            return nice * magnitude
        }
        return 10 * magnitude
    }

    /// The tick values from `lower` to `upper`, each a whole multiple of `step`.
    public var ticks: [Double] {
        let first = Int((lower / step).rounded())
        let last = Int((upper / step).rounded())
        return (first...last).map { Double($0) * step }
    }

    /// Decimals that show every tick exactly.
    public var decimals: Int { max(0, -Int((log10(step) + 1e-9).rounded(.down))) }

    /// A tick's label: grouped thousands, `decimals` places, never "-0".
    public func label(_ value: Double) -> String {
        SVG.number(value, decimals: decimals)
    }
}
