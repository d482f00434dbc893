import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 4.1: venue rollout (schedule or Hamilton shares), allocation to portfolio
/// rows, the price index, payment profile, upkeep and the annual cap. Every expected number
/// below is worked out by hand from the contract, with the arithmetic in the comment above it.
@Suite("MODEL 4.1 venues")
struct VenueAllocationTests {
    // MARK: - Hamilton apportionment of the total need by `venues.shares`

    struct SharesCase: CustomTestStringConvertible, Sendable {
        let need: Int
        let shares: [String]
        let expected: [Int]
        let why: String
        var testDescription: String { "\(need) by \(shares.joined(separator: "/")) -> \(expected)" }
    }

    static let sharesCases: [SharesCase] = [
        // 496 x 0.3 = 148.8, 496 x 0.7 = 347.2; floors 148 + 347 = 495, 1 unit left;
        // the larger remainder is .8 (2014) -> 149 / 347.
        SharesCase(need: 496, shares: ["0.3", "0.7"], expected: [149, 347], why: "larger remainder"),
        // 5 x 0.5 = 2.5 twice; floors 2 + 2 = 4, 1 left; remainders tie (.5 = .5) -> the earlier
        // year: 3 / 2.
        SharesCase(need: 5, shares: ["0.5", "0.5"], expected: [3, 2], why: "tie to the earlier year"),
        // 10 x 0.25 = 2.5 four times; floors 8, 2 left; all remainders tie -> the two earliest
        // years: 3 / 3 / 2 / 2.
        SharesCase(need: 10, shares: ["0.25", "0.25", "0.25", "0.25"], expected: [3, 3, 2, 2], why: "ties"),
        // 7 x [0.1, 0.2, 0.3, 0.4] = 0.7, 1.4, 2.1, 2.8; floors 0+1+2+2 = 5, 2 left;
        // remainders .7 .4 .1 .8 -> .8 (year 4) and .7 (year 1): 1 / 1 / 2 / 3.
        SharesCase(
            need: 7, shares: ["0.1", "0.2", "0.3", "0.4"], expected: [1, 1, 2, 3], why: "two largest"),
        // 22 x 0.4 = 8.8, 22 x 0.6 = 13.2; floors 8 + 13 = 21, 1 left to .8: 9 / 13.
        SharesCase(need: 22, shares: ["0.4", "0.6"], expected: [9, 13], why: "example-capped"),
        // 2 x [0.34, 0.33, 0.33] = 0.68, 0.66, 0.66; floors 0, 2 left: .68 (year 1), then the tie
        // .66 = .66 goes to year 2: 1 / 1 / 0.
        SharesCase(
            need: 2, shares: ["0.34", "0.33", "0.33"], expected: [1, 1, 0], why: "tie after largest"),
        // 3 x [0.34, 0.33, 0.33] = 1.02, 0.99, 0.99; floors 1 + 0 + 0 = 1, 2 left: .99 and .99
        // (years 2, 3) beat .02: 1 / 1 / 1.
        SharesCase(need: 3, shares: ["0.34", "0.33", "0.33"], expected: [1, 1, 1], why: "small floor"),
        // Exact decimals: 4 x [0.05, 0.85, 0.10] = 0.2, 3.4, 0.4; floors 0 + 3 + 0 = 3, 1 left;
        // remainders .2, .4, .4: a tie between years 2 and 3 -> year 2: 0 / 4 / 0. (In binary
        // 4 x 0.85 = 3.3999999999999999 and 4 x 0.1 = 0.4, so doubles would give year 3.)
        SharesCase(need: 4, shares: ["0.05", "0.85", "0.10"], expected: [0, 4, 0], why: "exact tie"),
        // 10 x [0.1, 0.2, 0.7] = 1, 2, 7 exactly: nothing left over.
        SharesCase(need: 10, shares: ["0.1", "0.2", "0.7"], expected: [1, 2, 7], why: "whole quotas"),
    ]

