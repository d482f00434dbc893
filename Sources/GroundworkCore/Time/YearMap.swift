/// A parameter that may change over the years: a number, or a year map read as a step function
/// (MODEL.md section 3).
///
/// A listed year's value holds until the next listed year; years before the first key take the
/// first value. A plain number is a map with one entry that holds for every year.
public struct YearMap: Sendable, Equatable {
    /// Ascending years and their values; never empty.
    public private(set) var entries: [(year: Int, value: Double)]

    public init(_ value: Double) {
        entries = [(Int.min, value)]
    }

    /// - Precondition: `entries` is not empty; years are distinct.
    public init(entries: [(year: Int, value: Double)]) {
        precondition(!entries.isEmpty, "a year map has at least one entry")
        self.entries = entries.sorted { $0.year < $1.year }
    }

    /// The value in force in `year`. O(1) when the entries are consecutive years (a `per_year`
    /// draw), else O(log n) in the number of entries.
    public func callAsFunction(_ year: Int) -> Double {
        var low = 0
        var high = entries.count - 1
        guard year >= entries[0].year else { return entries[0].value }
        // Distinct ascending years from the first to the last with none missing: the entry in
        // force is the year's own, or the last one after them.
        if high == 0 { return entries[0].value }
        if entries[high].year &- entries[0].year == high {
            return entries[min(year &- entries[0].year, high)].value
        }
        while low < high {
            let middle = (low + high + 1) / 2
            if entries[middle].year <= year { low = middle } else { high = middle - 1 }
        }
        return entries[low].value
    }

    /// Makes the map one value per year of `years`, `value(year)`, as
    /// `YearMap(entries: years.map { ($0, value($0)) })` does, but in place when the map already
    /// holds exactly those years (a Monte Carlo draw replacing the previous draw's values).
    public mutating func setEachYear(of years: ClosedRange<Int>, _ value: (Int) -> Double) {
        if entries.count == years.count, entries[0].year == years.lowerBound,
            entries[entries.count - 1].year == years.upperBound
        {
            // Distinct ascending years from the first to the last of `years`: those years.
            entries.withUnsafeMutableBufferPointer { buffer in
                for index in buffer.indices { buffer[index].value = value(years.lowerBound + index) }
            }
        } else {
            entries = years.map { (year: $0, value: value($0)) }
        }
    }

    /// True when a single value holds for every year.
    public var isConstant: Bool { entries.count == 1 }

    public static func == (lhs: YearMap, rhs: YearMap) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.year == $1.year && $0.value == $1.value }
    }
}
