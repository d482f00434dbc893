import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 4 (who pays), 4.5 (the envelope's level filter), 6 (share maps under
/// `extends`) and 8 (`forecast.csv` rows per level, `funding.csv`).
///
/// The two-county scenario below, worked out by hand: counties A and B, 10 villages each,
/// operating funds 1,000.01 yuan a village from 2014, so every county-year cell is
/// 10,000.10 yuan = 1,000,010 cents; nothing else costs anything (no venues, pay after the
/// horizon, pension 0).
/// - A pays by the section's map {province: 0.4, city: 0.35, county: 0.25}:
///   0.4 x 1,000,010 = 400,004; 0.35 x 1,000,010 = 350,003.5; 0.25 x 1,000,010 = 250,002.5.
///   The floors sum to 1,000,009: the one cent left goes to the larger remainder, a tie of
///   0.5 and 0.5 between city and county, won by the city (nearer central):
///   province 400,004, city 350,004, county 250,002.
/// - B has its own map {central: 0.3, province: 0.5, county: 0.2}: 300,003, 500,005 and
///   200,002 exactly.
@Suite("MODEL 4 funding shares")
struct FundingTests {
    static func split(_ cents: Int64, _ shares: [(FundingLevel, String)]) -> [Int64] {
        Funding(shares: shares.map { ($0.0, ExactDecimal($0.1)!) })!.split(cents)
    }

    @Test("1,000,001 cents at 0.5/0.3/0.2: floors 500,000, 300,000, 200,000; the cent goes to the 0.5")
    func splitByHand() {
        // Remainders 0.5, 0.3 and 0.2 of a cent: the largest is the province's.
        #expect(
            Self.split(1_000_001, [(.province, "0.5"), (.city, "0.3"), (.county, "0.2")]) == [
                500_001, 300_000, 200_000,
            ])
        // Written in another order, the parts come out top to bottom all the same.
        #expect(
            Self.split(1_000_001, [(.county, "0.2"), (.province, "0.5"), (.city, "0.3")]) == [
                500_001, 300_000, 200_000,
            ])
    }

    @Test("3 cents at 0.5/0.5: 1.5 and 1.5, the tie goes to the higher level; -3 is its negation")
    func splitTie() {
        #expect(Self.split(3, [(.city, "0.5"), (.county, "0.5")]) == [2, 1])
        #expect(Self.split(3, [(.county, "0.5"), (.city, "0.5")]) == [2, 1])
        #expect(Self.split(-3, [(.city, "0.5"), (.county, "0.5")]) == [-2, -1])
        #expect(Self.split(1, [(.central, "0.5"), (.county, "0.5")]) == [1, 0])
        // A level with share 0 pays nothing and gets no part at all.
        let zero = Funding(shares: [(.city, ExactDecimal("1")!), (.county, ExactDecimal("0")!)])!
        #expect(zero.payingLevels == [.city])
        #expect(zero.split(12_345) == [12_345])
    }

    @Test("property: for random cells and share maps, the parts sum to the cell, each within a cent of C x s")
    func splitProperty() {
        var state: UInt64 = 20_261_202
        func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        for _ in 0..<20_000 {
            // 1 to 4 levels, shares of up to 6 decimals summing to exactly 1.
            let levels = FundingLevel.allCases.filter { _ in next() % 2 == 0 }
            let chosen = levels.isEmpty ? [FundingLevel.city] : levels
            let scale: Int128 = 1_000_000
            var left = scale
            var numerators: [Int128] = []
            for (index, _) in chosen.enumerated() {
                let part = index == chosen.count - 1 ? left : Int128(next() % UInt64(left + 1))
                numerators.append(part)
                left -= part
            }
            let shares = zip(chosen, numerators).map { ($0, ExactDecimal(significand: $1, scale: 6)) }
            let funding = Funding(shares: shares)!
            let magnitude = Int64(next() % 2_000_000_000_000)
            let cell = next() % 5 == 0 ? -magnitude : magnitude
            let parts = funding.split(cell)
            #expect(parts.reduce(0, +) == cell)
            for (level, part) in zip(funding.payingLevels, parts) {
                let numerator = numerators[chosen.firstIndex(of: level)!]
                // |part - C x s| < 1 cent, exactly: |part x 10^6 - C x n| < 10^6.
                let difference = Int128(part) * scale - Int128(cell) * numerator
                #expect(abs(difference) < scale, "\(cell) x \(numerator): \(part)")
            }
        }
    }

    static let portfolio = "county,villages,venues_needed\nA,10,0\nB,10,0\n"
    static let scenario = """
        horizon: {start: 2014, end: 2016}
        rural_income: {value: 13200}
        pay: {start: 2030}
        pension: {per_person: 0}
        operating_funds: {per_village: 1000.01, payer: {province: 0.4, city: 0.35, county: 0.25}}
        funding: {counties: {B: {operating_funds: {central: 0.3, province: 0.5, county: 0.2}}}}

        """

    @Test("a county's override: forecast.csv rows per paying level, top to bottom, as worked out by hand")
    func countyOverride() throws {
        let built = try ScenarioBuilder.project(yaml: Self.scenario, csv: Self.portfolio)
        let rows = String(decoding: ForecastTables.forecast([built.projection]), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let funds = rows.filter { $0.contains(",2014,operating_funds,") }
        #expect(
            funds == [
                "scenario,A,2014,operating_funds,province,4000.04",
                "scenario,A,2014,operating_funds,city,3500.04",
                "scenario,A,2014,operating_funds,county,2500.02",
                "scenario,B,2014,operating_funds,central,3000.03",
                "scenario,B,2014,operating_funds,province,5000.05",
                "scenario,B,2014,operating_funds,county,2000.02",
            ])
        // Every other item is paid by one level (city, or county for the top-up): one row.
        #expect(
            rows.filter { $0.contains(",2014,pension_topup,") } == [
                "scenario,A,2014,pension_topup,county,0.00", "scenario,B,2014,pension_topup,county,0.00",
            ])
        // Splitting never changes a cell.
        #expect(built.cents(.operatingFunds, 2014, county: "B") == 1_000_010)
        built.projection._checkInvariants()
    }

    @Test("funding.csv: every paying level, top to bottom, with its yearly sums and cumulative")
    func fundingFile() throws {
        let built = try ScenarioBuilder.project(yaml: Self.scenario, csv: Self.portfolio)
        let rows = String(decoding: ForecastTables.funding([built.projection]), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(
            rows[0]
                == "scenario,payer,year,venue_construction,venue_upkeep,operating_funds,cadre_pay_basic,cadre_pay_performance,pension_topup,total,cumulative"
        )
        // central: B's 300,003; province: 400,004 + 500,005; city: A's 350,004 and every
        // other city item (0.00); county: 250,002 + 200,002 and the top-up (0.00).
        #expect(rows[1] == "scenario,central,2014,0.00,0.00,3000.03,0.00,0.00,0.00,3000.03,3000.03")
        #expect(rows[3] == "scenario,central,2016,0.00,0.00,3000.03,0.00,0.00,0.00,3000.03,9000.09")
        #expect(rows[4] == "scenario,province,2014,0.00,0.00,9000.09,0.00,0.00,0.00,9000.09,9000.09")
        #expect(rows[7] == "scenario,city,2014,0.00,0.00,3500.04,0.00,0.00,0.00,3500.04,3500.04")
        #expect(rows[10] == "scenario,county,2014,0.00,0.00,4500.04,0.00,0.00,0.00,4500.04,4500.04")
        #expect(rows.count == 1 + 4 * 3)
    }

    @Test(
        "the envelope counts the levels its payer names: a level, a list, all, and v1.1's both",
        arguments: [
            ("city", 350_004), ("[province, county]", 400_004 + 250_002 + 500_005 + 200_002),
            ("all", 2_000_020), ("both", 2_000_020), ("[central]", 300_003), ("province", 900_009),
        ] as [(String, Int64)])
    func envelopeFilter(payer: String, perYear: Int64) throws {
        let built = try ScenarioBuilder.project(
            yaml: Self.scenario + "envelope: {amount: 1000000, items: [operating_funds], payer: \(payer)}",
            csv: Self.portfolio)
        #expect(built.projection.envelopeCumulative == [perYear, 2 * perYear, 3 * perYear])
    }

    @Test("a level that pays nothing gives 0.00 in the envelope")
    func envelopeOfANonPayer() throws {
        let built = try ScenarioBuilder.project(
            yaml: Self.scenario + "envelope: {amount: 1000000, items: [pension_topup], payer: central}",
            csv: Self.portfolio)
        #expect(built.projection.envelopeCumulative == [0, 0, 0])
    }

    @Test("extends replaces a share map whole, and a county's section whole")
    func extendsReplacesShareMaps() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        temp.write("p.csv", Self.portfolio)
        temp.write("base.yaml", "portfolio: p.csv\n" + Self.scenario)
        let path = temp.write(
            "child.yaml",
            """
            extends: base.yaml
            operating_funds: {payer: {city: 0.5, county: 0.5}}
            funding: {counties: {B: {operating_funds: {province: 1}}}}

            """)
        let scenario = try ScenarioLoader.load(path)
        // Merged key by key, the parent's province 0.4 would stay and the sum would be 1.4.
        #expect(scenario.operatingFunds.payer.payingLevels == [.city, .county])
        #expect(scenario.operatingFunds.payer.share(of: .province) == 0)
        #expect(scenario.countyFunding.count == 1)
        #expect(scenario.countyFunding[0].sections[.operatingFunds]?.payingLevels == [.province])
    }

    @Test("a v1.1 scenario: one payer row per cell, exactly v1.1's forecast.csv")
    func v11ForecastUnchanged() throws {
        let example = Fixtures.url("examples/example.yaml").path
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let result = try CommandLineTool.run(["run", example, "--out", temp.url("out"), "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        for file in ["forecast.csv", "summary.csv", "rollout.csv", "pay.csv", "headline.csv"] {
            let expected = try String(
                contentsOf: Fixtures.url("examples/expected/example/\(file)"), encoding: .utf8)
            #expect(
                try String(contentsOfFile: temp.url("out/\(file)"), encoding: .utf8) == expected, "\(file)")
        }
        #expect(FileManager.default.fileExists(atPath: temp.url("out/funding.csv")))
    }
}

