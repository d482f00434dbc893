/// The limits of MODEL.md section 6, in one place: years, horizons, draws, and the 10^13 yuan
/// that no written amount, total or cumulative may reach.
public enum Limits {
    /// Every year a scenario writes.
    public static let yearRange = 1900...2200
    /// The longest horizon, counted inclusively (`end - start + 1`).
    public static let maximumHorizonYears = 200
    /// `uncertainty.draws`.
    public static let drawRange = 1...1_000_000
    /// Portfolio numbers lie below this.
    public static let portfolioNumber = 1e9

    /// No written amount, total or cumulative reaches this many yuan, in absolute value.
    public static let amountYuan = 1e13
    /// The same limit in cents.
    public static let amountCents: Int64 = 1_000_000_000_000_000

    /// Whether an amount in yuan may be written: finite and below 10^13 in absolute value.
    @inline(__always)
    public static func allows(yuan: Double) -> Bool {
        yuan.isFinite && abs(yuan) < amountYuan
    }

    /// Whether a sum of cents may be written.
    @inline(__always)
    public static func allows(cents: Int64) -> Bool {
        abs(cents) < amountCents
    }

    /// The located error for an amount beyond the limit: `what` names the item, county and
    /// year (or the file and year), `location` is where the scenario can be changed.
    public static func exceeded(
        _ what: String, scenario: String, at location: SourceLocation, hint: String? = nil
    ) -> DiagnosticError {
        let advice = hint ?? "check the portfolio's counts and the scenario's amounts and rates"
        return DiagnosticError(
            location,
            "scenario `\(scenario)`: \(what) reaches 10^13 yuan, beyond what Groundwork can write; \(advice)",
            kind: .limit)
    }
}
