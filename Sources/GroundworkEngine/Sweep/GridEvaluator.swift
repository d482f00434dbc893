import Foundation
import GroundworkCore
import GroundworkIO

/// The figures of one grid point (MODEL.md section 10): those of `headline.csv`, and the
/// real and present-value totals when the scenario has `prices:`.
public struct GridFigures: Sendable, Equatable {
    public var total: Int64
    /// `envelope_used`, `envelope_remaining` and the breach year; nil without an envelope.
    public var envelope: Envelope.Use?
    public var venuesDeferred: Int
    /// The last `cumulative_real` and `cumulative_pv` of `prices.csv`.
    public var totalReal: Int64?
    public var totalPresentValue: Int64?

    public var breachYear: Int? { envelope?.breachYear }
}

/// Evaluates the points of a grid exactly as deterministic runs of the scenario with each
/// value written in (MODEL.md section 10), without projecting every point whole.
///
/// A value moves only the line items whose rates it enters (`Parameter.affectedItems`), so
/// each item is projected once per combination of the values of the grids that move it: a
/// unit-cost x income-growth sweep projects the venue items once per unit cost and the pay
/// items once per growth rate. Those projections are BLAS products of the county exposures
/// and a rate matrix with one block of columns per grid point; every cell is rounded to the
/// cent and summed, as a run does. Points that change the plan (an annual cap, or a venue
/// price under a cap) re-plan, and plans that complete the same venues share their
/// allocation. A point's figures are then sums of its items' cents.
public final class GridEvaluator: @unchecked Sendable {
    public let grids: [Grid]
    /// The scenario as written, without `uncertainty`.
    public let scenario: Scenario
    let base: Projection
    let portfolio: Portfolio
    let allocations = AllocationCache()
    /// Per item, the grids (indices) whose values move it.
    let itemGrids: [[Int]]
    /// The grids that change the plan.
    let planGrids: [Int]
    let priceGrids: [Int]
    let amountGrid: Int?
    let threads: Int
    private var series: [[Int: ItemSeries]]
    private var plans: [Int: PlanFigures] = [:]
    private var prices: [Int: PriceIndex.Factors] = [:]
    private let lock = NSLock()

    /// One item's cents per horizon year at one combination of its grids' values.
    struct ItemSeries: Sendable {
        var totals: [Int64]
        /// The cents of it the envelope counts.
        var counted: [Int64]
    }

    /// What a grid point's plan gives the figures.
    struct PlanFigures: Sendable {
        var venuesDeferred: Int
    }

    /// The number of combinations, the first grid outermost.
    public var combinations: Int { grids.reduce(1) { $0 * $1.count } }

    /// Whether the figures include `total_real` and `total_pv`: the scenario has `prices:` or
    /// a grid varies a price rate (which adds the section).
    public var hasPrices: Bool { scenario.prices != nil || !priceGrids.isEmpty }

