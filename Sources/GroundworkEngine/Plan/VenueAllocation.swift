import GroundworkCore
import GroundworkIO
import Foundation

/// Venue rollout: how many venues are completed each year, and in which portfolio rows
/// (MODEL.md section 4.1).
public enum VenueAllocation {
    /// Venues completed per horizon year before any cap: the schedule as written, or the
    /// Hamilton (largest-remainder) apportionment of `totalNeed` by `shares`, ties to the
    /// earlier year. Shares are exact decimals, so remainders compare exactly.
    public static func yearlyCounts(_ rollout: VenueRollout, totalNeed: Int, horizon: ClosedRange<Int>)
        -> [Int]
    {
        var counts = [Int](repeating: 0, count: horizon.count)
        switch rollout {
        case .none:
            break
        case .schedule(let schedule):
            for (year, count) in schedule where horizon.contains(year) {
                counts[year - horizon.lowerBound] += count
            }
        case .shares(let shares):
            let years = shares.keys.sorted()
            var floors: [Int] = []
            var remainders: [Decimal] = []
            for year in years {
                let quota = Decimal(totalNeed) * shares[year]!
                var whole = Decimal()
                var copy = quota
                NSDecimalRound(&whole, &copy, 0, .down)
                floors.append(NSDecimalNumber(decimal: whole).intValue)
                remainders.append(quota - whole)
            }
            let left = max(0, totalNeed - floors.reduce(0, +))
            // Largest remainder first; equal remainders go to the earlier year.
            let order = years.indices.sorted {
                remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
            }
            for position in order.prefix(left) { floors[position] += 1 }
            for (position, year) in years.enumerated() where horizon.contains(year) {
                counts[year - horizon.lowerBound] += floors[position]
            }
        }
        return counts
    }

    /// Splits a year's count `n` among rows with remaining needs `remaining` (MODEL.md 4.1):
    /// row i gets floor(n x r_i / R) and the units left go one each to the largest remainders
    /// n x r_i mod R, ties to the earlier row. Each row's units are added to `counts[row]`
    /// and taken from `remaining[row]`.
    ///
    /// Integer arithmetic in 128 bits, so it is exact for any portfolio within the limits.
    /// O(rows + k log k) where k is the number of rows with a remainder.
    /// - Returns: the number of units allocated: `min(n, R)` (none when R is 0).
    @discardableResult
    public static func allocate(_ n: Int, remaining: inout [Int], into counts: inout [Int]) -> Int {
        let total = remaining.reduce(0, +)
        guard n > 0, total > 0 else { return 0 }
        let units = Int128(min(n, total))
        let sum = Int128(total)
        var given = 0
        var candidates: [(remainder: Int128, row: Int)] = []
        for row in remaining.indices where remaining[row] > 0 {
            let product = units * Int128(remaining[row])
            let (quotient, remainder) = product.quotientAndRemainder(dividingBy: sum)
            let whole = Int(quotient)
            counts[row] += whole
            remaining[row] -= whole
            given += whole
            if remainder > 0 { candidates.append((remainder, row)) }
        }
        let left = Int(units) - given
        if left > 0 {
            candidates.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.row < $1.row }
            for candidate in candidates.prefix(left) {
                counts[candidate.row] += 1
                remaining[candidate.row] -= 1
            }
        }
        return Int(units)
    }
}
