import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 4.4: per_person(y) x G(y) x (H + F(y)) when former cadres are covered,
/// else per_person(y) x G(y) x H; zero before start; G and F evolve from start.
/// Expected values worked out by hand.
@Suite("MODEL 4.4 pension top-up")
struct PensionTopUpTests {
    /// County A: 65 villages, heads written 65 + 60 + 180 = 305.
    static let h305 = "county,villages,venues_needed,secretaries,directors,others\nA,65,0,65,60,180\n"

    static func project(_ pension: String, csv: String = h305, horizon: String = "{start: 2014, end: 2016}")
        throws
        -> BuiltScenario
    {
        try ScenarioBuilder.project(
            yaml: """
                horizon: \(horizon)
                rural_income: {value: 13200}
                pension: \(pension)
                """, csv: csv)
    }

    @Test("serving heads only: per_person x G(y) x H, G(start) = 1")
    func servingOnly() throws {
        let built = try Self.project("{per_person: 1000, growth: 0.03}")
        // H = 305. G = 1, 1.03, 1.0609.
        // 2014: 1000 x 305 = 305000; 2015: 1030 x 305 = 314150; 2016: 1060.9 x 305 = 323574.50.
        #expect(built.series(.pensionTopUp) == [30_500_000, 31_415_000, 32_357_450])
    }

    @Test("former cadres covered: F(y+1) = F(y)(1 - exit) + turnover x H")
    func formerCovered() throws {
        let built = try Self.project(
            "{per_person: 1000, growth: 0.03, former: {covered: true, turnover: 0.06, exit: 0.04, initial_per_village: 0.5}}"
        )
        // H = 305, F(2014) = 0.5 x 65 = 32.5.
        // F(2015) = 32.5 x 0.96 + 0.06 x 305 = 31.2 + 18.3 = 49.5.
        // F(2016) = 49.5 x 0.96 + 18.3 = 47.52 + 18.3 = 65.82.
        // 2014: 1000 x 1 x (305 + 32.5) = 337500.
        // 2015: 1000 x 1.03 x (305 + 49.5) = 1030 x 354.5 = 365135.
        // 2016: 1000 x 1.0609 x (305 + 65.82) = 1060.9 x 370.82 = 393402.938 -> 393402.94.
        #expect(built.series(.pensionTopUp) == [33_750_000, 36_513_500, 39_340_294])
    }

    @Test("former cadres are counted per county, from each county's villages and heads")
    func formerPerCounty() throws {
        // B: 10 villages, blank cells -> H = 10 x (1 + 1 + 3) = 50.
        let csv = "county,villages,venues_needed,secretaries,directors,others\nA,65,0,65,60,180\nB,10,0,,,\n"
        let built = try Self.project(
            "{per_person: 1000, growth: 0.03, former: {covered: true, turnover: 0.06, exit: 0.04, initial_per_village: 0.5}}",
            csv: csv)
        // B: F(2014) = 0.5 x 10 = 5; F(2015) = 5 x 0.96 + 0.06 x 50 = 4.8 + 3 = 7.8.
        // 2014: 1000 x (50 + 5) = 55000; 2015: 1030 x (50 + 7.8) = 1030 x 57.8 = 59534.
        #expect(built.cents(.pensionTopUp, 2014, county: "B") == 5_500_000)
        #expect(built.cents(.pensionTopUp, 2015, county: "B") == 5_953_400)
        // A unchanged by B: 337500, 365135.
        #expect(built.cents(.pensionTopUp, 2014, county: "A") == 33_750_000)
        #expect(built.cents(.pensionTopUp, 2015, county: "A") == 36_513_500)
    }

