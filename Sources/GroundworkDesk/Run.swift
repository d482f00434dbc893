import GroundworkCore
import GroundworkEngine
import GroundworkIO
import Foundation

/// One run of the engine over several scenarios: load, plan, project (MODEL.md section 8).
///
/// Everything is computed and checked before anything is written; `write(to:)` then writes
/// all files atomically.
public struct Run: Sendable {
    public let projections: [Projection]
    /// The portfolio of each projection, in the same order (a sweep re-plans on it).
    public let portfolios: [Portfolio]
    /// Monte Carlo results of the scenarios with `uncertainty`, in command-line order.
    public let risks: [RiskResult]
    /// Every input file with its hash, in the order first used.
    public let inputs: [Manifest.Input]
    /// One-at-a-time sensitivity runs of the scenarios with `uncertainty` (`sensitivity.csv`).
    public var sensitivities: [SensitivityRow] = []
    /// Tables already made, by file name, used instead of making them from the projections: a
    /// merge of shards concatenates the shards' per-county rows of forecast.csv and the like.
    public var madeTables: [String: [UInt8]] = [:]

    public init(
        projections: [Projection], portfolios: [Portfolio], risks: [RiskResult], inputs: [Manifest.Input],
        sensitivities: [SensitivityRow] = [], madeTables: [String: [UInt8]] = [:]
    ) {
        self.projections = projections
        self.portfolios = portfolios
        self.risks = risks
        self.inputs = inputs
        self.sensitivities = sensitivities
        self.madeTables = madeTables
    }

    /// Which counties a run projects: all, or shard `index` of `count` (`run --shard I/N`):
    /// contiguous blocks of counties balanced by the portfolio's rows.
    public struct Shard: Sendable, Equatable {
        public var index: Int
        public var count: Int

        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }

