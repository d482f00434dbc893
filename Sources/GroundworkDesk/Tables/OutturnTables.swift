import GroundworkCore
import GroundworkEngine
import GroundworkIO

/// `variance.csv` and `outturn.csv` (MODEL.md section 9): the plan against the actual outturn
/// of the closed years, cell by cell and portfolio-wide (PEFA PI-1 and PI-2).
public enum OutturnTables {
    public static let varianceFile = "variance.csv"
    public static let outturnFile = "outturn.csv"
    /// The header row of `variance.csv`.
    static let varianceHeader = "scenario,county,year,item,planned,actual,variance,variance_pct\n"

    /// The scenarios with `actuals`; the two files are written only when there is one.
    static func withActuals(_ projections: [Projection]) -> [Projection] {
        projections.filter { $0.plannedItemTotals != nil }
    }

    /// `scenario,county,year,item,planned,actual,variance,variance_pct`: per closed year and
    /// cell, the projection without actuals against the actual; `variance_pct` = 100 x
    /// variance / planned, empty where planned is 0.
    public static func variance(_ projections: [Projection]) -> [UInt8]? {
        let scenarios = projections.filter { $0.plannedCells != nil }
        guard !scenarios.isEmpty else { return nil }
        var writer = CSVWriter()
        writer.preformatted(Array(varianceHeader.utf8.dropLast()), count: 8)
        writer.endRow()
        for projection in scenarios {
            let planned = projection.plannedCells!
            let items = LineItem.allCases.count
            let start = projection.scenario.horizon.lowerBound
            for (county, name) in projection.plan.totals.counties.enumerated() {
                for year in projection.closedYears {
                    for item in LineItem.allCases {
                        let cell = (county * projection.years + year) * items + item.rawValue
                        let plan = planned[cell]
                        let actual = projection.cells[cell]
                        writer.field(projection.scenario.name)
                        writer.field(name)
                        writer.field(String(start + year))
                        writer.field(item.key)
                        writer.cents(plan)
                        writer.cents(actual)
                        writer.cents(actual - plan)
                        if plan == 0 {
                            writer.emptyField()
                        } else {
                            writer.field(ExactRatio.text(100 * Int128(actual - plan), over: Int128(plan)))
                        }
                        writer.endRow()
                    }
                }
            }
        }
        return writer.bytes
    }

    /// The planned and actual totals of each item over the portfolio in a closed year.
    public static func itemTotals(_ projection: Projection, year: Int) -> (planned: [Int64], actual: [Int64])
    {
        let items = LineItem.allCases.count
        let planned = Array(projection.plannedItemTotals![(year * items)..<((year + 1) * items)])
        let actual = (0..<items).map { projection.itemTotals[year * items + $0] }
        return (planned, actual)
    }

    /// PI-1 and PI-2 of one closed year: `aggregate_outturn` = 100 x A / B (nil where B is 0)
    /// and `composition_variance` = 100 x sum_i |a_i - b_i x A / B| / A (nil where A or B is 0),
    /// exact and written as six-decimal text.
    public static func measures(planned: [Int64], actual: [Int64]) -> (
        aggregate: String?, composition: String?
    ) {
        let b = planned.reduce(Int128(0)) { $0 + Int128($1) }
        let a = actual.reduce(Int128(0)) { $0 + Int128($1) }
        guard b != 0 else { return (nil, nil) }
        let aggregate = ExactRatio.text(100 * a, over: b)
        guard a != 0 else { return (aggregate, nil) }
        // sum_i |a_i - b_i A / B| / A = sum_i |a_i B - b_i A| / (A B).
        var deviation: Int128 = 0
        for (plan, outturn) in zip(planned, actual) {
            let difference = Int128(outturn) * b - Int128(plan) * a
            deviation += difference < 0 ? -difference : difference
        }
        return (aggregate, ExactRatio.text(100 * deviation, over: a * b))
    }

    /// `scenario,year,planned,actual,aggregate_outturn,composition_variance`: one row per
    /// closed year, portfolio-wide, over the six items.
    public static func outturn(_ projections: [Projection]) -> [UInt8]? {
        let scenarios = withActuals(projections)
        guard !scenarios.isEmpty else { return nil }
        var writer = CSVWriter()
        writer.row(["scenario", "year", "planned", "actual", "aggregate_outturn", "composition_variance"])
        for projection in scenarios {
            for year in projection.closedYears {
                let (planned, actual) = itemTotals(projection, year: year)
                let measures = measures(planned: planned, actual: actual)
                writer.field(projection.scenario.name)
                writer.field(String(projection.scenario.horizon.lowerBound + year))
                writer.cents(planned.reduce(0, +))
                writer.cents(actual.reduce(0, +))
                writer.field(measures.aggregate ?? "")
                writer.field(measures.composition ?? "")
                writer.endRow()
            }
        }
        return writer.bytes
    }
}
