import GroundworkCore
import GroundworkEngine
import GroundworkIO

/// Reading the Monte Carlo files (MODEL.md section 7) into the scenarios, when the run wrote
/// them: `summary_quantiles.csv`, `envelope_risk.csv`, `envelope_risk_by_year.csv` and
/// `sensitivity.csv`.
extension ReportData.Reader {
    /// The mean, p05, p50 and p95 of each year's total.
    mutating func readQuantiles() throws(DiagnosticError) {
        guard let quantiles = try table("summary_quantiles.csv") else { return }
        for row in quantiles.rows {
            guard try quantiles.text(row, "measure") == "total" else { continue }
            let (s, y) = try locate(quantiles, row)
            if scenarios[s].totalQuantiles == nil {
                scenarios[s].totalQuantiles = Array(repeating: (0, 0, 0, 0), count: scenarios[s].years.count)
            }
            scenarios[s].totalQuantiles![y] = (
                try quantiles.amount(row, "mean"), try quantiles.amount(row, "p05"),
                try quantiles.amount(row, "p50"), try quantiles.amount(row, "p95")
            )
        }
    }

    /// The number of draws, the probability of a breach and the breaching draws' median year.
    mutating func readRisk() throws(DiagnosticError) {
        guard let risk = try table("envelope_risk.csv") else { return }
        for row in risk.rows {
            guard let s = index[try risk.text(row, "scenario")] else { continue }
            scenarios[s].draws = try risk.optionalInteger(row, "draws")
            scenarios[s].breachProbability = try risk.optionalNumber(row, "breach_probability")
            scenarios[s].breachYearMedian = try risk.optionalInteger(row, "breach_year_p50")
        }
    }

    /// The probability of a breach by each year.
    mutating func readRiskByYear() throws(DiagnosticError) {
        guard let byYear = try table("envelope_risk_by_year.csv") else { return }
        for row in byYear.rows {
            let (s, y) = try locate(byYear, row)
            guard let probability = try byYear.optionalNumber(row, "breach_probability") else { continue }
            if scenarios[s].breachProbabilityByYear == nil {
                scenarios[s].breachProbabilityByYear = Array(repeating: nil, count: scenarios[s].years.count)
            }
            scenarios[s].breachProbabilityByYear![y] = probability
        }
    }

    /// The one-at-a-time runs: each parameter at its p05 and p95, the total and envelope use.
    mutating func readSensitivity() throws(DiagnosticError) {
        guard let sensitivity = try table("sensitivity.csv") else { return }
        for row in sensitivity.rows {
            guard let s = index[try sensitivity.text(row, "scenario")] else { continue }
            func cents(_ column: String) throws(DiagnosticError) -> Int64? {
                try sensitivity.optionalAmount(row, column).map { Int64(($0 * 100).rounded()) }
            }
            scenarios[s].sensitivity.append(
                SensitivityRow(
                    scenario: scenarios[s].name, parameter: try sensitivity.text(row, "parameter"),
                    lowValue: try sensitivity.number(row, "low_value"),
                    highValue: try sensitivity.number(row, "high_value"),
                    totalLow: try cents("total_low"), totalHigh: try cents("total_high"),
                    envelopeUsedLow: try cents("envelope_used_low"),
                    envelopeUsedHigh: try cents("envelope_used_high")))
        }
    }
}
