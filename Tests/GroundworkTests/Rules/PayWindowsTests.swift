import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 4.3: rural income, pay windows, the rounded monthly pay of each role and
/// the two pay items. Expected values worked out by hand.
@Suite("MODEL 4.3 pay windows and rural income")
struct PayWindowsTests {
    /// One county with one head of each role written in the portfolio.
    static let oneOfEach = "county,villages,venues_needed,secretaries,directors,others\nA,1,0,1,1,1\n"

    static func plan(_ body: String, csv: String = oneOfEach) throws -> Plan {
        try ScenarioBuilder.plan(yaml: body, csv: csv).plan
    }

    /// Monthly pay (secretary, director, other) in `year`, or nil before pay.start.
    static func monthly(_ plan: Plan, _ year: Int) -> [Double]? {
        guard let pay = plan.pay.monthly[year - plan.scenario.horizon.lowerBound] else { return nil }
        return [pay.secretary, pay.director, pay.other]
    }

    static let growing = """
        horizon: {start: 2014, end: 2021}
        rural_income: {base_year: 2014, value: 13200, growth: 0.08}

        """

    @Test("windows of 3 years from 2015: B_0 = 1100, B_1 from I(2017) = 16628.1984, B_2 from I(2020)")
    func defaultWindows() throws {
        let plan = try Self.plan(Self.growing)
        // 2014 is before pay.start (2015): no pay.
        #expect(Self.monthly(plan, 2014) == nil)
        // Window 0 (2015-2017): B_0 = 1100; 1100 x 0.8 = 880; 1100 x 0.7 = 770.
        for year in 2015...2017 { #expect(Self.monthly(plan, year) == [1100, 880, 770]) }
        // I(2015) = 13200 x 1.08 = 14256; I(2016) = 15396.48; I(2017) = 16628.1984.
        // Window 1 (2018-2020): B_1 = round(16628.1984 / 12 = 1385.6832) = 1386;
        // director round(1386 x 0.8 = 1108.8) = 1109; other round(1386 x 0.7 = 970.2) = 970.
        for year in 2018...2020 { #expect(Self.monthly(plan, year) == [1386, 1109, 970]) }
        // I(2018) = 17958.454272, I(2019) = 19395.13061376, I(2020) = 20946.7410628608.
        // Window 2 (2021-): B_2 = round(20946.7410628608 / 12 = 1745.5617552384) = 1746;
        // director round(1396.8) = 1397; other round(1222.2) = 1222.
        #expect(Self.monthly(plan, 2021) == [1746, 1397, 1222])
        #expect(plan.pay.rebases.map(\.year) == [2015, 2018, 2021])
        #expect(plan.pay.rebases.map(\.window) == [0, 1, 2])
    }

    @Test("pay items: heads x 12 x m_r x basic_share, and x (1 - basic_share) x performance_payout(y)")
    func payItems() throws {
        let yaml = Self.growing + "pay: {performance_payout: {2015: 1.0, 2019: 0.85}}\n"
        // A: 2 secretaries, 1 director, 3 others written; B: 2 villages with blank cells, so
        // 2 x 1 secretaries, 2 x 1 directors, 2 x 3 others (cadres.per_village defaults).
        let csv = "county,villages,venues_needed,secretaries,directors,others\nA,3,0,2,1,3\nB,2,0,,,\n"
        let built = try ScenarioBuilder.project(yaml: yaml, csv: csv)
        // 2014: before pay.start -> 0.
        #expect(built.cents(.cadrePayBasic, 2014) == 0)
        #expect(built.cents(.cadrePayPerformance, 2014) == 0)
        // 2015, A: 12 x (2 x 1100 + 1 x 880 + 3 x 770) = 12 x 5390 = 64680;
        //   basic 64680 x 0.7 = 45276; performance 64680 x 0.3 x 1.0 = 19404.
        #expect(built.cents(.cadrePayBasic, 2015) == 4_527_600)
        #expect(built.cents(.cadrePayPerformance, 2015) == 1_940_400)
        // 2015, B: 12 x (2 x 1100 + 2 x 880 + 6 x 770) = 12 x 8580 = 102960;
        //   basic 72072; performance 30888.
        #expect(built.cents(.cadrePayBasic, 2015, county: "B") == 7_207_200)
        #expect(built.cents(.cadrePayPerformance, 2015, county: "B") == 3_088_800)
        // 2018, A: 12 x (2 x 1386 + 1109 + 3 x 970) = 12 x 6791 = 81492;
        //   basic 81492 x 0.7 = 57044.40; performance 81492 x 0.3 = 24447.60 (payout 1.0 held).
        #expect(built.cents(.cadrePayBasic, 2018) == 5_704_440)
        #expect(built.cents(.cadrePayPerformance, 2018) == 2_444_760)
        // 2019, A: payout steps to 0.85: 24447.60 x 0.85 = 20780.46; basic unchanged.
        #expect(built.cents(.cadrePayBasic, 2019) == 5_704_440)
        #expect(built.cents(.cadrePayPerformance, 2019) == 2_078_046)
    }

    @Test("basic_share and a performance bonus above 1")
    func basicShareAndBonus() throws {
        let yaml = Self.growing + "pay: {basic_share: 0.6, performance_payout: 1.2}\n"
        let built = try ScenarioBuilder.project(yaml: yaml, csv: Self.oneOfEach)
        // 2015: 12 x (1100 + 880 + 770) = 33000; basic 33000 x 0.6 = 19800;
        //   performance 33000 x 0.4 x 1.2 = 15840.
        #expect(built.cents(.cadrePayBasic, 2015) == 1_980_000)
        #expect(built.cents(.cadrePayPerformance, 2015) == 1_584_000)
    }

    @Test("round_to 10: B_1 = round(1385.6832) to 10 = 1390; roles 1112 -> 1110, 973 -> 970")
    func roundToTen() throws {
        let plan = try Self.plan(Self.growing + "pay: {round_to: 10}\n")
        // Window 0: 1100, 880, 770 are already multiples of 10.
        #expect(Self.monthly(plan, 2015) == [1100, 880, 770])
        // B_1 = 1385.6832 -> 138.56832 tens -> 139 tens = 1390; 1390 x 0.8 = 1112 -> 1110;
        // 1390 x 0.7 = 973 -> 970.
        #expect(Self.monthly(plan, 2018) == [1390, 1110, 970])
    }

    struct HalfCase: CustomTestStringConvertible, Sendable {
        let secretaryMonthly: String
        let roundTo: String
        let expected: [Double]
        var testDescription: String { "B_0 = \(secretaryMonthly), round_to \(roundTo) -> \(expected)" }
    }

    static let halfCases: [HalfCase] = [
        // 1105 x 0.7 = 773.5 -> 774 (away from zero); 1105 x 0.8 = 884.
        HalfCase(secretaryMonthly: "1105", roundTo: "1", expected: [1105, 884, 774]),
        // 1285 x 0.7 = 899.5 exactly (899.4999999999999 in binary) -> 900; 1285 x 0.8 = 1028.
        HalfCase(secretaryMonthly: "1285", roundTo: "1", expected: [1285, 1028, 900]),
        // round_to 10: 1125 x 1.0 = 112.5 tens -> 113 tens = 1130; 1125 x 0.8 = 900;
        // 1125 x 0.7 = 787.5 = 78.75 tens -> 790.
        HalfCase(secretaryMonthly: "1125", roundTo: "10", expected: [1130, 900, 790]),
        // round_to 10: 1350 x 0.7 = 945 = 94.5 tens exactly (94.49999999999999 in binary) -> 950;
        // 1350 x 0.8 = 1080; 1350 stays.
        HalfCase(secretaryMonthly: "1350", roundTo: "10", expected: [1350, 1080, 950]),
        // round_to 1: a B_0 with a half: 1102.5 -> 1103; 1102.5 x 0.8 = 882; 1102.5 x 0.7 = 771.75 -> 772.
        HalfCase(secretaryMonthly: "1102.5", roundTo: "1", expected: [1103, 882, 772]),
    ]

    @Test("role pay in window 0 rounds half away from zero in exact decimal", arguments: halfCases)
    func halvesInWindowZero(_ c: HalfCase) throws {
        let plan = try Self.plan(
            Self.growing + "pay: {secretary_monthly: \(c.secretaryMonthly), round_to: \(c.roundTo)}\n")
        #expect(Self.monthly(plan, 2015) == c.expected)
    }

    @Test("a rebase on an exact half: I(2016) = 12000 x 1.15^2 = 15870, 15870 / 12 = 1322.5 -> 1323")
    func rebaseOnExactHalf() throws {
        let plan = try Self.plan(
            """
            horizon: {start: 2014, end: 2017}
            rural_income: {base_year: 2014, value: 12000, growth: 0.15}
            pay: {start: 2014}
            """)
        // Window 1 starts 2017, rebased on I(2016) = 12000 x 1.15 x 1.15 = 15870 (binary:
        // 1322.4999999999998 after / 12). B_1 = 1323; 1323 x 0.8 = 1058.4 -> 1058;
        // 1323 x 0.7 = 926.1 -> 926.
        #expect(Self.monthly(plan, 2016) == [1100, 880, 770])
        #expect(Self.monthly(plan, 2017) == [1323, 1058, 926])
    }

    @Test("observed values replace I in their year and growth continues from them")
    func observedValues() throws {
        let plan = try Self.plan(
            """
            horizon: {start: 2014, end: 2021}
            rural_income: {base_year: 2014, value: 13200, growth: 0.08, values: {2016: 15800}}
            """)
        // I(2016) = 15800 (observed); I(2017) = 15800 x 1.08 = 17064.
        // B_1 = round(17064 / 12 = 1422) = 1422; director round(1137.6) = 1138; other round(995.4) = 995.
        #expect(Self.monthly(plan, 2018) == [1422, 1138, 995])
        // I(2020) = 17064 x 1.08^3 = 17064 x 1.259712 = 21495.725568; / 12 = 1791.310464 -> 1791;
        // director round(1432.8) = 1433; other round(1253.7) = 1254.
        #expect(Self.monthly(plan, 2021) == [1791, 1433, 1254])
        #expect(Money.cents(plan.income(2016)!) == 1_580_000)
        #expect(Money.cents(plan.income(2017)!) == 1_706_400)
        // Before base_year there is no income.
        #expect(plan.income(2013) == nil)
    }

    @Test("an observed value in base_year replaces `value`")
    func observedBaseYear() throws {
        let plan = try Self.plan(
            """
            horizon: {start: 2014, end: 2015}
            rural_income: {base_year: 2014, value: 13200, values: {2014: 12000}}
            pay: {start: 2014, adjust_every: 1}
            """)
        // Window 1 = 2015, rebased on I(2014) = 12000 (not 13200): 12000 / 12 = 1000; 800; 700.
        #expect(Self.monthly(plan, 2015) == [1000, 800, 700])
    }

    @Test("rural income in pay.csv: empty before base_year; monthly cells empty before pay.start")
    func payTable() throws {
        let built = try ScenarioBuilder.project(
            yaml: """
                horizon: {start: 2013, end: 2018}
                rural_income: {base_year: 2014, value: 13200, growth: 0.08}
                """, csv: Self.oneOfEach)
        let rows = built.payRows()
        // 2013: before base_year and before pay.start: every value cell empty.
        #expect(rows[0]["rural_income"] == "")
        #expect(rows[0]["secretary_monthly"] == "")
        // 2014: I = 13200; still before pay.start.
        #expect(rows[1]["rural_income"] == "13200")
        #expect(rows[1]["director_monthly"] == "")
        // 2017: I = 13200 x 1.08^3 = 16628.1984; window 0 pay.
        #expect(rows[4]["rural_income"] == "16628.1984")
        #expect(rows[4]["other_monthly"] == "770.00")
        // 2018: window 1, 1386 / 1109 / 970.
        #expect(rows[5]["secretary_monthly"] == "1386.00")
        #expect(rows[5]["director_monthly"] == "1109.00")
        #expect(rows[5]["other_monthly"] == "970.00")
    }

    @Test("income_multiple scales the rebase, not B_0")
    func incomeMultiple() throws {
        let plan = try Self.plan(Self.growing + "pay: {income_multiple: 1.5}\n")
        // Window 0: B_0 = secretary_monthly = 1100 (no multiple).
        #expect(Self.monthly(plan, 2015) == [1100, 880, 770])
        // B_1 = round(1.5 x 16628.1984 / 12 = 24942.2976 / 12 = 2078.5248) = 2079;
        // director round(1663.2) = 1663; other round(1455.3) = 1455.
        #expect(Self.monthly(plan, 2018) == [2079, 1663, 1455])
    }

    @Test("a rebase that needs income before base_year is an error")
    func rebaseBeforeBaseYearThrows() throws {
        let yaml = """
            horizon: {start: 2014, end: 2018}
            rural_income: {base_year: 2016, value: 13200}
            pay: {start: 2014, adjust_every: 1}
            """
        // The scenario itself is valid ...
        _ = try ScenarioLoader.load(try ScenarioBuilder.write(yaml: yaml, csv: Self.oneOfEach))
        // ... but window 1 (2015) is rebased on I(2014), and I is defined from 2016 only.
        let error = #expect(throws: DiagnosticError.self) {
            try ScenarioBuilder.plan(yaml: yaml, csv: Self.oneOfEach)
        }
        #expect(error?.diagnostics.first?.message.contains("base_year") == true)
    }

    @Test("pay.start before the horizon: only windows covering horizon years are computed")
    func startBeforeHorizon() throws {
        let plan = try Self.plan(
            """
            horizon: {start: 2014, end: 2017}
            rural_income: {base_year: 2013, value: 12000, growth: 0.1}
            pay: {start: 2005}
            """)
        // Windows 2005-07 (k=0), 2008-10 (k=1, would need I(2007)), 2011-13 (k=2, I(2010)):
        // none covers a horizon year, so no error although both incomes are before 2013.
        // k=3 (2014-2016): rebase on I(2013) = 12000 -> 1000; 800; 700.
        for year in 2014...2016 { #expect(Self.monthly(plan, year) == [1000, 800, 700]) }
        // k=4 (2017-): I(2016) = 12000 x 1.1^3 = 15972 -> 1331; round(1064.8) = 1065; round(931.7) = 932.
        #expect(Self.monthly(plan, 2017) == [1331, 1065, 932])
        #expect(plan.pay.rebases.map(\.year) == [2014, 2017])
        #expect(plan.pay.rebases.map(\.window) == [3, 4])
    }

    @Test("pay.start one year before the horizon: the horizon starts inside window 0")
    func horizonStartsMidWindow() throws {
        let plan = try Self.plan(
            """
            horizon: {start: 2014, end: 2016}
            rural_income: {base_year: 2014, value: 13200, growth: 0.08}
            pay: {start: 2013}
            """)
        // Window 0 = 2013-2015: 1100 / 880 / 770.
        #expect(Self.monthly(plan, 2014) == [1100, 880, 770])
        #expect(Self.monthly(plan, 2015) == [1100, 880, 770])
        // Window 1 = 2016-: I(2015) = 14256; 14256 / 12 = 1188; round(950.4) = 950; round(831.6) = 832.
        #expect(Self.monthly(plan, 2016) == [1188, 950, 832])
    }

    @Test("ratios default key by key: pay.ratios {director: 0.9} keeps 1.0 and 0.7")
    func ratiosKeyByKey() throws {
        let plan = try Self.plan(Self.growing + "pay: {ratios: {director: 0.9}}\n")
        // 1100 x 1.0 = 1100; 1100 x 0.9 = 990; 1100 x 0.7 = 770.
        #expect(Self.monthly(plan, 2015) == [1100, 990, 770])
        // B_1 = 1386: 1386 x 0.9 = 1247.4 -> 1247; 1386 x 0.7 = 970.2 -> 970.
        #expect(Self.monthly(plan, 2018) == [1386, 1247, 970])
    }
}
