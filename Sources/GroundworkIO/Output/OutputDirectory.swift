import GroundworkCore

/// Writes a command's files into its output directory as one unit (MODEL.md section 8), so
/// that the directory holds exactly one run's files at every instant, even when the process is
/// killed with SIGKILL half way.
///
/// How the set is committed:
/// 1. **Directory exchange** (the usual path on Linux): the new files are written into a
///    staging directory beside DIR, the user's own files in DIR are hard-linked into it, and
///    `renameat2(RENAME_EXCHANGE)` swaps the two directories in one atomic step. Before the
///    swap DIR is the old run, after it the new one; the old one is then deleted from the
///    staging name. A DIR that does not exist yet is the staging directory renamed.
/// 2. **Roll-forward journal** (where the exchange cannot be used: DIR holds subdirectories,
///    is the working directory, is a mount point, or the file system has no exchange): the
///    files are written into a staging folder inside DIR, a journal naming them is renamed into
///    place (the commit point), then each file is renamed over the old one, `manifest.json`
///    last. Between the commit and the last rename DIR mixes the two runs; the next command that
///    touches DIR finishes the journal first (`recover`).
/// Either way, engine files of an earlier run that this one does not write are removed, files
/// that are not Groundwork's are left alone, and the next command removes the staging folders
/// that killed runs left behind (beside DIR and inside it).
public enum OutputDirectory {
    /// Every file name a Groundwork command may write into an output directory: what a run
    /// that does not write it removes.
    public static let engineFiles: Set<String> = [
        "forecast.csv", "summary.csv", "rollout.csv", "pay.csv", "headline.csv", "manifest.json",
        "funding.csv", "prices.csv", "variance.csv", "outturn.csv",
        "forecast_quantiles.csv", "summary_quantiles.csv", "envelope_risk.csv", "envelope_risk_by_year.csv",
        "sensitivity.csv", "counties.csv", "report.html",
        "comparison.csv", "headline_comparison.csv",
        "sweep.csv", "solve.csv", "groundwork.xlsx",
        "shard.json", "shard_totals.bin",
        // The report's chart data (ReportPage.dataFiles).
        "report_outlay_by_item.csv", "report_envelope.csv", "report_venues.csv", "report_pay.csv",
        "report_counties.csv", "report_fan.csv", "report_breach_probability.csv", "report_tornado.csv",
        "report_funding.csv", "report_funding_cumulative.csv", "report_prices.csv", "report_county_share.csv",
        "report_outturn.csv", "report_outturn_items.csv", "report_variances.csv", "report_sweep.csv",
        "report_solve.csv",
    ]

    /// The name of the roll-forward journal inside DIR.
    static let journalName = ".groundwork-journal"
    /// The prefix of staging folders inside DIR (`.groundwork-PID-RANDOM`).
    static let stagingPrefix = ".groundwork-"

    /// Writes `files` into `directory` as one unit; on any error before the commit the
    /// directory is left as it was (and is not created).
    public static func write(_ files: [(name: String, bytes: [UInt8])], to directory: String)
        throws(DiagnosticError)
    {
        let location = SourceLocation.file(directory)
        func failure(_ message: String) -> DiagnosticError {
            DiagnosticError(location, message, kind: .unwritableOutput)
        }
        switch System.kind(directory) {
        case .file, .other:
            throw failure("the output path exists and is not a directory")
        case .missing:
            try createFresh(files, at: directory, failure: failure)
            return
        case .directory:
            break
        }
        recover(directory)
        let target = System.realPath(directory) ?? directory
        if try exchange(files, into: target, failure: failure) { return }
        try writeWithJournal(files, into: target, failure: failure)
    }

    // MARK: - A new directory

    /// DIR does not exist: the staging directory, complete, is renamed to DIR.
    private static func createFresh(
        _ files: [(name: String, bytes: [UInt8])], at directory: String,
        failure: (String) -> DiagnosticError
    ) throws(DiagnosticError) {
        let parent = Path.directory(of: directory)
        var createdParents = false
        if System.kind(parent) == .missing {
            do {
                try System.makeDirectory(parent, intermediates: true)
                createdParents = true
            } catch {
                throw failure("cannot create the output directory: \(error.reason)")
            }
        }
        let staging = siblingStaging(for: directory)
        func abandon() {
            System.remove(staging)
            if createdParents { System.remove(parent) }
        }
        do {
            try System.makeDirectory(staging)
        } catch {
            abandon()
            throw failure("cannot create the output directory: \(error.reason)")
        }
        do {
            try writeFiles(files, into: staging)
        } catch {
            abandon()
            throw failure("cannot write \(error.name): \(error.failure.reason)")
        }
        do {
            try System.rename(staging, directory)
        } catch {
            System.remove(staging)
            // Another process created DIR meanwhile: write into it as into any existing DIR.
            if System.kind(directory) == .directory {
                try write(files, to: directory)
                return
            }
            if createdParents { System.remove(parent) }
            throw failure("cannot create the output directory: \(error.reason)")
        }
    }

