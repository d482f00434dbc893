import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// Issue 4: the generator, the fast portfolio path against the plain one, and a country-scale
/// run that foots to the cent.
@Suite("Country scale")
struct CountryScaleTests {
    @Test("the generator gives the same bytes for the same seed, and other bytes for another")
    func generatorIsReproducible() {
        let one = PortfolioGenerator(counties: 40, villagesPerCounty: 25, seed: 7, level: .village).csv()
        let two = PortfolioGenerator(counties: 40, villagesPerCounty: 25, seed: 7, level: .village).csv()
        let other = PortfolioGenerator(counties: 40, villagesPerCounty: 25, seed: 8, level: .village).csv()
        #expect(one == two)
        #expect(one != other)
    }

    @Test("generated rows stay in their documented ranges, and county level sums village level")
    func generatorRanges() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let villageLevel = PortfolioGenerator(counties: 30, villagesPerCounty: 40, seed: 3, level: .village)
        var countyLevel = villageLevel
        countyLevel.level = .county
        let villages = try PortfolioLoader.load(directory.write("v.csv", bytes: villageLevel.csv()))
        let counties = try PortfolioLoader.load(directory.write("c.csv", bytes: countyLevel.csv()))
        #expect(villages.counties.count == 30)
        #expect(counties.rowCount == 30)
        #expect(counties.counties == villages.counties)
        let byVillage = CountyTotals(villages)
        let byCounty = CountyTotals(counties)
        for county in 0..<30 {
            // 50% to 150% of 40 villages.
            #expect(byVillage.villages[county] >= 20 && byVillage.villages[county] <= 60)
            #expect(byVillage.villages[county] == byCounty.villages[county])
            #expect(byVillage.venuesNeeded[county] == byCounty.venuesNeeded[county])
            #expect(byVillage.population[county] == byCounty.population[county])
            for role in Role.allCases {
                #expect(byVillage.writtenHeads[role][county] == byCounty.writtenHeads[role][county])
            }
        }
        for row in 0..<villages.rowCount {
            #expect(villages.villages[row] == 1)
            #expect(villages.venuesNeeded[row] <= 1)
            #expect(villages.heads.secretary[row] == 1)
            #expect(villages.heads.director[row] <= 1)
            #expect(villages.heads.other[row] >= 2 && villages.heads.other[row] <= 5)
            #expect(villages.population[row] >= 500 && villages.population[row] <= 4000)
        }
        // A village needs a venue with a probability of 5% to 20%.
        let share = Double(villages.totalVenuesNeeded) / Double(villages.rowCount)
        #expect(share > 0.05 && share < 0.2)
    }

    /// Every field of two portfolios, compared exactly (NaN equal to NaN).
    private func expectSame(_ fast: Portfolio, _ plain: Portfolio) {
        #expect(fast.counties == plain.counties)
        #expect(fast.countyOfRow == plain.countyOfRow)
        #expect(fast.villages == plain.villages)
        #expect(fast.venuesNeeded == plain.venuesNeeded)
        #expect(fast.lines == plain.lines)
        func same(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        }
        for role in Role.allCases { #expect(same(fast.heads[role], plain.heads[role])) }
        #expect(same(fast.population, plain.population))
    }

    @Test("the fast path reads a generated 50,000-row file exactly as the plain path does")
    func fastPathAgreesOnGeneratedFile() throws {
        let bytes = PortfolioGenerator(counties: 200, villagesPerCounty: 250, seed: 11, level: .village).csv()
        let fast = try #require(PortfolioScanner.scan(bytes, path: "generated.csv"))
        #expect(fast.rowCount >= 40_000)
        let plain = try PortfolioLoader.loadPlainly(bytes, path: "generated.csv")
        expectSame(fast, plain)
    }

    @Test(
        "the fast path agrees with the plain path on the CSV edge cases of MODEL.md section 2",
        arguments: [
            // BOM, CRLF, blank lines, columns in another order, blank cells.
            "\u{FEFF}villages,county,venues_needed,others\r\n3,甲,1,\r\n\r\n4,乙,2,7.5\r\n",
            // Quoted fields: a comma, a doubled quote and a line break in the group; a quoted number.
            "county,group,villages,venues_needed\n\"甲\",\"north, \"\"old\"\"\nvillages\",\"12\",3\n乙,x,5,0",
            // Lone CRs, spaces around numbers, a county spanning non-adjacent rows.
            "county,villages,venues_needed,population\r甲, 3 ,1,\t100.25 \r乙,2,0,\r甲,1,1,7\r",
        ])
    func fastPathAgreesOnEdgeCases(text: String) throws {
        let bytes = Array(text.utf8)
        let fast = try #require(PortfolioScanner.scan(bytes, path: "edge.csv"))
        let plain = try PortfolioLoader.loadPlainly(bytes, path: "edge.csv")
        expectSame(fast, plain)
    }

    @Test("a country-scale run's summary equals the sum of its forecast cells, to the cent")
    func countryScaleFoots() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let portfolio = PortfolioGenerator(counties: 2_850, villagesPerCounty: 175, seed: 1, level: .village)
            .csv()
        directory.write("country.csv", bytes: portfolio)
        let scenario = directory.write(
            "country.yaml",
            """
            name: country
            horizon: {start: 2014, end: 2043}
            portfolio: country.csv
            venues: {shares: {2014: 0.3, 2015: 0.4, 2016: 0.3}, cost_growth: 0.02, payment_profile: [0.7, 0.3], upkeep_rate: 0.01}
            rural_income: {value: 13200, growth: 0.08}
            pension: {former: {covered: true, turnover: 0.05, exit: 0.03, initial_per_village: 1}}
            """)
        let out = directory.url("out")
        let result = try CommandLineTool.run(["run", scenario, "--out", out, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        // Sum forecast.csv's amounts by year and item straight from the bytes.
        let forecast = try Data(contentsOf: URL(fileURLWithPath: out + "/forecast.csv"))
        var sums: [String: Int64] = [:]
        var rows = 0
        for line in forecast.split(separator: UInt8(ascii: "\n")).dropFirst() {
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            let key =
                String(decoding: fields[2], as: UTF8.self) + "|" + String(decoding: fields[3], as: UTF8.self)
            sums[key, default: 0] += try #require(SimpleCSV.cents(String(decoding: fields[5], as: UTF8.self)))
            rows += 1
        }
        // 2,850 counties x 30 years x 6 items.
        #expect(rows == 2_850 * 30 * 6)
        let summary = try SimpleCSV.records(URL(fileURLWithPath: out + "/summary.csv"))
        #expect(summary.count == 30)
        for row in summary {
            for item in LineItem.allCases {
                #expect(
                    SimpleCSV.cents(row[item.key]!) == sums["\(row["year"]!)|\(item.key)"],
                    "\(row["year"]!) \(item.key)")
            }
        }
    }
}

@Suite("Limits of written amounts")
struct WrittenAmountLimitTests {
    @Test("a monthly pay past 10^13 yuan is an error even where no cadre earns it")
    func monthlyPayLimit() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write("p.csv", "county,villages,venues_needed,secretaries,directors,others\n甲,1,0,0,0,0\n")
        // The secretary's 10^12 a month is within the limit; 100 x that for other cadres is not.
        let path = directory.write(
            "s.yaml",
            """
            horizon: {start: 2015, end: 2016}
            portfolio: p.csv
            rural_income: {value: 13200}
            pay: {secretary_monthly: 1000000000000, ratios: {other: 100}}
            """)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.location.file == path)
        #expect(diagnostic.message.contains("the monthly pay of role `other` in 2015 reaches 10^13 yuan"))
    }
}
