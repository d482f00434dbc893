import Benchmark
import Foundation
import Groundwork

// The deterministic country run against its floor, and the cost of funding shares (issues 9
// and 13). The floor is Benchmarks/Floor/floor.c (see its README): a C program that only reads
// the country portfolio, sums it per county and writes a forecast.csv of the same size; the
// target is the plain country run within 1.6x of it, measured side by side as whole processes.
// The shares runs are the plain country run of GroundworkBenchmarks.swift with payers split
// between levels: the target is at most 1.3x the plain run.

extension Workload {
    /// The generated country-sized scenario with `funding` (YAML) added, as a child of it.
    static func generatedWithFunding(counties: Int, villages: Int, name: String, funding: String) -> Workload
    {
        let parent = generated(counties: counties, villages: villages, draws: 0)
        let scenario = temporary("scenario-\(counties)x\(villages)-\(name).yaml")
        let text = "extends: \(parent.scenario)\nname: generated-\(name)\n" + funding
        _ = FileManager.default.createFile(atPath: scenario, contents: Data(text.utf8))
        return Workload(scenario: scenario, output: temporary("out-\(counties)x\(villages)-\(name)"))
    }

    /// Issue 9's case: the venue build shared by three levels, the pension top-up paid by the
    /// counties, and one county with a higher provincial share of the venues.
    static let venueShares = """
        venues:
          payer: {province: 0.4, city: 0.3, county: 0.3}
        pension:
          payer: county
        funding:
          counties:
            县0001:
              venues: {province: 0.6, city: 0.2, county: 0.2}

        """

    /// Shares on every section (every item split between two or three levels) and the same
    /// override: forecast.csv has 2.7 times the rows of the plain run.
    static let sharesOnEveryItem = """
        venues:
          payer: {province: 0.4, city: 0.3, county: 0.3}
        operating_funds:
          payer: {province: 0.3, city: 0.4, county: 0.3}
        pay:
          payer: {city: 0.5, county: 0.5}
        pension:
          payer: {city: 0.25, county: 0.75}
        funding:
          counties:
            县0001:
              venues: {province: 0.6, city: 0.2, county: 0.2}

        """
}

func registerOutputBenchmarks() {
    register("Country 500k rows (2,850 x 175), 30 years, deterministic, funding shares") {
        .generatedWithFunding(
            counties: 2_850, villages: 175, name: "venue-shares", funding: Workload.venueShares)
    }
    register("Country 500k rows (2,850 x 175), 30 years, deterministic, funding shares on every item") {
        .generatedWithFunding(
            counties: 2_850, villages: 175, name: "shares-everywhere", funding: Workload.sharesOnEveryItem)
    }
    register("Province 48k rows (160 x 300), 30 years, deterministic, funding shares") {
        .generatedWithFunding(
            counties: 160, villages: 300, name: "venue-shares", funding: Workload.venueShares)
    }
}
