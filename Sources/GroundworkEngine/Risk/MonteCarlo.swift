import GroundworkCore
import GroundworkIO
import Foundation

/// How a Monte Carlo run is carried out. None of these change the output bytes.
public struct MonteCarloOptions: Sendable {
    /// Threads for the Swift-side parallel work; OpenBLAS itself is pinned to one thread.
    public var threads = Parallel.processorCount
    /// Draws whose rates are computed as one piece of work.
    public var drawBlock = 256
    /// Counties per BLAS product where every draw of a cell is computed.
    public var countyBlock = 128
    /// Called with (units done, units in all) as the run progresses.
    public var progress: (@Sendable (Int, Int) -> Void)? = nil

    public init() {}
}

/// The Monte Carlo results of one scenario (MODEL.md sections 7 and 8).
public struct RiskResult: Sendable {
    public let projection: Projection
    public let draws: Int
    /// Per forecast cell, in `forecast.csv` order.
    public let cells: [Quantiles]
    /// Per horizon year: the year's total and the cumulative total.
    public let totals: [Quantiles]
    public let cumulatives: [Quantiles]
    /// Breaching draws / draws; nil without an envelope.
    public let breachProbability: Double?
    /// The type-7 median breach year of the breaching draws, rounded down.
    public let breachYearMedian: Int?
    /// Per horizon year: the share of draws whose envelope was exceeded by that year.
    public let breachProbabilityByYear: [Double]?
}

/// Monte Carlo uncertainty (MODEL.md section 7): draws are columns of the rate matrices.
///
/// What no uncertain parameter touches is computed once: the venue allocation and the county
/// exposures. Each draw contributes its own rate columns (its own venue prices and pay
/// windows, rounded as in 4.3). Then, column by column (a year and an item):
/// - a column no draw changes keeps the deterministic cents;
/// - a column whose rates rise together along one ordering of the draws (co-monotone, as when
///   one uncertain value drives them) gives every county a cell that is non-decreasing in that
///   order, since exposures are non-negative and rounding is monotone: the order is sorted
///   once and each quantile is read at its type-7 positions, two draws per quantile;
/// - any other column is projected for all draws by one BLAS product per block of counties,
///   each cell rounded to the cent, and its quantiles taken exactly.
/// Only when an annual cap meets an uncertain venue price does a draw re-plan its rollout.
public enum MonteCarlo {
    public static func run(
        _ projection: Projection, portfolio: Portfolio, options: MonteCarloOptions = MonteCarloOptions()
    ) throws(DiagnosticError) -> RiskResult {
        let scenario = projection.scenario
        guard let uncertainty = scenario.uncertainty else {
            preconditionFailure("MonteCarlo.run needs a scenario with `uncertainty`")
        }
        BLAS.setThreads(1)
        let replans =
            scenario.venues.annualCap != nil
            && uncertainty.parameters.contains { Parameter.venuePrice.contains($0.parameter) }
        let columns =
            replans
            ? try replannedColumns(projection, portfolio: portfolio, options: options)
            : try fixedPlanColumns(projection, options: options)
        return summarise(projection, columns: columns, draws: uncertainty.draws)
    }

    /// Per-cell quantiles, per-column totals by draw, and each draw's envelope amount.
    struct Columns {
        var cells: [Quantiles]
        /// Cents per (column, draw): the column's total over counties in each draw.
        var totals: [Int64]
        /// Cents per (column, draw) that the envelope counts: its items' parts paid by its levels.
        var selected: [Int64]
        var envelopeAmounts: [Int64]
    }

    /// How the envelope counts one item's cells (MODEL.md section 4.5): all of them, none, or
    /// county by county, by each county's shares of the levels it counts.
    struct EnvelopeCount: Sendable {
        enum Kind { case all, none, byCounty }
        var kind: Kind
        /// Per county: the share of the item the counted levels pay.
        var weights: [Double]
        /// Per rate row: the counties' exposures weighted by `weights`.
        var weightedSums: [Double]
        /// The fundings and the filter, for the exact split where every cell of a draw is known.
        var funding: FundingTable
        var filter: LevelFilter
        var item: LineItem

