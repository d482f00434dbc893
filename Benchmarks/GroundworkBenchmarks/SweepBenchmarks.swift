import Benchmark
import Foundation
import Groundwork

// Sweeps and solving (issue 11, MODEL.md section 10), end to end through the library as
// `groundwork sweep` and `groundwork solve` do it: read the scenario and portfolio, run the
// deterministic base, evaluate every grid point, write sweep.csv (or solve.csv) and the
// manifest into a fresh directory.
//
//   swift package benchmark --filter "Sweep.*|Solve.*"
//
// Targets: Nanyang 10,000-point 2-D sweep at most 0.3 s; the province (48,000 rows) 1,000
// points at most 1.5 s; the country (500,000 rows) 1,000 points at most 10 s; a solve at
// country scale within the time of 12 projections (12 x the country's deterministic run).

/// A sweep or a solve of a workload's scenario.
struct SweepWorkload: BenchmarkJob {
    let workload: Workload
    /// `--vary` grids.
    let grids: [String]
    /// `--keep` of a solve; nil for a sweep.
    var keep: String?

    func run() throws {
        let output = workload.output + (keep == nil ? "-sweep" : "-solve")
        if let keep {
            let solve = try SweepRun.solve(workload.scenario, grid: grids[0], target: keep, smallest: false)
            try solve.write(to: output, commandLine: ["groundwork", "solve", workload.scenario])
            blackHole(solve)
        } else {
            let sweep = try SweepRun.sweep(workload.scenario, grids: grids)
            try sweep.write(to: output, commandLine: ["groundwork", "sweep", workload.scenario])
            blackHole(sweep)
        }
    }
}

/// Registers the sweep and solve benchmarks (called from the `benchmarks` closure).
func registerSweepBenchmarks() {
    // 101 unit costs x 99 growth rates = 9,999 points (the README's grid, refined).
    register("Sweep Nanyang 10,000 points (unit cost x income growth)") {
        SweepWorkload(
            workload: .nanyang("nanyang-baseline.yaml"),
            grids: ["venues.unit_cost=150000:250000:1000", "rural_income.growth=0.04:0.089:0.0005"])
    }
    // 40 unit costs x 25 growth rates = 1,000 points.
    let provinceAndCountryGrids = [
        "venues.unit_cost=150000:345000:5000", "rural_income.growth=0.04:0.088:0.002",
    ]
    register("Sweep Province 48k rows (160 x 300), 1,000 points") {
        SweepWorkload(
            workload: .generated(counties: 160, villages: 300, draws: 0), grids: provinceAndCountryGrids)
    }
    register("Sweep Country 500k rows (2,850 x 175), 1,000 points", iterations: 5) {
        SweepWorkload(
            workload: .generated(counties: 2_850, villages: 175, draws: 0), grids: provinceAndCountryGrids)
    }
    // 3,001 values: the two ends and 12 steps of the bisection; the answer is 230,700 (the
    // total at most 3.87 trillion; the envelope of 300 billion is breached at every value).
    register("Solve Country 500k rows (2,850 x 175), unit cost on a 100-yuan grid", iterations: 5) {
        SweepWorkload(
            workload: .generated(counties: 2_850, villages: 175, draws: 0),
            grids: ["venues.unit_cost=100000:400000:100"], keep: "total<=3870000000000")
    }
}