    @Test(
        "shares: yearly counts are the Hamilton apportionment, ties to the earlier year",
        arguments: sharesCases)
    func hamiltonShares(_ c: SharesCase) {
        let horizon = 2014...(2014 + c.shares.count - 1)
        var shares: [Int: Decimal] = [:]
        for (offset, text) in c.shares.enumerated() { shares[2014 + offset] = Decimal(string: text)! }
        let counts = VenueAllocation.yearlyCounts(.shares(shares), totalNeed: c.need, horizon: horizon)
        #expect(counts == c.expected, "\(c.why)")
        #expect(counts.reduce(0, +) == c.need)
    }

    @Test("shares read from YAML: 496 by 0.3/0.7 gives 149/347, then rows get their part")
    func hamiltonSharesThroughLoader() throws {
        let yaml = """
            horizon: {start: 2014, end: 2015}
            rural_income: {value: 13200}
            venues:
              shares: {2014: 0.3, 2015: 0.7}
            """
        // Two rows, needs 300 and 196: total 496.
        let csv = "county,villages,venues_needed\nA,500,300\nB,196,196\n"
        let built = try ScenarioBuilder.project(yaml: yaml, csv: csv)
        // 496 x 0.3 = 148.8 -> 148, 496 x 0.7 = 347.2 -> 347; the 1 left goes to .8 (2014).
        #expect(built.plan.completedByYear == [149, 347])
        // 2014, n = 149 over r = [300, 196], R = 496:
        //   149 x 300 = 44700 = 90 x 496 + 60;  149 x 196 = 29204 = 58 x 496 + 436.
        //   floors 90 + 58 = 148, 1 left -> larger remainder 436 (B): A 90, B 59.
        // 2015, n = 347 = R (210 + 137): all the rest, A 210, B 137.
        #expect(built.completions(county: "A") == [90, 210])
        #expect(built.completions(county: "B") == [59, 137])
        #expect(built.plan.venuesBuilt == 496)
        #expect(built.plan.venuesDeferred == 0)
    }

    // MARK: - Allocation of a year's count to portfolio rows

    struct RowCase: CustomTestStringConvertible, Sendable {
        let n: Int
        let remaining: [Int]
        let given: [Int]
        let left: [Int]
        var testDescription: String { "n=\(n) over \(remaining) -> \(given)" }
    }

