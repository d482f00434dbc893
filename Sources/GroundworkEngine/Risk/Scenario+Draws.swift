import GroundworkCore
import GroundworkIO
/// Replacing a parameter of a scenario by a Monte Carlo draw (MODEL.md section 7).
///
/// A draw replaces the whole parameter: a year map by a constant or by one value per horizon
/// year (`per_year`), a scalar by a number. Draws are not clipped.
extension Scenario {
    mutating func replace(_ path: String, with value: YearMap) {
        let scalar = value(horizon.lowerBound)
        switch path {
        case "venues.unit_cost": venues.unitCost = value
        case "venues.cost_growth": venues.costGrowth = value
        case "venues.upkeep_rate": venues.upkeepRate = value
        case "operating_funds.per_village": operatingFunds.perVillage = value
        case "operating_funds.growth": operatingFunds.growth = value
        case "rural_income.growth": ruralIncome.growth = value
        case "pay.performance_payout": pay.performancePayout = value
        case "pension.per_person": pension.perPerson = value
        case "pension.growth": pension.growth = value
        case "rural_income.value": ruralIncome.value = scalar
        case "pay.secretary_monthly": pay.secretaryMonthly = scalar
        case "pay.income_multiple": pay.incomeMultiple = scalar
        case "pay.basic_share": pay.basicShare = scalar
        case "pay.ratios.secretary": pay.ratios.secretary = scalar
        case "pay.ratios.director": pay.ratios.director = scalar
        case "pay.ratios.other": pay.ratios.other = scalar
        case "pension.former.turnover": pension.former.turnover = scalar
        case "pension.former.exit": pension.former.exit = scalar
        case "pension.former.initial_per_village": pension.former.initialPerVillage = scalar
        case "cadres.per_village.secretary": cadresPerVillage.secretary = scalar
        case "cadres.per_village.director": cadresPerVillage.director = scalar
        case "cadres.per_village.other": cadresPerVillage.other = scalar
        case "envelope.amount": envelope?.amountCents = Money.cents(scalar)
        default: preconditionFailure("`\(path)` was accepted as uncertain but cannot be replaced")
        }
    }

    /// The scenario as draw `draw` sees it.
    func drawn(_ draw: Int, streams: [RandomStream]) -> Scenario {
        guard let uncertainty else { return self }
        var scenario = self
        for (parameter, stream) in zip(uncertainty.parameters, streams) {
            if parameter.perYear {
                let entries = horizon.map { year in
                    (year: year, value: stream.sample(parameter.distribution, draw: draw, year: year))
                }
                scenario.replace(parameter.path, with: YearMap(entries: entries))
            } else {
                scenario.replace(parameter.path, with: YearMap(stream.sample(parameter.distribution, draw: draw, year: 0)))
            }
        }
        return scenario
    }

    /// One random stream per uncertain parameter, keyed by the seed and the parameter's path.
    var randomStreams: [RandomStream] {
        guard let uncertainty else { return [] }
        return uncertainty.parameters.map { RandomStream(seed: uncertainty.seed, path: $0.path) }
    }
}
