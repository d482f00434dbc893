import GroundworkEngine

/// The figures of a run directory that the report shows, read from its CSV files with the
/// engine's `CSVReader` (never re-derived from the model): MODEL.md section 8's files, the
/// Monte Carlo files when present, and `counties.csv` and `sensitivity.csv`.
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
        "envelope_risk_by_year.csv",
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

        init(name: String) { self.name = name }

        func yearIndex(_ year: Int) -> Int? {
            year >= start && year <= end ? year - start : nil
        }
    }

    /// Scenarios in the order of `headline.csv` (the run's command-line order).
    public var scenarios: [Scenario]
    /// `manifest.json`'s engine version and command, when present.
    public var engineVersion: String?
    public var command: [String]?
}
