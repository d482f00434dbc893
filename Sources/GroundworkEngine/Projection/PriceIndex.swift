import Foundation
import GroundworkCore
import GroundworkIO

/// Constant prices and present value (MODEL.md section 4.6): the deflator D and the discount
/// factor V of each horizon year, and the year's total in base-year yuan and at present value.
///
/// D(base) = 1, D(y) = D(y-1) x (1 + inflation(y)) after the base year and D(y) = D(y+1) /
/// (1 + inflation(y+1)) before it; V likewise with the discount rate, inverted. With T the
/// year's total in cents, `total_real` = round(T / D) and `total_pv` = round(T x V), half away
/// from zero to the cent, computed from D and V exactly, not from their six-decimal values:
/// each is T times or divided by a product of the factors (1 + rate) as written, in decimal
/// arithmetic of 38 digits, which is exact for every result that can lie on a half cent.
public struct PriceIndex: Sendable {
    public struct Row: Sendable, Equatable {
        /// D and V rounded half away from zero to at most six decimals, as written.
        public var deflatorText: String
        public var discountFactorText: String
        public var real: Int64
        public var presentValue: Int64
        public var cumulativeReal: Int64
        public var cumulativePresentValue: Int64
    }

    public let rows: [Row]

    /// The products of (1 + rate) from the base year to each horizon year, on the side where
    /// they apply: what the totals are divided or multiplied by. They depend on the prices
    /// only, so a sweep computes them once per price combination.
    public struct Factors: Sendable {
        /// Per horizon year: the inflation and discount products, and whether the year is on
        /// or after the base year (T / product) or before it (T x product).
        let inflation: [Decimal]
        let discount: [Decimal]
        let afterBase: [Bool]

        public init(_ prices: PriceParameters, horizon: ClosedRange<Int>) {
            func factor(_ rate: ExactDecimal) -> Decimal {
                Decimal(string: (ExactDecimal.one + rate).description)!
            }
            let base = prices.baseYear
            var inflation: [Decimal] = []
            var discount: [Decimal] = []
            // Products grow away from the base year in both directions, one factor a year.
            var forwardInflation = Decimal(1)
            var forwardDiscount = Decimal(1)
            if horizon.lowerBound > base {
                for k in (base + 1)..<horizon.lowerBound {
                    forwardInflation *= factor(prices.inflation(k))
                    forwardDiscount *= factor(prices.discountRate(k))
                }
            }
            for year in horizon where year >= base {
                if year > base {
                    forwardInflation *= factor(prices.inflation(year))
                    forwardDiscount *= factor(prices.discountRate(year))
                }
                inflation.append(forwardInflation)
                discount.append(forwardDiscount)
            }
            // Years before the base: the product of the factors from the year after to the base.
            var before: [(Decimal, Decimal)] = []
            var backwardInflation = Decimal(1)
            var backwardDiscount = Decimal(1)
            let lastBefore = min(horizon.upperBound, base - 1)
            if lastBefore >= horizon.lowerBound {
                if lastBefore < base - 1 {
                    for k in (lastBefore + 2)...base {
                        backwardInflation *= factor(prices.inflation(k))
                        backwardDiscount *= factor(prices.discountRate(k))
                    }
                }
                for year in stride(from: lastBefore, through: horizon.lowerBound, by: -1) {
                    backwardInflation *= factor(prices.inflation(year + 1))
                    backwardDiscount *= factor(prices.discountRate(year + 1))
                    before.append((backwardInflation, backwardDiscount))
                }
            }
            self.inflation = before.reversed().map(\.0) + inflation
            self.discount = before.reversed().map(\.1) + discount
            afterBase = horizon.map { $0 >= base }
        }

        /// The year's total in base-year prices and at present value, in cents.
        func real(_ total: Int64, year index: Int) -> (real: Int64, present: Int64) {
            let total = Decimal(total)
            let real = afterBase[index] ? total / inflation[index] : total * inflation[index]
            let present = afterBase[index] ? total / discount[index] : total * discount[index]
            return (PriceIndex.roundedInteger(real), PriceIndex.roundedInteger(present))
        }

        /// D and V of a year.
        func deflator(year index: Int) -> (deflator: Decimal, discountFactor: Decimal) {
            afterBase[index]
                ? (inflation[index], 1 / discount[index]) : (1 / inflation[index], discount[index])
        }

        /// The last `cumulative_real` and `cumulative_pv` of these totals.
        public func cumulatives(_ yearTotals: [Int64]) -> (real: Int64, present: Int64) {
            var real: Int64 = 0
            var present: Int64 = 0
            for (index, total) in yearTotals.enumerated() {
                let year = self.real(total, year: index)
                real += year.real
                present += year.present
            }
            return (real, present)
        }
    }

    /// - Throws: when a real or present-value total or cumulative reaches 10^13 yuan.
    public init(_ prices: PriceParameters, horizon: ClosedRange<Int>, yearTotals: [Int64], scenario: Scenario)
        throws(DiagnosticError)
    {
        let factors = Factors(prices, horizon: horizon)
        var rows: [Row] = []
        var runningReal: Int64 = 0
        var runningPresent: Int64 = 0
        for (index, year) in horizon.enumerated() {
            let (realCents, presentCents) = factors.real(yearTotals[index], year: index)
            let (deflator, discountFactor) = factors.deflator(year: index)
            runningReal += realCents
            runningPresent += presentCents
            for (what, cents) in [
                ("total_real", realCents), ("total_pv", presentCents), ("cumulative_real", runningReal),
                ("cumulative_pv", runningPresent),
            ] where !Limits.allows(cents: cents) {
                throw Limits.exceeded(
                    "\(what) of prices.csv in \(year)", scenario: scenario.name,
                    at: scenario.location(of: .inflation))
            }
            rows.append(
                Row(
                    deflatorText: Self.sixDecimals(deflator),
                    discountFactorText: Self.sixDecimals(discountFactor),
                    real: realCents, presentValue: presentCents, cumulativeReal: runningReal,
                    cumulativePresentValue: runningPresent))
        }
        self.rows = rows
    }

    /// Rounds half away from zero to an integer; beyond Int64 it saturates (the limit check
    /// then reports it).
    static func roundedInteger(_ value: Decimal) -> Int64 {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 0, .plain)
        let limit = Decimal(Int64.max)
        if result > limit { return Int64.max }
        if result < -limit { return -Int64.max }
        return NSDecimalNumber(decimal: result).int64Value
    }

    /// At most six decimals, half away from zero, trailing zeros and point removed, never `-0`.
    static func sixDecimals(_ value: Decimal) -> String {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 6, .plain)
        if result.isZero { return "0" }
        var text = NSDecimalNumber(decimal: result).stringValue
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
