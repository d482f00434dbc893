import Benchmark
import Foundation
import Groundwork

// The jobs an analyst runs, at the sizes they run them: end to end through the library as
// `groundwork run` does it (read the portfolio and scenarios, plan, project, write every file
// into a fresh directory). Portfolios come from `PortfolioGenerator`, the generator behind
// `groundwork generate-portfolio`; nothing generated is committed.
//
//   swift package benchmark                         # all of them
//   swift package benchmark --filter "Country.*"    # one family
//
// Targets (issues 3 and 4): Nanyang 10,000 draws < 0.1 s; 48,000 rows deterministic < 0.05 s
// and 10,000 draws < 0.5 s; 500,000 rows deterministic < 0.25 s and 10,000 draws < 5 s with
// at most 2 GiB resident. With --xlsx (issue 12): Nanyang at most 0.15 s; 500,000 rows at most
// 4 s and 1 GiB. The "workbook alone" benchmarks build groundwork.xlsx from the CSV bytes and
// report the part libxlsxwriter's workbook_close takes (assembling the XML, deflating it).

/// A scenario of the benchmark suite written into a temporary directory, once per process.
struct Workload: Sendable {
    let scenario: String
    let output: String
    /// `--xlsx`: also groundwork.xlsx.
    var xlsx = false

    /// The repository's Nanyang scenarios, found from this file's path.
    static func nanyang(_ file: String) -> Workload {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        let scenario = repository.appendingPathComponent("scenarios").appendingPathComponent(file).path
        return Workload(scenario: scenario, output: temporary("out-\(file)"))
    }

    /// The Nanyang risk scenario with another number of draws: a child written beside it.
    static func nanyangRisk(draws: Int) -> Workload {
        let parent = nanyang("nanyang-risk.yaml").scenario
        let scenario = temporary("nanyang-risk-\(draws).yaml")
        let text = "extends: \(parent)\nname: nanyang-risk-\(draws)\nuncertainty: {draws: \(draws)}\n"
        _ = FileManager.default.createFile(atPath: scenario, contents: Data(text.utf8))
        return Workload(scenario: scenario, output: temporary("out-nanyang-risk-\(draws)"))
    }

    /// A generated portfolio of `counties` x `villages` village rows, horizon 2014-2043, with
    /// `draws` Monte Carlo draws of uncertain income growth (per year), cost growth and
    /// performance payout (none when `draws` is 0).
    static func generated(counties: Int, villages: Int, draws: Int) -> Workload {
        let name = "portfolio-\(counties)x\(villages).csv"
        let portfolio = temporary(name)
        if !FileManager.default.fileExists(atPath: portfolio) {
            let bytes = PortfolioGenerator(
                counties: counties, villagesPerCounty: villages, seed: 1, level: .village
            ).csv()
            _ = FileManager.default.createFile(atPath: portfolio, contents: Data(bytes))
        }
        var text = """
            name: generated
            horizon: {start: 2014, end: 2043}
            portfolio: \(name)
            venues:
              shares: {2014: 0.3, 2015: 0.4, 2016: 0.3}
              cost_growth: 0.02
              payment_profile: [0.7, 0.3]
              upkeep_rate: 0.01
            rural_income: {value: 13200, growth: 0.08}
            pension: {former: {covered: true, turnover: 0.05, exit: 0.03, initial_per_village: 1}}
            envelope: {amount: 300000000000}

            """
        if draws > 0 {
            text += """
                uncertainty:
                  draws: \(draws)
                  seed: 1
                  parameters:
                    rural_income.growth: {normal: {mean: 0.08, sd: 0.02}, per_year: true}
                    venues.cost_growth: {normal: {mean: 0.02, sd: 0.01}}
                    pay.performance_payout: {uniform: {min: 0.8, max: 1.1}}

                """
        }
        let scenario = temporary("scenario-\(counties)x\(villages)-\(draws).yaml")
        _ = FileManager.default.createFile(atPath: scenario, contents: Data(text.utf8))
        return Workload(scenario: scenario, output: temporary("out-\(counties)x\(villages)-\(draws)"))
    }