    // MARK: - The exchange

    /// Tries the atomic exchange; false when it cannot be used here (nothing was changed).
    private static func exchange(
        _ files: [(name: String, bytes: [UInt8])], into directory: String,
        failure: (String) -> DiagnosticError
    ) throws(DiagnosticError) -> Bool {
        let names: [String]
        do {
            names = try System.entries(directory)
        } catch {
            throw failure("cannot read the output directory: \(error.reason)")
        }
        // A subdirectory cannot be hard-linked, and swapping the working directory away would
        // leave this process (and a shell in it) in the deleted copy.
        let working = System.realPath(System.workingDirectory) ?? System.workingDirectory
        if working == directory || working.hasPrefix(directory + "/") { return false }
        if names.contains(where: { System.ownKind(Path.join(directory, $0)) == .directory }) { return false }
        let staging = siblingStaging(for: directory)
        do {
            try System.makeDirectory(staging)
        } catch {
            return false
        }
        System.copyPermissions(from: directory, to: staging)
        do {
            try writeFiles(files, into: staging)
        } catch {
            System.remove(staging)
            throw failure("cannot write \(error.name): \(error.failure.reason)")
        }
        let written = Set(files.map(\.name))
        for name in names where !engineFiles.contains(name) && !written.contains(name) {
            do {
                try System.link(Path.join(directory, name), Path.join(staging, name))
            } catch {
                System.remove(staging)
                return false
            }
        }
        do {
            try System.exchange(staging, directory)
        } catch {
            System.remove(staging)
            if error.isUnsupported { return false }
            throw failure("cannot replace the output directory: \(error.reason)")
        }
        // The staging name now holds the previous run.
        System.remove(staging)
        return true
    }

    // MARK: - The journal

    private static func writeWithJournal(
        _ files: [(name: String, bytes: [UInt8])], into directory: String,
        failure: (String) -> DiagnosticError
    ) throws(DiagnosticError) {
        let stagingName = "\(stagingPrefix)\(System.processID)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = Path.join(directory, stagingName)
        do {
            try System.makeDirectory(staging)
        } catch {
            throw failure("cannot write into the output directory: \(error.reason)")
        }
        do {
            try writeFiles(files, into: staging)
        } catch {
            System.remove(staging)
            throw failure("cannot write \(error.name): \(error.failure.reason)")
        }
        let written = Set(files.map(\.name))
        let present = (try? System.entries(directory)) ?? []
        let stale = present.filter { engineFiles.contains($0) && !written.contains($0) }.sorted()
        // manifest.json goes last: it names the files beside it.
        let order =
            files.map(\.name).filter { $0 != "manifest.json" }
            + files.map(\.name).filter { $0 == "manifest.json" }
        let journal = Journal(pid: System.processID, staging: stagingName, moves: order, removals: stale)
        let journalPath = Path.join(directory, journalName)
        let temporary = journalPath + ".\(System.processID).tmp"
        do {
            try System.createFile(temporary, bytes: journal.bytes)
            try System.rename(temporary, journalPath)
        } catch {
            System.remove(temporary)
            System.remove(staging)
            throw failure("cannot write into the output directory: \(error.reason)")
        }
        // Committed: from here on the new run wins, now or at the next command.
        if let problem = journal.apply(in: directory) {
            throw failure("cannot move \(problem.name) into place: \(problem.failure.reason)")
        }
    }

    /// What a journal commits: the files to move from the staging folder, in order, and the
    /// stale files to remove.
    struct Journal: Equatable {
        var pid: Int32
        var staging: String
        var moves: [String]
        var removals: [String]

        var bytes: [UInt8] {
            var lines = ["groundwork journal 1", "pid \(pid)", "staging \(staging)"]
            lines += moves.map { "move \($0)" }
            lines += removals.map { "remove \($0)" }
            lines.append("end")
            return Array((lines.joined(separator: "\n") + "\n").utf8)
        }

