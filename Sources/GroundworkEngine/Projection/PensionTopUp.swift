import GroundworkCore
import GroundworkIO
/// The pension top-up for serving and former cadres (MODEL.md section 4.4).
///
/// G(start) = 1, G(y) = G(y-1) x (1 + growth(y)). Former cadres per county:
/// F(start) = initial_per_village x villages, F(y+1) = F(y) x (1 - exit) + turnover x H.
/// F is linear in the exposures: F(y) = alpha(y) x initial_per_village x villages
/// + beta(y) x turnover x H, with alpha(start) = 1, beta(start) = 0,
/// alpha(y+1) = alpha(y)(1 - exit), beta(y+1) = beta(y)(1 - exit) + 1. So the item is a rate on
/// villages plus a rate on heads: per_person(y) G(y) x [H (1 + covered x turnover x beta(y))
/// + covered x initial_per_village x alpha(y) x villages]. Zero before `start`; G and F evolve
/// from `start` even when it lies before the horizon.
enum PensionTopUp {
    /// Per horizon year: the amount per serving head and per village.
    static func rates(_ pension: PensionParameters, horizon: ClosedRange<Int>) -> [(
        perHead: Double, perVillage: Double
    )] {
        let former = pension.former
        var g = 1.0
        var alpha = 1.0
        var beta = 0.0
        var year = pension.start
        var result: [(perHead: Double, perVillage: Double)] = []
        result.reserveCapacity(horizon.count)
        for horizonYear in horizon {
            guard horizonYear >= pension.start else {
                result.append((0, 0))
                continue
            }
            while year < horizonYear {
                year += 1
                g *= 1 + pension.growth(year)
                beta = beta * (1 - former.exit) + 1
                alpha *= 1 - former.exit
            }
            let perPerson = pension.perPerson(horizonYear) * g
            if former.covered {
                result.append(
                    (
                        perPerson * (1 + former.turnover * beta),
                        perPerson * former.initialPerVillage * alpha
                    ))
            } else {
                result.append((perPerson, 0))
            }
        }
        return result
    }

    static func fill<Rates: RateSink>(
        _ rates: inout Rates, pension: PensionParameters, perVillage: RoleValues<Double>,
        horizon: ClosedRange<Int>
    ) {
        for (year, rate) in Self.rates(pension, horizon: horizon).enumerated() {
            rates[ExposureColumn.villages, year, .pensionTopUp] = rate.perVillage
            for role in Role.allCases {
                rates[ExposureColumn.writtenHeads(role), year, .pensionTopUp] = rate.perHead
                rates[ExposureColumn.blankHeadVillages(role), year, .pensionTopUp] =
                    rate.perHead * perVillage[role]
            }
        }
    }
}
