import Foundation
import GroundworkCore
import GroundworkIO

/// The order of the draws by a column's portfolio-wide amount, reused from column to column.
extension MonteCarlo {
    /// The draws in ascending order of `keys`, equal keys in draw order: the same order
    /// however it is found. `candidate` (the previous column's) is checked in O(draws) and
    /// used when it sorts these keys too; otherwise the keys are sorted.
    static func sortedOrder(_ keys: [Double], reusing candidate: [Int]) -> [Int] {
        if candidate.count == keys.count, !candidate.isEmpty {
            var holds = true
            for position in 1..<candidate.count {
                let (before, after) = (candidate[position - 1], candidate[position])
                if keys[before] > keys[after] || (keys[before] == keys[after] && before > after) {
                    holds = false
                    break
                }
            }
            if holds { return candidate }
        }
        if let order = radixOrder(keys) { return order }
        var pairs = keys.enumerated().map { KeyedDraw(key: $0.element, draw: $0.offset) }
        pairs.sort()
        return pairs.map(\.draw)
    }

    /// The same order by a stable least-significant-digit radix sort of the keys' bits, mapped
    /// so that unsigned order is numeric order (-0 taken as +0): equal keys keep draw order,
    /// as the comparison sort has them. Digits of 11 bits over the bits that differ between
    /// some keys (the others order nothing). Nil when a key is NaN (no order to keep).
    static func radixOrder(_ keys: [Double]) -> [Int]? {
        let count = keys.count
        guard count > 1 else { return Array(0..<count) }
        var mapped = [UInt64](repeating: 0, count: count)
        var common = UInt64.max
        var some: UInt64 = 0
        for (draw, key) in keys.enumerated() {
            if key.isNaN { return nil }
            let bits = (key + 0.0).bitPattern
            // Negative: flip every bit; positive: flip the sign bit.
            let value = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
            mapped[draw] = value
            common &= value
            some |= value
        }
        var order = Array(0..<count)
        let varying = common ^ some
        guard varying != 0 else { return order }
        var other = [Int](repeating: 0, count: count)
        let digitBits: UInt64 = 11
        let mask: UInt64 = (1 << digitBits) - 1
        let buckets = 1 << digitBits
        var counts = [Int](repeating: 0, count: buckets)
        var shift = UInt64(varying.trailingZeroBitCount)
        let end = UInt64(64 - varying.leadingZeroBitCount)
        mapped.withUnsafeBufferPointer { mapped in
            counts.withUnsafeMutableBufferPointer { counts in
                while shift < end {
                    if (varying >> shift) & mask != 0 {
                        for index in 0..<buckets { counts[index] = 0 }
                        for value in mapped { counts[Int((value >> shift) & mask)] += 1 }
                        var running = 0
                        for index in 0..<buckets {
                            let here = counts[index]
                            counts[index] = running
                            running += here
                        }
                        order.withUnsafeBufferPointer { from in
                            other.withUnsafeMutableBufferPointer { to in
                                for draw in from {
                                    // The slot read once: a store through `to` could alias
                                    // `counts`, so `counts[digit] += 1` read it again.
                                    let digit = Int((mapped[draw] >> shift) & mask)
                                    let slot = counts[digit]
                                    to[slot] = draw
                                    counts[digit] = slot &+ 1
                                }
                            }
                        }
                        swap(&order, &other)
                    }
                    shift += digitBits
                }
            }
        }
        return order
    }

    struct KeyedDraw: Comparable {
        var key: Double
        var draw: Int

        static func < (lhs: KeyedDraw, rhs: KeyedDraw) -> Bool {
            lhs.key != rhs.key ? lhs.key < rhs.key : lhs.draw < rhs.draw
        }
    }

    /// The first index whose value is >= `value` in an ascending array.
    static func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index whose value is > `value` in an ascending array.
    static func upperBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
