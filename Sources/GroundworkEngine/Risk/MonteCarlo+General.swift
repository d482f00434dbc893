import Foundation
import GroundworkCore
import GroundworkIO

/// The general path: every draw of every cell of a column, rounded to the cent, and its
/// quantiles selected exactly.
extension MonteCarlo {
    /// Projects all draws of a column by one BLAS product per block of counties, then, per
    /// county while its row of amounts is in cache, in one pass: rounds each draw to the cent,
    /// adds it to the draw's column total and to the cell's exact sum, and keeps the smallest
    /// and largest; then selects the cell's order statistics (`Selection`), with no sort.
    ///
    /// The counties are split into up to `options.threads` contiguous parts projected at once,
    /// each with its own totals per draw, added up after. Totals are integer sums, so neither
    /// the parts nor `options.countyBlock` change a byte.
    static func projectGeneral(
        _ column: Int, rates: UnsafeMutableBufferPointer<Double>, width: Int, draws: Int, exposures: Matrix,
        columnCount: Int, options: MonteCarloOptions, cells: SharedBuffer<Quantiles>,
        totals: UnsafeMutableBufferPointer<Int64>, count: EnvelopeCount,
        selected: UnsafeMutableBufferPointer<Int64>
    ) {
        let counties = exposures.rows
        // Parts of at least 8 counties: fewer are not worth a thread.
        let parts = max(1, min(options.threads, counties / 8))
        let partTotals = SharedBuffer<Int64>(repeating: 0, count: parts * draws)
        let partSelected = SharedBuffer<Int64>(
            repeating: 0, count: count.kind == .byCounty ? parts * draws : 0)
        let columnRates = ConstantPointer(base: UnsafePointer(rates.baseAddress!))
        Parallel.forEach(parts, threads: parts) { part in
            projectCounties(
                (part * counties / parts)..<((part + 1) * counties / parts), column: column,
                rates: columnRates,
                width: width, draws: draws, exposures: exposures, columnCount: columnCount,
                countyBlock: options.countyBlock, cells: cells,
                totals: partTotals.slice((part * draws)..<((part + 1) * draws)), count: count,
                selected: count.kind == .byCounty
                    ? partSelected.slice((part * draws)..<((part + 1) * draws)) : nil)
        }
        for draw in 0..<draws {
            var total: Int64 = 0
            var counted: Int64 = 0
            for part in 0..<parts {
                total += partTotals[part * draws + draw]
                if count.kind == .byCounty { counted += partSelected[part * draws + draw] }
            }
            totals[draw] = total
            switch count.kind {
            case .all: selected[draw] = total
            case .none: selected[draw] = 0
            case .byCounty: selected[draw] = counted
            }
        }
    }

    /// A read-only pointer that the parts of a column share while the column's rates live.
    struct ConstantPointer: @unchecked Sendable {
        let base: UnsafePointer<Double>
    }

    /// One part of `projectGeneral`: the cells of `range`'s counties, and their sums per draw
    /// added into `totals` (and the counted cents into `selected`).
    static func projectCounties(
        _ range: Range<Int>, column: Int, rates: ConstantPointer, width: Int, draws: Int, exposures: Matrix,
        columnCount: Int, countyBlock: Int, cells: SharedBuffer<Quantiles>,
        totals: UnsafeMutableBufferPointer<Int64>, count: EnvelopeCount,
        selected: UnsafeMutableBufferPointer<Int64>?
    ) {
        guard !range.isEmpty else { return }
        let block = max(1, min(countyBlock, range.count))
        let amounts = UnsafeMutablePointer<Double>.allocate(capacity: block * draws)
        defer { amounts.deallocate() }
        let values = UnsafeMutableBufferPointer<Int64>.allocate(capacity: draws)
        defer { values.deallocate() }
        var parts = [Int64](repeating: 0, count: FundingLevel.allCases.count)
        var selection = Selection()
        let ranks = Quantiles.ranks(count: draws)
        exposures.elements.withUnsafeBufferPointer { exposureElements in
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(range.upperBound, start + block)
                BLAS.multiply(
                    exposureElements.baseAddress! + start * width, rates.base,
                    into: amounts, rows: end - start, inner: width, columns: draws)
                for county in start..<end {
                    let row = amounts + (county - start) * draws
                    var minimum = Int64.max
                    var maximum = Int64.min
                    var sum: Int128 = 0
                    // Cents are below 10^15 in magnitude (the 10^13-yuan limit, checked for
                    // every draw), so 4,096 of them add up exactly in 64 bits.
                    var chunkStart = 0
                    while chunkStart < draws {
                        let chunkEnd = min(draws, chunkStart + 4096)
                        var partial: Int64 = 0
                        for draw in chunkStart..<chunkEnd {
                            let cents = roundedCents(row[draw])
                            values[draw] = cents
                            totals[draw] &+= cents
                            partial &+= cents
                            minimum = cents < minimum ? cents : minimum
                            maximum = cents > maximum ? cents : maximum
                        }
                        sum += Int128(partial)
                        chunkStart = chunkEnd
                    }
                    if let selected {
                        for draw in 0..<draws {
                            selected[draw] += count.counted(values[draw], county: county, parts: &parts)
                        }
                    }
                    cells[county * columnCount + column] = Quantiles(
                        selecting: UnsafeBufferPointer(values), sum: sum, minimum: minimum, maximum: maximum,
                        ranks: ranks, selection: &selection)
                }
                start = end
            }
        }
    }

    /// `Money.cents`, the same cents for every input, inlined and without branches on the
    /// digits for the inner loop (half of all amounts round up, a branch the processor cannot
    /// guess): the floor of a non-negative double below 10^18 is its truncation to Int64.
    @inline(__always)
    static func roundedCents(_ yuan: Double) -> Int64 {
        guard yuan.isFinite, abs(yuan) < 1e16 else { return Money.cents(yuan) }
        let scaled = yuan * 100
        let magnitude = abs(scaled)
        let whole = Int64(magnitude)
        let fraction = magnitude - Double(whole)
        let atLeastOne = magnitude > 1 ? magnitude : 1
        let relative = atLeastOne * 1e-13
        let slack = relative < 1e-3 ? relative : 1e-3
        // fraction >= 0.5 - slack exactly when their difference has no sign bit (x - x is
        // +0; neither is NaN): 1 to round up, 0 not, without a branch.
        let difference = fraction - (0.5 - slack)
        let value = whole &+ Int64(1 &- (difference.bitPattern >> 63))
        // -1 for a negative amount (-0.0 rounds to 0 either way), else 0.
        let negative = Int64(bitPattern: scaled.bitPattern) >> 63
        return (value ^ negative) &- negative
    }
}
