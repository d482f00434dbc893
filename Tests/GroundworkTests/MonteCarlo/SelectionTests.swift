import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkEngine

/// The general Monte Carlo path selects order statistics instead of sorting (MODEL.md
/// section 7): the same quantiles and mean as sorting, for any values.
@Suite("MODEL 7 exact selection")
struct SelectionTests {
    /// A fixed xorshift generator, so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    private func check(_ values: [Int64], _ label: String) {
        var selection = Selection()
        var sorted = values
        let expected = Quantiles(sorting: &sorted)
        #expect(
            Quantiles(selecting: values, selection: &selection) == expected,
            "\(label): \(values.count) values")
        // The ends, the quartiles and the quantiles' ranks at once, descending, against the
        // sorted values.
        let n = values.count
        let ranks = Array(
            Set([0, n - 1, n / 4, n / 2, 3 * n / 4] + Quantiles.ranks(count: n)).sorted().reversed())
        let found = values.withUnsafeBufferPointer { buffer in
            selection.orderStatistics(buffer, ranks: ranks, minimum: values.min()!, maximum: values.max()!)
        }
        #expect(found == ranks.map { sorted[$0] }, "\(label): ranks \(ranks)")
    }

    @Test("one, two and three values: the worked type-7 quantiles")
    func tiny() {
        var selection = Selection()
        #expect(Quantiles(selecting: [700], selection: &selection) == Quantiles(constant: 700))
        // Two values 100 and 300: h = 0.05, 0.5, 0.95 give 110, 200, 290; the mean is 200.
        #expect(
            Quantiles(selecting: [300, 100], selection: &selection)
                == Quantiles(mean: 200, p05: 110, p50: 200, p95: 290))
        // Three values 1, 2, 10 (cents): h = 0.1, 1, 1.9 give 1.1 -> 1, 2, 9.2 -> 9; the mean
        // 13 / 3 = 4.33 -> 4.
        #expect(
            Quantiles(selecting: [10, 1, 2], selection: &selection)
                == Quantiles(mean: 4, p05: 1, p50: 2, p95: 9))
        check([5], "one")
        check([-3, 8], "two")
        check([8, 8, -8], "three")
    }

    @Test("random values of every size, spread, sign and number of ties equal a sort")
    func randomAgainstSorting() {
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
        let sizes = [1, 2, 3, 4, 7, 20, 301, 1023, 1024, 1025, 4097, 10_000, 25_001]
        // Spreads: all equal, a few cents, tens of yuan, large amounts, nearly the limit.
        let spreads: [Int64] = [0, 3, 5_000, 1_000_000_000, 999_999_999_999_999]
        for size in sizes {
            for spread in spreads {
                let centre = Int64.random(in: -1_000_000...1_000_000_000_000, using: &generator)
                let values = (0..<size).map { _ in
                    centre + (spread == 0 ? 0 : Int64.random(in: -spread...spread, using: &generator))
                }
                check(values, "size \(size), spread \(spread)")
            }
        }
    }

    @Test("values piled on a few cents among far outliers: buckets selected again")
    func concentrated() {
        var generator = Generator(state: 42)
        // 20,000 values on 5 neighbouring cents, and two outliers 10^14 cents away on each
        // side: every bucket of the first pass holds either almost all values or none.
        var values = (0..<20_000).map { _ in Int64.random(in: 1_000...1_004, using: &generator) }
        values.append(-100_000_000_000_000)
        values.append(100_000_000_000_000)
        check(values, "concentrated")
        // Half the values one cent, half the next, and one far above.
        var split = [Int64](repeating: 7, count: 5_000) + [Int64](repeating: 8, count: 5_000)
        split.append(Int64(1) << 50)
        split.shuffle(using: &generator)
        check(split, "two cents")
        // The extremes of Int64 far apart.
        check([Int64.min + 1, 0, Int64.max / 2, -5, 5], "extremes")
    }

    @Test("the inlined rounding gives Money.cents' cents for every kind of amount")
    func roundedCents() {
        var generator = Generator(state: 7)
        var amounts: [Double] = [
            0, -0.0, 0.005, -0.005, 0.004_999_999_999, 0.015, 1.005, 2.675, -2.675, 123_456.785,
            9_999_999_999_999.99, -9_999_999_999_999.99, 1e15, 4.5e15, 1e16, -1e16, 1e17,
            .infinity, -.infinity, .nan, 0.494_999_999, 0.495, Double.ulpOfOne, 5e-324,
        ]
        for _ in 0..<100_000 {
            let magnitude = pow(10, Double.random(in: -3...13, using: &generator))
            amounts.append(Double.random(in: -magnitude...magnitude, using: &generator))
            // Exactly on half a cent, and an ulp either side.
            let half =
                (Double(Int64.random(in: -1_000_000_000...1_000_000_000, using: &generator)) + 0.5) / 100
            amounts += [half, half.nextUp, half.nextDown]
        }
        for yuan in amounts {
            #expect(MonteCarlo.roundedCents(yuan) == Money.cents(yuan), "\(yuan)")
        }
    }

    @Test("the radix order of the draws is the comparison sort's: ties in draw order, -0 as +0")
    func radixOrder() {
        var generator = Generator(state: 99)
        let cases: [[Double]] = [
            [2, 1], [0.0, -0.0, 0.0, -1, 1], [5, 5, 5], [-3.5, 1e300, -1e-300, 0, 7, 7, -3.5],
            (0..<10_000).map { _ in Double.random(in: -1e9...1e9, using: &generator) },
            (0..<4_001).map { _ in Double(Int.random(in: 0...9, using: &generator)) * 1e6 },
            (0..<3_000).map { _ in Double.random(in: 1_000...1_001, using: &generator) },
        ]
        for keys in cases {
            let expected = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            #expect(MonteCarlo.radixOrder(keys) == expected, "\(keys.count) keys")
            #expect(MonteCarlo.sortedOrder(keys, reusing: []) == expected)
        }
        #expect(MonteCarlo.radixOrder([1, .nan]) == nil)
    }
}
