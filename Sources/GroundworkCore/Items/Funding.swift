/// Who pays an item and in what shares (MODEL.md section 4): a level that pays all, or a
/// *share map* of levels whose shares, as the decimals written, sum to exactly 1.
///
/// Shares are held exactly, as integers over a common power of ten, so that the split of a
/// cell is done on integers: `floor(C x s_l)` cents to each level with a non-zero share, and
/// the cents left over one each to the largest remainders, ties to the level nearer `central`.
public struct Funding: Sendable, Hashable, CustomStringConvertible {
    /// Per level (by `rawValue`), the share's numerator over `10^scale`; 0 for a level that is
    /// not written or written with share 0.
    public let numerators: [Int64]
    /// Digits after the point of the shares' common denominator.
    public let scale: Int
    /// The levels as written, in the order written, with their shares; one entry without a
    /// share when the payer was written as a level name.
    public let written: [(level: FundingLevel, share: ExactDecimal?)]

    /// The levels with a non-zero share, top to bottom: those that get rows in `forecast.csv`.
    public let payingLevels: [FundingLevel]
    /// `payingLevels.count`.
    public let payingCount: Int
    /// The split as plain values (FundingLevel has four cases).
    public let rule: Rule

    /// A level that pays all.
    public static func single(_ level: FundingLevel) -> Funding {
        var numerators = [Int64](repeating: 0, count: FundingLevel.allCases.count)
        numerators[level.rawValue] = 1
        return Funding(numerators: numerators, scale: 0, written: [(level, nil)])
    }

    /// The most digits after the point a share may have: its product with any cell stays
    /// within 128 bits.
    public static let maximumScale = 18

    /// A share map; nil unless the shares lie in [0, 1], have at most `maximumScale` decimals
    /// and sum to exactly 1 (the decoder reports which).
    public init?(shares: [(level: FundingLevel, share: ExactDecimal)]) {
        let scale = shares.map(\.share.scale).max() ?? 0
        guard scale <= Self.maximumScale, !shares.isEmpty else { return nil }
        var numerators = [Int64](repeating: 0, count: FundingLevel.allCases.count)
        var sum: Int128 = 0
        var denominator: Int128 = 1
        for _ in 0..<scale { denominator *= 10 }
        for (level, share) in shares {
            guard let numerator = share.significand(atScale: scale), numerator >= 0, numerator <= denominator,
                numerators[level.rawValue] == 0
            else { return nil }
            numerators[level.rawValue] = Int64(numerator)
            sum += numerator
        }
        guard sum == denominator else { return nil }
        self.init(numerators: numerators, scale: scale, written: shares.map { ($0.level, $0.share) })
    }

    private init(numerators: [Int64], scale: Int, written: [(level: FundingLevel, share: ExactDecimal?)]) {
        self.numerators = numerators
        self.scale = scale
        self.written = written
        payingLevels = FundingLevel.allCases.filter { numerators[$0.rawValue] > 0 }
        payingCount = payingLevels.count
        var denominator: UInt64 = 1
        for _ in 0..<scale { denominator *= 10 }
        var paying = SIMD4<UInt64>()
        var levels = SIMD4<Int>()
        for (index, level) in payingLevels.enumerated() {
            paying[index] = UInt64(numerators[level.rawValue])
            levels[index] = level.rawValue
        }
        rule = Rule(count: payingCount, levels: levels, numerators: paying, denominator: denominator)
    }

    /// The one level that pays all, if there is one.
    public var soleLevel: FundingLevel? { payingLevels.count == 1 ? payingLevels[0] : nil }

    /// The share of `level` as a double (for linear sums over draws, not for the split).
    public func share(of level: FundingLevel) -> Double {
        var denominator = 1.0
        for _ in 0..<scale { denominator *= 10 }
        return Double(numerators[level.rawValue]) / denominator
    }

    /// The parts of `cents` for `payingLevels`, in that order: they sum to `cents`, each is
    /// within one cent of `cents x share`. A negative cell is the negated split of its negation.
    /// Complexity: O(levels): one 64 x 64-bit product and one 128 / 64-bit division per level.
    public func split(_ cents: Int64) -> [Int64] {
        var parts = [Int64](repeating: 0, count: payingLevels.count)
        split(cents, into: &parts)
        return parts
    }

    /// `split(_:)` into a buffer of `payingLevels.count` parts, without allocating.
    @inline(__always)
    public func split(_ cents: Int64, into parts: inout [Int64]) {
        if payingCount == 1 {
            parts[0] = cents
            return
        }
        let split = self.parts(cents)
        for index in 0..<payingCount { parts[index] = split[index] }
    }

    /// The parts of `cents` for `payingLevels`, in that order, in the first `payingLevels.count`
    /// lanes (the others 0): `split(_:)` without an array, for the loops over every cell.
    @inline(__always)
    public func parts(_ cents: Int64) -> SIMD4<Int64> { rule.parts(cents) }

    /// The split of `Funding` as plain values (no arrays, so copying it costs no reference
    /// counting): for loops over every cell, one per funding.
    public struct Rule: Sendable {
        /// How many levels pay (`payingLevels.count`), and their `rawValue`s in that order.
        public let count: Int
        public let levels: SIMD4<Int>
        /// The numerators of those levels, over `denominator` = 10^scale.
        let numerators: SIMD4<UInt64>
        let denominator: UInt64

        /// `Funding.parts(_:)`. Each share's product with the cell's magnitude is at most
        /// 64 x 64 bits, and dividing it by 10^scale is one 128-by-64-bit division, exact
        /// because the product is below 2^64 x denominator (a share is at most 1).
        @inline(__always)
        public func parts(_ cents: Int64) -> SIMD4<Int64> {
            if count == 1 { return SIMD4(cents, 0, 0, 0) }
            let magnitude = cents.magnitude
            var parts = SIMD4<UInt64>()
            var remainders = SIMD4<UInt64>()
            var given: UInt64 = 0
            for index in 0..<count {
                let product = magnitude.multipliedFullWidth(by: numerators[index])
                let (quotient, remainder) = denominator.dividingFullWidth(product)
                parts[index] = quotient
                remainders[index] = remainder
                given &+= quotient
            }
            // One cent each to the largest remainders; a tie goes to the level nearer central,
            // which comes first here.
            var left = magnitude &- given
            var taken = SIMD4<UInt64>()
            while left > 0 {
                var best = -1
                for index in 0..<count where taken[index] == 0 {
                    if best < 0 || remainders[index] > remainders[best] { best = index }
                }
                parts[best] &+= 1
                taken[best] = 1
                left -= 1
            }
            var signed = SIMD4<Int64>()
            for index in 0..<count {
                signed[index] =
                    cents < 0 ? Int64(bitPattern: 0 &- parts[index]) : Int64(bitPattern: parts[index])
            }
            return signed
        }
    }

    /// `city`, or `{province: 0.4, city: 0.35, county: 0.25}` as written.
    public var description: String {
        if written.count == 1, written[0].share == nil { return written[0].level.key }
        return "{" + written.map { "\($0.level.key): \($0.share!)" }.joined(separator: ", ") + "}"
    }

    public static func == (lhs: Funding, rhs: Funding) -> Bool {
        lhs.numerators == rhs.numerators && lhs.scale == rhs.scale
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numerators)
        hasher.combine(scale)
    }
}
