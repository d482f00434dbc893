import Foundation
import GroundworkCore
import GroundworkIO

/// Draws on a fixed plan: every draw shares the venue allocation; each column (a year and an
/// item) is projected by the cheapest exact path (MODEL.md section 7).
extension MonteCarlo {
    // MARK: - Draws on a fixed plan

    static func fixedPlanColumns(
        _ projection: Projection, options: MonteCarloOptions
    ) throws(DiagnosticError) -> Columns {
        let plan = projection.plan
        let scenario = plan.scenario
        let uncertainty = scenario.uncertainty!
        let draws = uncertainty.draws
        let years = projection.years
        let columnCount = years * RateMatrix.itemCount
        let counties = plan.totals.counties.count
        let exposures = Matrix(exposuresOf: plan)
        let deterministicRates = RateMatrix(scenario: scenario, plan: plan).matrix
        // A shard (`run --shard`) projects a block of the counties but chooses each column's
        // path, and computes what is rounded once, from the whole portfolio: every shard then
        // chooses alike, and the merge equals the run (MODEL.md section 7, issue 14).
        let whole = plan.whole
        let wholeExposures = whole.map { Matrix(exposuresOf: $0) } ?? exposures

        // For each item, the exposure columns its rates can use (MODEL.md section 4) that some
        // county has: the only rate rows that matter for its cells.
        let items = RateMatrix.itemCount
        let itemRows: [[Int]] = LineItem.allCases.map { item in
            Self.rows(for: item, years: years).filter { column in
                (0..<wholeExposures.rows).contains { wholeExposures[$0, column] != 0 }
            }
        }
        let itemExposures = itemRows.map { Self.columns($0, of: exposures) }
        let wholeItemExposures =
            whole == nil ? itemExposures : itemRows.map { Self.columns($0, of: wholeExposures) }
        let itemSums: [[Double]] = wholeItemExposures.map { matrix in
            (0..<matrix.columns).map { column in (0..<matrix.rows).reduce(0) { $0 + matrix[$1, column] } }
        }
        // Rates of every draw: per column a (rows x draws) block, columns one after another.
        var columnOffsets = [Int](repeating: 0, count: columnCount + 1)
        for column in 0..<columnCount {
            columnOffsets[column + 1] = columnOffsets[column] + itemRows[column % items].count * draws
        }
        let offsets = columnOffsets
        let rates = SharedBuffer<Double>(repeating: 0, count: offsets[columnCount])
        let progress = ProgressCounter(total: draws + columnCount, report: options.progress)
        let layout = DrawColumns.Layout(
            itemRows: itemRows, offsets: offsets, years: years, draws: draws, rates: rates)
        let amounts = forEachDraw(of: scenario, options: options, progress: progress) { draw, drawn in
            let costs = VenueCosts(drawn.venues, horizon: drawn.horizon)
            let income = RuralIncome(drawn.ruralIncome, through: drawn.horizon.upperBound)
            let pay =
                (try? PayWindows(
                    drawn.pay, income: income, horizon: drawn.horizon, location: .file(drawn.file)))
                ?? plan.pay
            var sink = DrawColumns(layout: layout, draw: draw)
            RateMatrix.fill(&sink, scenario: drawn, costs: costs, pay: pay)
        }

        try checkLimits(
            rates: rates, offsets: offsets, sums: itemSums, items: items, columnCount: columnCount,
            draws: draws,
            scenario: scenario)

        // What the envelope counts is chosen from the whole portfolio; the exact split of a
        // cell uses the shard's own counties' funding.
        let counts = LineItem.allCases.map { item in
            var count = EnvelopeCount(
                item, scenario: scenario, funding: (whole ?? plan).funding,
                exposures: wholeItemExposures[item.rawValue])
            count.funding = plan.funding
            return count
        }
        let carriesTotals = plan.countyRange.lowerBound == 0
        // The results are written straight into the arrays that are returned, not copied
        // from buffers after (tens of MiB at scale), and each column's task first sets its own
        // places to 0 (its totals, counted cents and cells), so that the memory is filled on
        // all threads, not the first time on one.
        let cellCount = counties * columnCount
        let valueCount = columnCount * draws
        var totalArray: [Int64] = []
        var selectedArray: [Int64] = []
        let cellArray = [Quantiles](unsafeUninitializedCapacity: cellCount) { cellPointer, cellsDone in
            totalArray = [Int64](unsafeUninitializedCapacity: valueCount) { totalPointer, totalsDone in
                selectedArray = [Int64](unsafeUninitializedCapacity: valueCount) {
                    selectedPointer, selectedDone in
                    let cells = SharedBuffer(viewing: cellPointer)
                    let totals = SharedBuffer(viewing: totalPointer)
                    let selected = SharedBuffer(viewing: selectedPointer)
                    // One task per line item and run of its years, in order: consecutive years of an item
                    // usually order the draws alike, so each reuses the previous year's order when it
                    // still holds. With several threads an item's years are cut into one run per thread,
                    // so that the items costing most (pay and pension, many rows on the general path) do
                    // not leave a thread idle; they go first. The order found does not depend on the
                    // order reused, so neither the runs nor the threads change a byte.
                    let runs = min(years, max(1, options.threads))
                    Parallel.forEach(items * runs, threads: options.threads) { task in
                        let item = items - 1 - task / runs
                        let run = task % runs
                        var previousOrder: [Int] = []
                        let rows = itemRows[item]
                        for year in (run * years / runs)..<((run + 1) * years / runs) {
                            let column = year * items + item
                            let columnRates = rates.slice(offsets[column]..<offsets[column + 1])
                            let columnTotals = totals.slice((column * draws)..<((column + 1) * draws))
                            let columnSelected = selected.slice((column * draws)..<((column + 1) * draws))
                            columnTotals.initialize(repeating: 0)
                            columnSelected.initialize(repeating: 0)
                            for county in 0..<counties {
                                cells[county * columnCount + column] = Quantiles(constant: 0)
                            }
                            projectColumn(
                                column, rates: columnRates, width: rows.count, draws: draws,
                                exposures: itemExposures[item],
                                wholeExposures: whole == nil ? nil : wholeItemExposures[item],
                                carriesTotals: carriesTotals,
                                columnSums: itemSums[item],
                                deterministic: rows.map { deterministicRates[$0, column] },
                                projection: projection, columnCount: columnCount, options: options,
                                cells: cells,
                                totals: columnTotals, count: counts[item], selected: columnSelected,
                                previousOrder: &previousOrder)
                            progress.add(1)
                        }
                    }
                    // The tasks' years cover every column: every place is set.
                    selectedDone = valueCount
                }
                totalsDone = valueCount
            }
            cellsDone = cellCount
        }
        return Columns(
            cells: cellArray, totals: totalArray, selected: selectedArray, envelopeAmounts: amounts.array)
    }

