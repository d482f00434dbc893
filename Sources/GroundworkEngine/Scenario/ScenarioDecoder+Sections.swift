import GroundworkCore
import GroundworkIO
import Foundation

/// One function per section of a scenario file (MODEL.md sections 3-4 and 6).
extension ScenarioDecoder {
    /// Decodes a merged tree. Returns nil when any diagnostic was reported.
    mutating func scenario(_ root: YAMLNode, file: String, files: [String]) -> Scenario? {
        guard case .mapping = root, let top = mapping(root, path: "", allowed: Self.topLevelKeys) else {
            error(.file(file), "a scenario file must be a mapping of keys such as `horizon` and `portfolio`")
            return nil
        }
        var name = Self.stem(of: file)
        var nameLocation = SourceLocation.file(file)
        if let node = value(top, "name"), let text = string(node, path: "name") {
            if text.isEmpty || text.contains(where: { $0 == "\n" || $0 == "\r" }) {
                error(node.location, "`name` must be one line of text, not empty")
            }
            name = text
            nameLocation = node.location
        }
        let description = value(top, "description").flatMap { string($0, path: "description") }

        guard let horizon = horizon(value(top, "horizon"), file: file) else {
            return nil
        }
        var portfolioPath = ""
        var portfolioLocation = SourceLocation.file(file)
        if let node = value(top, "portfolio") {
            if let path = string(node, path: "portfolio") {
                portfolioPath = Self.resolve(path, against: node.location.file)
                portfolioLocation = node.location
            }
        } else {
            error(
                .file(file),
                "missing `portfolio`: the path of the portfolio CSV, e.g. `portfolio: villages.csv`")
        }

        var scenario = Scenario(
            name: name, nameLocation: nameLocation, description: description, file: file, files: files,
            horizon: horizon, portfolioPath: portfolioPath, portfolioLocation: portfolioLocation,
            operatingFunds: OperatingFundsParameters(start: horizon.lowerBound),
            ruralIncome: RuralIncomeParameters(value: 0),
            pension: PensionParameters(start: horizon.lowerBound),
            envelope: nil, origins: [:], uncertainty: nil)
        cadres(value(top, "cadres"), into: &scenario)
        venues(value(top, "venues"), into: &scenario)
        operatingFunds(value(top, "operating_funds"), into: &scenario)
        pay(value(top, "pay"), into: &scenario)
        ruralIncome(value(top, "rural_income"), into: &scenario, file: file)
        pension(value(top, "pension"), into: &scenario)
        envelope(value(top, "envelope"), into: &scenario)
        scenario.countyFunding = countyFunding(value(top, "funding"))
        scenario.prices = prices(value(top, "prices"), horizon: horizon)
        scenario.actuals = actuals(value(top, "actuals"), horizon: horizon)
        scenario.uncertainty = uncertainty(value(top, "uncertainty"), envelope: scenario.envelope)
        scenario.origins = origins
        return diagnostics.isEmpty ? scenario : nil
    }

    private mutating func horizon(_ node: YAMLNode?, file: String) -> ClosedRange<Int>? {
        guard let node else {
            error(.file(file), "missing `horizon`, e.g. `horizon: {start: 2014, end: 2030}`")
            return nil
        }
        guard let horizon = mapping(node, path: "horizon", allowed: ["start", "end"]) else { return nil }
        guard let startNode = value(horizon, "start"), let endNode = value(horizon, "end") else {
            error(node.location, "`horizon` needs both `start` and `end`, e.g. `{start: 2014, end: 2030}`")
            return nil
        }
        guard let start = year(startNode, path: Parameter.horizonStart.path),
            let end = year(endNode, path: Parameter.horizonEnd.path)
        else { return nil }
        guard start <= end else {
            error(
                endNode.location,
                "`\(Parameter.horizonEnd)` (\(end)) is before `\(Parameter.horizonStart)` (\(start))")
            return nil
        }
        guard end - start + 1 <= Limits.maximumHorizonYears else {
            error(
                endNode.location,
                "the horizon \(start)-\(end) spans \(end - start + 1) years; at most \(Limits.maximumHorizonYears) are allowed"
            )
            return nil
        }
        return start...end
    }

    // MARK: - Catalog entries

    /// The section (or nested mapping) at `prefix` as a mapping of the catalog's keys there.
    private mutating func section(_ node: YAMLNode?, _ prefix: String) -> YAMLMapping? {
        mapping(node, path: prefix, allowed: Parameter.keys(under: prefix))
    }

