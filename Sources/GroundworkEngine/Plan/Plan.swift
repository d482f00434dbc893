import Foundation
import GroundworkCore
import GroundworkIO
/// The discrete decisions of a scenario on a portfolio, made before any money is projected:
/// venue rollout and allocation, deferral under the cap, pay windows and rural income
/// (MODEL.md sections 4.1 and 4.3).
public struct Plan: Sendable {
    public let scenario: Scenario
    public private(set) var totals: CountyTotals
    public let costs: VenueCosts
    public let income: RuralIncome
    public let pay: PayWindows
    /// Venues completed per horizon year, portfolio-wide.
    public let completedByYear: [Int]
    /// Venues completed per county and horizon year, county-major (`county * years + year`).
    public private(set) var completions: [Int]
    public let venuesNeeded: Int
    public let venuesBuilt: Int
    public var venuesDeferred: Int { venuesNeeded - venuesBuilt }
    /// Venue tranches due after `horizon.end`, in yuan, unrounded.
    public let constructionAfterHorizon: Double
    /// Who pays each item in each county (MODEL.md section 4).
    public private(set) var funding: FundingTable
    /// The actual outturn of the closed years (MODEL.md section 9), when the scenario has it.
    public private(set) var actuals: Actuals?
    /// The counties of the portfolio this plan projects, as indices: all of them, or a shard's
    /// contiguous block (`restricted(to:)`); `totals`, `completions`, `funding` and `actuals`
    /// hold those counties only, everything else is the whole portfolio's.
    public private(set) var countyRange: Range<Int> = 0..<0
    /// The whole portfolio's county totals (a draw that re-plans allocates over all of them).
    public let portfolioTotals: CountyTotals
    /// The plan of the whole portfolio when this one is a shard's block (`restricted(to:)`),
    /// nil when it is the whole: Monte Carlo chooses each column's exact path from all
    /// counties, so that every shard chooses alike (MODEL.md section 7).
    public var whole: Plan? { wholePlan?.plan }
    private var wholePlan: WholePlan?

    /// - Parameter actuals: the scenario's outturn, read once (`Actuals.load`) and kept by every
    ///   plan made from it (a Monte Carlo draw that re-plans, a grid point).
    /// - Parameter allocations: allocations already made, by yearly counts: plans of grid points
    ///   or draws that complete the same venues each year share one (MODEL.md section 10).
    public init(
        scenario: Scenario, portfolio: Portfolio, totals: CountyTotals, actuals: Actuals? = nil,
        allocations: AllocationCache? = nil
    ) throws(DiagnosticError) {
        self.actuals = actuals
        self.scenario = scenario
        self.totals = totals
        self.portfolioTotals = totals
        let horizon = scenario.horizon
        let venues = scenario.venues
        let need = portfolio.totalVenuesNeeded
        switch venues.rollout {
        case .none where need > 0:
            throw DiagnosticError(
                scenario.location(of: "venues"),
                "the portfolio needs \(need) venues but `venues` gives neither `schedule` nor `shares`")
        case .schedule(let schedule):
            let sum = schedule.values.reduce(0, +)
            if sum != need {
                throw DiagnosticError(
                    scenario.location(of: .venuesSchedule),
                    "`venues.schedule` sums to \(sum) venues but the portfolio needs \(need) (the sum of `venues_needed` in \(portfolio.path))"
                )
            }
        default:
            break
        }
        costs = VenueCosts(venues, horizon: horizon)
        let planned = VenueAllocation.yearlyCounts(venues.rollout, totalNeed: need, horizon: horizon)
        if let cap = venues.annualCap {
            completedByYear =
                AnnualCap.apply(
                    planned: planned, cap: cap, costs: costs, profile: venues.paymentProfile, horizon: horizon
                ).completed
        } else {
            completedByYear = planned
        }

        let yearCount = horizon.count
        let counts = completedByYear
        let completions =
            allocations?.completions(for: counts)
            ?? Self.allocate(counts, portfolio: portfolio, counties: totals.counties.count)
        allocations?.store(completions, for: counts)
        self.completions = completions
        venuesNeeded = need
        venuesBuilt = completedByYear.reduce(0, +)

        var afterHorizon = 0.0
        let profile = venues.paymentProfile
        for (yearIndex, count) in completedByYear.enumerated() where count > 0 {
            for tranche in profile.indices where yearIndex + tranche >= yearCount {
                afterHorizon += Double(count) * costs.unitCosts[yearIndex] * profile[tranche]
            }
        }
        constructionAfterHorizon = afterHorizon

        countyRange = 0..<totals.counties.count
        funding = try FundingTable(
            scenario: scenario, counties: totals.counties, portfolioPath: portfolio.path)
        income = RuralIncome(scenario.ruralIncome, through: horizon.upperBound)
        pay = try PayWindows(
            scenario.pay, income: income, horizon: horizon,
            location: scenario.origins[Parameter.payStart.path] ?? scenario.location(of: .incomeBaseYear))
    }

    /// The plan of a block of its counties (a shard, `run --shard`): the same decisions, which
    /// are the whole portfolio's, with only those counties' exposures, funding and actuals.
    public func restricted(to counties: Range<Int>) -> Plan {
        var plan = self
        plan.wholePlan = wholePlan ?? WholePlan(self)
        let years = scenario.horizon.count
        plan.totals = totals.slice(counties)
        plan.completions = Array(completions[(counties.lowerBound * years)..<(counties.upperBound * years)])
        plan.funding = funding.slice(counties)
        plan.actuals = actuals?.slice(counties)
        plan.countyRange =
            (countyRange.lowerBound + counties.lowerBound)..<(countyRange.lowerBound + counties.upperBound)
        return plan
    }

    /// The venues completed per county and year: each year's count allocated to the rows by
    /// largest remainders (MODEL.md section 4.1), rows summed by county.
    static func allocate(_ completedByYear: [Int], portfolio: Portfolio, counties: Int) -> [Int] {
        let yearCount = completedByYear.count
        var remaining = portfolio.venuesNeeded
        var rowCounts = [Int](repeating: 0, count: portfolio.rowCount)
        var completions = [Int](repeating: 0, count: counties * yearCount)
        for (yearIndex, count) in completedByYear.enumerated() where count > 0 {
            for index in rowCounts.indices { rowCounts[index] = 0 }
            VenueAllocation.allocate(count, remaining: &remaining, into: &rowCounts)
            for (row, units) in rowCounts.enumerated() where units > 0 {
                completions[portfolio.countyOfRow[row] * yearCount + yearIndex] += units
            }
        }
        return completions
    }
}

/// Allocations of venues to counties already made, by the yearly counts they allocate: the
/// allocation depends on nothing else, so plans that build the same counts share it.
public final class AllocationCache: @unchecked Sendable {
    private var known: [[Int]: [Int]] = [:]
    private let lock = NSLock()

    public init() {}

    func completions(for counts: [Int]) -> [Int]? {
        lock.lock()
        defer { lock.unlock() }
        return known[counts]
    }

    func store(_ completions: [Int], for counts: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        known[counts] = completions
    }
}

/// The whole plan behind a shard's block (a class: a struct cannot hold itself).
private final class WholePlan: Sendable {
    let plan: Plan
    init(_ plan: Plan) { self.plan = plan }
}
