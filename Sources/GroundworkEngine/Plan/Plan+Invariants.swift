import GroundworkCore
import GroundworkIO

extension Plan {
    /// Checks what the plan promises (for tests): the county completions of each year foot to
    /// the year's count, no county builds more than it needs, the venues built are the sum of
    /// the yearly counts and no more than the need (MODEL.md section 4.1).
    func _checkInvariants() {
        let years = scenario.horizon.count
        let counties = totals.counties.count
        for year in 0..<years {
            let sum = (0..<counties).reduce(0) { $0 + completions[$1 * years + year] }
            precondition(
                sum == completedByYear[year], "the counties' completions do not foot to the year's count")
        }
        for county in 0..<counties {
            let built = (0..<years).reduce(0) { $0 + completions[county * years + $1] }
            precondition(built <= totals.venuesNeeded[county], "a county builds more venues than it needs")
        }
        precondition(completedByYear.reduce(0, +) == venuesBuilt, "venues built is not the sum of the years")
        precondition(venuesBuilt <= venuesNeeded && venuesBuilt >= 0, "more venues built than needed")
        precondition(
            funding.index.count == counties * LineItem.allCases.count, "the funding table has a hole")
    }
}
