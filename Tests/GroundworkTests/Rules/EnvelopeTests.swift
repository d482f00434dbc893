import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 4.5 (and the envelope cells of section 8): window, items and payer
/// filters on effective payers, breach year (strictly above the amount), used and remaining.
///
/// The base scenario's outlay per year, 2014-2018, worked out by hand (one county A, 10
/// villages, blank cadre cells so H = 10 x (1 + 1 + 3) = 50, 2 venues needed):
///   venue_construction (city): one venue of 100000 in 2014 and in 2015 -> 100000, 100000, 0, 0, 0
///   venue_upkeep (city): 0.01 x 100000 per earlier venue -> 0, 1000, 2000, 2000, 2000
///   operating_funds (city): 1000 x 10 -> 10000 every year
///   cadre pay: pay.start 2030, after the horizon -> 0
///   pension_topup (county): 100 x 50 -> 5000 every year
@Suite("MODEL 4.5 envelope")
struct EnvelopeTests {
    static func project(_ extra: String, pension: String = "pension: {per_person: 100}") throws
        -> BuiltScenario
    {
        try ScenarioBuilder.project(
            yaml: """
                horizon: {start: 2014, end: 2018}
                rural_income: {value: 13200}
                operating_funds: {per_village: 1000}
                pay: {start: 2030}
                \(pension)
                \(extra)
                """, csv: "county,villages,venues_needed\nA,10,2\n")
    }

    static let venues = "venues: {schedule: {2014: 1, 2015: 1}, unit_cost: 100000, upkeep_rate: 0.01}"

    @Test("the base outlay is as worked out by hand")
    func baseOutlay() throws {
        let built = try Self.project(Self.venues)
        #expect(built.totals(.venueConstruction) == [10_000_000, 10_000_000, 0, 0, 0])
        #expect(built.totals(.venueUpkeep) == [0, 100_000, 200_000, 200_000, 200_000])
        #expect(built.totals(.operatingFunds) == [1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000])
        #expect(built.totals(.cadrePayBasic) == [0, 0, 0, 0, 0])
        #expect(built.totals(.pensionTopUp) == [500_000, 500_000, 500_000, 500_000, 500_000])
    }

