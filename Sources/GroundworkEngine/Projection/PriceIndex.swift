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

    /// - Throws: when a real or present-value total or cumulative reaches 10^13 yuan.
    public init(_ prices: PriceParameters, horizon: ClosedRange<Int>, yearTotals: [Int64], scenario: Scenario)
        throws(DiagnosticError)
    {
        let base = prices.baseYear
        func factor(_ rate: ExactDecimal) -> Decimal {
            Decimal(string: (ExactDecimal.one + rate).description)!
        }
        // Products of (1 + rate) from the base year to each year, on the side where they apply.
        var rows: [Row] = []
        var runningReal: Int64 = 0
        var runningPresent: Int64 = 0
        for (index, year) in horizon.enumerated() {
            var inflation = Decimal(1)
            var discount = Decimal(1)
            if year > base {
                for k in (base + 1)...year {
                    inflation *= factor(prices.inflation(k))
                    discount *= factor(prices.discountRate(k))
                }
            } else if year < base {
                for k in (year + 1)...base {
                    inflation *= factor(prices.inflation(k))
                    discount *= factor(prices.discountRate(k))
                }
            }
            // After the base year D is the product and V its inverse; before it the reverse.
            let deflator = year >= base ? inflation : 1 / inflation
            let discountFactor = year >= base ? 1 / discount : discount
            let total = Decimal(yearTotals[index])
            let real = year >= base ? total / inflation : total * inflation
            let present = year >= base ? total / discount : total * discount
            let realCents = Self.roundedInteger(real)
            let presentCents = Self.roundedInteger(present)
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
