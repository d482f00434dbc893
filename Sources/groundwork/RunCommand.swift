import ArgumentParser
import Foundation
import Groundwork

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Project scenarios and write the forecast files.",
        discussion: """
            Writes into DIR (created if missing): forecast.csv (every county x year x item, in \
            yuan to the cent), summary.csv (items per year, total, cumulative and the envelope), \
            rollout.csv (venues completed and still needed per county and year), pay.csv (rural \
            income and monthly pay per role), headline.csv (one row per scenario) and \
            manifest.json (the inputs' SHA-256 and the command line).

            A scenario with `uncertainty:` also gets forecast_quantiles.csv and \
            summary_quantiles.csv (mean, p05, p50, p95 over the draws), envelope_risk.csv (the \
            probability of breaching the envelope and the median breach year) and \
            envelope_risk_by_year.csv. The same seed gives the same bytes whatever --threads.

            With --xlsx, also groundwork.xlsx: every table above on its own sheet (a table longer \
            than Excel's 1,048,576 rows continues on NAME (2), ...), amounts as numbers to the \
            cent, totals, cumulatives and the envelope as live formulas, and a charts sheet; \
            --lang zh writes its sheet names, headers, items and levels in Chinese.

            Everything is checked before anything is written: on any error DIR is left as it \
            was. Errors read FILE:LINE:COLUMN: error: MESSAGE. Exit status 0 on success.

            Example: groundwork run scenarios/nanyang-baseline.yaml scenarios/nanyang-two-year-rollout.yaml --out out
            """
    )

    @Argument(help: "Scenario files (YAML). Several run side by side, in this order.")
    var scenarios: [String]

    @Option(name: .shortAndLong, help: "The output directory.")
    var out: String

    @Flag(name: .shortAndLong, help: "Print nothing on success, and no progress bar.")
    var quiet = false

    @Flag(
        name: .customLong("report"),
        help: "Also write report.html (charts, self-contained) and its report_*.csv chart data into DIR.")
    var writeReport = false

    @Flag(
        help:
            "Write the CSV files for Excel: a UTF-8 byte order mark and CRLF line ends (Chinese county names then open correctly)."
    )
    var excel = false

    @OptionGroup var workbook: WorkbookArguments

    @OptionGroup var input: EncodingArguments

    @OptionGroup var monteCarlo: MonteCarloArguments

    @Option(
        help: ArgumentHelp(
            "Compute shard I (0-based) of N: the whole plan, then only a contiguous block of counties (balanced by rows); DIR becomes a shard directory for `groundwork merge`.",
            valueName: "I/N"))
    var shard: ShardArgument?

    mutating func validate() throws {
        if shard != nil && (writeReport || workbook.xlsx || excel) {
            throw ValidationError("--report, --xlsx and --excel go to `groundwork merge`, not to a shard")
        }
    }

    func run() throws {
        do {
            let run = try Run.project(
                scenarios, options: monteCarlo.options(quiet: quiet), encoding: input.encoding,
                shard: shard?.shard)
            if let shard = shard?.shard {
                let files = run.shardFiles(shard, scenarios: scenarios)
                try OutputDirectory.write(files, to: out)
                if !quiet {
                    let counties = run.projections.map {
                        "\($0.scenario.name): counties \($0.plan.countyRange)"
                    }
                    print("shard \(shard.index) of \(shard.count): \(counties.joined(separator: "; "))")
                    print("wrote \(out)/: \(files.map(\.name).joined(separator: " "))")
                }
                return
            }
            let written = try run.write(
                to: out, commandLine: ["groundwork"] + Array(CommandLine.arguments.dropFirst()),
                report: writeReport,
                excel: excel, xlsx: workbook.xlsx, language: workbook.lang)
            if !quiet {
                print(run.summaryTable())
                print(
                    "wrote \(out)/: \(written.names.filter { !$0.hasPrefix("report_") }.joined(separator: " "))"
                )
                for note in written.notes { print(note) }
                if writeReport { print("report: \(out)/report.html") }
            }
        } catch {
            report(error)
            throw ExitCode(1)
        }
    }
}

/// `--shard I/N`: shard I (0-based) of N.
struct ShardArgument: ExpressibleByArgument {
    var shard: Run.Shard

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (0..<count).contains(index), count <= 100_000
        else { return nil }
        shard = Run.Shard(index: index, count: count)
    }

    static var defaultValueDescription: String { "I/N, e.g. 0/4 (I from 0 to N - 1)" }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load, check and project scenarios without writing anything.",
        discussion: """
            Reads each scenario, the files it extends and its portfolio, checks every value \
            against the model (docs/MODEL.md), plans and projects it. Prints `ok` per file, or \
            every error as FILE:LINE:COLUMN: error: MESSAGE. Exit status 0 when all is well.
            """
    )

    @Argument(help: "Scenario files (YAML).")
    var files: [String]

    @OptionGroup var input: EncodingArguments

    @OptionGroup var monteCarlo: MonteCarloArguments

    func run() throws {
        do {
            let run = try Run.project(
                files, options: monteCarlo.options(quiet: true), encoding: input.encoding)
            for projection in run.projections {
                print("ok  \(projection.scenario.file) (\(projection.scenario.name))")
            }
        } catch {
            report(error)
            throw ExitCode(1)
        }
    }
}

/// Options of Monte Carlo runs, shared by `run` and `validate`.
struct MonteCarloArguments: ParsableArguments {
    @Option(help: "Threads for Monte Carlo draws (default: all cores). Does not change the output.")
    var threads: Int?

    @Option(help: ArgumentHelp("Draws per block of work (does not change the output).", visibility: .hidden))
    var drawBlock: Int = 256

    mutating func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads).") }
        if drawBlock < 1 { throw ValidationError("--draw-block must be at least 1, not \(drawBlock).") }
    }

    func options(quiet: Bool) -> MonteCarloOptions {
        var options = MonteCarloOptions()
        if let threads { options.threads = threads }
        options.drawBlock = drawBlock
        if !quiet && ProgressBar.isTerminal {
            let bar = ProgressBar()
            options.progress = { done, total in bar.update(done, total) }
        }
        return options
    }
}