        init(_ item: LineItem, projection: Projection, exposures: Matrix) {
            let plan = projection.plan
            let counties = exposures.rows
            self.item = item
            funding = plan.funding
            guard let envelope = projection.scenario.envelope, envelope.items.contains(item) else {
                kind = .none
                weights = []
                weightedSums = []
                filter = .all
                return
            }
            filter = envelope.payer
            weights = (0..<counties).map { county in
                let funding = plan.funding.funding(county: county, item: item)
                return FundingLevel.allCases.reduce(0.0) { sum, level in
                    envelope.payer.includes(level) ? sum + funding.share(of: level) : sum
                }
            }
            if weights.allSatisfy({ $0 == 1 }) {
                kind = .all
            } else if weights.allSatisfy({ $0 == 0 }) {
                kind = .none
            } else {
                kind = .byCounty
            }
            let weights = weights
            weightedSums = (0..<exposures.columns).map { row in
                (0..<counties).reduce(0.0) { $0 + weights[$1] * exposures[$1, row] }
            }
        }

        /// The counted part of a county's cell, split exactly (MODEL.md section 4).
        @inline(__always)
        func counted(_ cents: Int64, county: Int, parts: inout [Int64]) -> Int64 {
            let share = funding.funding(county: county, item: item)
            if let level = share.soleLevel { return filter.includes(level) ? cents : 0 }
            share.split(cents, into: &parts)
            var sum: Int64 = 0
            for (position, level) in share.payingLevels.enumerated() where filter.includes(level) {
                sum += parts[position]
            }
            return sum
        }
    }

    // MARK: - Draws on a fixed plan

    private static func fixedPlanColumns(
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

        // For each item, the exposure columns its rates can use (MODEL.md section 4) that some
        // county has: the only rate rows that matter for its cells.
        let items = RateMatrix.itemCount
        let itemRows: [[Int]] = LineItem.allCases.map { item in
            Self.rows(for: item, years: years).filter { column in
                (0..<counties).contains { exposures[$0, column] != 0 }
            }
        }
        let itemExposures: [Matrix] = itemRows.map { rows in
            var matrix = Matrix(rows: counties, columns: rows.count)
            for county in 0..<counties {
                for (position, column) in rows.enumerated() {
                    matrix[county, position] = exposures[county, column]
                }
            }
            return matrix
        }
        let itemSums: [[Double]] = itemExposures.map { matrix in
            (0..<matrix.columns).map { column in (0..<counties).reduce(0) { $0 + matrix[$1, column] } }
        }
        // Rates of every draw: per column a (rows x draws) block, columns one after another.
        var columnOffsets = [Int](repeating: 0, count: columnCount + 1)
        for column in 0..<columnCount {
            columnOffsets[column + 1] = columnOffsets[column] + itemRows[column % items].count * draws
        }
        let offsets = columnOffsets
        let rates = SharedBuffer<Double>(repeating: 0, count: offsets[columnCount])
        let progress = ProgressCounter(total: draws + columnCount, report: options.progress)
        let amounts = forEachDraw(of: scenario, options: options, progress: progress) { draw, drawn in
            let costs = VenueCosts(drawn.venues, horizon: drawn.horizon)
            let income = RuralIncome(drawn.ruralIncome, through: drawn.horizon.upperBound)
            let pay =
                (try? PayWindows(
                    drawn.pay, income: income, horizon: drawn.horizon, location: .file(drawn.file)))
                ?? plan.pay
            let matrix = RateMatrix(scenario: drawn, costs: costs, pay: pay).matrix
            for column in 0..<columnCount {
                let base = offsets[column]
                for (position, row) in itemRows[column % items].enumerated() {
                    rates[base + position * draws + draw] = matrix[row, column]
                }
            }
        }

        try checkLimits(
            rates: rates, offsets: offsets, sums: itemSums, items: items, columnCount: columnCount,
            draws: draws,
            scenario: scenario)

        let cells = SharedBuffer<Quantiles>(repeating: Quantiles(constant: 0), count: counties * columnCount)
        let totals = SharedBuffer<Int64>(repeating: 0, count: columnCount * draws)
        let selected = SharedBuffer<Int64>(repeating: 0, count: columnCount * draws)
        let counts = LineItem.allCases.map { item in
            EnvelopeCount(item, projection: projection, exposures: itemExposures[item.rawValue])
        }
        // One task per line item, its years in order: consecutive years of an item usually
        // order the draws alike, so each reuses the previous year's order when it still holds.
        Parallel.forEach(items, threads: options.threads) { item in
            var previousOrder: [Int] = []
            let rows = itemRows[item]
            for year in 0..<years {
                let column = year * items + item
                let columnRates = rates.slice(offsets[column]..<offsets[column + 1])
                let columnTotals = totals.slice((column * draws)..<((column + 1) * draws))
                let columnSelected = selected.slice((column * draws)..<((column + 1) * draws))
                projectColumn(
                    column, rates: columnRates, width: rows.count, draws: draws,
                    exposures: itemExposures[item],
                    columnSums: itemSums[item], deterministic: rows.map { deterministicRates[$0, column] },
                    projection: projection, columnCount: columnCount, options: options, cells: cells,
                    totals: columnTotals, count: counts[item], selected: columnSelected,
                    previousOrder: &previousOrder)
                progress.add(1)
            }
        }
        return Columns(
            cells: cells.array, totals: totals.array, selected: selected.array, envelopeAmounts: amounts.array
        )
    }

