import ArgumentParser
import Foundation
import Groundwork

struct GeneratePortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-portfolio",
        abstract: "Write a synthetic portfolio CSV, reproducible from a seed.",
        discussion: """
            For benchmarks and experiments at any scale, up to every village of a country. Each \
            county gets 50% to 150% of --villages-per-county villages; each village needs a venue \
            with a county-specific probability of 5% to 20%, has 1 secretary, usually 1 director, \
            2 to 5 other cadres and 500 to 4,000 residents. --level village writes one row per \
            village; --level county one row per county. The same arguments give the same bytes.

            Example: groundwork generate-portfolio --counties 2850 --villages-per-county 175 --seed 1 --out country.csv
            """
    )

    @Option(help: "Number of counties.")
    var counties: Int

    @Option(help: "Average number of villages per county.")
    var villagesPerCounty: Int

    @Option(help: "Random seed.")
    var seed: UInt64 = 0

    @Option(help: "Rows per village or per county: village or county.")
    var level: PortfolioGenerator.Level = .village

    @Option(name: .shortAndLong, help: "The CSV file to write.")
    var out: String

    mutating func validate() throws {
        guard (1...1_000_000).contains(counties) else {
            throw ValidationError("--counties must be between 1 and 1,000,000, not \(counties).")
        }
        guard (1...100_000).contains(villagesPerCounty) else {
            throw ValidationError(
                "--villages-per-county must be between 1 and 100,000, not \(villagesPerCounty).")
        }
        guard counties * villagesPerCounty <= 20_000_000 else {
            throw ValidationError("at most 20,000,000 villages in all; ask for fewer counties or villages.")
        }
    }

    func run() throws {
        let bytes = PortfolioGenerator(
            counties: counties, villagesPerCounty: villagesPerCounty, seed: seed, level: level
        ).csv()
        do {
            try OutputFile.write(bytes, to: out)
        } catch {
            report(error)
            throw ExitCode(1)
        }
        print("wrote \(out): \(bytes.count) bytes")
    }
}

extension PortfolioGenerator.Level: ExpressibleByArgument {}
