import GroundworkEngine

/// The figures of a run directory that the report shows, read from its CSV files with the
/// engine's `CSVReader` (never re-derived from the model): MODEL.md section 8's files, the
/// Monte Carlo files when present, `counties.csv` and `sensitivity.csv`, and v1.2's
/// `funding.csv`, `prices.csv`, `variance.csv` and `outturn.csv` when present.
///
/// Built from the files' bytes, so `run --report` reads the very bytes it writes and
/// `groundwork report DIR` the files on disk. This file holds the data model; the files are
/// read in `ReportData+Reading.swift` and the readers it calls.
public struct ReportData: Sendable {
    /// The files read, by name: required and optional.
    public static let requiredFiles = [
        "summary.csv", "headline.csv", "rollout.csv", "pay.csv", "forecast.csv",
    ]
    public static let optionalFiles = [
        "counties.csv", "sensitivity.csv", "summary_quantiles.csv", "envelope_risk.csv",
        "envelope_risk_by_year.csv", "funding.csv", "prices.csv", "variance.csv", "outturn.csv",
        "manifest.json",
    ]

    /// One scenario's figures. Amounts in yuan (exact to the cent in the files).
    public struct Scenario: Sendable {
        public var name: String
        public var start = 0
        public var end = 0
        public var years: [Int] = []
        /// Per item key (`LineItem` order), per year.
        public var items: [(key: String, values: [Double])] = []
        public var totals: [Double] = []
        public var cumulative: [Double] = []
        public var envelopeCumulative: [Double?] = []
        // headline.csv
        public var total = 0.0
        public var venuesNeeded = 0
        public var venuesBuilt = 0
        public var venuesDeferred = 0
        public var constructionAfterHorizon = 0.0
        public var envelopeAmount: Double?
        public var envelopeUsed: Double?
        public var envelopeRemaining: Double?
        public var breachYear: Int?
        // rollout.csv
        public var counties: [String] = []
        /// Per county, per year.
        public var venuesCompleted: [[Int]] = []
        /// Per county: still unbuilt at the end of the horizon.
        public var venuesDeferredByCounty: [Int] = []
        // pay.csv
        public var ruralIncome: [Double?] = []
        /// Per role (secretary, director, other), per year.
        public var monthlyPay: [[Double?]] = [[], [], []]
        // forecast.csv
        /// Horizon total per county, in `counties` order.
        public var countyTotals: [Double] = []
        /// Per county, in cents: the part of its horizon total that the `county` level pays
        /// (its rows with payer=county); nil when forecast.csv has no `payer` column (v1.1).
        public var countyPaysItself: [Int64]?
        // counties.csv
        public var villages: [Double?] = []
        public var countyVenuesNeeded: [Int?] = []
        public var population: [Double?] = []
        public var hasCountyFile = false
        // Monte Carlo files
        /// Per year: p05, p50, p95 and mean of the year's total; nil without quantiles.
        public var totalQuantiles: [(mean: Double, p05: Double, p50: Double, p95: Double)]?
        public var draws: Int?
        public var breachProbability: Double?
        public var breachYearMedian: Int?
        public var breachProbabilityByYear: [Double?]?
        public var sensitivity: [SensitivityRow] = []
        // funding.csv
        /// The paying levels with rows, top to bottom (MODEL.md section 4).
        public var funding: [LevelOutlay] = []
        // prices.csv
        /// Per year, when the scenario has `prices:`.
        public var prices: [PriceYear]?
        // outturn.csv and variance.csv (MODEL.md section 9)
        /// The closed years, in order; empty without actuals.
        public var outturn: [OutturnYear] = []
        /// The cells of the closed years, in the file's order (county, year, item).
        public var variances: [VarianceCell] = []

        init(name: String) { self.name = name }

        func yearIndex(_ year: Int) -> Int? {
            year >= start && year <= end ? year - start : nil
        }
    }

    /// One paying level's outlay per year (`funding.csv`), in cents.
    public struct LevelOutlay: Sendable {
        /// `central`, `province`, `city` or `county`.
        public var level: String
        /// Per year: all six items.
        public var totals: [Int64]
        public var cumulative: [Int64]
    }

    /// One year of `prices.csv` (MODEL.md 4.6), amounts in cents; the deflator and discount
    /// factor as written (six decimals).
    public struct PriceYear: Sendable {
        public var year: Int
        public var deflator: String
        public var discountFactor: String
        public var total: Int64
        public var totalReal: Int64
        public var totalPresentValue: Int64
        public var cumulativeReal: Int64
        public var cumulativePresentValue: Int64
    }

    /// One closed year of `outturn.csv`: planned and actual in cents, the PEFA measures as
    /// written (empty where the file leaves them empty).
    public struct OutturnYear: Sendable {
        public var year: Int
        public var planned: Int64
        public var actual: Int64
        public var aggregateOutturn: String
        public var compositionVariance: String
    }

    /// One cell of `variance.csv`, amounts in cents, `variance_pct` as written.
    public struct VarianceCell: Sendable {
        public var county: String
        public var year: Int
        public var item: String
        public var planned: Int64
        public var actual: Int64
        public var variance: Int64
        public var variancePercent: String
    }

    /// Scenarios in the order of `headline.csv` (the run's command-line order).
    public var scenarios: [Scenario]
    /// `manifest.json`'s engine version and command, when present.
    public var engineVersion: String?
    public var command: [String]?
}