    /// The quantiles of one column's cells for every county, its total in each draw, and the
    /// cents of it the envelope counts in each draw.
    ///
    /// `columnSums` and `count` are the whole portfolio's. For a shard's block of counties,
    /// `wholeExposures` are every county's, and a total that the ordered paths round once from
    /// the whole portfolio is carried by the first shard only (`carriesTotals`); the exact sums
    /// of cells are each shard's own.
    static func projectColumn(
        _ column: Int, rates: UnsafeMutableBufferPointer<Double>, width: Int, draws: Int, exposures: Matrix,
        wholeExposures: Matrix?, carriesTotals: Bool, columnSums: [Double], deterministic: [Double],
        projection: Projection, columnCount: Int,
        options: MonteCarloOptions, cells: SharedBuffer<Quantiles>, totals: UnsafeMutableBufferPointer<Int64>,
        count: EnvelopeCount, selected: UnsafeMutableBufferPointer<Int64>, previousOrder: inout [Int]
    ) {
        let counties = exposures.rows
        let year = column / RateMatrix.itemCount
        let item = LineItem(rawValue: column % RateMatrix.itemCount)!

        // What the envelope counts in a draw whose column total is `total` and whose
        // counted part, summed linearly over the counties, is `weighted` yuan.
        func setSelected(_ draw: Int, total: Int64, weighted: () -> Double) {
            switch count.kind {
            case .all: selected[draw] = total
            case .none: selected[draw] = 0
            case .byCounty: selected[draw] = carriesTotals ? Money.cents(weighted()) : 0
            }
        }

        // A closed year holds the actuals in every draw (MODEL.md section 7), and a column that
        // no draw changes keeps the deterministic cents.
        let closed = projection.closedYears.contains(year)
        let invariant =
            closed
            || (0..<width).allSatisfy { row in
                let first = rates[row * draws]
                return (1..<draws).allSatisfy { rates[row * draws + $0] == first }
            }
        if closed || (invariant && (0..<width).allSatisfy({ rates[$0 * draws] == deterministic[$0] })) {
            for county in 0..<counties {
                cells[county * columnCount + column] = Quantiles(
                    constant: projection.cell(county: county, year: year, item: item))
            }
            let total = projection.itemTotal(year: year, item: item)
            var counted: Int64 = 0
            if let filter = projection.scenario.envelope?.payer, count.kind != .none {
                for level in FundingLevel.allCases where filter.includes(level) {
                    counted += projection.levelTotal(level, year: year, item: item)
                }
            }
            for draw in 0..<draws {
                totals[draw] = total
                selected[draw] = counted
            }
            return
        }
        func weighted(_ draw: Int) -> Double {
            var yuan = 0.0
            for row in 0..<width { yuan += count.weightedSums[row] * rates[row * draws + draw] }
            return yuan
        }

        // Order the draws by the column's portfolio-wide amount; co-monotone if every rate row
        // is non-decreasing along that order.
        var keys = [Double](repeating: 0, count: draws)
        keys.withUnsafeMutableBufferPointer { keys in
            for row in 0..<width where columnSums[row] != 0 {
                let sum = columnSums[row]
                let rowRates = rates.baseAddress! + row * draws
                for draw in 0..<draws { keys[draw] += sum * rowRates[draw] }
            }
        }
        let order = sortedOrder(keys, reusing: previousOrder)
        previousOrder = order
        let ordered = (0..<width).allSatisfy { row in
            var previous = -Double.infinity
            for draw in order {
                let value = rates[row * draws + draw]
                if value < previous { return false }
                previous = value
            }
            return true
        }

        if ordered {
            var means = [Double](repeating: 0, count: width)
            for row in 0..<width {
                var sum = 0.0
                for draw in 0..<draws { sum += rates[row * draws + draw] }
                means[row] = sum / Double(draws)
            }
            let positions = Quantiles.probabilities.map { Quantiles.position($0, count: draws) }
            for county in 0..<counties {
                func amount(_ draw: Int) -> Int64 {
                    var yuan = 0.0
                    for row in 0..<width { yuan += exposures[county, row] * rates[row * draws + draw] }
                    return Money.cents(yuan)
                }
                var mean = 0.0
                for row in 0..<width { mean += exposures[county, row] * means[row] }
                let values = positions.map { position in
                    Quantiles.interpolate(
                        amount(order[position.lower]), amount(order[min(position.lower + 1, draws - 1)]),
                        weight: position.weight)
                }
                cells[county * columnCount + column] = Quantiles(
                    mean: Money.cents(mean), p05: values[0], p50: values[1], p95: values[2])
            }
            for draw in 0..<draws {
                totals[draw] = carriesTotals ? Money.cents(keys[draw]) : 0
                setSelected(draw, total: totals[draw]) { weighted(draw) }
            }
            return
        }

        if projectBanded(
            column, rates: rates, width: width, draws: draws, exposures: exposures,
            wholeExposures: wholeExposures, keys: keys, order: order,
            columnCount: columnCount, cells: cells, totals: totals, carriesTotals: carriesTotals)
        {
            for draw in 0..<draws { setSelected(draw, total: totals[draw]) { weighted(draw) } }
            return
        }

        // Every draw of every cell (MonteCarlo+General.swift).
        projectGeneral(
            column, rates: rates, width: width, draws: draws, exposures: exposures, columnCount: columnCount,
            options: options, cells: cells, totals: totals, count: count, selected: selected)
    }
}

