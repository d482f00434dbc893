import Benchmark
import Foundation
import Groundwork

// Monte Carlo with every assumption uncertain (issue 13): ten parameters, six of them drawn
// per year, 10,000 draws, seed 2014, on Nanyang, a province and the country, as
// Benchmarks/Scale/shard-scaling.sh builds them (children of scenarios/nanyang-baseline.yaml).
// Nearly every column takes the general path: all draws of every cell projected, rounded to
// the cent and their quantiles selected exactly.
//
// Targets: Nanyang at most 0.1 s, the province at most 0.8 s, the country at most 10 s and
// 1 GiB (the numpy peer of the issue: 0.69 s, 5.5 s and 75 s with 556 MB).
//
//   swift package benchmark --filter ".*ten uncertain parameters"   # a whole-name regex
//
// The Nanyang job as a scenario file, to time the whole process with `groundwork run`:
// Benchmarks/Scenarios/nanyang-ten.yaml (the same ten parameters).

extension Workload {
    /// The ten uncertain parameters of issue 13.
    static let tenParameters = """
        uncertainty:
          draws: 10000
          seed: 2014
          parameters:
            rural_income.growth: {normal: {mean: 0.08, sd: 0.02}, per_year: true}
            venues.cost_growth: {normal: {mean: 0.02, sd: 0.01}, per_year: true}
            venues.upkeep_rate: {uniform: {min: 0.0, max: 0.02}, per_year: true}
            pay.performance_payout: {uniform: {min: 0.8, max: 1.0}, per_year: true}
            operating_funds.growth: {uniform: {min: 0.0, max: 0.03}, per_year: true}
            pension.growth: {uniform: {min: 0.0, max: 0.03}, per_year: true}
            venues.unit_cost: {triangular: {min: 150000, mode: 160000, max: 200000}}
            operating_funds.per_village: {normal: {mean: 70000, sd: 3000}}
            pension.per_person: {uniform: {min: 900, max: 1100}}
            pay.basic_share: {uniform: {min: 0.6, max: 0.8}}

        """

    /// Nanyang's baseline with the ten parameters uncertain.
    static func nanyangTenParameters() -> Workload {
        let parent = nanyang("nanyang-baseline.yaml").scenario
        let scenario = temporary("nanyang-ten.yaml")
        let text = "extends: \(parent)\nname: nanyang-ten\n" + tenParameters
        _ = FileManager.default.createFile(atPath: scenario, contents: Data(text.utf8))
        return Workload(scenario: scenario, output: temporary("out-nanyang-ten"))
    }

    /// A generated portfolio of `counties` x `villages` village rows on Nanyang's baseline,
    /// horizon 2014-2043, with the ten parameters uncertain.
    static func generatedTenParameters(counties: Int, villages: Int) -> Workload {
        let name = "portfolio-\(counties)x\(villages).csv"
        let portfolio = temporary(name)
        if !FileManager.default.fileExists(atPath: portfolio) {
            let bytes = PortfolioGenerator(
                counties: counties, villagesPerCounty: villages, seed: 1, level: .village
            ).csv()
            _ = FileManager.default.createFile(atPath: portfolio, contents: Data(bytes))
        }
        let parent = nanyang("nanyang-baseline.yaml").scenario
        let text = """
            extends: \(parent)
            name: ten-\(counties)x\(villages)
            portfolio: \(name)
            horizon: {start: 2014, end: 2043}
            venues: {shares: {2014: 0.2, 2015: 0.4, 2016: 0.4}}

            """ + tenParameters
        let scenario = temporary("ten-\(counties)x\(villages).yaml")
        _ = FileManager.default.createFile(atPath: scenario, contents: Data(text.utf8))
        return Workload(scenario: scenario, output: temporary("out-ten-\(counties)x\(villages)"))
    }
}

/// Registers the ten-parameter Monte Carlo benchmarks.
func registerMonteCarloBenchmarks() {
    register("Nanyang 12 counties, 17 years, 10,000 draws, ten uncertain parameters", iterations: 10) {
        .nanyangTenParameters()
    }
    register("Province 48k rows (160 x 300), 30 years, 10,000 draws, ten uncertain parameters", iterations: 5)
    {
        .generatedTenParameters(counties: 160, villages: 300)
    }
    register(
        "Country 500k rows (2,850 x 175), 30 years, 10,000 draws, ten uncertain parameters", iterations: 2
    ) {
        .generatedTenParameters(counties: 2_850, villages: 175)
    }
}
