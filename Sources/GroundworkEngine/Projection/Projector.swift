import GroundworkCore
import GroundworkIO
/// Projects a plan: exposures x rates as one BLAS matrix product, then every cell rounded to
/// the cent and summed exactly (MODEL.md sections 4 and 5).
public enum Projector {
    public static func project(_ plan: Plan) throws(DiagnosticError) -> Projection {
        let scenario = plan.scenario
        let rates = RateMatrix(scenario: scenario, plan: plan)
        let amounts = BLAS.multiply(Matrix(exposuresOf: plan), rates.matrix)
        return try Projection(plan: plan, amounts: amounts)
    }
}

extension Projection {
    /// Rounds a (counties x years*items) matrix of yuan to cents and builds the sums.
    /// - Throws: when an amount, total or cumulative reaches 10^13 yuan (MODEL.md section 6).
    init(plan: Plan, amounts: Matrix) throws(DiagnosticError) {
        let scenario = plan.scenario
        let years = scenario.horizon.count
        let items = RateMatrix.itemCount
        let counties = plan.totals.counties
        func tooLarge(_ what: String) -> DiagnosticError {
            Limits.exceeded(what, scenario: scenario.name, at: .file(scenario.file))
        }
        var cells = [Int64](repeating: 0, count: amounts.elements.count)
        var itemTotals = [Int64](repeating: 0, count: years * items)
        for county in counties.indices {
            for column in 0..<(years * items) {
                let yuan = amounts[county, column]
                guard Limits.allows(yuan: yuan) else {
                    let item = LineItem(rawValue: column % items)!
                    throw tooLarge(
                        "\(item.key) of \(counties[county]) in \(scenario.horizon.lowerBound + column / items)"
                    )
                }
                let cents = Money.cents(yuan)
                cells[county * years * items + column] = cents
                itemTotals[column] += cents
            }
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
                for item in LineItem.allCases where envelope.counts(item, paidBy: scenario.payer(of: item)) {
                    envelopeSelected[year] += itemTotals[year * items + item.rawValue]
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
        self.itemTotals = itemTotals
        self.yearTotals = yearTotals
        self.cumulative = cumulative
        self.envelopeUse = envelope?.evaluate(selected: envelopeSelected)
        self.constructionAfterHorizonCents = Money.cents(afterHorizon)
    }
}