extension MonteCarlo {
    /// The given columns of `matrix`, in that order.
    static func columns(_ columns: [Int], of matrix: Matrix) -> Matrix {
        var result = Matrix(rows: matrix.rows, columns: columns.count)
        for row in 0..<matrix.rows {
            for (position, column) in columns.enumerated() { result[row, position] = matrix[row, column] }
        }
        return result
    }
}

extension MonteCarlo {
    /// One draw's rates written straight into the rates of all draws (`fixedPlanColumns`), no
    /// rate matrix in between: rate (row, year, item) goes to
    /// `rates[offsets[column] + position x draws + draw]`, `position` the row's place among the
    /// item's rows, and nowhere when the item does not use the row (no county has it). The
    /// rates are those `RateMatrix` holds, by the same arithmetic (`RateMatrix.fill`).
    struct DrawColumns: RateSink {
        /// Where each (row, year, item) goes, shared by every draw; raw memory, so that a
        /// draw's writes touch no reference count.
        final class Layout: @unchecked Sendable {
            let exposureRows: Int
            /// Per (column, exposure row), column-major as `RateMatrix`: where the row's rates
            /// of all draws start in `rates` (`offsets[column] + position x draws`), or -1 when
            /// the column's item does not use the row.
            let starts: UnsafeMutablePointer<Int>
            /// Per exposure row: whether some item uses it.
            let kept: UnsafeMutablePointer<Bool>
            let rates: SharedBuffer<Double>

