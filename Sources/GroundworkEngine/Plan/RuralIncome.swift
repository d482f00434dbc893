import GroundworkCore
import GroundworkIO
/// Rural labour income by year (MODEL.md section 4.3).
///
/// I(base_year) = `value`, I(y) = I(y-1) x (1 + growth(y)); an observed value in
/// `rural_income.values` replaces I in its year and growth continues from it. Income before
/// `base_year` is not defined.
public struct RuralIncome: Sendable {
    public let baseYear: Int
    /// I(baseYear), I(baseYear + 1), ... up to the last year asked for.
    public let incomes: [Double]

    public init(_ parameters: RuralIncomeParameters, through lastYear: Int) {
        baseYear = parameters.baseYear
        var incomes: [Double] = []
        if lastYear >= baseYear {
            incomes.reserveCapacity(lastYear - baseYear + 1)
            var income = parameters.values[baseYear] ?? parameters.value
            incomes.append(income)
            if baseYear < lastYear {
                let observed = !parameters.values.isEmpty
                for year in (baseYear + 1)...lastYear {
                    income =
                        (observed ? parameters.values[year] : nil) ?? income * (1 + parameters.growth(year))
                    incomes.append(income)
                }
            }
        }
        self.incomes = incomes
    }

    /// I(year), or nil before `base_year` or past the last year computed.
    public func callAsFunction(_ year: Int) -> Double? {
        let index = year - baseYear
        return incomes.indices.contains(index) ? incomes[index] : nil
    }
}