/// MODEL.md section 4.6: `prices.csv`, worked out by hand.
@Suite("MODEL 4.6 prices")
struct PricesTests {
    /// One county of 10 villages at 1,000 yuan: T = 10,000.00 yuan every year, 2014-2016.
    static func prices(_ section: String) throws -> [String] {
        let built = try ScenarioBuilder.project(
            yaml: """
                horizon: {start: 2014, end: 2016}
                rural_income: {value: 13200}
                pay: {start: 2030}
                pension: {per_person: 0}
                operating_funds: {per_village: 1000}
                \(section)
                """, csv: "county,villages,venues_needed\nA,10,0\n")
        let bytes = try #require(ForecastTables.prices([built.projection]))
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("base year inside the horizon: 2014 deflated backwards, 2016 forwards")
    func baseInside() throws {
        // D(2015) = 1, D(2016) = 1.1, D(2014) = 1 / 1.1 = 0.909090...: real 11,000.00,
        // 10,000.00, 10,000 / 1.1 = 9,090.909... -> 9,090.91.
        // V(2015) = 1, V(2016) = 1 / 1.25 = 0.8, V(2014) = 1.25: pv 12,500, 10,000, 8,000.
        let rows = try Self.prices("prices: {base_year: 2015, inflation: 0.1, discount_rate: 0.25}")
        #expect(
            rows == [
                "scenario,year,deflator,discount_factor,total,total_real,total_pv,cumulative_real,cumulative_pv",
                "scenario,2014,0.909091,1.25,10000.00,11000.00,12500.00,11000.00,12500.00",
                "scenario,2015,1,1,10000.00,10000.00,10000.00,21000.00,22500.00",
                "scenario,2016,1.1,0.8,10000.00,9090.91,8000.00,30090.91,30500.00",
            ])
    }