    /// Reads every catalog entry directly under `prefix` that is not `.custom`, in catalog
    /// order, into `scenario`; the rest is its section's own code.
    private mutating func entries(
        _ mapping: YAMLMapping?, under prefix: String, into scenario: inout Scenario
    ) {
        guard let mapping else { return }
        for parameter in Parameter.catalog where parameter.path == prefix + "." + (parameter.keys.last ?? "")
        {
            guard let key = parameter.keys.last, let node = value(mapping, key) else { continue }
            let path = parameter.path
            switch parameter.access {
            case .map(let keyPath):
                if let map = yearMap(node, path: path, kind: parameter.range) {
                    scenario[keyPath: keyPath] = map
                }
            case .optionalMap(let keyPath):
                if let map = yearMap(node, path: path, kind: parameter.range) {
                    scenario[keyPath: keyPath] = map
                }
            case .number(let keyPath):
                if let number = number(node, path: path, kind: parameter.range) {
                    scenario[keyPath: keyPath] = number
                }
            case .year(let keyPath):
                if let year = year(node, path: path) { scenario[keyPath: keyPath] = year }
            case .integer(let keyPath, let range, let noun):
                if let integer = integer(node, path: path, range: range, what: noun) {
                    scenario[keyPath: keyPath] = integer
                }
            case .boolean(let keyPath):
                if let flag = boolean(node, path: path) { scenario[keyPath: keyPath] = flag }
            case .custom:
                continue
            }
        }
    }

    private mutating func cadres(_ node: YAMLNode?, into scenario: inout Scenario) {
        let cadres = section(node, "cadres")
        let perVillage = Parameter.cadresPerVillageSecretary.parent
        entries(section(value(cadres, "per_village"), perVillage), under: perVillage, into: &scenario)
    }

    private mutating func venues(_ node: YAMLNode?, into scenario: inout Scenario) {
        let section = section(node, "venues")
        if let node { origins["venues"] = node.location }
        let horizon = scenario.horizon
        let scheduleKey = Parameter.venuesSchedule
        let sharesKey = Parameter.venuesShares
        let schedule = value(section, scheduleKey.keys[0])
        let shares = value(section, sharesKey.keys[0])
        if let schedule, let shares {
            error(
                shares.location,
                "give `\(scheduleKey)` or `\(sharesKey)`, not both (schedule at line \(schedule.location.line))"
            )
        } else if let schedule {
            let counts = listedYears(schedule, path: scheduleKey.path) { decoder, node, path in
                decoder.integer(node, path: path, range: 0...999_999_999, what: "a count of venues")
            }
            if let counts {
                for entry in counts where !horizon.contains(entry.year) {
                    error(
                        entry.location,
                        "`\(scheduleKey)` year \(entry.year) is outside the horizon \(horizon.lowerBound)-\(horizon.upperBound)"
                    )
                }
                scenario.venues.rollout = .schedule(
                    Dictionary(counts.map { ($0.year, $0.value) }, uniquingKeysWith: +))
            }
        } else if let shares {
            let fractions = listedYears(shares, path: sharesKey.path) { decoder, node, path -> Decimal? in
                guard decoder.number(node, path: path, kind: .share) != nil,
                    case .scalar(let scalar) = node, let exact = Decimal(string: scalar.text)
                else { return nil }
                return exact
            }
            if let fractions {
                for entry in fractions where !horizon.contains(entry.year) {
                    error(
                        entry.location,
                        "`\(sharesKey)` year \(entry.year) is outside the horizon \(horizon.lowerBound)-\(horizon.upperBound)"
                    )
                }
                let sum = fractions.reduce(Decimal(0)) { $0 + $1.value }
                if abs(NSDecimalNumber(decimal: sum - 1).doubleValue) > 1e-9 {
                    error(shares.location, "`\(sharesKey)` must sum to 1, but they sum to \(sum)")
                }
                scenario.venues.rollout = .shares(
                    Dictionary(fractions.map { ($0.year, $0.value) }, uniquingKeysWith: +))
            }
        }
        entries(section, under: "venues", into: &scenario)
        if let node = value(section, Parameter.paymentProfile.keys[0]) {
            if let profile = paymentProfile(node) { scenario.venues.paymentProfile = profile }
        }
        if let payer = sectionPayer(section, .venues) { scenario.venues.payer = payer }
    }

    private mutating func paymentProfile(_ node: YAMLNode) -> [Double]? {
        let path = Parameter.paymentProfile.path
        guard case .sequence(let items, _) = node, !items.isEmpty else {
            error(
                node.location,
                "`\(path)` must be a list of shares summing to 1, e.g. `[0.7, 0.3]`, not \(node.kindDescription)"
            )
            return nil
        }
        guard items.count <= Limits.maximumHorizonYears else {
            error(
                node.location,
                "`\(path)` has \(items.count) tranches; at most \(Limits.maximumHorizonYears) are allowed")
            return nil
        }
        var shares: [Double] = []
        var exactSum = Decimal(0)
        for (index, item) in items.enumerated() {
            guard let share = number(item, path: "\(path)[\(index)]", kind: .share) else { return nil }
            shares.append(share)
            if case .scalar(let scalar) = item { exactSum += Decimal(string: scalar.text) ?? Decimal(share) }
        }
        guard abs(NSDecimalNumber(decimal: exactSum - 1).doubleValue) <= 1e-9 else {
            error(node.location, "`\(path)` must sum to 1, but it sums to \(exactSum)")
            return nil
        }
        origins[path] = node.location
        return shares
    }

    private mutating func operatingFunds(_ node: YAMLNode?, into scenario: inout Scenario) {
        let section = section(node, "operating_funds")
        entries(section, under: "operating_funds", into: &scenario)
        if let payer = sectionPayer(section, .operatingFunds) { scenario.operatingFunds.payer = payer }
    }

