import ArgumentParser
import Foundation
import Groundwork

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show every parameter of a scenario, its value and where it came from.",
        discussion: """
            Loads the scenario as `run` does (following `extends`, merging, checking every \
            value) and prints every parameter of docs/MODEL.md section 3, with the horizon, \
            portfolio, payers, envelope and uncertainty: its effective value and where it was \
            set, FILE:LINE, or `default`. An auditor sees at a glance what a what-if changes.

            --format yaml prints the merged scenario as one scenario file that runs on its own: \
            `name:` written out, the portfolio as an absolute path, no `extends`, every value \
            (defaults included), a comment on each line saying where it came from. Running it \
            gives the same forecast, byte for byte.

            Example: groundwork explain scenarios/nanyang-two-year-rollout.yaml --format yaml > rollout-flat.yaml
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, yaml
    }

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "text (an aligned table) or yaml (a scenario file).")
    var format: Format = .text

    func run() throws {
        do {
            let explanation = ScenarioExplanation(try ScenarioLoader.load(scenario))
            print(format == .yaml ? explanation.yaml() : explanation.table(), terminator: "")
        } catch {
            report(error)
            throw ExitCode(1)
        }
    }
}
