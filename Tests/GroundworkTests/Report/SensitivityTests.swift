import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// `sensitivity.csv`: the p05 and p95 of each distribution, worked by hand, and the
/// one-at-a-time runs through the engine.
@Suite("Report: sensitivity (tornado) runs")
struct SensitivityTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("normal: mean -/+ 1.644854 sd")
    func normal() {
        // 0.08 -/+ 1.6448536 x 0.02 = 0.08 -/+ 0.0328971 -> 0.0471029, 0.1128971.
        let d = Distribution.normal(mean: 0.08, sd: 0.02)
        #expect(close(Sensitivity.quantile(d, 0.05), 0.047102927460970556))
        #expect(close(Sensitivity.quantile(d, 0.95), 0.11289707253902944))
        #expect(Sensitivity.quantile(.normal(mean: 5, sd: 0), 0.05) == 5)
    }

    @Test("uniform: min + p (max - min)")
    func uniform() {
        // 0 + 0.05 x 0.03 = 0.0015; 0 + 0.95 x 0.03 = 0.0285.
        let d = Distribution.uniform(min: 0, max: 0.03)
        #expect(close(Sensitivity.quantile(d, 0.05), 0.0015))
        #expect(close(Sensitivity.quantile(d, 0.95), 0.0285))
        #expect(Sensitivity.quantile(.uniform(min: 7, max: 7), 0.95) == 7)
    }

    @Test("triangular: the inverse CDF on each side of the mode")
    func triangular() {
        // min 150,000, mode 160,000, max 200,000: F(mode) = 10,000 / 50,000 = 0.2.
        // p05 < 0.2: 150,000 + sqrt(0.05 x 50,000 x 10,000) = 150,000 + sqrt(25,000,000) = 155,000.
        // p95 > 0.2: 200,000 - sqrt(0.05 x 50,000 x 40,000) = 200,000 - sqrt(10^8) = 190,000.
        let d = Distribution.triangular(min: 150_000, mode: 160_000, max: 200_000)
        #expect(close(Sensitivity.quantile(d, 0.05), 155_000))
        #expect(close(Sensitivity.quantile(d, 0.95), 190_000))
        // Mode at the minimum (F(mode) = 0): both quantiles on the falling side.
        // p05: 1 - sqrt(0.95) = 0.0253203; p95: 1 - sqrt(0.05) = 0.7763932.
        let falling = Distribution.triangular(min: 0, mode: 0, max: 1)
        #expect(close(Sensitivity.quantile(falling, 0.05), 1 - 0.95.squareRoot()))
        #expect(close(Sensitivity.quantile(falling, 0.95), 1 - 0.05.squareRoot()))
        #expect(Sensitivity.quantile(.triangular(min: 3, mode: 3, max: 3), 0.05) == 3)
    }

    @Test("lognormal: exp(mu -/+ 1.644854 sigma)")
    func lognormal() {
        // exp(-1.6448536) = 0.1930408, exp(1.6448536) = 5.1802516.
        let d = Distribution.lognormal(mu: 0, sigma: 1)
        #expect(close(Sensitivity.quantile(d, 0.05), 0.19304081665426586))
        #expect(close(Sensitivity.quantile(d, 0.95), 5.180251602233015))
        // mu = ln(1000), sigma 0.1: 1000 x exp(-/+0.16448536) = 848.3292, 1178.7900.
        let scaled = Distribution.lognormal(mu: log(1000), sigma: 0.1)
        #expect(close(Sensitivity.quantile(scaled, 0.05), 1000 * exp(-0.16448536269514722)))
        #expect(close(Sensitivity.quantile(scaled, 0.95), 1000 * exp(0.16448536269514722)))
    }

    /// One county of 10 villages, 2020-2021; the envelope holds operating funds only.
    static func project(_ uncertain: String) throws -> BuiltScenario {
        try ScenarioBuilder.project(
            yaml: """
                horizon: {start: 2020, end: 2021}
                rural_income: {value: 12000}
                operating_funds: {per_village: 70000, growth: 0.1}
                envelope: {amount: 1500000, items: [operating_funds]}
                uncertainty:
                  draws: 4
                  parameters:
                    \(uncertain)
                """,
            csv: ScenarioBuilder.oneCounty(villages: 10))
    }

    @Test("one-at-a-time runs: a scalar draw's p05 and p95 in every year, the others as written")
    func perVillage() throws {
        let built = try Self.project("operating_funds.per_village: {uniform: {min: 60000, max: 80000}}")
        let rows = Sensitivity.run(built.projection, portfolio: built.portfolio)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.parameter == "operating_funds.per_village")
        #expect(row.lowValue == 61_000 && row.highValue == 79_000)
        // Operating funds at p05: 61,000 x 10 x (1 + 1.1) = 1,281,000 yuan; at p95 79,000 x 10 x 2.1 = 1,659,000.
        #expect(row.envelopeUsedLow == 128_100_000)
        #expect(row.envelopeUsedHigh == 165_900_000)
        // The total moves by the operating funds' change alone: (61,000 - 70,000) x 10 x 2.1 = -189,000.
        #expect(row.totalLow == built.projection.total - 18_900_000)
        #expect(row.totalHigh == built.projection.total + 18_900_000)
    }

    @Test("a per_year parameter takes its quantile in every year")
    func perYear() throws {
        let built = try Self.project("operating_funds.growth: {normal: {mean: 0.1, sd: 0.1}, per_year: true}")
        let row = try #require(Sensitivity.run(built.projection, portfolio: built.portfolio).first)
        // g = 0.1 -/+ 0.16448536: 2020: 700,000 (Q = 1 at start); 2021: 700,000 x (1 + g).
        // Low: 700,000 x 0.93551464 = 654,860.25; high: 700,000 x 1.26448536 = 885,139.75;
        // with 2020: 1,354,860.25 and 1,585,139.75.
        #expect(row.envelopeUsedLow == 135_486_025)
        #expect(row.envelopeUsedHigh == 158_513_975)
        let csv = String(decoding: Sensitivity.csv([row]), as: UTF8.self)
        #expect(
            csv == """
                scenario,parameter,low_value,high_value,total_low,total_high,envelope_used_low,envelope_used_high
                scenario,operating_funds.growth,-0.064485,0.264485,\(CSVWriter.cents(row.totalLow!)),\(CSVWriter.cents(row.totalHigh!)),1354860.25,1585139.75

                """)
    }

    @Test("counties.csv: villages, venues needed and population per county, population empty where absent")
    func countyTable() throws {
        let built = try ScenarioBuilder.project(
            yaml: "horizon: {start: 2020, end: 2020}\nrural_income: {value: 12000}\n",
            csv: "county,villages,venues_needed,population\n宛城区,3,0,1200\nB,2,0,\n宛城区,4,0,800\n")
        let csv = String(decoding: CountyTable.csv([built.projection]), as: UTF8.self)
        #expect(
            csv
                == "scenario,county,villages,venues_needed,population\nscenario,宛城区,7,0,2000\nscenario,B,2,0,\n"
        )
    }
}
