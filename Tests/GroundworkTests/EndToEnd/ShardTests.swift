import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// `run --shard I/N`, `sweep --shard I/N` and `merge`: the shards of a run, merged, give
/// exactly the files of the run without `--shard` (manifest.json aside, and the command line
/// quoted in report.html), whatever N; and merge refuses anything but one run's complete set.
@Suite("Shards and merge")
struct ShardTests {
    /// A generated portfolio of 40 counties (village rows), horizon 2014-2030.
    static func province(in temp: TempDirectory, draws: Int = 0) throws -> String {
        let portfolio = temp.url("province.csv")
        if !FileManager.default.fileExists(atPath: portfolio) {
            let result = try CommandLineTool.run([
                "generate-portfolio", "--counties", "40", "--villages-per-county", "30", "--seed", "5",
                "--out",
                portfolio,
            ])
            #expect(result.status == 0)
        }
        var text = """
            extends: \(Fixtures.scenario("nanyang-cost-sharing.yaml").path)
            name: province\(draws)
            portfolio: province.csv
            venues: {shares: {2014: 0.5, 2015: 0.5}}
            funding: null

            """
        if draws > 0 {
            text += """
                uncertainty:
                  draws: \(draws)
                  seed: 3
                  parameters:
                    rural_income.growth: {normal: {mean: 0.08, sd: 0.02}, per_year: true}
                    venues.unit_cost: {triangular: {min: 150000, mode: 160000, max: 200000}}
                    operating_funds.growth: {uniform: {min: 0, max: 0.03}}

                """
        }
        return temp.write("province\(draws).yaml", text)
    }

