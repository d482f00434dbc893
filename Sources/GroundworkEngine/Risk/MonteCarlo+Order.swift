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
        var pairs = keys.enumerated().map { KeyedDraw(key: $0.element, draw: $0.offset) }
        pairs.sort()
        return pairs.map(\.draw)
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