    @Test("start before the horizon: G and F evolve from start")
    func startBeforeHorizon() throws {
        let csv = "county,villages,venues_needed\nA,10,0\n"
        let built = try Self.project(
            "{start: 2012, per_person: 1000, growth: 0.03, former: {covered: true, turnover: 0.02, exit: 0.1, initial_per_village: 2}}",
            csv: csv, horizon: "{start: 2014, end: 2015}")
        // H = 10 x (1 + 1 + 3) = 50; turnover x H = 1.
        // F(2012) = 2 x 10 = 20; F(2013) = 20 x 0.9 + 1 = 19; F(2014) = 17.1 + 1 = 18.1;
        // F(2015) = 18.1 x 0.9 + 1 = 16.29 + 1 = 17.29.
        // G(2012) = 1, G(2013) = 1.03, G(2014) = 1.0609, G(2015) = 1.092727.
        // 2014: 1060.9 x (50 + 18.1) = 1060.9 x 68.1 = 72247.29.
        // 2015: 1092.727 x (50 + 17.29) = 1092.727 x 67.29 = 73529.59983 -> 73529.60.
        #expect(built.series(.pensionTopUp) == [7_224_729, 7_352_960])
    }

    @Test("start inside the horizon: zero before, F(start) and G(start) = 1 at start")
    func startInsideHorizon() throws {
        let built = try Self.project(
            "{start: 2015, per_person: 1000, growth: 0.03, former: {covered: true, turnover: 0.06, exit: 0.04, initial_per_village: 0.5}}"
        )
        // 2014: 0. 2015 (start): 1000 x 1 x (305 + 32.5) = 337500.
        // 2016: 1000 x 1.03 x (305 + 49.5) = 365135.
        #expect(built.series(.pensionTopUp) == [0, 33_750_000, 36_513_500])
    }

    @Test("former not covered: only serving heads, whatever turnover and initial say")
    func formerNotCovered() throws {
        let built = try Self.project(
            "{per_person: 1000, growth: 0.03, former: {covered: false, turnover: 0.06, exit: 0.04, initial_per_village: 0.5}}"
        )
        // As serving only: 305000, 314150, 323574.50.
        #expect(built.series(.pensionTopUp) == [30_500_000, 31_415_000, 32_357_450])
    }

    @Test("per_person and growth are step functions")
    func stepMaps() throws {
        let built = try Self.project("{per_person: {2014: 1000, 2016: 1200}, growth: {2015: 0.1, 2016: 0}}")
        // G(2014) = 1, G(2015) = 1.1, G(2016) = 1.1 x (1 + 0) = 1.1.
        // 2014: 1000 x 305 = 305000; 2015: 1000 x 1.1 x 305 = 335500; 2016: 1200 x 1.1 x 305 = 402600.
        #expect(built.series(.pensionTopUp) == [30_500_000, 33_550_000, 40_260_000])
    }

    @Test("defaults: 1000 per serving head from horizon.start, paid by the county")
    func defaults() throws {
        let built = try ScenarioBuilder.project(
            yaml: """
                horizon: {start: 2014, end: 2015}
                rural_income: {value: 13200}
                """, csv: "county,villages,venues_needed\nA,3,0\n")
        // H = 3 x (1 + 1 + 3) = 15 -> 15000 a year.
        #expect(built.series(.pensionTopUp) == [1_500_000, 1_500_000])
        #expect(built.scenario.funding(of: LineItem.pensionTopUp.fundingSection) == .single(.county))
    }

    @Test("cadres.per_village sets the heads of blank cells")
    func perVillageHeads() throws {
        let built = try ScenarioBuilder.project(
            yaml: """
                horizon: {start: 2014, end: 2014}
                rural_income: {value: 13200}
                cadres: {per_village: {other: 2}}
                """, csv: "county,villages,venues_needed,others\nA,3,0,\nA,2,0,7\n")
        // Row 1: 3 villages, all blank: 3 secretaries, 3 directors, 3 x 2 = 6 others (12).
        // Row 2: 2 villages, 2 secretaries, 2 directors, 7 others written (11).
        // H = 23 -> 23000.
        #expect(built.series(.pensionTopUp) == [2_300_000])
    }
}
