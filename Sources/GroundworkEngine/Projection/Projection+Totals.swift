import GroundworkCore
import GroundworkIO

/// The sums built from a projection's cells (MODEL.md sections 4, 4.5, 5 and 8): item totals,
/// each level's parts, year totals, cumulatives and the envelope, all exact sums of cents.
extension Projection {
    /// Builds every sum from the cells.
    /// - Throws: when a total or cumulative reaches 10^13 yuan (MODEL.md section 6), or the pay
    ///   or income written to pay.csv does.
    init(plan: Plan, cells: [Int64], plannedCells: [Int64]?, closedYears: Range<Int>) throws(DiagnosticError)
    {
        let scenario = plan.scenario
        let years = scenario.horizon.count
        let items = RateMatrix.itemCount
        let columns = years * items
        let counties = plan.totals.counties.count
        var itemTotals = [Int64](repeating: 0, count: columns)
        var levelTotals = [Int64](repeating: 0, count: FundingLevel.allCases.count * columns)
        let funding = plan.funding
        for county in 0..<counties {
            let base = county * columns
            for column in 0..<columns { itemTotals[column] += cells[base + column] }
            for item in LineItem.allCases {
                let share = funding.funding(county: county, item: item)
                if let level = share.soleLevel {
                    let levelBase = level.rawValue * columns + item.rawValue
                    for year in 0..<years {
                        levelTotals[levelBase + year * items] += cells[base + year * items + item.rawValue]
                    }
                } else {
                    let rule = share.rule
                    for year in 0..<years {
                        let parts = rule.parts(cells[base + year * items + item.rawValue])
                        for position in 0..<rule.count {
                            levelTotals[rule.levels[position] * columns + year * items + item.rawValue] +=
                                parts[position]
                        }
                    }
                }
            }
        }
        // The plan's item totals of the closed years, for outturn.csv.
        var plannedItemTotals: [Int64]? = nil
        if let plannedCells {
            var totals = [Int64](repeating: 0, count: closedYears.count * items)
            for county in 0..<counties {
                for year in closedYears {
                    for item in 0..<items {
                        totals[year * items + item] += plannedCells[(county * years + year) * items + item]
                    }
                }
            }
            plannedItemTotals = totals
        }
        try self.init(
            plan: plan, cells: cells, plannedCells: plannedCells,
            sums: Sums(
                itemTotals: itemTotals, levelTotals: levelTotals, plannedItemTotals: plannedItemTotals,
                closedYears: closedYears))
    }

    /// The sums of a projection's cells that its portfolio-wide figures are made from: what the
    /// shards of a split run add up (`Sums.+`).
    public struct Sums: Sendable, Equatable {
        /// Cents per (year, item).
        public var itemTotals: [Int64]
        /// Cents per (level, year, item).
        public var levelTotals: [Int64]
        /// Per (closed year, item): the cells as planned, before the actuals; nil without actuals.
        public var plannedItemTotals: [Int64]?
        public var closedYears: Range<Int>

        public init(
            itemTotals: [Int64], levelTotals: [Int64], plannedItemTotals: [Int64]?, closedYears: Range<Int>
        ) {
            self.itemTotals = itemTotals
            self.levelTotals = levelTotals
            self.plannedItemTotals = plannedItemTotals
            self.closedYears = closedYears
        }

        /// The sums of two disjoint sets of counties of one projection, added.
        public static func + (lhs: Sums, rhs: Sums) -> Sums {
            func add(_ a: [Int64], _ b: [Int64]) -> [Int64] { zip(a, b).map(+) }
            return Sums(
                itemTotals: add(lhs.itemTotals, rhs.itemTotals),
                levelTotals: add(lhs.levelTotals, rhs.levelTotals),
                plannedItemTotals: lhs.plannedItemTotals.map { add($0, rhs.plannedItemTotals!) },
                closedYears: lhs.closedYears)
        }
    }

    /// The sums of this projection's cells.
    public var sums: Sums {
        Sums(
            itemTotals: itemTotals, levelTotals: levelTotals, plannedItemTotals: plannedItemTotals,
            closedYears: closedYears)
    }

    /// A projection made from sums alone, with no cells: a merge of shards builds it from the
    /// shards' sums and the whole portfolio's plan, and writes every portfolio-wide file from it.
    public init(plan: Plan, sums: Sums) throws(DiagnosticError) {
        try self.init(plan: plan, cells: [], plannedCells: nil, sums: sums)
    }