    static let rowCases: [RowCase] = [
        // n = 4, r = [6, 5, 9, 2, 3], R = 25. n x r = 24, 20, 36, 8, 12.
        //   floors 0, 0, 1, 0, 0 (36 = 1 x 25 + 11); remainders 24, 20, 11, 8, 12.
        //   3 left -> 24 (row 0), 20 (row 1), 12 (row 4): [1, 1, 1, 0, 1]; remaining [5, 4, 8, 2, 2].
        RowCase(n: 4, remaining: [6, 5, 9, 2, 3], given: [1, 1, 1, 0, 1], left: [5, 4, 8, 2, 2]),
        // n = 10, r = [5, 4, 8, 2, 2], R = 21. n x r = 50, 40, 80, 20, 20.
        //   floors 2 (50 = 42 + 8), 1 (40 = 21 + 19), 3 (80 = 63 + 17), 0 (20), 0 (20) = 6.
        //   remainders 8, 19, 17, 20, 20; 4 left -> 20 (row 3), 20 (row 4, tie after row 3),
        //   19 (row 1), 17 (row 2): [2, 2, 4, 1, 1]; remaining [3, 2, 4, 1, 1].
        RowCase(n: 10, remaining: [5, 4, 8, 2, 2], given: [2, 2, 4, 1, 1], left: [3, 2, 4, 1, 1]),
        // n = 11 = R: every row gets all it still needs.
        RowCase(n: 11, remaining: [3, 2, 4, 1, 1], given: [3, 2, 4, 1, 1], left: [0, 0, 0, 0, 0]),
        // n = 1, r = [2, 2], R = 4: 1 x 2 = 2 -> floor 0, remainder 2 each; tie -> row 0.
        RowCase(n: 1, remaining: [2, 2], given: [1, 0], left: [1, 2]),
        // n = 3, r = [1, 1, 1, 1], R = 4: remainders 3 each; 3 left -> rows 0, 1, 2.
        RowCase(n: 3, remaining: [1, 1, 1, 1], given: [1, 1, 1, 0], left: [0, 0, 0, 1]),
        // n = 2, r = [1, 1, 1], R = 3: remainders 2 each; 2 left -> rows 0, 1.
        RowCase(n: 2, remaining: [1, 1, 1], given: [1, 1, 0], left: [0, 0, 1]),
        // n = 5, r = [0, 7, 0, 3], R = 10: 35 = 3 x 10 + 5, 15 = 1 x 10 + 5; floors 4, 1 left,
        //   tie 5 = 5 -> row 1. Rows with no need get nothing: [0, 4, 0, 1].
        RowCase(n: 5, remaining: [0, 7, 0, 3], given: [0, 4, 0, 1], left: [0, 3, 0, 2]),
        // n = 3, r = [10, 1], R = 11: 30 = 2 x 11 + 8, 3 = 0 x 11 + 3; 1 left -> remainder 8
        //   (row 0): [3, 0], not one each.
        RowCase(n: 3, remaining: [10, 1], given: [3, 0], left: [7, 1]),
    ]

    @Test(
        "rows: floor(n r_i / R), units left to the largest remainders, ties to the earlier row",
        arguments: rowCases)
    func rowAllocation(_ c: RowCase) {
        var remaining = c.remaining
        var counts = [Int](repeating: 0, count: c.remaining.count)
        let units = VenueAllocation.allocate(c.n, remaining: &remaining, into: &counts)
        #expect(counts == c.given)
        #expect(remaining == c.left)
        #expect(units == c.n)
    }

    @Test("multi-year: each year allocates over the needs the earlier years left, by row not county")
    func multiYearAllocation() throws {
        let yaml = """
            horizon: {start: 2014, end: 2017}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 4, 2015: 10, 2016: 11}
            """
        // Rows (needs): A 6, A 5, B 9, C 2, C 3; total 25 = 4 + 10 + 11.
        let csv = """
            county,villages,venues_needed
            A,6,6
            A,5,5
            B,9,9
            C,2,2
            C,3,3

            """
        let built = try ScenarioBuilder.project(yaml: yaml, csv: csv)
        #expect(built.plan.completedByYear == [4, 10, 11, 0])
        // Row by row (see the row cases above):
        //   2014 n=4  over [6,5,9,2,3] -> [1,1,1,0,1], left [5,4,8,2,2]
        //   2015 n=10 over [5,4,8,2,2] -> [2,2,4,1,1], left [3,2,4,1,1]
        //   2016 n=11 over [3,2,4,1,1] -> [3,2,4,1,1], left 0
        // County A = rows 0+1: 2014 1+1 = 2, 2015 2+2 = 4, 2016 3+2 = 5.
        #expect(built.completions(county: "A") == [2, 4, 5, 0])
        // County B = row 2: 1, 4, 4.
        #expect(built.completions(county: "B") == [1, 4, 4, 0])
        // County C = rows 3+4: 0+1 = 1, 1+1 = 2, 1+1 = 2.
        #expect(built.completions(county: "C") == [1, 2, 2, 0])
    }

    // MARK: - Price index, payment profile and upkeep

