import GroundworkCore
import GroundworkIO
/// County exposures: what the money rules multiply (MODEL.md section 4), one row per county.
///
/// Columns, in order: villages; heads written in the portfolio per role (secretary, director,
/// other); villages whose role cell is blank, per role; venues completed in each horizon year.
/// The rate matrix has one row per column here, so a projection is one matrix product.
public enum ExposureColumn {
    public static var villages: Int { 0 }
    public static func writtenHeads(_ role: Role) -> Int { 1 + role.rawValue }
    public static func blankHeadVillages(_ role: Role) -> Int { 4 + role.rawValue }
    public static func completions(yearIndex: Int) -> Int { 7 + yearIndex }
    public static func count(years: Int) -> Int { 7 + years }
}

extension Matrix {
    /// The exposure matrix of a plan: counties x `ExposureColumn.count(years:)`.
    public init(exposuresOf plan: Plan) {
        let totals = plan.totals
        let years = plan.scenario.horizon.count
        let width = ExposureColumn.count(years: years)
        self.init(rows: totals.counties.count, columns: width)
        for county in totals.counties.indices {
            self[county, ExposureColumn.villages] = totals.villages[county]
            for role in Role.allCases {
                self[county, ExposureColumn.writtenHeads(role)] = totals.writtenHeads[role][county]
                self[county, ExposureColumn.blankHeadVillages(role)] = totals.blankHeadVillages[role][county]
            }
            for year in 0..<years {
                self[county, ExposureColumn.completions(yearIndex: year)] = Double(
                    plan.completions[county * years + year])
            }
        }
    }
}
