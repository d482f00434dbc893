import GroundworkCore
import GroundworkIO
import Foundation

/// Loads scenario files: reads the YAML, follows `extends` (MODEL.md section 6), merges the
/// chain and decodes the result into a validated `Scenario`.
public enum ScenarioLoader {
    /// Loads one scenario file and its ancestors.
    public static func load(_ path: String) throws(DiagnosticError) -> Scenario {
        var chain: [(file: String, tree: YAMLNode)] = []
        var visited: [String: Int] = [:]
        var file = path
        var extendsLocation: SourceLocation? = nil
        while true {
            let identity = canonicalPath(file)
            if let index = visited[identity] {
                let cycle = (chain[index...].map(\.file) + [file]).joined(separator: " -> ")
                throw DiagnosticError(extendsLocation ?? .file(file), "`extends` forms a cycle: \(cycle)")
            }
            visited[identity] = chain.count
            let tree = try read(file, from: extendsLocation)
            if let extendsLocation, !tree.isMapping {
                // A parent must be a scenario (MODEL.md section 6): `extends: villages.csv` reads
                // as one YAML scalar, which would otherwise merge as nothing at all.
                throw DiagnosticError(
                    extendsLocation,
                    "`extends` names \(file), which is not a scenario: its top level is \(tree.documentKind), not a mapping of keys such as `horizon` and `portfolio`"
                )
            }
            chain.append((file, tree))
            guard case .mapping(let mapping) = tree, let parent = mapping["extends"], !parent.isNull else {
                break
            }
            guard case .scalar(let scalar) = parent, !scalar.text.isEmpty else {
                throw DiagnosticError(
                    parent.location,
                    "`extends` must be the path of a scenario file, not \(parent.kindDescription)")
            }
            extendsLocation = parent.location
            file = ScenarioDecoder.resolve(scalar.text, against: file)
        }
        // The oldest ancestor first; `name` and `extends` are never inherited.
        var merged = chain.count == 1 ? chain[0].tree : without(["name", "extends"], in: chain.last!.tree)
        for (_, tree) in chain.dropLast().reversed() {
            let isOwnFile = tree.location.file == path
            merged = ScenarioMerge.merge(
                parent: merged, child: isOwnFile ? tree : without(["name", "extends"], in: tree))
        }
        if chain.count > 1, case .mapping(var mapping) = merged {
            mapping.entries.removeAll { $0.key.text == "extends" }
            merged = .mapping(mapping)
        }
        var decoder = ScenarioDecoder()
        let scenario = decoder.scenario(merged, file: path, files: chain.map(\.file))
        guard let scenario, decoder.diagnostics.isEmpty else {
            throw DiagnosticError(decoder.diagnostics)
        }
        return scenario
    }

    /// Loads several scenarios for one run, reporting every file's errors, and checks that no
    /// two share a name (MODEL.md section 6).
    public static func load(_ paths: [String]) throws(DiagnosticError) -> [Scenario] {
        var scenarios: [Scenario] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            do {
                scenarios.append(try load(path))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var seen: [String: Scenario] = [:]
        for scenario in scenarios {
            if let first = seen[scenario.name] {
                diagnostics.append(
                    Diagnostic(
                        scenario.nameLocation,
                        "two scenarios in one run are named `\(scenario.name)` (\(first.file) and \(scenario.file)); give one a different `name:`"
                    ))
            } else {
                seen[scenario.name] = scenario
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return scenarios
    }

    private static func read(_ file: String, from reference: SourceLocation?) throws(DiagnosticError)
        -> YAMLNode
    {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.readBytes(file)
        } catch {
            guard let reference, error.diagnostics.allSatisfy({ $0.kind == .unreadableFile }) else {
                throw error
            }
            // A missing parent is reported where `extends` names it.
            throw DiagnosticError(error.diagnostics.map { Diagnostic(reference, $0.message, kind: $0.kind) })
        }
        do {
            let text = try InputFile.decodeUTF8(bytes, path: file)
            return try YAMLReader.parse(text, file: file)
        } catch {
            // A parent that is not YAML at all (a portfolio CSV, a workbook) is the `extends`
            // key's mistake; a broken YAML parent is reported in the parent, where it is fixed.
            guard let reference, !isYAMLName(file) else { throw error }
            throw DiagnosticError(
                reference,
                "`extends` names \(file), which is not a scenario file: \(error.diagnostics[0].message)")
        }
    }

    private static func isYAMLName(_ file: String) -> Bool {
        let name = file.lowercased()
        return name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    private static func without(_ keys: [String], in tree: YAMLNode) -> YAMLNode {
        guard case .mapping(var mapping) = tree else { return tree }
        mapping.entries.removeAll { keys.contains($0.key.text) }
        return .mapping(mapping)
    }

    private static func canonicalPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