    @Test(
        "K(c) = unit_cost(c) x P(c); P(start) = 1 (the start year's growth is not applied); upkeep on earlier venues"
    )
    func priceIndexAndUpkeep() throws {
        let yaml = """
            horizon: {start: 2014, end: 2018}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 1, 2015: 1, 2016: 1, 2017: 1, 2018: 1}
              unit_cost: {2014: 100000, 2016: 120000}
              cost_growth: {2014: 0.5, 2015: 0.1, 2017: 0.05}
              upkeep_rate: {2014: 0.01, 2017: 0.02}
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 5, needed: 5))
        // P(2014) = 1 (growth 0.5 of the start year not applied), P(2015) = 1.1,
        // P(2016) = 1.1 x 1.1 = 1.21, P(2017) = 1.21 x 1.05 = 1.2705, P(2018) = 1.2705 x 1.05 = 1.334025.
        // unit_cost: 100000 in 2014-2015, 120000 from 2016.
        // K = 100000, 110000, 120000 x 1.21 = 145200, 120000 x 1.2705 = 152460,
        //     120000 x 1.334025 = 160083.
        // One venue a year, profile [1.0]: construction(y) = K(y), in cents:
        #expect(
            built.series(.venueConstruction) == [10_000_000, 11_000_000, 14_520_000, 15_246_000, 16_008_300])
        // Upkeep in y = upkeep_rate(y) x sum of K(c) for c < y:
        //   2014: none built before -> 0
        //   2015: 0.01 x 100000 = 1000
        //   2016: 0.01 x (100000 + 110000) = 2100
        //   2017: 0.02 x (210000 + 145200) = 0.02 x 355200 = 7104
        //   2018: 0.02 x (355200 + 152460) = 0.02 x 507660 = 10153.20
        #expect(built.series(.venueUpkeep) == [0, 100_000, 210_000, 710_400, 1_015_320])
        #expect(Money.cents(built.plan.costs(2018)) == 16_008_300)
    }

    @Test(
        "payment profile: fraction k paid in c+k; tranches after the horizon only in construction_after_horizon"
    )
    func paymentProfile() throws {
        let yaml = """
            horizon: {start: 2014, end: 2016}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 1, 2016: 2}
              unit_cost: 100000
              payment_profile: [0.7, 0.3]
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 3, needed: 3))
        // 2014: 0.7 x 100000 = 70000; 2015: 0.3 x 100000 = 30000; 2016: 2 x 0.7 x 100000 = 140000.
        #expect(built.series(.venueConstruction) == [7_000_000, 3_000_000, 14_000_000])
        // After 2016: the 2016 venues' second tranche, 2 x 0.3 x 100000 = 60000.
        #expect(built.projection.constructionAfterHorizonCents == 6_000_000)
        #expect(built.headline()["construction_after_horizon"] == "60000.00")
        #expect(built.headline()["venues_built"] == "3")
        #expect(built.headline()["venues_deferred"] == "0")
    }

    @Test("three tranches: a venue of 2015 on a 2014-2016 horizon leaves its last tranche after the horizon")
    func threeTranches() throws {
        let yaml = """
            horizon: {start: 2014, end: 2016}
            rural_income: {value: 13200}
            venues:
              schedule: {2015: 1}
              unit_cost: 200000
              payment_profile: [0.5, 0.3, 0.2]
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 1, needed: 1))
        // 2015: 0.5 x 200000 = 100000; 2016: 0.3 x 200000 = 60000; 2017 (after): 0.2 x 200000 = 40000.
        #expect(built.series(.venueConstruction) == [0, 10_000_000, 6_000_000])
        #expect(built.projection.constructionAfterHorizonCents == 4_000_000)
    }

    // MARK: - annual_cap

    @Test("annual_cap: planned count cut to the largest n with n K p0 <= cap - due, the rest carried")
    func capDefersToLaterYear() throws {
        let yaml = """
            horizon: {start: 2014, end: 2017}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 3}
              unit_cost: 100000
              payment_profile: [0.5, 0.5]
              annual_cap: 120000
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 3, needed: 3))
        // 2014: due 0, room 120000; 3 x 50000 = 150000 > room, 2 x 50000 = 100000 <= room -> 2, carry 1.
        // 2015: due = 2 x 0.5 x 100000 = 100000, room 20000; 1 x 50000 > 20000 -> 0, carry 1.
        // 2016: due 0 (2014's venues are paid), room 120000; 1 x 50000 fits -> 1.
        // 2017: nothing planned.
        #expect(built.plan.completedByYear == [2, 0, 1, 0])
        // Construction: 2014 2 x 50000 = 100000; 2015 100000 (second tranches);
        // 2016 50000; 2017 50000.
        #expect(built.series(.venueConstruction) == [10_000_000, 10_000_000, 5_000_000, 5_000_000])
        #expect(built.plan.venuesDeferred == 0)
        #expect(built.projection.constructionAfterHorizonCents == 0)
    }

    @Test(
        "annual_cap: venues unbuilt at horizon.end are deferred; tranches of built ones past the end are counted"
    )
    func capDefersPastHorizon() throws {
        let yaml = """
            horizon: {start: 2014, end: 2014}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 3}
              unit_cost: 100000
              payment_profile: [0.5, 0.5]
              annual_cap: 120000
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 3, needed: 3))
        // 2014: as above, 2 fit (100000 <= 120000), 1 carried past the only horizon year.
        #expect(built.plan.completedByYear == [2])
        #expect(built.plan.venuesBuilt == 2)
        #expect(built.plan.venuesDeferred == 1)
        // The two built venues' second tranches fall in 2015: 2 x 0.5 x 100000 = 100000.
        #expect(built.projection.constructionAfterHorizonCents == 10_000_000)
        let headline = built.headline()
        #expect(headline["venues_needed"] == "3")
        #expect(headline["venues_built"] == "2")
        #expect(headline["venues_deferred"] == "1")
        #expect(headline["construction_after_horizon"] == "100000.00")
    }

    @Test("annual_cap: tranches already due are paid even when they exceed the cap")
    func dueTranchesExceedCap() throws {
        let yaml = """
            horizon: {start: 2014, end: 2015}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 4, 2015: 1}
              unit_cost: 100000
              payment_profile: [0.5, 0.5]
              annual_cap: {2014: 200000, 2015: 50000}
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 5, needed: 5))
        // 2014: room 200000; 4 x 50000 = 200000 <= 200000 (equal is allowed) -> 4.
        // 2015: due = 4 x 50000 = 200000, room = 50000 - 200000 = -150000 -> 0; 1 deferred.
        #expect(built.plan.completedByYear == [4, 0])
        #expect(built.plan.venuesDeferred == 1)
        // 2015's construction is the due 200000, four times the 50000 cap.
        #expect(built.series(.venueConstruction) == [20_000_000, 20_000_000])
    }

    @Test("annual_cap: n x K x p0 exactly equal to the room is allowed (exact decimals, not doubles)")
    func capBoundaryIsExact() throws {
        let yaml = """
            horizon: {start: 2014, end: 2016}
            rural_income: {value: 13200}
            venues:
              schedule: {2015: 2, 2016: 2}
              unit_cost: 100000
              cost_growth: 0.1
              payment_profile: [0.5, 0.5]
              annual_cap: {2014: 110000, 2016: 231000}
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 4, needed: 4))
        // K(2015) = 100000 x 1.1 = 110000, K(2016) = 100000 x 1.21 = 121000 (in doubles
        // 110000.00000000001 and 121000.00000000001, so a naive comparison fails both years).
        // 2015: cap 110000 (step from 2014), due 0: 2 x 110000 x 0.5 = 110000 = room -> 2.
        // 2016: due = 2 x 0.5 x 110000 = 110000; room = 231000 - 110000 = 121000;
        //       2 x 121000 x 0.5 = 121000 = room -> 2.
        #expect(built.plan.completedByYear == [0, 2, 2])
        #expect(built.plan.venuesDeferred == 0)
        // Construction 2015: 110000; 2016: 110000 + 121000 = 231000, exactly the cap.
        #expect(built.series(.venueConstruction) == [0, 11_000_000, 23_100_000])
        // After 2016: 2 x 0.5 x 121000 = 121000.
        #expect(built.projection.constructionAfterHorizonCents == 12_100_000)
    }

    @Test("annual_cap: 3 venues of K = 100000 x 1.1 fit a cap of 330000 exactly")
    func capBoundarySingleTranche() throws {
        let yaml = """
            horizon: {start: 2014, end: 2015}
            rural_income: {value: 13200}
            venues:
              schedule: {2015: 3}
              unit_cost: 100000
              cost_growth: {2015: 0.1}
              annual_cap: 330000
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 3, needed: 3))
        // K(2015) = 110000; 3 x 110000 x 1.0 = 330000 <= 330000 -> all 3 (doubles: 330000.00000000006).
        #expect(built.plan.completedByYear == [0, 3])
        #expect(built.series(.venueConstruction) == [0, 33_000_000])
    }

    @Test("annual_cap as a year map: deferrals accumulate until a year has room")
    func capYearMapCarriesForward() throws {
        let yaml = """
            horizon: {start: 2014, end: 2017}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 3, 2015: 1}
              unit_cost: 100000
              annual_cap: {2014: 100000, 2016: 300000}
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 4, needed: 4))
        // 2014: planned 3, room 100000 -> 1 (1 x 100000 <= 100000), carry 2.
        // 2015: cap 100000 (step), due 0 (single tranche); planned 1 + 2 carried = 3 -> 1, carry 2.
        // 2016: cap 300000; planned 0 + 2 -> 2 x 100000 = 200000 <= 300000 -> 2.
        #expect(built.plan.completedByYear == [1, 1, 2, 0])
        #expect(built.series(.venueConstruction) == [10_000_000, 10_000_000, 20_000_000, 0])
    }

    @Test("annual_cap: upkeep is not a tranche and does not use the room")
    func capIgnoresUpkeep() throws {
        let yaml = """
            horizon: {start: 2014, end: 2015}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 1, 2015: 1}
              unit_cost: 100000
              upkeep_rate: 0.5
              annual_cap: 100000
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 2, needed: 2))
        // 2015: due = 0 (2014's venue paid in one tranche); upkeep 0.5 x 100000 = 50000 is not due.
        // room 100000 -> the 2015 venue is built.
        #expect(built.plan.completedByYear == [1, 1])
        #expect(built.series(.venueUpkeep) == [0, 5_000_000])
    }

    @Test("annual_cap of 0 defers everything past the horizon")
    func zeroCap() throws {
        let yaml = """
            horizon: {start: 2014, end: 2015}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 2}
              annual_cap: 0
            """
        let built = try ScenarioBuilder.project(
            yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 2, needed: 2))
        // 1 x 150000 (default unit cost) > 0 every year -> nothing built, 2 deferred.
        #expect(built.plan.completedByYear == [0, 0])
        #expect(built.plan.venuesDeferred == 2)
        #expect(built.series(.venueConstruction) == [0, 0])
        #expect(built.projection.constructionAfterHorizonCents == 0)
    }

    @Test("a schedule that does not sum to the need is an error giving both numbers")
    func scheduleMustSum() throws {
        let yaml = """
            horizon: {start: 2014, end: 2015}
            rural_income: {value: 13200}
            venues:
              schedule: {2014: 2, 2015: 2}
            """
        // 2 + 2 = 4, but the portfolio needs 5.
        let error = #expect(throws: DiagnosticError.self) {
            try ScenarioBuilder.plan(yaml: yaml, csv: ScenarioBuilder.oneCounty(villages: 5, needed: 5))
        }
        let message = error?.diagnostics.first?.message ?? ""
        #expect(message.contains("4"))
        #expect(message.contains("5"))
    }
}
