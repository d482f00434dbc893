import Foundation
import GroundworkCore
import GroundworkEngine
import GroundworkIO

/// `groundwork merge SHARD_DIR... --out DIR`: checks that the shards are the complete set of
/// one run of the same inputs, then makes exactly the files the run without `--shard` makes.
///
/// Per-cell figures belong to one county, so the shards' rows of forecast.csv, variance.csv
/// and forecast_quantiles.csv are concatenated in shard order; the portfolio-wide figures come
/// from the shards' sums of cents, which add up exactly in any order; the plan, which is the
/// whole portfolio's, is made again from the inputs (whose hashes must still be the shards'),
/// and so are the sensitivity runs.
public enum ShardMerge {
    /// A shard directory, read and checked on its own.
    struct Shard {
        var directory: String
        var header: ShardHeader
        var rows: [UInt8]
        var totals: [Int64]

        var location: SourceLocation { .file(Path.join(directory, ShardHeader.fileName)) }
    }

    /// What the merge makes: a run's files, or a sweep's.
    public enum Merged {
        case run(Run)
        case sweep(files: [(name: String, bytes: [UInt8])], inputs: [Manifest.Input])
    }

    /// Reads and checks the shards, and merges them.
    /// - Throws: a shard that is missing, given twice, from another run (other inputs, another
    ///   N, another kind) or incomplete (killed while writing, a file changed), located at its
    ///   `shard.json`; inputs that changed since the shards ran.
    public static func merge(
        _ directories: [String], encoding: TextEncoding = .utf8,
        options: MonteCarloOptions = MonteCarloOptions()
    ) throws(DiagnosticError) -> Merged {
        var diagnostics: [Diagnostic] = []
        var shards: [Shard] = []
        for directory in directories {
            do { shards.append(try read(directory)) } catch { diagnostics += error.diagnostics }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        try checkSet(shards)
        let ordered = shards.sorted { $0.header.shard < $1.header.shard }
        let first = ordered[0].header
        if first.kind == "sweep" { return try mergeSweep(ordered) }
        let plans = try Run.plan(first.scenarios, encoding: encoding)
        try checkInputs(plans.inputs, against: ordered[0])
        var projections: [Projection] = []
        var risks: [RiskResult] = []
        var sensitivities: [SensitivityRow] = []
        var tables: [String: [UInt8]] = [:]
        for (index, (plan, portfolio)) in zip(plans.plans, plans.portfolios).enumerated() {
            let parts = ordered.map { $0.header.parts[index] }
            try checkBlocks(parts, shards: ordered, counties: plan.totals.counties.count)
            let years = plan.scenario.horizon.count
            let columns = years * LineItem.allCases.count
            let closed = plan.actuals?.closedYears.count ?? 0
            var sums: Projection.Sums? = nil
            var draws: DrawTotals? = nil
            for shard in ordered {
                let part = shard.header.parts[index]
                let values = Array(shard.totals[part.totals[0]..<(part.totals[0] + part.totals[1])])
                var offset = 0
                func take(_ count: Int) -> [Int64] {
                    defer { offset += count }
                    return Array(values[offset..<(offset + count)])
                }
                let shardSums = Projection.Sums(
                    itemTotals: take(columns), levelTotals: take(FundingLevel.allCases.count * columns),
                    plannedItemTotals: plan.actuals == nil ? nil : take(closed * LineItem.allCases.count),
                    closedYears: 0..<closed)
                sums = sums.map { $0 + shardSums } ?? shardSums
                if part.draws > 0 {
                    let shardDraws = DrawTotals(
                        draws: part.draws, totals: take(columns * part.draws),
                        selected: take(columns * part.draws),
                        envelopeAmounts: take(part.draws))
                    draws = draws.map { $0 + shardDraws } ?? shardDraws
                }
            }
            let projection = try Projection(plan: plan, sums: sums!)
            projections.append(projection)
            if let draws {
                risks.append(RiskResult(projection: projection, cells: [], drawTotals: draws))
                sensitivities += Sensitivity.run(projection, portfolio: portfolio)
            }
        }
        // The per-county tables: their header, then every scenario's pieces in shard order.
        let headers: [String: [UInt8]?] = [
            ForecastTables.forecastFile: ForecastTables.forecast([]),
            OutturnTables.varianceFile: projections.contains { $0.plannedItemTotals != nil }
                ? Array(OutturnTables.varianceHeader.utf8) : nil,
            RiskTables.forecastQuantilesFile: risks.isEmpty ? nil : RiskTables.forecastQuantiles([]),
        ]
        for name in Run.shardedTables {
            guard let header = headers[name] ?? nil else { continue }
            var bytes = header
            for index in projections.indices {
                for shard in ordered {
                    guard let range = shard.header.parts[index].tables[name] else { continue }
                    bytes += shard.rows[range[0]..<(range[0] + range[1])]
                }
            }
            tables[name] = bytes
        }
        return .run(
            Run(
                projections: projections, portfolios: plans.portfolios, risks: risks, inputs: plans.inputs,
                sensitivities: sensitivities, madeTables: tables))
    }

    // MARK: - Checks

    /// One shard directory: a whole `shard.json` and files of the sizes and hashes it lists.
    static func read(_ directory: String) throws(DiagnosticError) -> Shard {
        OutputDirectory.recover(directory)
        let headerPath = Path.join(directory, ShardHeader.fileName)
        let location = SourceLocation.file(headerPath)
        let bytes: [UInt8]
        do {
            bytes = try InputFile.readBytes(headerPath)
        } catch {
            throw DiagnosticError(
                location,
                "\(directory) is not a complete shard directory: it has no \(ShardHeader.fileName) "
                    + "(was its task killed before it finished? run it again)")
        }
        guard let header = try? JSONDecoder().decode(ShardHeader.self, from: Data(bytes)),
            header.format == ShardHeader.format
        else {
            throw DiagnosticError(
                location,
                "\(ShardHeader.fileName) is not a shard header of this engine (\(ShardHeader.format))")
        }
        var files: [String: [UInt8]] = [:]
        for file in header.files {
            let path = Path.join(directory, file.name)
            let content: [UInt8]
            do { content = try InputFile.readBytes(path) } catch {
                throw DiagnosticError(
                    location,
                    "shard \(header.shard) of \(header.shards) is incomplete: \(file.name) is missing")
            }
            guard content.count == file.bytes, Manifest.sha256(content) == file.sha256 else {
                throw DiagnosticError(
                    location,
                    "shard \(header.shard) of \(header.shards) is incomplete or damaged: \(file.name) has "
                        + "\(content.count) bytes and another hash than \(ShardHeader.fileName) lists "
                        + "(\(file.bytes) bytes); run the shard again")
            }
            files[file.name] = content
        }
        let totals = Int64Bytes.decode((files[ShardHeader.totalsFile] ?? [])[...])
        return Shard(
            directory: directory, header: header, rows: files[ShardHeader.rowsFile] ?? [], totals: totals)
    }

    /// The shards are one run's complete set: same kind, inputs, scenarios and N; each index once.
    static func checkSet(_ shards: [Shard]) throws(DiagnosticError) {
        let first = shards[0]
        var diagnostics: [Diagnostic] = []
        for shard in shards.dropFirst() {
            let header = shard.header
            if header.shards != first.header.shards {
                diagnostics.append(
                    Diagnostic(
                        shard.location,
                        "shard \(shard.directory) is shard \(header.shard) of \(header.shards), but "
                            + "\(first.directory) is of \(first.header.shards): they are not shards of one run"
                    ))
            } else if header.inputs != first.header.inputs || header.scenarios != first.header.scenarios
                || header.kind != first.header.kind || header.grids != first.header.grids
            {
                let changed = header.inputs.first { input in !first.header.inputs.contains(input) }
                let what = changed.map { " (\($0.path) differs)" } ?? ""
                diagnostics.append(
                    Diagnostic(
                        shard.location,
                        "shard \(shard.directory) was run on other inputs than \(first.directory)\(what): "
                            + "they are not shards of one run"))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        let count = first.header.shards
        var seen: [Int: String] = [:]
        for shard in shards {
            if let other = seen.updateValue(shard.directory, forKey: shard.header.shard) {
                diagnostics.append(
                    Diagnostic(
                        shard.location,
                        "shard \(shard.header.shard) of \(count) is given twice: \(other) and \(shard.directory)"
                    ))
            }
        }
        let missing = (0..<count).filter { seen[$0] == nil }
        if !missing.isEmpty {
            diagnostics.append(
                Diagnostic(
                    first.location,
                    "shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of "
                        + "\(count) \(missing.count == 1 ? "is" : "are") missing: merge needs every shard of the run"
                ))
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
    }

    /// The inputs read again now are those the shards ran on.
    static func checkInputs(_ inputs: [Manifest.Input], against shard: Shard) throws(DiagnosticError) {
        let now = inputs.map { ShardHeader.Input(role: $0.role, path: $0.path, sha256: $0.sha256) }
        guard now == shard.header.inputs else {
            let changed = now.first { !shard.header.inputs.contains($0) }
            throw DiagnosticError(
                shard.location,
                "\(changed?.path ?? "an input") changed since the shards were run: run them again on the same inputs"
            )
        }
    }

    /// The shards' county blocks follow each other and cover the portfolio.
    static func checkBlocks(_ parts: [ShardHeader.Part], shards: [Shard], counties: Int)
        throws(DiagnosticError)
    {
        var next = 0
        for (part, shard) in zip(parts, shards) {
            guard part.counties.count == 2, part.counties[0] == next, part.portfolioCounties == counties
            else {
                throw DiagnosticError(
                    shard.location, "shard \(shard.header.shard)'s counties do not follow the others'")
            }
            next = part.counties[1]
        }
        guard next == counties else {
            throw DiagnosticError(
                shards[0].location, "the shards cover \(next) of the portfolio's \(counties) counties")
        }
    }

    // MARK: - Sweeps

    /// A sweep's shards: their rows of sweep.csv in grid order, under the header.
    static func mergeSweep(_ shards: [Shard]) throws(DiagnosticError) -> Merged {
        let first = shards[0]
        var next = 0
        var bytes: [UInt8] = []
        for shard in shards {
            guard let block = shard.header.combinations, block.count == 2, block[0] == next,
                let header = shard.header.parts.first?.tables["header"],
                let rows = shard.header.parts.first?.tables[SweepRun.sweepFile]
            else {
                throw DiagnosticError(
                    shard.location, "shard \(shard.header.shard)'s combinations do not follow the others'")
            }
            if bytes.isEmpty { bytes += shard.rows[header[0]..<(header[0] + header[1])] }
            bytes += shard.rows[rows[0]..<(rows[0] + rows[1])]
            next = block[1]
        }
        var combinations = 1
        for text in first.header.grids ?? [] { combinations *= try Grid(text).count }
        guard next == combinations else {
            throw DiagnosticError(
                first.location, "the shards cover \(next) of the sweep's \(combinations) combinations")
        }
        let inputs = first.header.inputs.map {
            Manifest.Input(role: $0.role, path: $0.path, sha256: $0.sha256)
        }
        let plans = try Run.plan(first.header.scenarios)
        try checkInputs(plans.inputs, against: first)
        return .sweep(files: [(SweepRun.sweepFile, bytes)], inputs: inputs)
    }
}
