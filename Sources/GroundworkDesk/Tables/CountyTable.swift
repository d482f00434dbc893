import GroundworkCore
import GroundworkEngine
import GroundworkIO
/// `counties.csv` (`scenario,county,villages,venues_needed,population`): the portfolio summed
/// by county (`CountyTotals`), for the report's per-county and per-capita figures.
///
/// One row per scenario and county, counties in order of first appearance; `population` is
/// empty for a county with no population cell filled (MODEL.md section 2).
public enum CountyTable {
    public static let fileName = "counties.csv"

    public static func csv(_ projections: [Projection]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row(["scenario", "county", "villages", "venues_needed", "population"])
        for projection in projections {
            let totals = projection.plan.totals
            for (index, county) in totals.counties.enumerated() {
                writer.field(projection.scenario.name)
                writer.field(county)
                writer.decimal(totals.villages[index])
                writer.integer(totals.venuesNeeded[index])
                if let population = totals.population[index] {
                    writer.decimal(population)
                } else {
                    writer.emptyField()
                }
                writer.endRow()
            }
        }
        return writer.bytes
    }
}