    /// - Parameter projection: the deterministic run of the scenario (its plan's portfolio
    ///   totals, funding and actuals are shared by every point).
    /// - Throws: a grid varied twice, or `envelope.amount` on a scenario without an envelope,
    ///   located at the grid.
    public init(
        _ projection: Projection, portfolio: Portfolio, grids: [Grid], arguments: [Int]? = nil,
        threads: Int = Parallel.processorCount
    ) throws(DiagnosticError) {
        var scenario = projection.scenario
        scenario.uncertainty = nil
        var diagnostics: [Diagnostic] = []
        for (index, grid) in grids.enumerated() {
            let location = Grid.location(argument: arguments?[index] ?? index + 1)
            if grids[..<index].contains(where: { $0.parameter == grid.parameter }) {
                diagnostics.append(
                    Diagnostic(location, "`--vary \(grid.text)`: `\(grid.parameter)` is varied twice"))
            }
            if grid.parameter == .envelopeAmount && scenario.envelope == nil {
                diagnostics.append(
                    Diagnostic(
                        location,
                        "`--vary \(grid.text)`: the scenario `\(scenario.name)` has no envelope to vary"))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        self.grids = grids
        self.scenario = scenario
        self.portfolio = portfolio
        self.threads = max(1, threads)
        base = projection
        itemGrids = LineItem.allCases.map { item in
            grids.indices.filter { grids[$0].parameter.affectedItems.contains(item) }
        }
        planGrids = grids.indices.filter { grids[$0].parameter.changesPlan(of: scenario) }
        priceGrids = grids.indices.filter {
            [Parameter.inflation, .discountRate].contains(grids[$0].parameter)
        }
        amountGrid = grids.firstIndex { $0.parameter == .envelopeAmount }
        series = Array(repeating: [:], count: LineItem.allCases.count)
    }

    // MARK: - Indices

    /// The value index of each grid at a combination (the first grid outermost).
    public func indices(of combination: Int) -> [Int] {
        var rest = combination
        var indices = [Int](repeating: 0, count: grids.count)
        for dimension in grids.indices.reversed() {
            indices[dimension] = rest % grids[dimension].count
            rest /= grids[dimension].count
        }
        return indices
    }

    /// The position of a combination of some grids' value indices, mixed radix in grid order.
    func subIndex(_ dimensions: [Int], _ indices: [Int]) -> Int {
        dimensions.reduce(0) { $0 * grids[$1].count + indices[$1] }
    }

    /// The scenario with the values of `dimensions` at `indices` written in.
    func scenario(_ dimensions: [Int], _ indices: [Int]) -> Scenario {
        var scenario = scenario
        for dimension in dimensions {
            grids[dimension].parameter.replace(
                in: &scenario, withExact: grids[dimension].value(indices[dimension]))
        }
        return scenario
    }

    /// "at venues.unit_cost=182300, rural_income.growth=0.08".
    func describe(_ indices: [Int], dimensions: [Int]? = nil) -> String {
        (dimensions ?? Array(grids.indices)).map { "\(grids[$0].parameter)=\(grids[$0].value(indices[$0]))" }
            .joined(separator: ", ")
    }

    // MARK: - Figures

    /// The figures of one combination, computing (and keeping) what it needs.
    public func figures(at combination: Int) throws(DiagnosticError) -> GridFigures {
        let indices = indices(of: combination)
        try prepare([indices])
        return try assemble(indices)
    }

    /// The figures of every combination, in order (the first grid outermost), in blocks so
    /// that memory stays bounded; `progress` gets (done, all).
    public func sweep(
        _ range: Range<Int>? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(DiagnosticError) -> [GridFigures] {
        let range = range ?? 0..<combinations
        let all = range.count
        var result: [GridFigures] = []
        result.reserveCapacity(all)
        let block = 8192
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + block)
            let block = (start..<end).map(indices(of:))
            try prepare(block)
            for indices in block { result.append(try assemble(indices)) }
            forgetLargeItems()
            start = end
            progress?(end - range.lowerBound, all)
        }
        return result
    }

    /// Drops the kept series of items with many combinations, which a later block of a sweep
    /// does not meet again; an item moved by the inner grids only is kept.
    private func forgetLargeItems() {
        for item in LineItem.allCases
        where itemGrids[item.rawValue].reduce(1, { $0 * grids[$1].count }) > 65_536 {
            series[item.rawValue].removeAll(keepingCapacity: true)
        }
    }

    /// The sum of the items' cents of one combination, checked against the limits, with the
    /// envelope and the prices.
    private func assemble(_ indices: [Int]) throws(DiagnosticError) -> GridFigures {
        let years = base.years
        var yearTotals = [Int64](repeating: 0, count: years)
        var counted = [Int64](repeating: 0, count: years)
        for item in LineItem.allCases {
            let dimensions = itemGrids[item.rawValue]
            let itemSeries =
                dimensions.isEmpty ? baseSeries(item) : series[item.rawValue][subIndex(dimensions, indices)]!
            for year in 0..<years {
                yearTotals[year] += itemSeries.totals[year]
                counted[year] += itemSeries.counted[year]
            }
        }
        var running: Int64 = 0
        for year in 0..<years {
            running += yearTotals[year]
            guard Limits.allows(cents: yearTotals[year]), Limits.allows(cents: running) else {
                throw Limits.exceeded(
                    "at \(describe(indices)), the total or the cumulative of \(scenario.horizon.lowerBound + year)",
                    scenario: scenario.name, at: .file(scenario.file))
            }
        }
        var figures = GridFigures(total: running, envelope: nil, venuesDeferred: base.plan.venuesDeferred)
        if let envelope = Envelope(of: scenario) {
            var amount = envelope.parameters.amountCents
            if let amountGrid { amount = Money.cents(exact: grids[amountGrid].value(indices[amountGrid])) }
            figures.envelope = envelope.evaluate(selected: counted, amountCents: amount)
        }
        if !planGrids.isEmpty { figures.venuesDeferred = plans[subIndex(planGrids, indices)]!.venuesDeferred }
        if hasPrices {
            let key = subIndex(priceGrids, indices)
            let factors = prices[key]!
            let (real, present) = factors.cumulatives(yearTotals)
            guard Limits.allows(cents: real), Limits.allows(cents: present) else {
                throw Limits.exceeded(
                    "at \(describe(indices)), the cumulative of prices.csv", scenario: scenario.name,
                    at: .file(scenario.file))
            }
            figures.totalReal = real
            figures.totalPresentValue = present
        }
        return figures
    }

    /// An item no grid moves: the deterministic run's cents.
    private func baseSeries(_ item: LineItem) -> ItemSeries {
        if let known = series[item.rawValue][0] { return known }
        let years = base.years
        var value = ItemSeries(totals: [], counted: [])
        for year in 0..<years {
            value.totals.append(base.itemTotal(year: year, item: item))
            value.counted.append(countedBase(item, year: year))
        }
        series[item.rawValue][0] = value
        return value
    }

    /// What the envelope counts of the run's cells of `item` in a year (its levels' parts).
    private func countedBase(_ item: LineItem, year: Int) -> Int64 {
        guard let envelope = scenario.envelope, envelope.items.contains(item) else { return 0 }
        return FundingLevel.allCases.reduce(Int64(0)) {
            envelope.payer.includes($1) ? $0 + base.levelTotal($1, year: year, item: item) : $0
        }
    }

    // MARK: - Computing what combinations need

    /// Computes the item series, plans and price factors that `block` needs and are not kept.
    private func prepare(_ block: [[Int]]) throws(DiagnosticError) {
        // Plans first: the venue items project on them.
        var planKeys: [Int: [Int]] = [:]
        for indices in block where !planGrids.isEmpty {
            let key = subIndex(planGrids, indices)
            if plans[key] == nil && planKeys[key] == nil { planKeys[key] = indices }
        }
        for (key, indices) in planKeys.sorted(by: { $0.key < $1.key }) {
            let plan = try self.plan(indices)
            plans[key] = PlanFigures(venuesDeferred: plan.venuesDeferred)
        }
        if hasPrices {
            for indices in block {
                let key = subIndex(priceGrids, indices)
                guard prices[key] == nil else { continue }
                let scenario = scenario(priceGrids, indices)
                let parameters = scenario.prices ?? PriceParameters(baseYear: scenario.horizon.lowerBound)
                prices[key] = PriceIndex.Factors(parameters, horizon: scenario.horizon)
            }
        }
        // The series to compute, by item, each once.
        var tasks: [(item: LineItem, key: Int, indices: [Int])] = []
        for item in LineItem.allCases {
            let dimensions = itemGrids[item.rawValue]
            guard !dimensions.isEmpty else { continue }
            var seen = Set<Int>()
            for indices in block {
                let key = subIndex(dimensions, indices)
                if series[item.rawValue][key] == nil, seen.insert(key).inserted {
                    tasks.append((item, key, indices))
                }
            }
        }
        guard !tasks.isEmpty else { return }
        // Chunks of one item's points: one BLAS product each, on the cores.
        var chunks: [[(item: LineItem, key: Int, indices: [Int])]] = []
        var current: [(item: LineItem, key: Int, indices: [Int])] = []
        for task in tasks {
            if let last = current.last, last.item != task.item || current.count == 32 {
                chunks.append(current)
                current = []
            }
            current.append(task)
        }
        chunks.append(current)
        let results = SharedBuffer<Result<[ItemSeries], DiagnosticError>?>(
            repeating: nil, count: chunks.count)
        let work = chunks
        Parallel.forEach(work.count, threads: threads) { index in
            results[index] = Result { () throws(DiagnosticError) in try self.project(work[index]) }
        }
        for (index, chunk) in chunks.enumerated() {
            let computed = try results[index]!.get()
            for (task, value) in zip(chunk, computed) { series[task.item.rawValue][task.key] = value }
        }
    }

    /// The plan of a combination's plan grids.
    private func plan(_ indices: [Int]) throws(DiagnosticError) -> Plan {
        let scenario = scenario(planGrids, indices)
        do {
            return try Plan(
                scenario: scenario, portfolio: portfolio, totals: base.plan.totals,
                actuals: base.plan.actuals,
                allocations: allocations)
        } catch {
            throw DiagnosticError(
                error.diagnostics.map {
                    Diagnostic(
                        $0.location, "at \(describe(indices, dimensions: planGrids)): \($0.message)",
                        kind: $0.kind)
                })
        }
    }

    /// Projects one item at several combinations of its grids: one product of the exposures
    /// (per plan) and the rates of every combination side by side.
    private func project(_ chunk: [(item: LineItem, key: Int, indices: [Int])]) throws(DiagnosticError)
        -> [ItemSeries]
    {
        let item = chunk[0].item
        let dimensions = itemGrids[item.rawValue]
        let years = base.years
        let items = LineItem.allCases.count
        let counties = base.plan.totals.counties.count
        let closed = base.closedYears
        let replans = !planGrids.isEmpty && item.fundingSection == .venues
        // Per combination: its scenario, plan and rates.
        var plans: [Plan] = []
        var rates: [Matrix] = []
        for task in chunk {
            let scenario = scenario(dimensions, task.indices)
            let plan = replans ? try self.plan(task.indices) : base.plan
            let costs = VenueCosts(scenario.venues, horizon: scenario.horizon)
            let income = RuralIncome(scenario.ruralIncome, through: scenario.horizon.upperBound)
            let pay: PayWindows
            do {
                pay = try PayWindows(
                    scenario.pay, income: income, horizon: scenario.horizon,
                    location: scenario.origins[Parameter.payStart.path]
                        ?? scenario.location(of: .incomeBaseYear))
            } catch {
                throw DiagnosticError(
                    error.diagnostics.map {
                        Diagnostic(
                            $0.location, "at \(describe(task.indices, dimensions: dimensions)): \($0.message)"
                        )
                    })
            }
            try checkPay(item, income: income, pay: pay, indices: task.indices, dimensions: dimensions)
            plans.append(plan)
            rates.append(RateMatrix(scenario: scenario, costs: costs, pay: pay).matrix)
        }
        var output = [ItemSeries](
            repeating: ItemSeries(
                totals: [Int64](repeating: 0, count: years), counted: [Int64](repeating: 0, count: years)),
            count: chunk.count)
        // Closed years hold the actuals at every point.
        for year in closed {
            for position in chunk.indices {
                output[position].totals[year] = base.itemTotal(year: year, item: item)
                output[position].counted[year] = countedBase(item, year: year)
            }
        }
        let open = Array(closed.upperBound..<years)
        guard !open.isEmpty else { return output }
        let count = MonteCarlo.EnvelopeCount(
            item, projection: base, exposures: Matrix(exposuresOf: base.plan))
        var parts = [Int64](repeating: 0, count: FundingLevel.allCases.count)
        // Combinations with one plan share a product.
        var groups: [[Int]: [Int]] = [:]
        for (position, plan) in plans.enumerated() {
            groups[plan.completedByYear, default: []].append(position)
        }
        for positions in groups.values.sorted(by: { $0[0] < $1[0] }) {
            let exposures = Matrix(exposuresOf: plans[positions[0]])
            let width = open.count * positions.count
            var block = Matrix(rows: exposures.columns, columns: width)
            for (slot, position) in positions.enumerated() {
                for row in 0..<exposures.columns {
                    for (column, year) in open.enumerated() {
                        block[row, slot * open.count + column] =
                            rates[position][row, year * items + item.rawValue]
                    }
                }
            }
            let amounts = BLAS.multiply(exposures, block)
            for county in 0..<counties {
                for (slot, position) in positions.enumerated() {
                    for (column, year) in open.enumerated() {
                        let yuan = amounts[county, slot * open.count + column]
                        guard Limits.allows(yuan: yuan) else {
                            throw Limits.exceeded(
                                "at \(describe(chunk[position].indices, dimensions: dimensions)), \(item.key) of "
                                    + "\(base.plan.totals.counties[county]) in \(scenario.horizon.lowerBound + year)",
                                scenario: scenario.name, at: .file(scenario.file))
                        }
                        let cents = Money.cents(yuan)
                        output[position].totals[year] += cents
                        if count.kind != .none {
                            output[position].counted[year] += count.counted(
                                cents, county: county, parts: &parts)
                        }
                    }
                }
            }
        }
        for position in chunk.indices {
            for year in open where !Limits.allows(cents: output[position].totals[year]) {
                throw Limits.exceeded(
                    "at \(describe(chunk[position].indices, dimensions: dimensions)), the total of \(item.key) in "
                        + "\(scenario.horizon.lowerBound + year)", scenario: scenario.name,
                    at: .file(scenario.file))
            }
            if replans, !Limits.allows(yuan: plans[position].constructionAfterHorizon) {
                throw Limits.exceeded(
                    "at \(describe(chunk[position].indices, dimensions: dimensions)), construction due after the horizon",
                    scenario: scenario.name, at: .file(scenario.file))
            }
        }
        return output
    }

    /// The pay and income written to pay.csv stay below the limit at every point (MODEL.md 6).
    private func checkPay(
        _ item: LineItem, income: RuralIncome, pay: PayWindows, indices: [Int], dimensions: [Int]
    ) throws(DiagnosticError) {
        guard item.fundingSection == .pay else { return }
        for (index, year) in scenario.horizon.enumerated() {
            if let value = income(year), !Limits.allows(yuan: value) {
                throw Limits.exceeded(
                    "at \(describe(indices, dimensions: dimensions)), rural income in \(year)",
                    scenario: scenario.name,
                    at: .file(scenario.file))
            }
            if let monthly = pay.monthly[index],
                Role.allCases.contains(where: { !Limits.allows(yuan: monthly[$0]) })
            {
                throw Limits.exceeded(
                    "at \(describe(indices, dimensions: dimensions)), the monthly pay in \(year)",
                    scenario: scenario.name, at: .file(scenario.file))
            }
        }
    }
}
