import GroundworkCore
import GroundworkIO
/// `extends:` merging (MODEL.md section 6).
///
/// The parent goes under the child: mappings merge key by key and the child wins; lists,
/// scalars, year maps, share maps and each entry of `uncertainty.parameters` are replaced whole; a child's
/// `venues.schedule` drops the parent's `shares` and the reverse. A child's `null` stays in
/// the merged tree as an explicit null, which decoding reads as "absent" (so it also removes
/// whatever an ancestor set).
enum ScenarioMerge {
    static func merge(parent: YAMLNode, child: YAMLNode) -> YAMLNode {
        merge(parent: parent, child: child, path: [])
    }

    private static func merge(parent: YAMLNode, child: YAMLNode, path: [String]) -> YAMLNode {
        guard case .mapping(let childMapping) = child, case .mapping(var parentMapping) = parent,
            !childMapping.isYearMap, !isWholeValue(path)
        else {
            return child
        }
        if path == ["venues"] {
            let replacedBy = ["schedule": "shares", "shares": "schedule"]
            for (key, other) in replacedBy where childMapping[key].map({ !$0.isNull }) ?? false {
                parentMapping.entries.removeAll { $0.key.text == other }
            }
        }
        var entries = parentMapping.entries
        for (key, value) in childMapping.entries {
            if let index = entries.firstIndex(where: { $0.key.text == key.text }) {
                entries[index] = (
                    key, merge(parent: entries[index].value, child: value, path: path + [key.text])
                )
            } else {
                entries.append((key, value))
            }
        }
        return .mapping(YAMLMapping(entries: entries, location: childMapping.location))
    }

    /// Values replaced whole, never merged: a distribution (`uncertainty.parameters.<path>`)
    /// and a share map (a section's `payer:`, or a county's section under `funding.counties`).
    private static func isWholeValue(_ path: [String]) -> Bool {
        let dotted = path.joined(separator: ".")
        if path.count == 3 && dotted.hasPrefix(Parameter.uncertainParameters.path + ".") { return true }
        if FundingSection.allCases.contains(where: { Parameter.payer(of: $0).path == dotted }) { return true }
        return path.count == 4 && dotted.hasPrefix(Parameter.fundingCounties.path + ".")
    }
}