    /// The quantiles of one column's cells for every county, its total in each draw, and the
    /// cents of it the envelope counts in each draw.
    private static func projectColumn(
        _ column: Int, rates: UnsafeMutableBufferPointer<Double>, width: Int, draws: Int, exposures: Matrix,
        columnSums: [Double], deterministic: [Double], projection: Projection, columnCount: Int,
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
            case .byCounty: selected[draw] = Money.cents(weighted())
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
        for row in 0..<width where columnSums[row] != 0 {
            for draw in 0..<draws { keys[draw] += columnSums[row] * rates[row * draws + draw] }
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
                totals[draw] = Money.cents(keys[draw])
                setSelected(draw, total: totals[draw]) { weighted(draw) }
            }
            return
        }

        if projectBanded(
            column, rates: rates, width: width, draws: draws, exposures: exposures, keys: keys, order: order,
            columnCount: columnCount, cells: cells, totals: totals)
        {
            for draw in 0..<draws { setSelected(draw, total: totals[draw]) { weighted(draw) } }
            return
        }

        // Every draw of every cell: one BLAS product per block of counties.
        let columnRates = Matrix(rows: width, columns: draws, elements: Array(rates))
        for draw in 0..<draws {
            totals[draw] = 0
            selected[draw] = 0
        }
        var start = 0
        var values = [Int64](repeating: 0, count: draws)
        var parts = [Int64](repeating: 0, count: FundingLevel.allCases.count)
        while start < counties {
            let end = min(counties, start + options.countyBlock)
            let block = Matrix(
                rows: end - start, columns: width,
                elements: Array(exposures.elements[(start * width)..<(end * width)]))
            let amounts = BLAS.multiply(block, columnRates)
            for county in start..<end {
                for draw in 0..<draws {
                    let cents = Money.cents(amounts[county - start, draw])
                    values[draw] = cents
                    totals[draw] += cents
                }
                if count.kind == .byCounty {
                    for draw in 0..<draws {
                        selected[draw] += count.counted(values[draw], county: county, parts: &parts)
                    }
                }
                cells[county * columnCount + column] = Quantiles(sorting: &values)
            }
            start = end
        }
        if count.kind == .all {
            for draw in 0..<draws { selected[draw] = totals[draw] }
        }
    }

    /// MODEL.md section 6's limit in every draw: no amount, total or cumulative may reach
    /// 10^13 yuan. Exposures are non-negative, so a column's amounts in a draw are bounded by
    /// sum_r S_r |w_r|, and a draw's cumulative by the sum of those bounds (equal to them when
    /// no amount is negative). Draws are not clipped, so a wide distribution can get there.
    private static func checkLimits(
        rates: SharedBuffer<Double>, offsets: [Int], sums: [[Double]], items: Int, columnCount: Int,
        draws: Int,
        scenario: Scenario
    ) throws(DiagnosticError) {
        var running = [Double](repeating: 0, count: draws)
        for column in 0..<columnCount {
            let item = column % items
            let width = sums[item].count
            for draw in 0..<draws {
                var bound = 0.0
                for row in 0..<width {
                    bound += sums[item][row] * abs(rates[offsets[column] + row * draws + draw])
                }
                running[draw] += bound
                guard Limits.allows(yuan: bound), Limits.allows(yuan: running[draw]) else {
                    let year = scenario.horizon.lowerBound + column / items
                    throw DiagnosticError(
                        scenario.location(of: .draws),
                        "scenario `\(scenario.name)`: in draw \(draw), \(LineItem(rawValue: item)!.key) or the cumulative total in \(year) reaches 10^13 yuan, beyond what Groundwork can write; the uncertain parameters' distributions reach absurd values (draws are not clipped)"
                    )
                }
            }
        }
    }

    /// The exposure columns whose rates an item can use (MODEL.md section 4).
    static func rows(for item: LineItem, years: Int) -> [Int] {
        let heads =
            Role.allCases.map(ExposureColumn.writtenHeads)
            + Role.allCases.map(ExposureColumn.blankHeadVillages)
        switch item {
        case .venueConstruction, .venueUpkeep:
            return (0..<years).map { ExposureColumn.completions(yearIndex: $0) }
        case .operatingFunds: return [ExposureColumn.villages]
        case .cadrePayBasic, .cadrePayPerformance: return heads
        case .pensionTopUp: return [ExposureColumn.villages] + heads
        }
    }

    /// A column whose rate rows are nearly proportional to its portfolio-wide amount (pay
    /// rows of several roles, each rounded on its own, times a common payout, say).
    ///
    /// Write each row as w_r = beta_r x key + e_r, with |e_r| <= E_r over the draws. A county
    /// with exposures h >= 0 then has value_d = lambda x key_d + (its part of e), lambda =
    /// sum h_r beta_r, within e = sum h_r E_r of lambda x key_d. So its t-th smallest value lies
    /// within e of lambda x key_(t), and only draws whose lambda x key lies within 2e of that can
    /// be it: those are computed exactly and the t-th found among them, after counting the draws
    /// surely below. Exact, and cheap while the band holds few draws. Returns false (nothing
    /// written) when the band is too wide for some county.
    private static func projectBanded(
        _ column: Int, rates: UnsafeMutableBufferPointer<Double>, width: Int, draws: Int, exposures: Matrix,
        keys: [Double], order: [Int], columnCount: Int, cells: SharedBuffer<Quantiles>,
        totals: UnsafeMutableBufferPointer<Int64>
    ) -> Bool {
        let sortedKeys = order.map { keys[$0] }
        var keySquares = 0.0
        for key in keys { keySquares += key * key }
        guard keySquares > 0, sortedKeys.first! >= 0 else { return false }
        var betas = [Double](repeating: 0, count: width)
        var bounds = [Double](repeating: 0, count: width)
        var means = [Double](repeating: 0, count: width)
        for row in 0..<width {
            var product = 0.0
            var sum = 0.0
            for draw in 0..<draws {
                product += rates[row * draws + draw] * keys[draw]
                sum += rates[row * draws + draw]
            }
            let beta = product / keySquares
            var bound = 0.0
            for draw in 0..<draws { bound = max(bound, abs(rates[row * draws + draw] - beta * keys[draw])) }
            betas[row] = beta
            bounds[row] = bound
            means[row] = sum / Double(draws)
        }
        let limit = max(64, draws / 16)
        let counties = exposures.rows
        let positions = Quantiles.probabilities.map { Quantiles.position($0, count: draws) }
        var results: [Quantiles] = []
        results.reserveCapacity(counties)
        var candidates: [Double] = []
        for county in 0..<counties {
            var lambda = 0.0
            var spread = 0.0
            var mean = 0.0
            for row in 0..<width {
                let exposure = exposures[county, row]
                lambda += exposure * betas[row]
                spread += exposure * bounds[row]
                mean += exposure * means[row]
            }
            guard lambda > 0 else { return false }
            // Room for rounding in the sums above, far below a cent.
            spread = spread * (1 + 1e-9) + 1e-9 * lambda * max(abs(sortedKeys.last!), 1)
            func value(_ draw: Int) -> Double {
                var yuan = 0.0
                for row in 0..<width { yuan += exposures[county, row] * rates[row * draws + draw] }
                return yuan
            }
            /// The t-th smallest value (0-based) over all draws.
            func orderStatistic(_ t: Int) -> Double? {
                let centre = sortedKeys[t]
                let low = lowerBound(sortedKeys, centre - 2 * spread / lambda)
                let high = upperBound(sortedKeys, centre + 2 * spread / lambda)
                guard high - low <= limit else { return nil }
                candidates.removeAll(keepingCapacity: true)
                for position in low..<high { candidates.append(value(order[position])) }
                candidates.sort()
                return candidates[t - low]
            }
            var values: [Int64] = []
            for position in positions {
                guard let lower = orderStatistic(position.lower) else { return false }
                let upper = position.weight == 0 ? lower : orderStatistic(min(position.lower + 1, draws - 1))
                guard let upper else { return false }
                values.append(
                    Quantiles.interpolate(Money.cents(lower), Money.cents(upper), weight: position.weight))
            }
            results.append(Quantiles(mean: Money.cents(mean), p05: values[0], p50: values[1], p95: values[2]))
        }
        for county in 0..<counties { cells[county * columnCount + column] = results[county] }
        for draw in 0..<draws { totals[draw] = Money.cents(keys[draw]) }
        return true
    }

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

    private struct KeyedDraw: Comparable {
        var key: Double
        var draw: Int

        static func < (lhs: KeyedDraw, rhs: KeyedDraw) -> Bool {
            lhs.key != rhs.key ? lhs.key < rhs.key : lhs.draw < rhs.draw
        }
    }

    /// The first index whose value is >= `value` in an ascending array.
    private static func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index whose value is > `value` in an ascending array.
    private static func upperBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    // MARK: - Draws that re-plan the rollout

    /// Above this many (cell, draw) values a re-planning run would not fit in memory.
    static let replanLimit = 1 << 27

    /// An annual cap with an uncertain venue price: each draw re-plans its rollout, so its
    /// exposures differ and every draw is projected whole.
    private static func replannedColumns(
        _ projection: Projection, portfolio: Portfolio, options: MonteCarloOptions
    ) throws(DiagnosticError) -> Columns {
        let plan = projection.plan
        let scenario = plan.scenario
        let draws = scenario.uncertainty!.draws
        let columnCount = projection.years * RateMatrix.itemCount
        let counties = plan.totals.counties.count
        let cellCount = counties * columnCount
        guard cellCount * draws <= replanLimit else {
            throw DiagnosticError(
                scenario.location(of: .draws),
                "an annual cap with an uncertain venue price re-plans every draw; \(counties) counties x \(columnCount) cells x \(draws) draws is too many: use fewer draws or counties"
            )
        }
        let values = SharedBuffer<Int64>(repeating: 0, count: cellCount * draws)
        let failed = SharedBuffer<Bool>(repeating: false, count: draws)
        let progress = ProgressCounter(total: draws + counties, report: options.progress)
        let amounts = forEachDraw(of: scenario, options: options, progress: progress) { draw, drawn in
            guard
                let drawnPlan = try? Plan(
                    scenario: drawn, portfolio: portfolio, totals: plan.totals, actuals: plan.actuals)
            else {
                failed[draw] = true
                return
            }
            let amountsMatrix = BLAS.multiply(
                Matrix(exposuresOf: drawnPlan), RateMatrix(scenario: drawn, plan: drawnPlan).matrix)
            var running = 0.0
            for cell in 0..<cellCount {
                let yuan = amountsMatrix.elements[cell]
                running += abs(yuan)
                guard Limits.allows(yuan: yuan), Limits.allows(yuan: running) else {
                    failed[draw] = true
                    break
                }
                values[cell * draws + draw] = Money.cents(yuan)
            }
        }
        if let draw = (0..<draws).first(where: { failed[$0] }) {
            throw DiagnosticError(
                scenario.location(of: .draws),
                "draw \(draw) of scenario `\(scenario.name)` could not be planned, or an amount or total in it reaches 10^13 yuan (draws are not clipped)"
            )
        }
        // Closed years hold the actuals in every draw (MODEL.md section 7).
        let years = projection.years
        let items = RateMatrix.itemCount
        for county in 0..<counties {
            for year in projection.closedYears {
                for item in 0..<items {
                    let cell = (county * years + year) * items + item
                    for draw in 0..<draws { values[cell * draws + draw] = projection.cells[cell] }
                }
            }
        }
        let cells = SharedBuffer<Quantiles>(repeating: Quantiles(constant: 0), count: cellCount)
        Parallel.forEach(counties, threads: options.threads) { county in
            var buffer = [Int64](repeating: 0, count: draws)
            for column in 0..<columnCount {
                let cell = county * columnCount + column
                for draw in 0..<draws { buffer[draw] = values[cell * draws + draw] }
                cells[cell] = Quantiles(sorting: &buffer)
            }
            progress.add(1)
        }
        var totals = [Int64](repeating: 0, count: columnCount * draws)
        var selected = [Int64](repeating: 0, count: columnCount * draws)
        let exposures = Matrix(exposuresOf: plan)
        let counts = LineItem.allCases.map { EnvelopeCount($0, projection: projection, exposures: exposures) }
        var parts = [Int64](repeating: 0, count: FundingLevel.allCases.count)
        for county in 0..<counties {
            for column in 0..<columnCount {
                let cell = county * columnCount + column
                let count = counts[column % items]
                for draw in 0..<draws {
                    let cents = values[cell * draws + draw]
                    totals[column * draws + draw] += cents
                    if count.kind != .none {
                        selected[column * draws + draw] += count.counted(cents, county: county, parts: &parts)
                    }
                }
            }
        }
        return Columns(cells: cells.array, totals: totals, selected: selected, envelopeAmounts: amounts.array)
    }

    /// Calls `body` with each draw's index and its scenario (`Scenario.drawn`), in blocks of
    /// `options.drawBlock` draws on `options.threads` threads; `body` writes only that draw's
    /// places. - Returns: each draw's envelope amount in cents (the written one when it is
    /// not uncertain, 0 without an envelope).
    private static func forEachDraw(
        of scenario: Scenario, options: MonteCarloOptions, progress: ProgressCounter,
        _ body: @escaping @Sendable (Int, Scenario) -> Void
    ) -> SharedBuffer<Int64> {
        let draws = scenario.uncertainty!.draws
        let amounts = SharedBuffer<Int64>(repeating: scenario.envelope?.amountCents ?? 0, count: draws)
        let streams = scenario.randomStreams
        let blocks = (draws + options.drawBlock - 1) / options.drawBlock
        Parallel.forEach(blocks, threads: options.threads) { block in
            let range = (block * options.drawBlock)..<min(draws, (block + 1) * options.drawBlock)
            for draw in range {
                let drawn = scenario.drawn(draw, streams: streams)
                body(draw, drawn)
                if let envelope = drawn.envelope { amounts[draw] = envelope.amountCents }
            }
            progress.add(range.count)
        }
        return amounts
    }

    // MARK: - Totals, cumulatives and the envelope

    private static func summarise(_ projection: Projection, columns: Columns, draws: Int) -> RiskResult {
        let scenario = projection.scenario
        let years = projection.years
        let items = RateMatrix.itemCount
        var yearTotals = [[Int64]](repeating: [Int64](repeating: 0, count: draws), count: years)
        for year in 0..<years {
            for item in 0..<items {
                let base = (year * items + item) * draws
                for draw in 0..<draws { yearTotals[year][draw] += columns.totals[base + draw] }
            }
        }
        var running = [Int64](repeating: 0, count: draws)
        var totals: [Quantiles] = []
        var cumulatives: [Quantiles] = []
        for year in 0..<years {
            var values = yearTotals[year]
            for draw in 0..<draws { running[draw] += values[draw] }
            totals.append(Quantiles(sorting: &values))
            var cumulative = running
            cumulatives.append(Quantiles(sorting: &cumulative))
        }

        guard let envelope = Envelope(of: scenario) else {
            return RiskResult(
                projection: projection, draws: draws, cells: columns.cells, totals: totals,
                cumulatives: cumulatives,
                breachProbability: nil, breachYearMedian: nil, breachProbabilityByYear: nil)
        }
        var breachYears: [Double] = []
        var breachesByYear = [Int](repeating: 0, count: years)
        for draw in 0..<draws {
            let breach = envelope.firstBreach(amountCents: columns.envelopeAmounts[draw]) { year in
                var cents: Int64 = 0
                for item in 0..<items { cents += columns.selected[(year * items + item) * draws + draw] }
                return cents
            }
            if let year = breach {
                breachYears.append(Double(scenario.horizon.lowerBound + year))
                for later in year..<years { breachesByYear[later] += 1 }
            }
        }
        breachYears.sort()
        let median = breachYears.isEmpty ? nil : Int(Quantiles.type7(breachYears, 0.5).rounded(.down))
        return RiskResult(
            projection: projection, draws: draws, cells: columns.cells, totals: totals,
            cumulatives: cumulatives,
            breachProbability: Double(breachYears.count) / Double(draws), breachYearMedian: median,
            breachProbabilityByYear: breachesByYear.map { Double($0) / Double(draws) })
    }
}

/// Counts finished work across threads and reports it.
final class ProgressCounter: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private let lock = NSLock()
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func add(_ count: Int) {
        guard let report else { return }
        lock.lock()
        done += count
        let now = done
        lock.unlock()
        report(now, total)
    }
}
