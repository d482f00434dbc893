import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// `groundwork explain`: every parameter, its effective value and where it came from; and
/// `--format yaml`, a flattened scenario that runs on its own to the same bytes.
@Suite("explain: what a scenario really says")
struct ExplainTests {
    static let baseline = Fixtures.scenario("nanyang-baseline.yaml").path
    static let twoYear = Fixtures.scenario("nanyang-two-year-rollout.yaml").path

    /// The line of the text table that starts with `parameter` and a space.
    private func tableLine(_ output: String, _ parameter: String) -> String? {
        output.split(separator: "\n").map(String.init).first { $0.hasPrefix(parameter + " ") }
    }

    @Test("names the file and line of an overridden value, and `default` for the rest")
    func sources() throws {
        let result = try CommandLineTool.run(["explain", Self.twoYear])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        // The what-if's own schedule, line 10 of its file.
        let schedule = try #require(tableLine(output, "venues.schedule"))
        #expect(schedule.contains("{2014: 248, 2015: 248}"))
        #expect(schedule.hasSuffix("\(Self.twoYear):10"), "\(schedule)")
        // Inherited from the baseline (line 44: `unit_cost: 150000`).
        let unitCost = try #require(tableLine(output, "venues.unit_cost"))
        #expect(unitCost.contains(" 150000 "))
        #expect(unitCost.hasSuffix("\(Self.baseline):44"), "\(unitCost)")
        // Never written: the defaults of MODEL.md section 3.
        for parameter in ["pay.income_multiple", "pay.performance_payout", "pay.round_to"] {
            let line = try #require(tableLine(output, parameter))
            #expect(line.hasSuffix("  default"), "\(line)")
        }
        #expect(try #require(tableLine(output, "pay.income_multiple")).contains(" 1 "))
        // The name is the what-if's own (never inherited).
        #expect(try #require(tableLine(output, "name")).hasSuffix("\(Self.twoYear):7"))
        #expect(tableLine(output, "parameter") != nil, "a header row")
    }

    @Test("every parameter a file sets records where it was set, uncertainty included")
    func everyParameterHasAnOrigin() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        temp.write("villages.csv", "county,villages,venues_needed\nA,10,4\nB,6,2\n")
        let path = temp.write(
            "full.yaml",
            """
            name: full
            description: every key set
            horizon: {start: 2014, end: 2020}
            portfolio: villages.csv
            cadres: {per_village: {secretary: 1, director: 2, other: 3}}
            venues:
              shares: {2014: 0.25, 2015: 0.75}
              unit_cost: {2014: 100000, 2016: 120000}
              cost_growth: 0.02
              payment_profile: [0.6, 0.4]
              upkeep_rate: 0.01
              annual_cap: 1000000
              payer: county
            operating_funds: {per_village: 50000, growth: 0.01, start: 2015, payer: county}
            pay:
              start: 2015
              secretary_monthly: 1000
              adjust_every: 2
              income_multiple: 1.1
              ratios: {secretary: 1, director: 0.9, other: 0.6}
              basic_share: 0.6
              performance_payout: {2015: 1, 2017: 0.9}
              round_to: 10
              payer: city
            rural_income: {base_year: 2013, value: 12000, growth: 0.07, values: {2016: 15000}}
            pension:
              per_person: 900
              growth: 0.02
              start: 2016
              former: {covered: true, turnover: 0.04, exit: 0.02, initial_per_village: 0.5}
              payer: city
            envelope: {amount: 5000000.5, from: 2015, to: 2019, items: [venue_construction], payer: both}
            uncertainty:
              draws: 20
              seed: 7
              parameters:
                rural_income.growth: {normal: {mean: 0.07, sd: 0.01}, per_year: true}
                venues.unit_cost: {triangular: {min: 90000, mode: 100000, max: 130000}}
                operating_funds.growth: {uniform: {min: 0, max: 0.02}}
                pay.income_multiple: {lognormal: {mu: 0.1, sigma: 0.05}}
            """)
        let scenario = try ScenarioLoader.load(path)
        let explanation = ScenarioExplanation(scenario)
        for entry in explanation.entries {
            #expect(entry.source != nil, "\(entry.parameter) has no recorded origin")
            #expect(entry.source?.file == path, "\(entry.parameter)")
        }
        #expect(explanation.entry("pay.round_to")?.source?.line == 23)
        #expect(explanation.entry("uncertainty.parameters.pay.income_multiple")?.source?.line == 40)
        #expect(explanation.entry("venues.shares")?.value == "{2014: 0.25, 2015: 0.75}")
        #expect(explanation.entry("envelope.amount")?.value == "5000000.5")

