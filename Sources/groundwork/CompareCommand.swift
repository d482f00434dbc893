import ArgumentParser
import Foundation
import Groundwork

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare what-ifs with a base scenario and write the differences.",
        discussion: """
            Projects BASE and each WHATIF (as `run` does, without the Monte Carlo draws) and \
            writes into DIR (created if missing, atomically, as `run` does; engine files of an \
            earlier run in DIR are replaced):

            comparison.csv: scenario,year,item,base,value,delta,delta_pct - one row per what-if \
            x year x item, the six line items then `total` (the year's) and `cumulative`; \
            yuan to the cent, delta = value - base, delta_pct = 100 x delta / base (at most six \
            decimals; empty where the base is 0).

            headline_comparison.csv: scenario,measure,base,value,delta - per what-if its \
            headline figures beside the base's: start, end, total, total_common_years, \
            venues_needed, venues_built, venues_deferred, construction_after_horizon, \
            envelope_amount, envelope_used, envelope_remaining, breach_year (delta in years: -1 \
            is a year earlier; empty when either side has none).

            manifest.json: the inputs with their SHA-256, the command line and the outputs.

            With --xlsx, also groundwork.xlsx: the two tables as typed sheets (--lang zh: in \
            Chinese).

            A what-if with a different horizon is compared on the years it shares with the \
            base (and a line says so): its rows cover those years and `cumulative` and \
            `total_common_years` are summed over them.

            Example: groundwork compare scenarios/nanyang-baseline.yaml scenarios/nanyang-two-year-rollout.yaml --out out/compare
            """
    )

    @Argument(help: "The base scenario (YAML).")
    var base: String

    @Argument(help: "The what-ifs to compare with it (YAML), in this order.")
    var whatIfs: [String]

    @Option(name: .shortAndLong, help: "The output directory.")
    var out: String

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    @Flag(help: "Write the CSV files for Excel: a UTF-8 byte order mark and CRLF line ends.")
    var excel = false

    @OptionGroup var workbook: WorkbookArguments

    @OptionGroup var input: EncodingArguments

    mutating func validate() throws {
        if whatIfs.isEmpty {
            throw ValidationError(
                "give at least one what-if after the base: groundwork compare BASE.yaml WHATIF.yaml... --out DIR"
            )
        }
    }

    func run() throws {
        do throws(DiagnosticError) {
            let (comparison, inputs) = try Comparison.project(
                base: base, whatIfs: whatIfs, encoding: input.encoding)
            let output = try comparison.outputs(
                commandLine: ["groundwork"] + Array(CommandLine.arguments.dropFirst()), inputs: inputs,
                excel: excel, xlsx: workbook.xlsx, language: workbook.lang)
            try OutputDirectory.write(output.files, to: out)
            if !quiet {
                for note in comparison.horizonNotes { print(note) }
                print(comparison.table())
                print("wrote \(out)/: \(output.names.joined(separator: " "))")
                for note in output.notes { print(note) }
            }
        } catch {
            report(error)
            throw ExitCode(1)
        }
    }
}