    @Test("base year before the horizon: the deflator has grown by the horizon's start")
    func baseBefore() throws {
        // D(2014) = 1.1^2 = 1.21, D(2015) = 1.331, D(2016) = 1.4641: real 10,000 / 1.21 =
        // 8,264.4628... -> 8,264.46; 7,513.1480... -> 7,513.15; 6,830.1346... -> 6,830.13.
        let rows = try Self.prices("prices: {base_year: 2012, inflation: 0.1}")
        #expect(rows[1] == "scenario,2014,1.21,1,10000.00,8264.46,10000.00,8264.46,10000.00")
        #expect(rows[2] == "scenario,2015,1.331,1,10000.00,7513.15,10000.00,15777.61,20000.00")
        #expect(rows[3] == "scenario,2016,1.4641,1,10000.00,6830.13,10000.00,22607.74,30000.00")
    }

    @Test("`prices: {}` writes rows with D = V = 1; a year map of inflation is a step function")
    func defaultsAndYearMaps() throws {
        #expect(
            try Self.prices("prices: {}")[2]
                == "scenario,2015,1,1,10000.00,10000.00,10000.00,20000.00,20000.00")
        // 2015: 5%, 2016: 10% -> D(2016) = 1.05 x 1.1 = 1.155; 10,000 / 1.155 = 8,658.0086...
        let rows = try Self.prices("prices: {inflation: {2015: 0.05, 2016: 0.1}}")
        #expect(rows[3] == "scenario,2016,1.155,1,10000.00,8658.01,10000.00,28181.82,30000.00")
    }
}

