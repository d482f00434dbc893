import GroundworkCore
import GroundworkEngine
import GroundworkIO
/// The Monte Carlo files of MODEL.md section 8, plus `envelope_risk_by_year.csv`.
///
/// Rows only for scenarios with `uncertainty`, in command-line order.
public enum RiskTables {
    public static let forecastQuantilesFile = "forecast_quantiles.csv"
    public static let summaryQuantilesFile = "summary_quantiles.csv"
    public static let envelopeRiskFile = "envelope_risk.csv"
    public static let envelopeRiskByYearFile = "envelope_risk_by_year.csv"

    private static func quantiles(_ writer: inout CSVWriter, _ value: Quantiles) {
        writer.cents(value.mean)
        writer.cents(value.p05)
        writer.cents(value.p50)
        writer.cents(value.p95)
    }

    /// `scenario,county,year,item,mean,p05,p50,p95`.
    public static func forecastQuantiles(_ risks: [RiskResult]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row(["scenario", "county", "year", "item", "mean", "p05", "p50", "p95"])
        for risk in risks {
            let scenario = risk.projection.scenario
            let counties = risk.projection.plan.totals.counties
            var index = 0
            for county in counties {
                for year in scenario.horizon {
                    let yearText = String(year)
                    for item in LineItem.allCases {
                        writer.field(scenario.name)
                        writer.field(county)
                        writer.field(yearText)
                        writer.field(item.key)
                        quantiles(&writer, risk.cells[index])
                        writer.endRow()
                        index += 1
                    }
                }
            }
        }
        return writer.bytes
    }

    /// `scenario,year,measure,mean,p05,p50,p95`: `total` then `cumulative` for each year.
    public static func summaryQuantiles(_ risks: [RiskResult]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row(["scenario", "year", "measure", "mean", "p05", "p50", "p95"])
        for risk in risks {
            let scenario = risk.projection.scenario
            for (index, year) in scenario.horizon.enumerated() {
                for (measure, value) in [
                    ("total", risk.totals[index]), ("cumulative", risk.cumulatives[index]),
                ] {
                    writer.field(scenario.name)
                    writer.field(String(year))
                    writer.field(measure)
                    quantiles(&writer, value)
                    writer.endRow()
                }
            }
        }
        return writer.bytes
    }

    /// `scenario,draws,breach_probability,breach_year_p50`.
    public static func envelopeRisk(_ risks: [RiskResult]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row(["scenario", "draws", "breach_probability", "breach_year_p50"])
        for risk in risks {
            writer.field(risk.projection.scenario.name)
            writer.field(String(risk.draws))
            writer.field(risk.breachProbability.map { CSVWriter.decimal($0) } ?? "")
            writer.field(risk.breachYearMedian.map(String.init) ?? "")
            writer.endRow()
        }
        return writer.bytes
    }

    /// `scenario,year,breach_probability`: the share of draws whose envelope cumulative has
    /// exceeded the amount by that year; empty without an envelope.
    public static func envelopeRiskByYear(_ risks: [RiskResult]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row(["scenario", "year", "breach_probability"])
        for risk in risks {
            let scenario = risk.projection.scenario
            for (index, year) in scenario.horizon.enumerated() {
                writer.field(scenario.name)
                writer.field(String(year))
                writer.field(risk.breachProbabilityByYear.map { CSVWriter.decimal($0[index]) } ?? "")
                writer.endRow()
            }
        }
        return writer.bytes
    }
}
