import GroundworkCore
import GroundworkIO

/// Reading v1.2's files of the actual outturn (MODEL.md section 9) into the scenarios, when
/// the run wrote them: `outturn.csv` and `variance.csv`. Their rows cover the closed years only.
extension ReportData.Reader {
    /// The closed years: planned and actual totals and the PEFA PI-1 and PI-2 measures.
    mutating func readOutturn() throws(DiagnosticError) {
        guard let outturn = try table("outturn.csv") else { return }
        for row in outturn.rows {
            let (s, y) = try locate(outturn, row)
            scenarios[s].outturn.append(
                ReportData.OutturnYear(
                    year: scenarios[s].years[y], planned: try outturn.cents(row, "planned"),
                    actual: try outturn.cents(row, "actual"),
                    aggregateOutturn: try outturn.text(row, "aggregate_outturn"),
                    compositionVariance: try outturn.text(row, "composition_variance")))
        }
    }

    /// Every closed cell (county, year, item): planned, actual and their difference.
    mutating func readVariance() throws(DiagnosticError) {
        guard let variance = try table("variance.csv") else { return }
        for row in variance.rows {
            let (s, y) = try locate(variance, row)
            scenarios[s].variances.append(
                ReportData.VarianceCell(
                    county: try variance.text(row, "county"), year: scenarios[s].years[y],
                    item: try variance.text(row, "item"), planned: try variance.cents(row, "planned"),
                    actual: try variance.cents(row, "actual"), variance: try variance.cents(row, "variance"),
                    variancePercent: try variance.text(row, "variance_pct")))
        }
    }
}
