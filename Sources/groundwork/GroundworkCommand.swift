import ArgumentParser
import Foundation
import Groundwork

@main
struct GroundworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groundwork",
        abstract: "Project what a village programme costs, year by year and county by county.",
        discussion: """
            A scenario file (YAML) sets the horizon, the portfolio of villages (CSV) and the \
            parameters of each line item: venue construction and upkeep, operating funds, cadre pay \
            (basic and performance, rebased on rural income every few years) and the pension \
            top-up. A what-if `extends:` a baseline and changes only what it names. Groundwork \
            plans the venue rollout, projects every item per county and year as exposures x rates, \
            and checks the spending envelope.

            The model and every output column: docs/MODEL.md (the contract) and README.md.
            """,
        version: Engine.version,
        subcommands: [
            RunCommand.self, ValidateCommand.self, CompareCommand.self, SweepCommand.self, SolveCommand.self,
            MergeCommand.self,
            ExplainCommand.self,
            GeneratePortfolioCommand.self,
            ReportCommand.self,
        ]
    )
}

/// Prints diagnostics as `FILE:LINE:COLUMN: error: MESSAGE` on stderr.
func report(_ error: DiagnosticError) {
    var standardError = FileHandle.standardError
    for diagnostic in error.diagnostics {
        print(diagnostic.description, to: &standardError)
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) {
        write(Data(string.utf8))
    }
}
