import GroundworkCore
import GroundworkIO
/// Projects a plan: exposures x rates as one BLAS matrix product, then every cell rounded to
/// the cent and summed exactly (MODEL.md sections 4 and 5).
public enum Projector {
    public static func project(_ plan: Plan) throws(DiagnosticError) -> Projection {
        let scenario = plan.scenario
        let rates = RateMatrix(scenario: scenario, plan: plan)
        let amounts = BLAS.multiply(Matrix(exposuresOf: plan), rates.matrix)
        return try Projection(plan: plan, amounts: amounts, actuals: plan.actuals)
    }
}

extension Projection {
    /// Rounds a (counties x years*items) matrix of yuan to cents, puts the actuals of closed
    /// years in place, and builds the sums.
    /// - Throws: when an amount, total or cumulative reaches 10^13 yuan (MODEL.md section 6).
    init(plan: Plan, amounts: Matrix, actuals: Actuals? = nil) throws(DiagnosticError) {
        let scenario = plan.scenario
        let years = scenario.horizon.count
        let items = RateMatrix.itemCount
        let counties = plan.totals.counties
        var cells = [Int64](repeating: 0, count: amounts.elements.count)
        for county in counties.indices {
            for column in 0..<(years * items) {
                let yuan = amounts[county, column]
                guard Limits.allows(yuan: yuan) else {
                    let item = LineItem(rawValue: column % items)!
                    throw Limits.exceeded(
                        "\(item.key) of \(counties[county]) in \(scenario.horizon.lowerBound + column / items)",
                        scenario: scenario.name, at: .file(scenario.file))
                }
                cells[county * years * items + column] = Money.cents(yuan)
            }
        }
        var planned: [Int64]? = nil
        if let actuals {
            planned = cells
            actuals.apply(to: &cells, years: years)
        }
        try self.init(
            plan: plan, cells: cells, plannedCells: planned, closedYears: actuals?.closedYears ?? 0..<0)
    }
}