/// The errors of MODEL.md sections 4, 4.6 and 7 about who pays and prices, each located.
@Suite("Funding and prices errors")
struct FundingErrorTests {
    static let base = """
        horizon: {start: 2014, end: 2016}
        rural_income: {value: 13200}

        """

    static func errors(_ yaml: String) throws -> [Diagnostic] {
        let path = try ScenarioBuilder.write(
            yaml: Self.base + yaml, csv: "county,villages,venues_needed\n甲县,10,0\n")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return thrownDiagnostics { () throws(DiagnosticError) in
            let scenario = try ScenarioLoader.load(path)
            let portfolio = try PortfolioLoader.load(scenario.portfolioPath)
            _ = try Plan(scenario: scenario, portfolio: portfolio, totals: CountyTotals(portfolio))
        }
    }

    @Test(
        "each mistake is one error at its key, saying what is wrong",
        arguments: [
            (
                "operating_funds: {payer: {city: 0.3333, county: 0.3333, province: 0.3333}}", 4, 19,
                "sum to 0.9999"
            ),
            ("operating_funds: {payer: {city: 0.5, cuonty: 0.5}}", 4, 38, "did you mean `county`?"),
            ("operating_funds: {payer: citty}", 4, 26, "did you mean `city`?"),
            ("pension: {payer: {county: 1.5}}", 4, 27, "must be a share between 0 and 1"),
            ("operating_funds: {payer: {}}", 4, 19, "a share map with no level"),
            ("funding: {counties: {甲区: {venues: county}}}", 4, 22, "which is not a county of the portfolio"),
            ("funding: {counties: {甲县: {venues: }}}", 4, 27, "has no payer"),
            ("funding: {counties: {甲县: {envelope: county}}}", 4, 27, "not a section with a payer"),
            (
                "prices: {inflation: 0.02}\nuncertainty: {parameters: {prices.inflation: {normal: {mean: 0.02, sd: 0.01}}}}",
                5, 28, "cannot be uncertain"
            ),
            ("prices: {inflation: .nan}", 4, 21, "must be a finite number"),
            ("prices: {discount_rate: -1}", 4, 25, "a rate > -1"),
            ("envelope: {amount: 1, payer: [city, city]}", 4, 37, "lists `city` twice"),
            ("envelope: {amount: 1, payer: []}", 4, 23, "an empty list"),
            ("envelope: {amount: 1, payer: provence}", 4, 30, "did you mean `province`?"),
        ])
    func located(yaml: String, line: Int, column: Int, words: String) throws {
        let diagnostics = try Self.errors(yaml)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let first = try #require(diagnostics.first)
        #expect(first.location.line == line && first.location.column == column, "\(first)")
        #expect(first.message.contains(words), "\(first.message)")
    }

    @Test("the unknown county's error names the portfolio and the nearest county")
    func unknownCounty() throws {
        let diagnostics = try Self.errors("funding: {counties: {甲区: {venues: county}}}")
        #expect(diagnostics.first?.message.contains("portfolio.csv") == true)
        #expect(diagnostics.first?.message.contains("did you mean `甲县`?") == true)
    }
}

/// The worked examples of the contract (`shared/examples`, copied into the fixtures): every
/// file the example's folder holds must come out byte for byte.
@Suite("Worked examples")
struct WorkedExampleTests {
    @Test(
        "the engine writes each example's expected files byte for byte",
        arguments: ["example", "example-capped", "example-funding"])
    func example(_ name: String) throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let result = try CommandLineTool.run([
            "run", Fixtures.url("examples/\(name).yaml").path, "--out", temp.url("out"), "--quiet",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let expected = Fixtures.url("examples/expected/\(name)")
        let files = try FileManager.default.contentsOfDirectory(atPath: expected.path).sorted()
        #expect(!files.isEmpty)
        for file in files {
            let want = try String(contentsOf: expected.appendingPathComponent(file), encoding: .utf8)
            let got = try String(contentsOfFile: temp.url("out/\(file)"), encoding: .utf8)
            #expect(got == want, "\(name)/\(file)")
        }
    }
}
