import ArgumentParser
import Foundation
import Groundwork

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report with charts of a run directory.",
        discussion: """
            Reads the files `groundwork run` wrote into DIR (forecast.csv, summary.csv, \
            rollout.csv, pay.csv, headline.csv, counties.csv and, for scenarios with \
            uncertainty, summary_quantiles.csv, envelope_risk.csv, envelope_risk_by_year.csv and \
            sensitivity.csv) and writes one self-contained HTML page: no scripts, no network, \
            charts as inline SVG, printable. Per scenario: yearly outlay by item, cumulative \
            outlay against the envelope, venues per year by county, the pay path against rural \
            income, per-county totals and per-capita figures; with uncertainty a fan chart, the \
            breach probability by year and tornado charts of the uncertain parameters.

            The numbers behind every chart are written beside the page as report_<chart>.csv \
            (report_outlay_by_item.csv, report_envelope.csv, report_venues.csv, report_pay.csv, \
            report_counties.csv, report_fan.csv, report_breach_probability.csv, \
            report_tornado.csv). The report never recomputes the model.

            For a directory of `groundwork sweep` (sweep.csv): a heatmap of the breach year \
            over two grids (of the envelope remaining when nothing breaches, of the total without \
            an envelope), a line over one grid; with more grids, the first two at the others' \
            first values. For a directory of `groundwork solve` (solve.csv): the answer and the \
            next value on the envelope chart. Their data: report_sweep.csv or report_solve.csv.

            --lang zh writes the whole page in Chinese: titles, column headers, items, levels, \
            captions and notes, the numbers as in English; the report_*.csv files stay in \
            English, as every CSV file.

            `groundwork run ... --out DIR --report` writes the same page into DIR (as do \
            `sweep ... --report` and `solve ... --report`).

            Example: groundwork report out/nanyang-baseline --out nanyang.html
            """
    )

    @Argument(help: "A directory written by `groundwork run`.")
    var directory: String

    @Option(name: .shortAndLong, help: "The HTML file to write (default: DIR/report.html).")
    var out: String?

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "The language of the page: titles, headers, items, levels, captions and notes (the CSV files never change).",
            valueName: "language"))
    var lang: Language = .en

    func run() throws {
        let target = out ?? (directory as NSString).appendingPathComponent(ReportPage.fileName)
        do {
            if SweepReportData.isSweepOrSolve(directory) {
                let data = try SweepReportData(directory: directory)
                try ReportWriter.write(ReportPage.files(data, language: lang), page: target)
                if !quiet {
                    print(
                        "wrote \(target) (\(data.isSolve ? "solve" : "sweep")) and its chart data beside it")
                }
                return
            }
            let data = try ReportData(directory: directory)
            let files = ReportPage.files(data, language: lang)
            try ReportWriter.write(files, page: target)
            if !quiet {
                print(
                    "wrote \(target) (\(data.scenarios.count) scenario\(data.scenarios.count == 1 ? "" : "s")) and its chart data beside it"
                )
            }
        } catch {
            report(error)
            throw ExitCode(1)
        }
    }
}