    private mutating func pay(_ node: YAMLNode?, into scenario: inout Scenario) {
        let section = section(node, "pay")
        entries(section, under: "pay", into: &scenario)
        let ratios = Parameter.ratioSecretary.parent
        entries(self.section(value(section, "ratios"), ratios), under: ratios, into: &scenario)
        if let payer = sectionPayer(section, .pay) { scenario.pay.payer = payer }
    }

    private mutating func ruralIncome(_ node: YAMLNode?, into scenario: inout Scenario, file: String) {
        let section = section(node, "rural_income")
        entries(section, under: "rural_income", into: &scenario)
        if value(section, Parameter.incomeValue.keys[0]) == nil {
            let place = section.map { $0.location } ?? .file(file)
            error(
                place,
                "missing `\(Parameter.incomeValue)`: the average rural labour income of `\(Parameter.incomeBaseYear)`, in yuan a year"
            )
        }
        let valuesKey = Parameter.incomeValues
        if let node = value(section, valuesKey.keys[0]) {
            let observed = listedYears(node, path: valuesKey.path) { decoder, node, path in
                decoder.number(node, path: path, kind: .amount)
            }
            let baseYear = scenario.ruralIncome.baseYear
            for entry in observed ?? [] {
                if entry.year < baseYear {
                    error(
                        entry.location,
                        "`\(valuesKey)` year \(entry.year) is before `\(Parameter.incomeBaseYear)` (\(baseYear))"
                    )
                }
                scenario.ruralIncome.values[entry.year] = entry.value
            }
        }
    }

    private mutating func pension(_ node: YAMLNode?, into scenario: inout Scenario) {
        let section = section(node, "pension")
        entries(section, under: "pension", into: &scenario)
        let former = Parameter.formerCovered.parent
        entries(self.section(value(section, "former"), former), under: former, into: &scenario)
        if let payer = sectionPayer(section, .pension) { scenario.pension.payer = payer }
    }

    private mutating func envelope(_ node: YAMLNode?, into scenario: inout Scenario) {
        guard let section = section(node, "envelope") else { return }
        let horizon = scenario.horizon
        let amountKey = Parameter.envelopeAmount
        guard let amountNode = value(section, amountKey.keys[0]) else {
            error(section.location, "missing `\(amountKey)`: the yuan available, e.g. `amount: 300000000`")
            return
        }
        guard let amount = number(amountNode, path: amountKey.path, kind: .amount) else { return }
        var envelope = EnvelopeParameters(
            amountCents: Money.cents(amount), from: horizon.lowerBound, to: horizon.upperBound)
        let (fromKey, toKey) = (Parameter.envelopeFrom, Parameter.envelopeTo)
        for parameter in [fromKey, toKey] {
            guard let node = value(section, parameter.keys[0]), let year = year(node, path: parameter.path)
            else {
                continue
            }
            if !horizon.contains(year) {
                error(
                    node.location,
                    "`\(parameter)` (\(year)) is outside the horizon \(horizon.lowerBound)-\(horizon.upperBound)"
                )
            }
            if parameter == fromKey { envelope.from = year } else { envelope.to = year }
        }
        if envelope.from > envelope.to, let node = value(section, toKey.keys[0]) {
            error(node.location, "`\(toKey)` (\(envelope.to)) is before `\(fromKey)` (\(envelope.from))")
        }
        let itemsKey = Parameter.envelopeItems
        if let node = value(section, itemsKey.keys[0]) {
            if case .sequence(let items, _) = node {
                var selected: Set<LineItem> = []
                for item in items {
                    guard case .scalar(let scalar) = item, let lineItem = LineItem(key: scalar.text) else {
                        let names = LineItem.allCases.map(\.key)
                        var message =
                            "`\(itemsKey)` lists \(item.kindDescription), which is not a line item; items are \(names.map { "`\($0)`" }.joined(separator: ", "))"
                        if case .scalar(let scalar) = item,
                            let nearest = Spelling.nearest(to: scalar.text, among: names)
                        {
                            message =
                                "`\(itemsKey)` lists unknown item `\(scalar.text)`; did you mean `\(nearest)`?"
                        }
                        error(item.location, message)
                        continue
                    }
                    selected.insert(lineItem)
                }
                envelope.items = selected
                origins[itemsKey.path] = node.location
            } else {
                error(
                    node.location,
                    "`\(itemsKey)` must be a list of line items, e.g. `[venue_construction, operating_funds]`"
                )
            }
        }
        let payerKey = Parameter.envelopePayer
        if let node = value(section, payerKey.keys[0]),
            let payer = levelFilter(node, path: payerKey.path)
        {
            envelope.payer = payer
        }
        scenario.envelope = envelope
    }

    /// The stem of a file's name: `what-if.yaml` -> `what-if`.
    static func stem(of path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return stem.isEmpty ? name : stem
    }

    /// A relative path resolved against the directory of the file that wrote it.
    static func resolve(_ path: String, against file: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (file as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
    }
}
