import GroundworkCore
import GroundworkIO
/// Operating funds per village (MODEL.md section 4.2).
///
/// In every year y >= `start`: per_village(y) x Q(y), with Q(start) = 1 and
/// Q(y) = Q(y-1) x (1 + growth(y)); zero before `start`. Q evolves from `start` even when it
/// lies before the horizon.
enum OperatingFunds {
    /// The amount per village in each horizon year.
    static func perVillage(_ funds: OperatingFundsParameters, horizon: ClosedRange<Int>) -> [Double] {
        var index = 1.0
        var year = funds.start
        return horizon.map { horizonYear in
            guard horizonYear >= funds.start else { return 0 }
            while year < horizonYear {
                year += 1
                index *= 1 + funds.growth(year)
            }
            return funds.perVillage(horizonYear) * index
        }
    }

    static func fill<Rates: RateSink>(
        _ rates: inout Rates, funds: OperatingFundsParameters, horizon: ClosedRange<Int>
    ) {
        for (year, amount) in perVillage(funds, horizon: horizon).enumerated() {
            rates[ExposureColumn.villages, year, .operatingFunds] = amount
        }
    }
}
