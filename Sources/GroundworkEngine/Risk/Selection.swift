import GroundworkCore
import GroundworkIO

/// Exact order statistics of cents without sorting (MODEL.md section 7's type-7 quantiles).
///
/// A radix selection on the integers: one pass counts the values into 2^11 buckets of equal
/// width between the smallest and the largest, the running counts name the bucket that holds
/// each wanted rank, a second pass gathers the values of those few buckets, and only they are
/// sorted. A bucket too full to sort cheaply (values piled on a few cents) is selected from the
/// same way, its width 2^11 times smaller each time, down to one value. Linear in the values,
/// and the very order statistics a sort gives.
struct Selection {
    static let bucketBits = 11
    static let buckets = 1 << bucketBits
    /// Gathered values up to this many are sorted; more are selected from by buckets again.
    static let sortLimit = 1024

    /// Two interleaved histograms, so that neighbouring equal buckets do not wait on each other.
    private var histogram = [Int32](repeating: 0, count: 2 * buckets)
    /// Per bucket: 1 + the index of its first wanted rank's slot, or 0.
    private var wanted = [UInt16](repeating: 0, count: buckets)
    private var gathered: [Int64] = []

    init() {}

    /// The values at 0-based `ranks` (each < count, in any order) as a sort would place them,
    /// given the smallest and largest value. `values` is not changed.
    mutating func orderStatistics(
        _ values: UnsafeBufferPointer<Int64>, ranks: [Int], minimum: Int64, maximum: Int64
    ) -> [Int64] {
        precondition(!values.isEmpty && ranks.allSatisfy { $0 >= 0 && $0 < values.count })
        precondition(ranks.count < Int(UInt16.max), "at most 65,534 ranks at once")
        if minimum == maximum { return ranks.map { _ in minimum } }
        if zip(ranks, ranks.dropFirst()).contains(where: { $0 > $1 }) {
            let ascending = ranks.sorted()
            let found = orderStatistics(values, ranks: ascending, minimum: minimum, maximum: maximum)
            return ranks.map { rank in found[ascending.firstIndex(of: rank)!] }
        }
        if values.count <= Self.sortLimit {
            gathered.removeAll(keepingCapacity: true)
            gathered.append(contentsOf: values)
            gathered.sort()
            return ranks.map { gathered[$0] }
        }
        // Bucket of v: (v - minimum) >> shift, below 2^11 (the difference taken unsigned).
        let range = UInt64(bitPattern: maximum &- minimum)
        let bits = UInt64.bitWidth - range.leadingZeroBitCount
        let shift = UInt64(max(0, bits - Self.bucketBits))
        let base = UInt64(bitPattern: minimum)
        histogram.withUnsafeMutableBufferPointer { counts in
            for index in 0..<counts.count { counts[index] = 0 }
            let odd = counts.baseAddress! + Self.buckets
            let even = counts.baseAddress!
            var index = 0
            while index + 1 < values.count {
                even[Int((UInt64(bitPattern: values[index]) &- base) >> shift)] += 1
                odd[Int((UInt64(bitPattern: values[index + 1]) &- base) >> shift)] += 1
                index += 2
            }
            if index < values.count { even[Int((UInt64(bitPattern: values[index]) &- base) >> shift)] += 1 }
        }
        // Each rank's bucket, and its rank among the values of the wanted buckets.
        var rankBuckets = [Int](repeating: 0, count: ranks.count)
        var below = [Int](repeating: 0, count: ranks.count)
        var targets: [Int] = []
        var targetCounts: [Int] = []
        var running = 0
        var next = 0
        for bucket in 0..<Self.buckets where next < ranks.count {
            let count = Int(histogram[bucket]) + Int(histogram[Self.buckets + bucket])
            var first = true
            while next < ranks.count, ranks[next] < running + count {
                if first {
                    targets.append(bucket)
                    targetCounts.append(count)
                    first = false
                }
                rankBuckets[next] = targets.count - 1
                below[next] = ranks[next] - running
                next += 1
            }
            running += count
        }
        for (slot, bucket) in targets.enumerated() { wanted[bucket] = UInt16(slot + 1) }
        gathered.removeAll(keepingCapacity: true)
        gathered.reserveCapacity(targetCounts.reduce(0, +))
        wanted.withUnsafeBufferPointer { wanted in
            for value in values where wanted[Int((UInt64(bitPattern: value) &- base) >> shift)] != 0 {
                gathered.append(value)
            }
        }
        for bucket in targets { wanted[bucket] = 0 }
        // The gathered values in order are the wanted buckets one after another.
        var starts = [Int](repeating: 0, count: targets.count)
        for slot in 1..<max(1, targets.count) { starts[slot] = starts[slot - 1] + targetCounts[slot - 1] }
        if gathered.count <= Self.sortLimit {
            gathered.sort()
            return ranks.indices.map { gathered[starts[rankBuckets[$0]] + below[$0]] }
        }
        // Some bucket holds too many values: select within each wanted bucket on its own.
        let all = gathered
        var results = [Int64](repeating: 0, count: ranks.count)
        for (slot, bucket) in targets.enumerated() {
            let low = Int64(bitPattern: base &+ (UInt64(bucket) << shift))
            let high = Int64(bitPattern: base &+ (UInt64(bucket) << shift) &+ ((1 << shift) - 1))
            var members: [Int64] = []
            members.reserveCapacity(targetCounts[slot])
            for value in all where value >= low && value <= high { members.append(value) }
            let positions = ranks.indices.filter { rankBuckets[$0] == slot }
            let smallest = members.min()!
            let largest = members.max()!
            let found = members.withUnsafeBufferPointer { members in
                orderStatistics(
                    members, ranks: positions.map { below[$0] }, minimum: smallest, maximum: largest)
            }
            for (position, value) in zip(positions, found) { results[position] = value }
        }
        return results
    }
}

extension Quantiles {
    /// The 0-based ranks whose order statistics the type-7 quantiles of `count` values read:
    /// for each probability the lower one and the next (the same one at the end).
    static func ranks(count: Int) -> [Int] {
        var ranks: [Int] = []
        for probability in probabilities {
            let (lower, _) = position(probability, count: count)
            ranks.append(lower)
            ranks.append(min(lower + 1, count - 1))
        }
        return ranks
    }

    /// The same as `init(sorting:)` without sorting, from the values, their exact sum and their
    /// smallest and largest (which the caller has at hand).
    init(
        selecting values: UnsafeBufferPointer<Int64>, sum: Int128, minimum: Int64, maximum: Int64,
        ranks: [Int], selection: inout Selection
    ) {
        let count = values.count
        let statistics = selection.orderStatistics(values, ranks: ranks, minimum: minimum, maximum: maximum)
        func quantile(_ index: Int) -> Int64 {
            let (_, weight) = Self.position(Self.probabilities[index], count: count)
            return Self.interpolate(statistics[2 * index], statistics[2 * index + 1], weight: weight)
        }
        self.init(
            mean: Self.roundedMean(sum, count: count), p05: quantile(0), p50: quantile(1), p95: quantile(2))
    }

    /// The same as `init(sorting:)`, leaving `values` in its order.
    init(selecting values: [Int64], selection: inout Selection) {
        precondition(!values.isEmpty, "quantiles need at least one value")
        var sum: Int128 = 0
        for value in values { sum += Int128(value) }
        let ranks = Self.ranks(count: values.count)
        self = values.withUnsafeBufferPointer { buffer in
            Quantiles(
                selecting: buffer, sum: sum, minimum: values.min()!, maximum: values.max()!, ranks: ranks,
                selection: &selection)
        }
    }
}
