import GroundworkCore
import GroundworkIO
import Foundation

/// One row of `sensitivity.csv`: a scenario's horizon total and envelope use with one
/// uncertain parameter at its distribution's p05 and then its p95, the others as written.
public struct SensitivityRow: Sendable, Equatable {
    public var scenario: String
    /// The dotted path of the uncertain parameter (MODEL.md section 7).
    public var parameter: String
    /// The parameter's p05 and p95.
    public var lowValue: Double
    public var highValue: Double
    /// The horizon total in cents at the p05 and at the p95; nil when that run failed (an
    /// amount beyond the limits of MODEL.md section 6, say).
    public var totalLow: Int64?
    public var totalHigh: Int64?
    /// `envelope_used` of `headline.csv` at the p05 and at the p95; nil without an envelope.
    public var envelopeUsedLow: Int64?
    public var envelopeUsedHigh: Int64?

    public init(
        scenario: String, parameter: String, lowValue: Double, highValue: Double, totalLow: Int64?,
        totalHigh: Int64?, envelopeUsedLow: Int64?, envelopeUsedHigh: Int64?
    ) {
        self.scenario = scenario
        self.parameter = parameter
        self.lowValue = lowValue
        self.highValue = highValue
        self.totalLow = totalLow
        self.totalHigh = totalHigh
        self.envelopeUsedLow = envelopeUsedLow
        self.envelopeUsedHigh = envelopeUsedHigh
    }
}

/// The tornado chart's numbers: one-at-a-time deterministic runs of each uncertain parameter
/// at the p05 and the p95 of its distribution, written to `sensitivity.csv`
/// (`scenario,parameter,low_value,high_value,total_low,total_high,envelope_used_low,envelope_used_high`).
///
/// Each run copies the scenario, replaces the parameter in every year by the quantile (as a
/// Monte Carlo draw replaces it: `Parameter.replace(in:with:)`; a `per_year` parameter takes the
/// same value in every year), then plans and projects it as `run` does. Nothing is
/// re-derived: the figures are those the engine would write for that scenario.
public enum Sensitivity {
    public static let fileName = "sensitivity.csv"
    public static let lowProbability = 0.05
    public static let highProbability = 0.95

    /// The standard normal's 95th percentile, Phi^-1(0.95) = 1.6448536269514722.
    public static let z95 = 1.6448536269514722

    /// The `p`-quantile of a distribution, for `p` of 0.05 or 0.95 (the normal's are exact
    /// only there; the others for any p in [0, 1]):
    /// normal mean -/+ 1.644854 sd; uniform min + p (max - min); triangular by its inverse
    /// CDF; lognormal exp(mu -/+ 1.644854 sigma). A distribution of zero width gives its value.
    public static func quantile(_ distribution: Distribution, _ p: Double) -> Double {
        precondition((0...1).contains(p), "a probability lies in [0, 1]")
        switch distribution {
        case .normal(let mean, let sd):
            return mean + normalQuantile(p) * sd
        case .uniform(let min, let max):
            return min + p * (max - min)
        case .triangular(let min, let mode, let max):
            guard min < max else { return min }
            let cut = (mode - min) / (max - min)
            return p < cut
                ? min + (p * (max - min) * (mode - min)).squareRoot()
                : max - ((1 - p) * (max - min) * (max - mode)).squareRoot()
        case .lognormal(let mu, let sigma):
            return exp(mu + normalQuantile(p) * sigma)
        }
    }

    /// The standard normal quantile at 0.05, 0.5 and 0.95 (the only ones the report needs).
    static func normalQuantile(_ p: Double) -> Double {
        switch p {
        case lowProbability: -z95
        case highProbability: z95
        case 0.5: 0
        default: preconditionFailure("the normal quantile is provided at 0.05, 0.5 and 0.95 only")
        }
    }

    /// The rows of one scenario with `uncertainty`, one per uncertain parameter in the order
    /// written; none without `uncertainty`.
    public static func run(_ projection: Projection, portfolio: Portfolio) -> [SensitivityRow] {
        let base = projection.scenario
        guard let uncertainty = base.uncertainty else { return [] }
        return uncertainty.parameters.map { parameter in
            let low = quantile(parameter.distribution, lowProbability)
            let high = quantile(parameter.distribution, highProbability)
            let atLow = outcome(base, projection: projection, portfolio: portfolio, parameter.parameter, low)
            let atHigh = outcome(
                base, projection: projection, portfolio: portfolio, parameter.parameter, high)
            return SensitivityRow(
                scenario: base.name, parameter: parameter.path, lowValue: low, highValue: high,
                totalLow: atLow?.total, totalHigh: atHigh?.total,
                envelopeUsedLow: atLow?.envelopeUsed, envelopeUsedHigh: atHigh?.envelopeUsed)
        }
    }

    /// The horizon total and envelope use with `path` set to `value`; nil if the run fails.
    private static func outcome(
        _ base: Scenario, projection: Projection, portfolio: Portfolio, _ parameter: Parameter,
        _ value: Double
    ) -> (total: Int64, envelopeUsed: Int64?)? {
        var scenario = base
        scenario.uncertainty = nil
        scenario.replace(parameter, with: YearMap(value))
        guard
            let plan = try? Plan(
                scenario: scenario, portfolio: portfolio, totals: projection.plan.totals,
                actuals: projection.plan.actuals),
            let result = try? Projector.project(plan)
        else { return nil }
        return (result.total, result.envelopeUsed)
    }

    /// `sensitivity.csv`: values with at most six decimals, amounts in yuan to the cent, an
    /// empty cell where a run failed or there is no envelope.
    public static func csv(_ rows: [SensitivityRow]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row([
            "scenario", "parameter", "low_value", "high_value", "total_low", "total_high",
            "envelope_used_low", "envelope_used_high",
        ])
        for row in rows {
            writer.field(row.scenario)
            writer.field(row.parameter)
            writer.decimal(row.lowValue)
            writer.decimal(row.highValue)
            for cents in [row.totalLow, row.totalHigh, row.envelopeUsedLow, row.envelopeUsedHigh] {
                if let cents { writer.cents(cents) } else { writer.emptyField() }
            }
            writer.endRow()
        }
        return writer.bytes
    }
}