    /// Runs `scenarios` plainly and as `count` shards merged; compares every file.
    static func expectMergeEqualsRun(
        _ scenarios: [String], shards count: Int, in temp: TempDirectory, command: String = "run",
        extra: [String] = []
    ) throws {
        let root = temp.url("\(command)-\(count)-\(UUID().uuidString.prefix(8))")
        let plain = try CommandLineTool.run(
            [command] + scenarios + extra + ["--out", root + "/plain", "--quiet"])
        #expect(plain.status == 0, "\(plain.standardError)")
        var directories: [String] = []
        for index in 0..<count {
            let directory = root + "/shard-\(index)"
            let shard = try CommandLineTool.run(
                [command] + scenarios + extra + [
                    "--shard", "\(index)/\(count)", "--out", directory, "--quiet",
                ])
            #expect(shard.status == 0, "\(shard.standardError)")
            directories.append(directory)
        }
        let merged = try CommandLineTool.run(
            ["merge"] + directories.reversed() + ["--out", root + "/merged", "--quiet"])
        #expect(merged.status == 0, "\(merged.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/plain").sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/merged").sorted() == files)
        for file in files where file != "manifest.json" {
            let want = FileManager.default.contents(atPath: root + "/plain/" + file)
            let got = FileManager.default.contents(atPath: root + "/merged/" + file)
            #expect(
                want == got, "\(scenarios.map { ($0 as NSString).lastPathComponent }) N=\(count): \(file)")
        }
    }

    @Test(
        "deterministic runs: Nanyang, shares, actuals and a generated province, N = 1, 2, 3, 7",
        arguments: [1, 2, 3, 7])
    func deterministic(shards: Int) throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        try Self.expectMergeEqualsRun(
            ["nanyang-baseline.yaml", "nanyang-cost-sharing.yaml", "nanyang-2015-outturn.yaml"].map {
                Fixtures.scenario($0).path
            }, shards: shards, in: temp)
        try Self.expectMergeEqualsRun([try Self.province(in: temp)], shards: shards, in: temp)
    }

    @Test(
        "Monte Carlo with 1,000 draws: Nanyang, a generated province with shares, the outturn, N = 1, 2, 3, 7",
        arguments: [1, 2, 3, 7])
    func monteCarlo(shards: Int) throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let nanyang = temp.write(
            "risk.yaml",
            "extends: \(Fixtures.scenario("nanyang-risk.yaml").path)\nuncertainty: {draws: 1000}\n")
        try Self.expectMergeEqualsRun([nanyang], shards: shards, in: temp)
        try Self.expectMergeEqualsRun([try Self.province(in: temp, draws: 1000)], shards: shards, in: temp)
        // The 2015 outturn (closed years fixed in every draw) with its city-paid envelope.
        let outturn = temp.write(
            "outturn-risk.yaml",
            """
            extends: \(Fixtures.scenario("nanyang-2015-outturn.yaml").path)
            name: outturn-risk
            uncertainty:
              draws: 1000
              seed: 7
              parameters:
                rural_income.growth: {normal: {mean: 0.08, sd: 0.02}, per_year: true}
                venues.unit_cost: {uniform: {min: 150000, max: 190000}}
                pay.basic_share: {uniform: {min: 0.6, max: 0.8}}

            """)
        try Self.expectMergeEqualsRun([outturn], shards: shards, in: temp)
    }

    @Test("a sweep's shards, merged, are the sweep", arguments: [1, 2, 3, 7])
    func sweep(shards: Int) throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        try Self.expectMergeEqualsRun(
            [Fixtures.scenario("nanyang-2015-outturn.yaml").path], shards: shards, in: temp, command: "sweep",
            extra: [
                "--vary", "venues.unit_cost=150000:250000:10000", "--vary", "pay.basic_share=0.6:0.8:0.1",
            ])
    }

    @Test("merge refuses a missing shard, another N, other inputs, a shard twice and a half-written one")
    func refusals() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        let baseline = Fixtures.scenario("nanyang-baseline.yaml").path
        func shard(_ scenario: String, _ index: Int, _ count: Int, _ name: String) throws -> String {
            let directory = temp.url(name)
            let result = try CommandLineTool.run(
                ["run", scenario, "--shard", "\(index)/\(count)", "--out", directory, "--quiet"])
            #expect(result.status == 0, "\(result.standardError)")
            return directory
        }
        let shards = try (0..<3).map { try shard(baseline, $0, 3, "s\($0)") }
        let otherN = try shard(baseline, 1, 4, "n4")
        let otherInput = try shard(Fixtures.scenario("nanyang-cost-sharing.yaml").path, 1, 3, "other")
        let half = temp.url("half")
        try FileManager.default.copyItem(atPath: shards[1], toPath: half)
        let rows = half + "/shard_rows.csv"
        let bytes = try #require(FileManager.default.contents(atPath: rows))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: rows))
        for (directories, words) in [
            ([shards[0], shards[2]], "shard 1 of 3 is missing"),
            ([shards[0], otherN, shards[2]], "is shard 1 of 4, but"),
            ([shards[0], otherInput, shards[2]], "was run on other inputs"),
            ([shards[0], shards[1], shards[1], shards[2]], "shard 1 of 3 is given twice"),
            ([shards[0], half, shards[2]], "is incomplete or damaged: shard_rows.csv"),
        ] {
            let out = temp.url("merged")
            let result = try CommandLineTool.run(["merge"] + directories + ["--out", out])
            #expect(result.status != 0)
            #expect(result.standardError.contains(words), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        // A shard whose task died before committing has no shard.json at all.
        try FileManager.default.removeItem(atPath: half + "/shard.json")
        let killed = try CommandLineTool.run([
            "merge", shards[0], half, shards[2], "--out", temp.url("merged"),
        ])
        #expect(killed.standardError.contains("is not a complete shard directory"))
    }

    @Test("shards are contiguous blocks of counties balanced by rows")
    func blocks() throws {
        let temp = TempDirectory()
        defer { temp.cleanup() }
        // Rows per county: 1, 1, 1, 5, 1, 1 (10 rows): 2 shards split where 5 rows lie before.
        var csv = "county,villages,venues_needed\n"
        for (county, rows) in [("A", 1), ("B", 1), ("C", 1), ("D", 5), ("E", 1), ("F", 1)] {
            for _ in 0..<rows { csv += "\(county),10,0\n" }
        }
        temp.write("p.csv", csv)
        let portfolio = try GroundworkEngine.PortfolioLoader.load(temp.url("p.csv"))
        let ranges = (0..<2).map { GroundworkDesk.Run.Shard(index: $0, count: 2).counties(of: portfolio) }
        #expect(ranges == [0..<3, 3..<6])
        let seven = (0..<7).map { GroundworkDesk.Run.Shard(index: $0, count: 7).counties(of: portfolio) }
        #expect(seven.map(\.count).reduce(0, +) == 6)
        #expect(zip(seven, seven.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }
}
