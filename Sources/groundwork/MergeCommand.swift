import ArgumentParser
import Foundation
import Groundwork

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard directories of one run into the files the run without --shard writes.",
        discussion: """
            Give every shard directory of one `groundwork run ... --shard I/N` (or `sweep ... \
            --shard I/N`). Merge checks that they are the complete set of one run of the same \
            inputs (the same SHA-256 of every scenario, parent and portfolio, the same N, each I \
            once, every file whole), reads the inputs again for the plan, and writes into DIR, \
            atomically, exactly the files of the run without --shard (manifest.json aside, whose \
            command line is this one). On any problem it writes nothing.

            Example: seq 0 3 | xargs -P 2 -I{} groundwork run scenarios/nanyang-risk.yaml --shard {}/4 --out work/shard-{} --quiet && groundwork merge work/shard-* --out work/merged
            """
    )

    @Argument(help: "The shard directories, in any order.")
    var shards: [String]

    @Option(name: .shortAndLong, help: "The output directory.")
    var out: String

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    @Flag(name: .customLong("report"), help: "Also write report.html and its report_*.csv chart data.")
    var writeReport = false

    @Flag(help: "Write the CSV files for Excel: a UTF-8 byte order mark and CRLF line ends.")
    var excel = false

    @OptionGroup var workbook: WorkbookArguments

    @OptionGroup var input: EncodingArguments

    func run() throws {
        do throws(DiagnosticError) {
            let commandLine = ["groundwork"] + Array(CommandLine.arguments.dropFirst())
            switch try ShardMerge.merge(shards, encoding: input.encoding) {
            case .run(let run):
                let written = try run.write(
                    to: out, commandLine: commandLine, report: writeReport, excel: excel, xlsx: workbook.xlsx,
                    language: workbook.lang)
                if !quiet {
                    print(run.summaryTable())
                    print(
                        "merged \(shards.count) shards into \(out)/: \(written.names.filter { !$0.hasPrefix("report_") }.joined(separator: " "))"
                    )
                }
            case .sweep(let files, let inputs):
                var outputs = files
                if workbook.xlsx {
                    outputs.append(
                        (Workbook.fileName, try Workbook.make(from: files, language: workbook.lang).bytes))
                }
                if writeReport, let sweep = files.first(where: { $0.name == SweepReportData.sweepFile }) {
                    var data = try SweepReportData(files: [sweep.name: sweep.bytes])
                    data.command = commandLine
                    data.engineVersion = Engine.version
                    outputs += ReportPage.files(data, language: workbook.lang)
                }
                if excel {
                    outputs = outputs.map {
                        ExcelCSV.applies(to: $0.name) ? ($0.name, ExcelCSV.convert($0.bytes)) : $0
                    }
                }
                let listed = outputs.map { ($0.name, $0.bytes.count, Manifest.sha256($0.bytes)) }
                outputs.append(
                    (
                        Manifest.fileName,
                        Manifest.json(commandLine: commandLine, inputs: inputs, outputs: listed)
                    ))
                try OutputDirectory.write(outputs, to: out)
                if !quiet {
                    print(
                        "merged \(shards.count) shards into \(out)/: \(outputs.map(\.name).joined(separator: " "))"
                    )
                }
            }
        } catch {
            report(error)
            throw ExitCode(1)
        }
    }
}