        // Flattened, it reads back as the same scenario, uncertainty included.
        let flat = temp.write("flat/flat.yaml", explanation.yaml())
        let reread = try ScenarioLoader.load(flat)
        let again = ScenarioExplanation(reread)
        #expect(again.entries.map(\.parameter) == explanation.entries.map(\.parameter))
        #expect(again.entries.map(\.value) == explanation.entries.map(\.value))
        let uncertainty = try #require(reread.uncertainty)
        #expect(uncertainty.draws == 20 && uncertainty.seed == 7)
        #expect(uncertainty.parameters.map(\.path) == scenario.uncertainty!.parameters.map(\.path))
        #expect(
            uncertainty.parameters.map(\.distribution) == scenario.uncertainty!.parameters.map(\.distribution)
        )
        #expect(uncertainty.parameters.map(\.perYear) == scenario.uncertainty!.parameters.map(\.perYear))
        // In the flattened file every value is the file's own.
        for entry in again.entries {
            #expect(entry.source?.file == flat, "\(entry.parameter)")
        }
    }

    @Test(
        "--format yaml runs on its own and gives byte-identical files",
        arguments: [
            "nanyang-two-year-rollout.yaml", "nanyang-capped-rollout.yaml",
            "nanyang-construction-inflation.yaml", "nanyang-cost-sharing.yaml",
            "nanyang-constant-prices.yaml",
            "nanyang-2015-outturn.yaml",
        ])
    func yamlRunsToTheSameBytes(file: String) throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let original = Fixtures.scenario(file).path
        let explained = try CommandLineTool.run(["explain", original, "--format", "yaml"])
        #expect(explained.status == 0, "\(explained.standardError)")
        let yaml = explained.standardOutput
        let name = (file as NSString).deletingPathExtension
        #expect(yaml.contains("\nname: \(name)  # "), "name written out")
        #expect(!yaml.contains("extends:"))
        #expect(yaml.contains("portfolio: /"), "the portfolio as an absolute path")
        // Saved elsewhere, under another file name: it must not depend on where it lies.
        let flat = temp.write("elsewhere/flattened.yaml", yaml)
        for (scenario, out) in [(original, "a"), (flat, "b")] {
            let result = try CommandLineTool.run(["run", scenario, "--out", temp.url(out), "--quiet"])
            #expect(result.status == 0, "\(result.standardError)")
        }
        for table in ["forecast.csv", "summary.csv", "rollout.csv", "pay.csv", "headline.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: temp.url("a/\(table)")))
            let b = try Data(contentsOf: URL(fileURLWithPath: temp.url("b/\(table)")))
            #expect(a == b, "\(file): \(table) differs")
        }
    }

    @Test("each item's funding is listed, the county overrides too, with the line that set it")
    func funding() throws {
        let scenario = try ScenarioLoader.load(Fixtures.scenario("nanyang-cost-sharing.yaml").path)
        let explanation = ScenarioExplanation(scenario)
        let venues = try #require(explanation.entry("venues.payer"))
        #expect(venues.value == "{city: 0.6, county: 0.4}")
        #expect(venues.sourceText.hasSuffix("nanyang-cost-sharing.yaml:16"))
        let override = try #require(explanation.entry("funding.counties.南召县.venues"))
        #expect(override.value == "{province: 0.2, city: 0.6, county: 0.2}")
        #expect(override.source?.line == 37)
        // The baseline's payers come from the baseline's file.
        let pay = try #require(explanation.entry("pay.payer"))
        #expect(pay.value == "city")
        let baseline = try #require(
            ScenarioExplanation(try ScenarioLoader.load(Fixtures.scenario("nanyang-baseline.yaml").path))
                .entry("pension.payer"))
        #expect(baseline.source?.file.hasSuffix("nanyang-baseline.yaml") == true)
        #expect(baseline.value == "county")
    }

    @Test("numbers are written so that they read back as the same double")
    func numbers() {
        for value in [0.1, 0.7, 1.0 / 3.0, 150_000, 1e-5, 12_345.678_9, 0.07, 2.5e12, -0.25] {
            let text = ScenarioExplanation.number(value)
            guard case .finite(let back) = CoreSchema.number(text) else {
                Issue.record("\(text) is not a YAML number")
                continue
            }
            #expect(back == value, "\(value) -> \(text)")
        }
        #expect(ScenarioExplanation.number(150_000) == "150000")
        #expect(
            ScenarioExplanation.yearMap(YearMap(entries: [(2015, 0.03), (2018, 0.02)]))
                == "{2015: 0.03, 2018: 0.02}")
        #expect(ScenarioExplanation.string("nanyang-baseline") == "nanyang-baseline")
        #expect(ScenarioExplanation.string("2014") == "\"2014\"")
        #expect(ScenarioExplanation.string("a: \"b\"\n") == "\"a: \\\"b\\\"\\n\"")
    }
}
