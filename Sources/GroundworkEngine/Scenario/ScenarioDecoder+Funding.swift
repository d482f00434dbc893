import GroundworkCore
import GroundworkIO

/// Who pays (MODEL.md section 4): a section's `payer:`, `funding.counties` and the envelope's
/// `payer:` filter (section 4.5).
extension ScenarioDecoder {
    /// A payer: a level name (that level pays all) or a share map of levels whose shares, as
    /// the decimals written, sum to exactly 1.
    mutating func funding(_ node: YAMLNode, path: String) -> Funding? {
        let names = FundingLevel.allCases.map(\.key)
        switch node {
        case .scalar(let scalar):
            guard let level = FundingLevel(key: scalar.text) else {
                error(node.location, unknownLevel(scalar.text, path: path, valid: names))
                return nil
            }
            origins[path] = node.location
            return .single(level)
        case .sequence:
            error(
                node.location,
                "`\(path)` must be a level (\(Self.quoted(names))) or a share map such as "
                    + "`{province: 0.4, city: 0.3, county: 0.3}`, not a list")
            return nil
        case .mapping(let mapping):
            guard !mapping.entries.isEmpty else {
                error(
                    node.location,
                    "`\(path)` is a share map with no level; name at least one, e.g. `{city: 1}`")
                return nil
            }
            var shares: [(level: FundingLevel, share: ExactDecimal)] = []
            var complete = true
            for (key, value) in mapping.entries {
                guard let level = FundingLevel(key: key.text) else {
                    error(key.location, unknownLevel(key.text, path: path, valid: names))
                    complete = false
                    continue
                }
                if let first = shares.first(where: { $0.level == level }) {
                    error(
                        key.location, "`\(path)` lists `\(level.key)` twice (first with share \(first.share))"
                    )
                    complete = false
                    continue
                }
                let sharePath = "\(path).\(level.key)"
                guard number(value, path: sharePath, kind: .share) != nil, case .scalar(let scalar) = value
                else {
                    complete = false
                    continue
                }
                guard let exact = ExactDecimal(scalar.text), exact.scale <= Funding.maximumScale else {
                    error(
                        value.location,
                        "`\(sharePath)` has more than \(Funding.maximumScale) digits after the point")
                    complete = false
                    continue
                }
                shares.append((level, exact))
            }
            guard complete else { return nil }
            let sum = shares.reduce(ExactDecimal.zero) { $0 + $1.share }
            guard sum == .one, let funding = Funding(shares: shares) else {
                error(
                    node.location,
                    "the shares of `\(path)` must sum to exactly 1, but they sum to \(sum)")
                return nil
            }
            origins[path] = node.location
            return funding
        }
    }

    private func unknownLevel(_ text: String, path: String, valid names: [String]) -> String {
        var message =
            "`\(path)` names `\(text)`, which is not a level of government; levels are \(Self.quoted(names))"
        if let nearest = Spelling.nearest(to: text, among: names) {
            message = "`\(path)` names unknown level `\(text)`; did you mean `\(nearest)`?"
        }
        return message
    }

    static func quoted(_ names: [String]) -> String {
        names.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// A section's `payer:`, when written.
    mutating func sectionPayer(_ section: YAMLMapping?, _ funding: FundingSection) -> Funding? {
        let parameter = Parameter.payer(of: funding)
        guard let node = value(section, parameter.keys[0]) else { return nil }
        return self.funding(node, path: parameter.path)
    }

    /// `funding: {counties: {COUNTY: {SECTION: payer}}}`. Whether each county is in the
    /// portfolio is checked when the plan is made (`Plan`), where the portfolio is known.
    mutating func countyFunding(_ node: YAMLNode?) -> [CountyFunding] {
        let countiesKey = Parameter.fundingCounties
        guard let section = mapping(node, path: countiesKey.section, allowed: [countiesKey.keys[0]]),
            let countiesNode = value(section, countiesKey.keys[0])
        else { return [] }
        guard case .mapping(let counties) = countiesNode else {
            error(
                countiesNode.location,
                "`\(countiesKey)` must be a mapping of county -> sections, e.g. "
                    + "`{南召县: {venues: {province: 0.6, city: 0.2, county: 0.2}}}`")
            return []
        }
        origins[countiesKey.path] = countiesNode.location
        let sectionNames = FundingSection.allCases.map(\.key)
        var result: [CountyFunding] = []
        for (county, sectionsNode) in counties.entries {
            let countyPath = "\(countiesKey).\(county.text)"
            guard case .mapping(let sections) = sectionsNode, !sections.entries.isEmpty else {
                error(
                    sectionsNode.isNull ? county.location : sectionsNode.location,
                    "`\(countyPath)` must map sections (\(Self.quoted(sectionNames))) to their payer, "
                        + "e.g. `{venues: {province: 0.6, city: 0.2, county: 0.2}}`")
                continue
            }
            var override = CountyFunding(county: county.text, location: county.location, sections: [:])
            for (key, payerNode) in sections.entries {
                guard let fundingSection = FundingSection(key: key.text) else {
                    var message =
                        "`\(countyPath)` names `\(key.text)`, which is not a section with a payer; "
                        + "sections are \(Self.quoted(sectionNames))"
                    if let nearest = Spelling.nearest(to: key.text, among: sectionNames) {
                        message =
                            "`\(countyPath)` names unknown section `\(key.text)`; did you mean `\(nearest)`?"
                    }
                    error(key.location, message)
                    continue
                }
                let path = "\(countyPath).\(fundingSection.key)"
                if payerNode.isNull {
                    error(key.location, "`\(path)` has no payer; give a level or a share map")
                    continue
                }
                if let funding = funding(payerNode, path: path) {
                    override.sections[fundingSection] = funding
                }
            }
            result.append(override)
        }
        return result
    }

    /// The envelope's `payer:`: a level, a list of levels, or `all` (v1.1's `both`).
    mutating func levelFilter(_ node: YAMLNode, path: String) -> LevelFilter? {
        let names = FundingLevel.allCases.map(\.key)
        let choices = names + ["all"]
        func level(_ node: YAMLNode) -> FundingLevel? {
            guard case .scalar(let scalar) = node, let level = FundingLevel(key: scalar.text) else {
                var message =
                    "`\(path)` must be a level (\(Self.quoted(names))), a list of levels or `all`, "
                    + "not \(node.kindDescription)"
                if case .scalar(let scalar) = node,
                    let nearest = Spelling.nearest(to: scalar.text, among: choices)
                {
                    message = "`\(path)` names unknown level `\(scalar.text)`; did you mean `\(nearest)`?"
                }
                error(node.location, message)
                return nil
            }
            return level
        }
        switch node {
        case .scalar(let scalar) where scalar.text == "all" || scalar.text == "both":
            origins[path] = node.location
            return .all
        case .sequence(let items, _):
            guard !items.isEmpty else {
                error(node.location, "`\(path)` is an empty list; name at least one level, or write `all`")
                return nil
            }
            var levels: [FundingLevel] = []
            for item in items {
                guard let level = level(item) else { return nil }
                if levels.contains(level) {
                    error(item.location, "`\(path)` lists `\(level.key)` twice")
                    return nil
                }
                levels.append(level)
            }
            origins[path] = node.location
            return LevelFilter(levels)
        default:
            guard let level = level(node) else { return nil }
            origins[path] = node.location
            return LevelFilter([level])
        }
    }
}
