import GroundworkCore
import GroundworkIO
/// Venue construction tranches and upkeep as rates on venues completed (MODEL.md section 4.1).
///
/// A venue completed in year c pays `payment_profile[k] x K(c)` in year c+k, and
/// `upkeep_rate(y) x K(c)` in every horizon year y > c. Both are (completion year x payment
/// year) matrices, written into the rate matrix's completion rows.
enum VenuePayments {
    static func fill<Rates: RateSink>(
        _ rates: inout Rates, venues: VenueParameters, costs: VenueCosts, horizon: ClosedRange<Int>
    ) {
        let years = horizon.count
        for completion in 0..<years {
            let row = ExposureColumn.completions(yearIndex: completion)
            guard rates.keeps(row: row) else { continue }
            let cost = costs.unitCosts[completion]
            for (tranche, share) in venues.paymentProfile.enumerated() where completion + tranche < years {
                rates[row, completion + tranche, .venueConstruction] = share * cost
            }
            for payment in (completion + 1)..<max(completion + 1, years) {
                rates[row, payment, .venueUpkeep] = venues.upkeepRate(horizon.lowerBound + payment) * cost
            }
        }
    }
}