        /// Reads a journal; nil unless it is whole (ends with `end`) and names only plain files.
        init?(bytes: [UInt8]) {
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
            guard lines.first == "groundwork journal 1", lines.last == "end", lines.count >= 4 else {
                return nil
            }
            var pid: Int32? = nil
            var staging: String? = nil
            var moves: [String] = []
            var removals: [String] = []
            for line in lines.dropFirst().dropLast() {
                guard let space = line.firstIndex(of: " ") else { return nil }
                let word = line[..<space]
                let value = String(line[line.index(after: space)...])
                guard !value.isEmpty, !value.contains("/") else { return nil }
                switch word {
                case "pid": pid = Int32(value)
                case "staging": staging = value
                case "move": moves.append(value)
                case "remove": removals.append(value)
                default: return nil
                }
            }
            guard let pid, let staging, staging.hasPrefix(OutputDirectory.stagingPrefix) else { return nil }
            self.init(pid: pid, staging: staging, moves: moves, removals: removals)
        }

        init(pid: Int32, staging: String, moves: [String], removals: [String]) {
            self.pid = pid
            self.staging = staging
            self.moves = moves
            self.removals = removals
        }

        /// Moves what is still in the staging folder, removes the stale files, then the journal
        /// and the folder. Idempotent, so a run killed while applying it is finished by the next.
        /// - Returns: the first file that could not be moved, if any.
        func apply(in directory: String) -> (name: String, failure: System.Failure)? {
            let staging = Path.join(directory, staging)
            for name in moves {
                let from = Path.join(staging, name)
                guard System.ownKind(from) != .missing else { continue }
                do {
                    try System.rename(from, Path.join(directory, name))
                } catch {
                    return (name, error)
                }
            }
            for name in removals where OutputDirectory.engineFiles.contains(name) {
                System.remove(Path.join(directory, name))
            }
            System.remove(Path.join(directory, OutputDirectory.journalName))
            System.remove(staging)
            return nil
        }
    }

    // MARK: - Recovery

    /// Finishes what a killed command left in `directory`: applies a committed journal and
    /// removes staging folders of processes that no longer run (inside DIR and beside it).
    /// Every command that writes or reads a run directory calls it first.
    public static func recover(_ directory: String) {
        guard System.kind(directory) == .directory else { return }
        let journalPath = Path.join(directory, journalName)
        if System.ownKind(journalPath) == .file, let bytes = try? System.readFile(journalPath) {
            if let journal = Journal(bytes: bytes) {
                if !System.isAlive(journal.pid) || journal.pid == System.processID {
                    _ = journal.apply(in: directory)
                }
            } else {
                // Not whole: the commit never happened (the rename is the commit).
                System.remove(journalPath)
            }
        }
        for name in (try? System.entries(directory)) ?? [] {
            if let pid = stagingProcess(name, prefix: stagingPrefix), !System.isAlive(pid) {
                System.remove(Path.join(directory, name))
            } else if name.hasPrefix(journalName + "."), name.hasSuffix(".tmp") {
                System.remove(Path.join(directory, name))
            }
        }
        let target = System.realPath(directory) ?? directory
        let parent = Path.directory(of: target)
        let prefix = siblingPrefix(for: target)
        for name in (try? System.entries(parent)) ?? [] {
            if let pid = stagingProcess(name, prefix: prefix), !System.isAlive(pid) {
                System.remove(Path.join(parent, name))
            }
        }
    }

    /// The staging directory beside `directory`: `.NAME.groundwork-PID-RANDOM`.
    static func siblingStaging(for directory: String) -> String {
        let parent = Path.directory(of: directory)
        let name = siblingPrefix(for: directory) + "\(System.processID)-\(UInt32.random(in: 0...UInt32.max))"
        return Path.join(parent, name)
    }

    static func siblingPrefix(for directory: String) -> String {
        ".\(Path.lastComponent(of: directory)).groundwork-"
    }

    /// The process id in a staging folder's name `PREFIX PID-RANDOM`, or nil for other names.
    static func stagingProcess(_ name: String, prefix: String) -> Int32? {
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        guard let dash = rest.firstIndex(of: "-") else { return nil }
        let tail = rest[rest.index(after: dash)...]
        guard !tail.isEmpty, tail.allSatisfy(\.isNumber) else { return nil }
        return Int32(rest[..<dash])
    }

    // MARK: - Writing the files

    struct WriteFailure: Error {
        var name: String
        var failure: System.Failure
    }

    /// Writes every file into `folder`, side by side on the cores (forecast.csv is most of the
    /// bytes).
    private static func writeFiles(_ files: [(name: String, bytes: [UInt8])], into folder: String)
        throws(WriteFailure)
    {
        let failures = SharedBuffer<System.Failure?>(repeating: nil, count: files.count)
        Parallel.forEach(files.count, threads: Parallel.processorCount) { index in
            do throws(System.Failure) {
                try System.createFile(Path.join(folder, files[index].name), bytes: files[index].bytes)
            } catch {
                failures[index] = error
            }
        }
        for index in files.indices {
            if let failure = failures[index] { throw WriteFailure(name: files[index].name, failure: failure) }
        }
    }
}