            init(itemRows: [[Int]], offsets: [Int], years: Int, draws: Int, rates: SharedBuffer<Double>) {
                let rows = ExposureColumn.count(years: years)
                let items = RateMatrix.itemCount
                exposureRows = rows
                self.rates = rates
                starts = .allocate(capacity: years * items * rows)
                starts.initialize(repeating: -1, count: years * items * rows)
                kept = .allocate(capacity: rows)
                kept.initialize(repeating: false, count: rows)
                for column in 0..<(years * items) {
                    for (position, row) in itemRows[column % items].enumerated() {
                        starts[column * rows + row] = offsets[column] + position * draws
                        kept[row] = true
                    }
                }
            }

            deinit {
                starts.deallocate()
                kept.deallocate()
            }
        }

        let exposureRows: Int
        /// `RateMatrix.itemCount`, kept here: a static costs a `swift_once` per access.
        let items: Int
        let starts: UnsafePointer<Int>
        let kept: UnsafePointer<Bool>
        /// `rates` moved on by the draw: its rate of a row starts at the row's start.
        let draw: UnsafeMutablePointer<Double>

        /// Draw `draw`'s sink; `layout` must outlive it.
        init(layout: Layout, draw: Int) {
            exposureRows = layout.exposureRows
            items = RateMatrix.itemCount
            starts = UnsafePointer(layout.starts)
            kept = UnsafePointer(layout.kept)
            self.draw = layout.rates.slice(0..<layout.rates.count).baseAddress! + draw
        }

        subscript(row: Int, year: Int, item: LineItem) -> Double {
            get {
                let start = starts[(year * items + item.rawValue) * exposureRows + row]
                return start >= 0 ? draw[start] : 0
            }
            set {
                let start = starts[(year * items + item.rawValue) * exposureRows + row]
                if start >= 0 { draw[start] = newValue }
            }
        }

        func keeps(row: Int) -> Bool { kept[row] }
    }
}