    static let directory: String = {
        let path = NSTemporaryDirectory() + "groundwork-benchmarks-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func temporary(_ name: String) -> String { directory + "/" + name }

    /// One whole run, as the command line does it.
    func run() throws {
        let run = try Run.project([scenario])
        try run.write(
            to: output,
            commandLine: ["groundwork", "run", scenario, "--out", output] + (xlsx ? ["--xlsx"] : []),
            xlsx: xlsx)
        blackHole(run)
    }

    /// The same workload with `--xlsx`.
    func withWorkbook() -> Workload {
        Workload(scenario: scenario, output: output + "-xlsx", xlsx: true)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 10)

    /// The workbook alone, from the CSV bytes of a projected run (projected outside the
    /// measurement); the custom metric is the part `workbook_close` takes.
    func registerWorkbook(_ name: String, iterations: Int, _ workload: @escaping @Sendable () -> Workload) {
        let prepared = Prepared<Workload>()
        let close = BenchmarkMetric.custom("workbook_close (ms)")
        Benchmark(
            name,
            configuration: .init(
                metrics: [.wallClock, .peakMemoryResident, close], maxIterations: iterations),
            closure: { benchmark in
                let workload = prepared.get(workload)
                let run = try Run.project([workload.scenario])
                let files = try run.files(commandLine: [])
                let envelopes = run.projections.compactMap { WorkbookEnvelope(of: $0.scenario) }
                benchmark.startMeasurement()
                let workbook = try Workbook.make(from: files, envelopes: envelopes)
                benchmark.stopMeasurement()
                benchmark.measurement(close, Int(workbook.closeSeconds * 1000))
                blackHole(workbook)
            })
    }

    register("Nanyang 12 counties, 17 years, deterministic") { .nanyang("nanyang-baseline.yaml") }
    register("Nanyang 12 counties, 17 years, deterministic, --xlsx") {
        Workload.nanyang("nanyang-baseline.yaml").withWorkbook()
    }
    registerWorkbook("Nanyang 12 counties, 17 years, the workbook alone", iterations: 20) {
        .nanyang("nanyang-baseline.yaml")
    }
    register("Nanyang 12 counties, 17 years, 1,000 draws") { .nanyangRisk(draws: 1_000) }
    register("Nanyang 12 counties, 17 years, 10,000 draws") { .nanyang("nanyang-risk.yaml") }
    register("Province 48k rows (160 x 300), 30 years, deterministic") {
        .generated(counties: 160, villages: 300, draws: 0)
    }
    register("Province 48k rows (160 x 300), 30 years, 1,000 draws") {
        .generated(counties: 160, villages: 300, draws: 1_000)
    }
    register("Province 48k rows (160 x 300), 30 years, 10,000 draws") {
        .generated(counties: 160, villages: 300, draws: 10_000)
    }
    register("Country 500k rows (2,850 x 175), 30 years, deterministic") {
        .generated(counties: 2_850, villages: 175, draws: 0)
    }
    register("Country 500k rows (2,850 x 175), 30 years, deterministic, --xlsx", iterations: 5) {
        Workload.generated(counties: 2_850, villages: 175, draws: 0).withWorkbook()
    }
    registerWorkbook("Country 500k rows (2,850 x 175), 30 years, the workbook alone", iterations: 5) {
        .generated(counties: 2_850, villages: 175, draws: 0)
    }
    register("Country 500k rows (2,850 x 175), 30 years, 1,000 draws", iterations: 5) {
        .generated(counties: 2_850, villages: 175, draws: 1_000)
    }
    register("Country 500k rows (2,850 x 175), 30 years, 10,000 draws", iterations: 3) {
        .generated(counties: 2_850, villages: 175, draws: 10_000)
    }
    registerSweepBenchmarks()
    registerOutputBenchmarks()
    registerMonteCarloBenchmarks()
}

/// A job a benchmark measures, whole: a run, a sweep, a solve.
protocol BenchmarkJob: Sendable {
    func run() throws
}

extension Workload: BenchmarkJob {}

/// A run of `workload` (so that `.nanyang(...)` and the like name one).
func register(_ name: String, iterations: Int = 10, _ workload: @escaping @Sendable () -> Workload) {
    register(name, iterations: iterations, job: workload)
}

/// One whole `job` as a benchmark named `name`, its inputs written on first use.
func register<Job: BenchmarkJob>(
    _ name: String, iterations: Int = 10, job: @escaping @Sendable () -> Job
) {
    let prepared = Prepared<Job>()
    Benchmark(
        name, configuration: .init(maxIterations: iterations),
        closure: { benchmark in
            let job = prepared.get(job)
            benchmark.startMeasurement()
            try job.run()
            benchmark.stopMeasurement()
        })
}

/// Prepares a workload (writing its inputs) on first use, outside the measured part.
final class Prepared<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let lock = NSLock()

    func get(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}
