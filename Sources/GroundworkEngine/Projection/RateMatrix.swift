import GroundworkCore
import GroundworkIO
/// Rates: one row per exposure column, one column per (horizon year, line item), year-major,
/// so that a county's row of exposures x rates is its forecast in `forecast.csv` order.
///
/// Monte Carlo draws add more blocks of columns of the same shape.
public struct RateMatrix: Sendable, RateSink {
    public let years: Int
    public var matrix: Matrix

    public static let itemCount = LineItem.allCases.count

    public init(years: Int) {
        self.years = years
        matrix = Matrix(rows: ExposureColumn.count(years: years), columns: years * Self.itemCount)
    }

    public subscript(row: Int, year: Int, item: LineItem) -> Double {
        get { matrix[row, year * Self.itemCount + item.rawValue] }
        set { matrix[row, year * Self.itemCount + item.rawValue] = newValue }
    }

    /// The rates of a scenario's parameters on its plan (MODEL.md sections 4.1-4.4).
    public init(scenario: Scenario, plan: Plan) {
        self.init(scenario: scenario, costs: plan.costs, pay: plan.pay)
    }

    /// The rates of a scenario given its venue prices and pay windows: a Monte Carlo draw
    /// recomputes those two and keeps the rest of the plan.
    public init(scenario: Scenario, costs: VenueCosts, pay: PayWindows) {
        self.init(years: scenario.horizon.count)
        Self.fill(&self, scenario: scenario, costs: costs, pay: pay)
    }

    /// Writes the rates of a scenario given its venue prices and pay windows into `rates`:
    /// every rate the matrix holds, by the same arithmetic wherever it goes. A rate matrix
    /// leaves the others 0; a Monte Carlo draw writes its rates straight into the columns of
    /// all draws (`MonteCarlo.DrawColumns`).
    static func fill<Rates: RateSink>(
        _ rates: inout Rates, scenario: Scenario, costs: VenueCosts, pay: PayWindows
    ) {
        let horizon = scenario.horizon
        VenuePayments.fill(&rates, venues: scenario.venues, costs: costs, horizon: horizon)
        OperatingFunds.fill(&rates, funds: scenario.operatingFunds, horizon: horizon)
        CadrePay.fill(
            &rates, pay: scenario.pay, windows: pay, perVillage: scenario.cadresPerVillage, horizon: horizon)
        PensionTopUp.fill(
            &rates, pension: scenario.pension, perVillage: scenario.cadresPerVillage, horizon: horizon)
    }
}

/// Where the rate fills (`VenuePayments`, `OperatingFunds`, `CadrePay`, `PensionTopUp`) write
/// the rate of an exposure row in a horizon year (an index from 0) for a line item.
public protocol RateSink {
    subscript(row: Int, year: Int, item: LineItem) -> Double { get set }
    /// Whether the rates of exposure row `row` are kept at all; a fill may skip computing
    /// those that are not (they would be written nowhere). True for a rate matrix.
    func keeps(row: Int) -> Bool
}

extension RateSink {
    public func keeps(row: Int) -> Bool { true }
}
