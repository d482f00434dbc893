import GroundworkCore
import GroundworkIO
/// Rates: one row per exposure column, one column per (horizon year, line item), year-major,
/// so that a county's row of exposures x rates is its forecast in `forecast.csv` order.
///
/// Monte Carlo draws add more blocks of columns of the same shape.
public struct RateMatrix: Sendable {
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
        let horizon = scenario.horizon
        self.init(years: horizon.count)
        VenuePayments.fill(&self, venues: scenario.venues, costs: costs, horizon: horizon)
        OperatingFunds.fill(&self, funds: scenario.operatingFunds, horizon: horizon)
        CadrePay.fill(
            &self, pay: scenario.pay, windows: pay, perVillage: scenario.cadresPerVillage, horizon: horizon)
        PensionTopUp.fill(
            &self, pension: scenario.pension, perVillage: scenario.cadresPerVillage, horizon: horizon)
    }
}
