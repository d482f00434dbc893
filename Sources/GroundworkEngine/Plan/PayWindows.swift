import GroundworkCore
import GroundworkIO
/// Cadre pay windows and their rounded monthly pay (MODEL.md section 4.3).
///
/// Window k covers `start + k x adjust_every ... start + (k+1) x adjust_every - 1`. The
/// secretary base is B_0 = `secretary_monthly` and, for k >= 1,
/// B_k = round(income_multiple x I(start + k x adjust_every - 1) / 12); each role's monthly pay
/// is m_r = round(B_k x ratio_r). round() is half away from zero to a multiple of `round_to`,
/// with the 1e-9 rule of section 5, so that the result is the exact-arithmetic one.
public struct PayWindows: Sendable {
    /// Monthly pay per role for each horizon year; nil before `pay.start`.
    public let monthly: [RoleValues<Double>?]
    /// The first horizon year of each window that covers horizon years, with its index k.
    public let rebases: [(year: Int, window: Int)]

    /// - Throws: when a rebase needs rural income before `rural_income.base_year`.
    public init(
        _ pay: PayParameters, income: RuralIncome, horizon: ClosedRange<Int>, location: SourceLocation
    )
        throws(DiagnosticError)
    {
        var monthly: [RoleValues<Double>?] = []
        var rebases: [(year: Int, window: Int)] = []
        var cachedWindow = -1
        var cachedPay = RoleValues(secretary: 0.0, director: 0, other: 0)
        for year in horizon {
            guard year >= pay.start else {
                monthly.append(nil)
                continue
            }
            let window = (year - pay.start) / pay.adjustEvery
            if window != cachedWindow {
                let base: Double
                if window == 0 {
                    base = pay.secretaryMonthly
                } else {
                    let incomeYear = pay.start + window * pay.adjustEvery - 1
                    guard let observed = income(incomeYear) else {
                        throw DiagnosticError(
                            location,
                            "the pay window starting \(incomeYear + 1) is rebased on rural income of \(incomeYear), before `rural_income.base_year` (\(income.baseYear))"
                        )
                    }
                    base = Rounding.halfAwayFromZero(pay.incomeMultiple * observed / 12, step: pay.roundTo)
                }
                cachedPay = RoleValues(
                    secretary: Rounding.halfAwayFromZero(base * pay.ratios.secretary, step: pay.roundTo),
                    director: Rounding.halfAwayFromZero(base * pay.ratios.director, step: pay.roundTo),
                    other: Rounding.halfAwayFromZero(base * pay.ratios.other, step: pay.roundTo))
                cachedWindow = window
                rebases.append((year, window))
            }
            monthly.append(cachedPay)
        }
        self.monthly = monthly
        self.rebases = rebases
    }
}
