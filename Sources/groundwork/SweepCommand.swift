import ArgumentParser
import Foundation
import Groundwork

/// The 1-based positions on the command line (after `groundwork`) of the values of `option`,
/// where errors about them are located.
func argumentPositions(of option: String) -> [Int] {
    let arguments = Array(CommandLine.arguments.dropFirst())
    var positions: [Int] = []
    for (index, argument) in arguments.enumerated() {
        if argument == option, index + 1 < arguments.count {
            positions.append(index + 2)
        } else if argument.hasPrefix(option + "=") {
            positions.append(index + 1)
        }
    }
    return positions
}

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run every combination of parameter grids and write the headline figures of each.",
        discussion: """
            Each --vary PATH=LO:HI:STEP takes the values LO + k x STEP (k = 0, 1, ... while the \
            value is at most HI), computed in exact decimal: 0.04:0.10:0.005 gives 0.04, 0.045, \
            ..., 0.1. PATH is a parameter that may be uncertain (docs/MODEL.md section 7), \
            venues.annual_cap, prices.inflation or prices.discount_rate. A value replaces the \
            whole parameter in every year, and each combination is exactly the deterministic run \
            of the scenario with those values written in (an annual cap re-plans; uncertainty is \
            ignored). At most 1,000,000 combinations; the first --vary is outermost.

            Writes into DIR, atomically: sweep.csv (scenario, the varied values, total, \
            envelope_used, envelope_remaining, breach_year, venues_deferred, and total_real, \
            total_pv with prices) and manifest.json. Prints the breach year as a grid for two \
            parameters, a row per value for one.

            Example: groundwork sweep scenarios/nanyang-baseline.yaml --vary venues.unit_cost=150000:250000:5000 --vary rural_income.growth=0.04:0.10:0.005 --out out/sweep
            """
    )

    @Argument(help: "The scenario (YAML).")
    var scenario: String

    @Option(help: "A grid PATH=LO:HI:STEP (repeat for more parameters).")
    var vary: [String] = []

    @Option(name: .shortAndLong, help: "The output directory.")
    var out: String

    @Flag(name: .shortAndLong, help: "Print nothing on success, and no progress bar.")
    var quiet = false

    @Flag(
        name: .customLong("report"),
        help: "Also write report.html (the chart, self-contained) and its report_*.csv chart data into DIR.")
    var writeReport = false

    @Flag(help: "Write the CSV files for Excel: a UTF-8 byte order mark and CRLF line ends.")
    var excel = false

    @Option(help: "Threads (default: all cores). Does not change the output.")
    var threads: Int?

    @OptionGroup var input: EncodingArguments

    @OptionGroup var workbook: WorkbookArguments

    @Option(
        help: ArgumentHelp(
            "Compute shard I (0-based) of N: a contiguous block of the combinations, in grid order; DIR becomes a shard directory for `groundwork merge`.",
            valueName: "I/N"))
    var shard: ShardArgument?

    mutating func validate() throws {
        if vary.isEmpty {
            throw ValidationError(
                "give at least one --vary PATH=LO:HI:STEP, e.g. --vary venues.unit_cost=150000:250000:5000")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads).") }
        if shard != nil && writeReport {
            throw ValidationError("--report goes to `groundwork merge`, not to a shard")
        }
    }

    func run() throws {
        do throws(DiagnosticError) {
            var progress: (@Sendable (Int, Int) -> Void)? = nil
            if !quiet && ProgressBar.isTerminal {
                let bar = ProgressBar()
                progress = { done, total in bar.update(done, total) }
            }
            let sweep = try SweepRun.sweep(
                scenario, grids: vary, arguments: argumentPositions(of: "--vary"), encoding: input.encoding,
                threads: threads ?? Parallel.processorCount, shard: shard?.shard, progress: progress)
            if let shard = shard?.shard {
                let files = sweep.shardFiles(shard, scenario: scenario)
                try OutputDirectory.write(files, to: out)
                if !quiet {
                    print("shard \(shard.index) of \(shard.count): \(sweep.points.count) combinations")
                }
                return
            }
            let written = try sweep.write(
                to: out, commandLine: ["groundwork"] + Array(CommandLine.arguments.dropFirst()),
                report: writeReport, excel: excel, xlsx: workbook.xlsx, language: workbook.lang)
            if !quiet {
                print(sweep.table())
                let names = written.filter { !$0.hasPrefix("report_") }.joined(separator: " ")
                print("wrote \(out)/: \(names) (\(sweep.points.count) combinations)")
                if writeReport { print("report: \(out)/report.html") }
            }
        } catch {
            report(error)
            throw ExitCode(1)
        }
    }
}

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Find the highest (or smallest) grid value that keeps the envelope or a total.",
        discussion: """
            --keep envelope: no breach year; --keep total<=AMOUNT: the horizon total at most \
            AMOUNT yuan (compared exactly). The answer is the largest value of --vary's grid at \
            which the target holds (with --smallest, the smallest), found by bisection from the \
            grid's safe end (its first value; its last with --smallest), which must keep the \
            target. Each value is the deterministic run of the scenario with it written in.

            Writes solve.csv (the answer and its figures, then the next value's) and \
            manifest.json into DIR, atomically, and prints the answer in one sentence.

            Example: groundwork solve scenarios/nanyang-baseline.yaml --vary venues.unit_cost=150000:400000:100 --keep envelope --out out/solve
            """
    )

    @Argument(help: "The scenario (YAML).")
    var scenario: String

    @Option(help: "The grid PATH=LO:HI:STEP of the parameter to solve for.")
    var vary: String

    @Option(help: "The target: `envelope` or `total<=AMOUNT`.")
    var keep: String

    @Flag(help: "Find the smallest value that keeps the target instead of the highest.")
    var smallest = false

    @Option(name: .shortAndLong, help: "The output directory.")
    var out: String

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    @Flag(
        name: .customLong("report"),
        help: "Also write report.html (the chart, self-contained) and its report_*.csv chart data into DIR.")
    var writeReport = false

    @Flag(help: "Write the CSV files for Excel: a UTF-8 byte order mark and CRLF line ends.")
    var excel = false

    @OptionGroup var input: EncodingArguments

    @OptionGroup var workbook: WorkbookArguments

    func run() throws {
        do throws(DiagnosticError) {
            let solve = try SweepRun.solve(
                scenario, grid: vary, target: keep, smallest: smallest,
                gridArgument: argumentPositions(of: "--vary").first ?? 1,
                targetArgument: argumentPositions(of: "--keep").first ?? 1, encoding: input.encoding)
            let written = try solve.write(
                to: out, commandLine: ["groundwork"] + Array(CommandLine.arguments.dropFirst()),
                report: writeReport, excel: excel, xlsx: workbook.xlsx, language: workbook.lang)
            if !quiet {
                print(solve.sentence())
                print("wrote \(out)/: \(written.filter { !$0.hasPrefix("report_") }.joined(separator: " "))")
                if writeReport { print("report: \(out)/report.html") }
            }
        } catch {
            report(error)
            throw ExitCode(1)
        }
    }
}
