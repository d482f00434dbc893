import GroundworkCore
import GroundworkIO
/// Cadre pay, basic and performance (MODEL.md section 4.3).
///
/// In year y >= `pay.start`, per head of role r: basic = 12 x m_r x basic_share and
/// performance = 12 x m_r x (1 - basic_share) x performance_payout(y), where m_r is the
/// window's rounded monthly pay (`PayWindows`). Heads are those written in the portfolio plus
/// `cadres.per_village` per village where the cell is blank.
enum CadrePay {
    static func fill<Rates: RateSink>(
        _ rates: inout Rates, pay: PayParameters, windows: PayWindows,
        perVillage: RoleValues<Double>, horizon: ClosedRange<Int>
    ) {
        for (year, monthly) in windows.monthly.enumerated() {
            guard let monthly else { continue }
            let payout = pay.performancePayout(horizon.lowerBound + year)
            for role in Role.allCases {
                let annual = 12 * monthly[role]
                let basic = annual * pay.basicShare
                let performance = annual * (1 - pay.basicShare) * payout
                rates[ExposureColumn.writtenHeads(role), year, .cadrePayBasic] = basic
                rates[ExposureColumn.writtenHeads(role), year, .cadrePayPerformance] = performance
                rates[ExposureColumn.blankHeadVillages(role), year, .cadrePayBasic] = basic * perVillage[role]
                rates[ExposureColumn.blankHeadVillages(role), year, .cadrePayPerformance] =
                    performance * perVillage[role]
            }
        }
    }
}