    @Test("venue items: cumulative equal to the amount is not a breach; the first year above it is")
    func breachIsStrictlyAbove() throws {
        let built = try Self.project(
            Self.venues + "\nenvelope: {amount: 201000, items: [venue_construction, venue_upkeep]}")
        // Cumulative of construction + upkeep:
        //   2014: 100000; 2015: 100000 + 100000 + 1000 = 201000 (= amount, no breach);
        //   2016: 203000 > 201000 -> breach 2016; 2017: 205000; 2018: 207000.
        #expect(
            built.projection.envelopeCumulative == [
                10_000_000, 20_100_000, 20_300_000, 20_500_000, 20_700_000,
            ])
        #expect(built.projection.breachYear == 2016)
        // remaining = 201000 - cumulative: 101000, 0, -2000, -4000, -6000.
        let summary = built.summaryRows()
        #expect(
            summary.map { $0["envelope_cumulative"]! } == [
                "100000.00", "201000.00", "203000.00", "205000.00", "207000.00",
            ])
        #expect(
            summary.map { $0["envelope_remaining"]! } == [
                "101000.00", "0.00", "-2000.00", "-4000.00", "-6000.00",
            ])
        let headline = built.headline()
        #expect(headline["envelope_amount"] == "201000.00")
        // used = cumulative in `to` (default horizon.end 2018) = 207000.
        #expect(headline["envelope_used"] == "207000.00")
        #expect(headline["envelope_remaining"] == "-6000.00")
        #expect(headline["breach_year"] == "2016")
    }

    @Test("a window from 2015 to 2017: cells nil outside it, used is the cumulative in `to`")
    func window() throws {
        let built = try Self.project(
            Self.venues + "\nenvelope: {amount: 130000, from: 2015, to: 2017, payer: city}")
        // City items (construction, upkeep, operating funds), counted from 2015:
        //   2015: 100000 + 1000 + 10000 = 111000
        //   2016: 111000 + 0 + 2000 + 10000 = 123000
        //   2017: 123000 + 2000 + 10000 = 135000 > 130000 -> breach 2017.
        // 2014 and 2018 lie outside the window: nil.
        #expect(built.projection.envelopeCumulative == [nil, 11_100_000, 12_300_000, 13_500_000, nil])
        #expect(built.projection.breachYear == 2017)
        #expect(built.projection.envelopeUsed == 13_500_000)
        let summary = built.summaryRows()
        #expect(
            summary.map { $0["envelope_cumulative"]! } == ["", "111000.00", "123000.00", "135000.00", ""])
        // remaining: 130000 - 111000 = 19000; 7000; -5000.
        #expect(summary.map { $0["envelope_remaining"]! } == ["", "19000.00", "7000.00", "-5000.00", ""])
        let headline = built.headline()
        #expect(headline["envelope_used"] == "135000.00")
        #expect(headline["envelope_remaining"] == "-5000.00")
        #expect(headline["breach_year"] == "2017")
    }

    @Test("payer county with all items: only the pension (county by default); ending equal is no breach")
    func countyPayerFilter() throws {
        let built = try Self.project(Self.venues + "\nenvelope: {amount: 25000, payer: county}")
        // Pension 5000 a year: 5000, 10000, 15000, 20000, 25000 (= amount in 2018, no breach).
        #expect(built.projection.envelopeCumulative == [500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000])
        #expect(built.projection.breachYear == nil)
        let headline = built.headline()
        #expect(headline["envelope_used"] == "25000.00")
        #expect(headline["envelope_remaining"] == "0.00")
        #expect(headline["breach_year"] == "")
    }

    @Test("venues.payer: county moves both venue items to the county side of the filter")
    func venuesPaidByCounty() throws {
        let venues =
            "venues: {schedule: {2014: 1, 2015: 1}, unit_cost: 100000, upkeep_rate: 0.01, payer: county}"
        let county = try Self.project(venues + "\nenvelope: {amount: 211000, payer: county}")
        #expect(county.scenario.funding(of: LineItem.venueConstruction.fundingSection) == .single(.county))
        #expect(county.scenario.funding(of: LineItem.venueUpkeep.fundingSection) == .single(.county))
        // County items: construction + upkeep + pension.
        //   2014: 100000 + 0 + 5000 = 105000; 2015: 105000 + 100000 + 1000 + 5000 = 211000 (equal);
        //   2016: 211000 + 2000 + 5000 = 218000 -> breach 2016; 2017: 225000; 2018: 232000.
        #expect(
            county.projection.envelopeCumulative == [
                10_500_000, 21_100_000, 21_800_000, 22_500_000, 23_200_000,
            ])
        #expect(county.projection.breachYear == 2016)

        let city = try Self.project(venues + "\nenvelope: {amount: 50000, payer: city}")
        // City items left: operating funds only, 10000 a year -> 10000 ... 50000 (equal, no breach).
        #expect(
            city.projection.envelopeCumulative == [1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000])
        #expect(city.projection.breachYear == nil)
    }

    @Test("items and payer filters combine: pension.payer city counts in a city envelope of pension_topup")
    func itemsAndPayerCombine() throws {
        let cityPension = try Self.project(
            Self.venues + "\nenvelope: {amount: 12000, items: [pension_topup], payer: city}",
            pension: "pension: {per_person: 100, payer: city}")
        // Pension now paid by the city: 5000, 10000, 15000 > 12000 -> breach 2016.
        #expect(
            cityPension.projection.envelopeCumulative == [
                500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000,
            ])
        #expect(cityPension.projection.breachYear == 2016)

        let countyPension = try Self.project(
            Self.venues + "\nenvelope: {amount: 12000, items: [pension_topup], payer: city}")
        // Pension paid by the county (default): nothing selected, cumulative 0 every year.
        #expect(countyPension.projection.envelopeCumulative == [0, 0, 0, 0, 0])
        #expect(countyPension.projection.breachYear == nil)
    }

    @Test("the amount is rounded to the cent before the comparison")
    func amountRoundedToCent() throws {
        let built = try Self.project(
            Self.venues + "\nenvelope: {amount: 200999.995, items: [venue_construction, venue_upkeep]}")
        // 200999.995 rounds half away from zero to 201000.00; 2015's 201000 is then equal, not
        // above: the breach is 2016, not 2015.
        #expect(built.scenario.envelope?.amountCents == 20_100_000)
        #expect(built.projection.breachYear == 2016)
        #expect(built.headline()["envelope_amount"] == "201000.00")
    }

    @Test("without an envelope every envelope cell is empty")
    func noEnvelope() throws {
        let built = try Self.project(Self.venues)
        #expect(built.projection.envelopeCumulative == [nil, nil, nil, nil, nil])
        #expect(built.projection.breachYear == nil)
        #expect(built.projection.envelopeUsed == nil)
        #expect(
            built.summaryRows().allSatisfy {
                $0["envelope_cumulative"] == "" && $0["envelope_remaining"] == ""
            })
        let headline = built.headline()
        #expect(headline["envelope_amount"] == "")
        #expect(headline["envelope_used"] == "")
        #expect(headline["envelope_remaining"] == "")
        #expect(headline["breach_year"] == "")
    }
}
