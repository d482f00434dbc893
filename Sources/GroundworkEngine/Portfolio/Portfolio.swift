import GroundworkCore
import GroundworkIO
/// A portfolio: groups of villages (model points), by county (MODEL.md section 2).
///
/// Stored by column, one entry per data row, so that a country's 500,000 rows are a few flat
/// arrays. Counties are exact strings, numbered in order of first appearance.
public struct Portfolio: Sendable {
    public var path: String
    /// County names in order of first appearance.
    public var counties: [String]
    /// For each row, the index of its county in `counties`.
    public var countyOfRow: [Int]
    public var villages: [Int]
    public var venuesNeeded: [Int]
    /// Cadre heads per role as written; NaN where the cell is blank or the column absent, so
    /// that `villages x cadres.per_village.<role>` applies.
    public var heads: RoleValues<[Double]>
    /// Residents; NaN where not given.
    public var population: [Double]
    /// The line where each row's record starts, for errors.
    public var lines: [Int]

    public var rowCount: Int { villages.count }

    /// The sum of `venues_needed` over all rows.
    public var totalVenuesNeeded: Int { venuesNeeded.reduce(0, +) }
}