        /// The shard's counties: block `index` of `count` contiguous blocks, the boundary
        /// before block i the county boundary with nearest to i x rows / count rows before it.
        public func counties(of portfolio: Portfolio) -> Range<Int> {
            let counties = portfolio.counties.count
            var rowsBefore = [Int](repeating: 0, count: counties + 1)
            for county in portfolio.countyOfRow { rowsBefore[county + 1] += 1 }
            for county in 0..<counties { rowsBefore[county + 1] += rowsBefore[county] }
            let rows = portfolio.rowCount
            // The county boundary nearest to block x rows / count rows before it (the earlier
            // one on a tie), so that each block's rows are as near an equal share as counties
            // allow.
            func boundary(_ block: Int) -> Int {
                if block >= count { return counties }
                if block <= 0 { return 0 }
                let target = block * rows
                var best = 0
                for county in 0...counties
                where abs(rowsBefore[county] * count - target) < abs(rowsBefore[best] * count - target) {
                    best = county
                }
                return best
            }
            return boundary(index)..<max(boundary(index), boundary(index + 1))
        }
    }

    /// The scenarios of a run, each with its plan (the whole portfolio's) and portfolio, and
    /// the inputs with their hashes: what every command starts from.
    public struct Plans: Sendable {
        public var plans: [Plan]
        public var portfolios: [Portfolio]
        public var inputs: [Manifest.Input]
    }

    /// Loads and validates the scenarios in `paths`, reads their portfolios and actuals once
    /// each, and plans them.
    /// - Throws: every diagnostic found, from all files, before anything is written.
    public static func plan(_ paths: [String], encoding: TextEncoding = .utf8) throws(DiagnosticError)
        -> Plans
    {
        let scenarios = try ScenarioLoader.load(paths)
        var diagnostics: [Diagnostic] = []
        var portfolios: [String: LoadedPortfolio] = [:]
        var failedPortfolios: Set<String> = []
        var plans: [Plan] = []
        for scenario in scenarios {
            let path = scenario.portfolioPath
            if failedPortfolios.contains(path) { continue }
            if portfolios[path] == nil {
                do {
                    portfolios[path] = try LoadedPortfolio(path, encoding: encoding)
                } catch {
                    failedPortfolios.insert(path)
                    // A portfolio that cannot be read (missing, a directory, no permission) is
                    // reported where the scenario names it.
                    diagnostics += error.diagnostics.map { diagnostic in
                        diagnostic.kind == .unreadableFile
                            ? Diagnostic(
                                scenario.portfolioLocation, "portfolio \(path): \(diagnostic.message)",
                                kind: .unreadableFile)
                            : diagnostic
                    }
                    continue
                }
            }
            let (portfolio, totals) = (portfolios[path]!.portfolio, portfolios[path]!.totals)
            do {
                let actuals = try scenario.actuals.map { (parameters) throws(DiagnosticError) in
                    try Actuals.load(
                        parameters, scenario: scenario, counties: totals.counties, encoding: encoding)
                }
                plans.append(
                    try Plan(scenario: scenario, portfolio: portfolio, totals: totals, actuals: actuals))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return Plans(
            plans: plans, portfolios: plans.map { portfolios[$0.scenario.portfolioPath]!.portfolio },
            inputs: try hashedInputs(scenarios, portfolios: portfolios))
    }

    /// Loads, validates, plans and projects the scenarios in `paths`.
    ///
    /// `encoding` is that of the portfolio CSVs (`--encoding gbk`); with `monteCarlo` false the
    /// Monte Carlo and sensitivity runs are skipped (`compare` needs only the projections).
    /// With `shard`, each scenario projects only the shard's counties (on the whole plan), and
    /// the sensitivity runs are left to the merge.
    /// - Throws: every diagnostic found, from all files, before anything is written.
    public static func project(
        _ paths: [String], options: MonteCarloOptions = MonteCarloOptions(),
        encoding: TextEncoding = .utf8, monteCarlo: Bool = true, shard: Shard? = nil
    ) throws(DiagnosticError) -> Run {
        // Groundwork parallelises in Swift with fixed work splits; OpenBLAS's own threads would
        // only compete for the same cores on these small products.
        BLAS.setThreads(1)
        let loaded = try plan(paths, encoding: encoding)
        var projections: [Projection] = []
        var diagnostics: [Diagnostic] = []
        for (plan, portfolio) in zip(loaded.plans, loaded.portfolios) {
            do {
                let projected = shard.map { plan.restricted(to: $0.counties(of: portfolio)) } ?? plan
                projections.append(try Projector.project(projected))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        var risks: [RiskResult] = []
        var sensitivities: [SensitivityRow] = []
        for (projection, portfolio) in zip(projections, loaded.portfolios)
        where monteCarlo && projection.scenario.uncertainty != nil {
            risks.append(try MonteCarlo.run(projection, portfolio: portfolio, options: options))
            if shard == nil { sensitivities += Sensitivity.run(projection, portfolio: portfolio) }
        }
        return Run(
            projections: projections, portfolios: loaded.portfolios, risks: risks, inputs: loaded.inputs,
            sensitivities: sensitivities)
    }

    /// A portfolio read once for every scenario that names it, with its county totals and
    /// the SHA-256 of its bytes (hashed on another thread while the plan is made).
    private struct LoadedPortfolio {
        var portfolio: Portfolio
        var totals: CountyTotals
        private let hash: PendingHash
        var sha256: String { hash.value }

        init(_ path: String, encoding: TextEncoding) throws(DiagnosticError) {
            let bytes = try InputFile.readBytes(path)
            // One pass for a well-formed UTF-8 file: the scanner checks the UTF-8 of the only
            // fields that may hold more than ASCII.
            portfolio = try PortfolioLoader.load(bytes: bytes, path: path, encoding: encoding)
            // The hash is needed only for the manifest: it runs while the totals and the plan
            // are made, which use one core.
            hash = PendingHash(bytes)
            totals = CountyTotals(portfolio)
        }
    }

    /// The SHA-256 of some bytes, computed on a thread of its own from the start.
    private final class PendingHash: @unchecked Sendable {
        private var hex = ""
        private let done = DispatchSemaphore(value: 0)

        init(_ bytes: [UInt8]) {
            Thread.detachNewThread { [self] in
                hex = Manifest.sha256(bytes)
                done.signal()
            }
        }

        /// The hash, once computed (waits for it).
        var value: String {
            done.wait()
            defer { done.signal() }
            return hex
        }
    }

    private static func hashedInputs(
        _ scenarios: [Scenario], portfolios: [String: LoadedPortfolio]
    ) throws(DiagnosticError) -> [Manifest.Input] {
        var inputs: [Manifest.Input] = []
        var seen: Set<String> = []
        func add(_ role: String, _ path: String) throws(DiagnosticError) {
            guard seen.insert(path).inserted else { return }
            let hash: String
            if let known = portfolios[path]?.sha256 {
                hash = known
            } else {
                hash = Manifest.sha256(try InputFile.readBytes(path))
            }
            inputs.append(Manifest.Input(role: role, path: path, sha256: hash))
        }
        for scenario in scenarios {
            try add("scenario", scenario.file)
            for parent in scenario.files.dropFirst() { try add("parent", parent) }
            try add("portfolio", scenario.portfolioPath)
        }
        return inputs
    }

    /// The files of MODEL.md section 8, `counties.csv` and `sensitivity.csv` for the report,
    /// with `report` the report (`report.html` and its chart data), with `xlsx` the workbook
    /// `groundwork.xlsx` in `language` (built from these CSV bytes), and the manifest.
    /// With `excel`, the CSV files get a byte order mark and CRLF line ends (`ExcelCSV`).
    /// - Throws: a diagnostic when the workbook cannot be made.
    public func files(
        commandLine: [String], report: Bool = false, excel: Bool = false, xlsx: Bool = false,
        language: Language = .en
    ) throws(DiagnosticError) -> [(name: String, bytes: [UInt8])] {
        try outputs(commandLine: commandLine, report: report, excel: excel, xlsx: xlsx, language: language)
            .files
    }

    /// The files of `files(...)` and the notes for the terminal (a table the workbook split
    /// over several sheets).
    public func outputs(
        commandLine: [String], report: Bool = false, excel: Bool = false, xlsx: Bool = false,
        language: Language = .en
    ) throws(DiagnosticError) -> OutputSet {
        let projections = projections
        let risks = risks
        var makers: [(name: String, make: @Sendable () -> [UInt8])] = [
            (ForecastTables.forecastFile, { ForecastTables.forecast(projections) }),
            (ForecastTables.summaryFile, { ForecastTables.summary(projections) }),
            (ForecastTables.rolloutFile, { ForecastTables.rollout(projections) }),
            (ForecastTables.payFile, { ForecastTables.pay(projections) }),
            (ForecastTables.headlineFile, { ForecastTables.headline(projections) }),
            (ForecastTables.fundingFile, { ForecastTables.funding(projections) }),
        ]
        // Written only when some scenario has `prices:` or `actuals:` (MODEL.md sections 4.6, 9).
        if let prices = ForecastTables.prices(projections) {
            makers.append((ForecastTables.pricesFile, { prices }))
        }
        if let variance = madeTables[OutturnTables.varianceFile] ?? OutturnTables.variance(projections) {
            makers.append((OutturnTables.varianceFile, { variance }))
        }
        if let outturn = OutturnTables.outturn(projections) {
            makers.append((OutturnTables.outturnFile, { outturn }))
        }
        if !risks.isEmpty {
            let riskMakers: [(name: String, make: @Sendable () -> [UInt8])] = [
                (RiskTables.forecastQuantilesFile, { RiskTables.forecastQuantiles(risks) }),
                (RiskTables.summaryQuantilesFile, { RiskTables.summaryQuantiles(risks) }),
                (RiskTables.envelopeRiskFile, { RiskTables.envelopeRisk(risks) }),
                (RiskTables.envelopeRiskByYearFile, { RiskTables.envelopeRiskByYear(risks) }),
            ]
            makers += riskMakers
        }
        let sensitivities = sensitivities
        makers.append((CountyTable.fileName, { CountyTable.csv(projections) }))
        if !risks.isEmpty { makers.append((Sensitivity.fileName, { Sensitivity.csv(sensitivities) })) }
        // Each table and its hash on its own thread; the largest (forecast.csv) first.
        let made = SharedBuffer<(bytes: [UInt8], sha256: String)>(repeating: ([], ""), count: makers.count)
        let madeTables = madeTables
        // forecast.csv (most of the bytes) is hashed while its blocks are written.
        let work: [@Sendable () -> (bytes: [UInt8], sha256: String?)] = makers.map { maker in
            if let bytes = madeTables[maker.name] { return { (bytes, nil) } }
            if maker.name == ForecastTables.forecastFile {
                return {
                    let (bytes, sha256) = ForecastTables.hashedForecast(projections)
                    return (bytes, sha256)
                }
            }
            return { (maker.make(), nil) }
        }
        Parallel.forEach(work.count, threads: Parallel.processorCount) { index in
            let (bytes, sha256) = work[index]()
            made[index] = (bytes, sha256 ?? Manifest.sha256(bytes))
        }
        var outputs = makers.indices.map { (name: makers[$0].name, bytes: made[$0].bytes) }
        var listed = makers.indices.map { (makers[$0].name, made[$0].bytes.count, made[$0].sha256) }
        if report {
            let pages = ReportPage.files(runFiles: outputs, commandLine: commandLine, language: language)
            outputs += pages
            listed += pages.map { ($0.name, $0.bytes.count, Manifest.sha256($0.bytes)) }
        }
        // The workbook is built from the CSV bytes as MODEL.md writes them, before --excel.
        let workbook =
            xlsx
            ? try Workbook.make(
                from: outputs, envelopes: projections.compactMap { WorkbookEnvelope(of: $0.scenario) },
                language: language) : nil
        if excel {
            // `--excel`: every CSV with a UTF-8 byte order mark and CRLF line ends, hashed as written.
            outputs = outputs.map {
                ExcelCSV.applies(to: $0.name) ? ($0.name, ExcelCSV.convert($0.bytes)) : $0
            }
            listed = outputs.map { ($0.name, $0.bytes.count, Manifest.sha256($0.bytes)) }
        }
        if let workbook {
            outputs.append((Workbook.fileName, workbook.bytes))
            listed.append((Workbook.fileName, workbook.bytes.count, Manifest.sha256(workbook.bytes)))
        }
        let manifest = Manifest.json(commandLine: commandLine, inputs: inputs, outputs: listed)
        return OutputSet(
            files: outputs + [(Manifest.fileName, manifest)], notes: workbook?.splits.map(\.note) ?? [])
    }

    /// Writes every file into `directory` atomically (with `report`, the report too; with
    /// `xlsx`, the workbook).
    /// - Returns: the files written, in the order written, and the notes for the terminal.
    @discardableResult
    public func write(
        to directory: String, commandLine: [String], report: Bool = false, excel: Bool = false,
        xlsx: Bool = false, language: Language = .en
    ) throws(DiagnosticError) -> OutputSet {
        let output = try outputs(
            commandLine: commandLine, report: report, excel: excel, xlsx: xlsx, language: language)
        try OutputDirectory.write(output.files, to: directory)
        return output
    }

    /// A short table for the terminal: per scenario the horizon total, venues built and
    /// deferred, envelope used and remaining, and the breach year.
    public func summaryTable() -> String {
        let header = [
            "scenario", "horizon", "actual", "total (yuan)", "venues built", "deferred", "envelope used",
            "remaining", "breach",
        ]
        var rows = [header]
        for projection in projections {
            let scenario = projection.scenario
            let start = scenario.horizon.lowerBound
            var actual = "-"
            if let last = projection.closedYears.last {
                actual = last == 0 ? "\(start)" : "\(start)-\(start + last)"
            }
            var used = "-"
            var remaining = "-"
            var breach = "-"
            if let use = projection.envelopeUse {
                used = TerminalTable.grouped(use.used)
                remaining = TerminalTable.grouped(use.remaining)
                breach = use.breachYear.map { String($0) } ?? "none"
            }
            rows.append([
                scenario.name, "\(start)-\(scenario.horizon.upperBound)", actual,
                TerminalTable.grouped(projection.total), String(projection.plan.venuesBuilt),
                String(projection.plan.venuesDeferred), used, remaining, breach,
            ])
        }
        return TerminalTable.render(rows)
    }
}
