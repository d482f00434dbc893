import GroundworkCore
import GroundworkIO
/// Deferral of new venues under `venues.annual_cap` (MODEL.md section 4.1).
///
/// For each horizon year y in order: due = tranches in y of venues completed earlier;
/// room = annual_cap(y) - due; the year's planned count (schedule plus everything deferred so
/// far) is cut to the largest n >= 0 with n x K(y) x payment_profile[0] <= room, and the rest
/// moves to the next year. Tranches already due are always paid. The comparison takes a value
/// within 1e-9 (relative) of the cap as on it (section 5).
public enum AnnualCap {
    /// - Returns: venues completed per horizon year, and the count still unbuilt after the horizon.
    public static func apply(
        planned: [Int], cap: YearMap, costs: VenueCosts, profile: [Double], horizon: ClosedRange<Int>
    ) -> (completed: [Int], deferred: Int) {
        var completed = [Int](repeating: 0, count: planned.count)
        var carried = 0
        for (index, year) in horizon.enumerated() {
            var due = 0.0
            for earlier in 0..<index where completed[earlier] > 0 {
                let tranche = index - earlier
                if tranche < profile.count {
                    due += Double(completed[earlier]) * costs.unitCosts[earlier] * profile[tranche]
                }
            }
            let room = cap(year) - due
            let wanted = planned[index] + carried
            let firstTranche = costs(year) * profile[0]
            var allowed: Int
            if room < -Rounding.tolerance * max(abs(cap(year)), 1) {
                allowed = 0
            } else if firstTranche <= 0 {
                allowed = wanted
            } else {
                let fits = Rounding.floorWithTolerance(max(room, 0) / firstTranche)
                allowed = fits >= Double(wanted) ? wanted : Int(fits)
            }
            allowed = max(0, min(allowed, wanted))
            completed[index] = allowed
            carried = wanted - allowed
        }
        return (completed, carried)
    }
}
