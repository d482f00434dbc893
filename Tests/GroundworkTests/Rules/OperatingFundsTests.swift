import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 4.2: in every year y >= start, per_village(y) x villages x Q(y), with
/// Q(start) = 1 and Q(y) = Q(y-1) x (1 + growth(y)); zero before start; Q evolves from start
/// even when it lies before the horizon. Expected values worked out by hand.
@Suite("MODEL 4.2 operating funds")
struct OperatingFundsTests {
    /// County A: two rows of 4 and 6 villages (10 in all); county B: 3 villages.
    static let portfolio = """
        county,villages,venues_needed
        A,4,0
        B,3,0
        A,6,0

        """

    static func project(_ section: String, horizon: String = "{start: 2014, end: 2018}") throws
        -> BuiltScenario
    {
        let yaml = """
            horizon: \(horizon)
            rural_income: {value: 13200}
            \(section)
            """
        return try ScenarioBuilder.project(yaml: yaml, csv: portfolio)
    }

    @Test("start inside the horizon: zero before it, Q(start) = 1, then growth; rows summed per county")
    func startInsideHorizon() throws {
        let built = try Self.project(
            """
            operating_funds: {per_village: 70000, growth: 0.05, start: 2016}
            """)
        // A has 4 + 6 = 10 villages: 2014, 2015 -> 0 (before start);
        // 2016: 70000 x 10 x 1 = 700000; 2017: x 1.05 = 735000; 2018: 735000 x 1.05 = 771750.
        #expect(built.series(.operatingFunds, county: "A") == [0, 0, 70_000_000, 73_500_000, 77_175_000])
        // B, 3 villages: 210000, 220500, 231525.
        #expect(built.series(.operatingFunds, county: "B") == [0, 0, 21_000_000, 22_050_000, 23_152_500])
    }

    @Test("the growth of the start year itself is not applied")
    func startYearGrowthNotApplied() throws {
        let built = try Self.project(
            """
            operating_funds: {per_village: 1000, growth: {2014: 0.5, 2016: 0.1}, start: 2016}
            """)
        // Q(2016) = 1 although growth(2016) = 0.1; Q(2017) = 1.1; Q(2018) = 1.21.
        // A (10 villages): 0, 0, 10000, 11000, 12100.
        #expect(built.series(.operatingFunds, county: "A") == [0, 0, 1_000_000, 1_100_000, 1_210_000])
    }

    @Test("start before the horizon: Q evolves from start")
    func startBeforeHorizon() throws {
        let built = try Self.project(
            """
            operating_funds: {per_village: 1000, growth: 0.1, start: 2012}
            """, horizon: "{start: 2014, end: 2016}")
        // Q(2012) = 1, Q(2013) = 1.1, Q(2014) = 1.21, Q(2015) = 1.331, Q(2016) = 1.4641.
        // A (10 villages): 1000 x 10 x Q = 12100, 13310, 14641.
        #expect(built.series(.operatingFunds, county: "A") == [1_210_000, 1_331_000, 1_464_100])
        // B (3 villages): 3630, 3993, 4392.30.
        #expect(built.series(.operatingFunds, county: "B") == [363_000, 399_300, 439_230])
    }

    @Test(
        "growth is a step function: a listed year's rate holds until the next; earlier years take the first")
    func growthStepFunction() throws {
        let built = try Self.project(
            """
            operating_funds: {per_village: 1000, growth: {2015: 0.1, 2017: 0.2}}
            """)
        // start defaults to horizon.start = 2014. growth: 2015 0.1, 2016 0.1 (held), 2017 0.2, 2018 0.2.
        // Q = 1, 1.1, 1.21, 1.21 x 1.2 = 1.452, 1.452 x 1.2 = 1.7424.
        // A (10 villages): 10000, 11000, 12100, 14520, 17424.
        #expect(
            built.series(.operatingFunds, county: "A") == [
                1_000_000, 1_100_000, 1_210_000, 1_452_000, 1_742_400,
            ])
    }

    @Test("per_village is a step function too, evaluated in the year, times Q(y)")
    func perVillageStepFunction() throws {
        let built = try Self.project(
            """
            operating_funds: {per_village: {2016: 2000, 2018: 3000}, growth: 0.1}
            """)
        // per_village: 2014, 2015 take the first value 2000; 2016-2017 2000; 2018 3000.
        // Q = 1, 1.1, 1.21, 1.331, 1.4641.
        // B (3 villages): 6000, 6600, 7260, 7986, 3000 x 3 x 1.4641 = 13176.90.
        #expect(
            built.series(.operatingFunds, county: "B") == [600_000, 660_000, 726_000, 798_600, 1_317_690])
    }

    @Test("defaults: 70000 per village from horizon.start, no growth")
    func defaults() throws {
        let built = try Self.project("", horizon: "{start: 2014, end: 2015}")
        // 70000 x 10 = 700000 (A), 70000 x 3 = 210000 (B), every year.
        #expect(built.series(.operatingFunds, county: "A") == [70_000_000, 70_000_000])
        #expect(built.series(.operatingFunds, county: "B") == [21_000_000, 21_000_000])
        #expect(built.scenario.funding(of: LineItem.operatingFunds.fundingSection) == .single(.city))
    }

    @Test("start after the horizon: zero in every year")
    func startAfterHorizon() throws {
        let built = try Self.project(
            """
            operating_funds: {start: 2019}
            """)
        #expect(built.series(.operatingFunds, county: "A") == [0, 0, 0, 0, 0])
        #expect(built.totals(.operatingFunds) == [0, 0, 0, 0, 0])
    }
}
