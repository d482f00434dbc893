import Foundation
import GroundworkCore
import GroundworkEngine
import GroundworkIO

/// The files of a shard directory (`run --shard I/N`; see `ShardHeader` for the format).
extension Run {
    /// The table names whose rows a shard writes and a merge concatenates: the per-county
    /// tables, in the order of `Run.files`.
    static let shardedTables = [
        ForecastTables.forecastFile, OutturnTables.varianceFile, RiskTables.forecastQuantilesFile,
    ]

    /// A table's bytes without its header line.
    static func rows(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard let end = bytes.firstIndex(of: 0x0A) else { return [] }
        return bytes[(end + 1)...]
    }

    /// The shard directory's files: its counties' rows, the sums the portfolio-wide files are
    /// made from, and `shard.json` naming the inputs, the shard and every file's hash.
    public func shardFiles(_ shard: Shard, scenarios: [String]) -> [(name: String, bytes: [UInt8])] {
        var rows: [UInt8] = []
        var totals: [Int64] = []
        var parts: [ShardHeader.Part] = []
        for projection in projections {
            var tables: [String: [Int]] = [:]
            func add(_ name: String, _ bytes: [UInt8]) {
                let piece = Self.rows(bytes)
                tables[name] = [rows.count, piece.count]
                rows += piece
            }
            add(ForecastTables.forecastFile, ForecastTables.forecast([projection]))
            if let variance = OutturnTables.variance([projection]) {
                add(OutturnTables.varianceFile, variance)
            }
            let risk = risks.first { $0.projection.scenario.name == projection.scenario.name }
            if let risk { add(RiskTables.forecastQuantilesFile, RiskTables.forecastQuantiles([risk])) }
            let start = totals.count
            let sums = projection.sums
            totals += sums.itemTotals + sums.levelTotals + (sums.plannedItemTotals ?? [])
            if let draws = risk?.drawTotals {
                totals += draws.totals + draws.selected + draws.envelopeAmounts
            }
            let range = projection.plan.countyRange
            parts.append(
                ShardHeader.Part(
                    scenario: projection.scenario.name, counties: [range.lowerBound, range.upperBound],
                    portfolioCounties: projection.plan.portfolioTotals.counties.count, tables: tables,
                    totals: [start, totals.count - start], draws: risk?.draws ?? 0))
        }
        let files: [(name: String, bytes: [UInt8])] = [
            (ShardHeader.rowsFile, rows), (ShardHeader.totalsFile, Int64Bytes.encode(totals)),
        ]
        return files + [
            (ShardHeader.fileName, header(shard, scenarios: scenarios, parts: parts, files: files).json)
        ]
    }

    func header(
        _ shard: Shard, scenarios: [String], parts: [ShardHeader.Part],
        files: [(name: String, bytes: [UInt8])],
        kind: String = "run", grids: [String]? = nil, combinations: Range<Int>? = nil
    ) -> ShardHeader {
        ShardHeader(
            kind: kind, shard: shard.index, shards: shard.count, scenarios: scenarios,
            inputs: inputs.map { ShardHeader.Input(role: $0.role, path: $0.path, sha256: $0.sha256) },
            parts: parts,
            grids: grids, combinations: combinations.map { [$0.lowerBound, $0.upperBound] },
            files: files.map {
                ShardHeader.File(name: $0.name, bytes: $0.bytes.count, sha256: Manifest.sha256($0.bytes))
            })
    }
}

extension SweepRun {
    /// A sweep shard's files: its block of sweep.csv's rows (the header as its own piece) and
    /// `shard.json`.
    public func shardFiles(_ shard: Run.Shard, scenario: String) -> [(name: String, bytes: [UInt8])] {
        let table = sweepCSV()
        let header = Array(table.prefix { $0 != 0x0A }) + [0x0A]
        let rows = header + Run.rows(table)
        let part = ShardHeader.Part(
            scenario: run.projections[0].scenario.name, counties: [], portfolioCounties: 0,
            tables: [
                "header": [0, header.count], Self.sweepFile: [header.count, rows.count - header.count],
            ],
            totals: [0, 0], draws: 0)
        let files: [(name: String, bytes: [UInt8])] = [(ShardHeader.rowsFile, rows)]
        let range = firstCombination..<(firstCombination + points.count)
        let json = run.header(
            shard, scenarios: [scenario], parts: [part], files: files, kind: "sweep",
            grids: grids.map(\.text),
            combinations: range
        ).json
        return files + [(ShardHeader.fileName, json)]
    }
}