    /// Builds the totals, cumulatives, envelope and prices from the sums.
    init(plan: Plan, cells: [Int64], plannedCells: [Int64]?, sums: Sums) throws(DiagnosticError) {
        let scenario = plan.scenario
        let years = scenario.horizon.count
        let items = RateMatrix.itemCount
        let columns = years * items
        let itemTotals = sums.itemTotals
        let levelTotals = sums.levelTotals
        let closedYears = sums.closedYears
        func tooLarge(_ what: String) -> DiagnosticError {
            Limits.exceeded(what, scenario: scenario.name, at: .file(scenario.file))
        }
        var yearTotals = [Int64](repeating: 0, count: years)
        var cumulative = [Int64](repeating: 0, count: years)
        let envelope = Envelope(of: scenario)
        var envelopeSelected = [Int64](repeating: 0, count: years)
        var running: Int64 = 0
        for year in 0..<years {
            let calendarYear = scenario.horizon.lowerBound + year
            for item in LineItem.allCases {
                let total = itemTotals[year * items + item.rawValue]
                guard Limits.allows(cents: total) else {
                    throw tooLarge("the total of \(item.key) in \(calendarYear)")
                }
                yearTotals[year] += total
            }
            guard Limits.allows(cents: yearTotals[year]) else {
                throw tooLarge("the total of \(calendarYear)")
            }
            running += yearTotals[year]
            guard Limits.allows(cents: running) else {
                throw tooLarge("the cumulative total in \(calendarYear)")
            }
            cumulative[year] = running
            if let envelope {
                for item in LineItem.allCases where envelope.parameters.items.contains(item) {
                    for level in FundingLevel.allCases where envelope.parameters.payer.includes(level) {
                        envelopeSelected[year] +=
                            levelTotals[level.rawValue * columns + year * items + item.rawValue]
                    }
                }
            }
        }
        let afterHorizon = plan.constructionAfterHorizon
        guard Limits.allows(yuan: afterHorizon) else {
            throw tooLarge("construction due after the horizon")
        }
        // pay.csv writes the monthly pay and the rural income even where no cadre earns it.
        for (index, year) in scenario.horizon.enumerated() {
            if let income = plan.income(year), !Limits.allows(yuan: income) {
                throw tooLarge("rural income in \(year)")
            }
            if let monthly = plan.pay.monthly[index],
                let role = Role.allCases.first(where: { !Limits.allows(yuan: monthly[$0]) })
            {
                throw tooLarge("the monthly pay of role `\(role.key)` in \(year)")
            }
        }
        self.plan = plan
        self.years = years
        self.cells = cells
        self.plannedCells = plannedCells
        self.plannedItemTotals = sums.plannedItemTotals
        self.closedYears = closedYears
        self.itemTotals = itemTotals
        self.levelTotals = levelTotals
        self.yearTotals = yearTotals
        self.cumulative = cumulative
        self.envelopeUse = envelope?.evaluate(selected: envelopeSelected)
        self.constructionAfterHorizonCents = Money.cents(afterHorizon)
        self.prices = try scenario.prices.map { (prices) throws(DiagnosticError) in
            try PriceIndex(prices, horizon: scenario.horizon, yearTotals: yearTotals, scenario: scenario)
        }
    }

    /// Checks what the sums promise (for tests): item totals are the sums of the cells, each
    /// item's level parts sum to its total, year totals and cumulatives foot.
    func _checkInvariants() {
        let items = RateMatrix.itemCount
        let columns = years * items
        var sums = [Int64](repeating: 0, count: columns)
        for (index, cents) in cells.enumerated() { sums[index % columns] += cents }
        precondition(sums == itemTotals, "item totals are not the sums of the cells")
        for column in 0..<columns {
            let parts = FundingLevel.allCases.reduce(Int64(0)) {
                $0 + levelTotals[$1.rawValue * columns + column]
            }
            precondition(parts == itemTotals[column], "the levels' parts do not sum to the item total")
        }
        var running: Int64 = 0
        for year in 0..<years {
            let total = (0..<items).reduce(Int64(0)) { $0 + itemTotals[year * items + $1] }
            precondition(total == yearTotals[year], "a year total is not the sum of its items")
            running += total
            precondition(running == cumulative[year], "a cumulative does not foot")
        }
    }
}
