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
            error(.file(file), "missing `portfolio`: the path of the portfolio CSV, e.g. `portfolio: villages.csv`")
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
        guard let start = year(startNode, path: "horizon.start"), let end = year(endNode, path: "horizon.end")
        else { return nil }
        guard start <= end else {
            error(endNode.location, "`horizon.end` (\(end)) is before `horizon.start` (\(start))")
            return nil
        }
        guard end - start + 1 <= Self.maximumHorizonYears else {
            error(endNode.location, "the horizon \(start)-\(end) spans \(end - start + 1) years; at most \(Self.maximumHorizonYears) are allowed")
            return nil
        }
        return start...end
    }

    private mutating func payer(_ section: YAMLMapping?, path: String) -> Payer? {
        value(section, "payer").flatMap { choice($0, path: "\(path).payer", as: Payer.self) }
    }

    private mutating func roles(
        _ node: YAMLNode?, path: String, kind: Kind, into values: inout RoleValues<Double>
    ) {
        guard let section = mapping(node, path: path, allowed: Role.allCases.map(\.key)) else { return }
        for role in Role.allCases {
            if let node = value(section, role.key), let number = number(node, path: "\(path).\(role.key)", kind: kind) {
                values[role] = number
            }
        }
    }

    private mutating func cadres(_ node: YAMLNode?, into scenario: inout Scenario) {
        let section = mapping(node, path: "cadres", allowed: ["per_village"])
        roles(value(section, "per_village"), path: "cadres.per_village", kind: .amount, into: &scenario.cadresPerVillage)
    }

    private mutating func venues(_ node: YAMLNode?, into scenario: inout Scenario) {
        let keys = ["schedule", "shares", "unit_cost", "cost_growth", "payment_profile", "upkeep_rate", "annual_cap", "payer"]
        let section = mapping(node, path: "venues", allowed: keys)
        if let node { origins["venues"] = node.location }
        var venues = VenueParameters()
        let horizon = scenario.horizon
        let schedule = value(section, "schedule")
        let shares = value(section, "shares")
        if let schedule, let shares {
            error(shares.location, "give `venues.schedule` or `venues.shares`, not both (schedule at line \(schedule.location.line))")
        } else if let schedule {
            let counts = listedYears(schedule, path: "venues.schedule") { decoder, node, path in
                decoder.integer(node, path: path, range: 0...999_999_999, what: "a count of venues")
            }
            if let counts {
                for entry in counts where !horizon.contains(entry.year) {
                    error(entry.location, "`venues.schedule` year \(entry.year) is outside the horizon \(horizon.lowerBound)-\(horizon.upperBound)")
                }
                venues.rollout = .schedule(Dictionary(counts.map { ($0.year, $0.value) }, uniquingKeysWith: +))
            }
        } else if let shares {
            let fractions = listedYears(shares, path: "venues.shares") { decoder, node, path -> Decimal? in
                guard decoder.number(node, path: path, kind: .share) != nil,
                    case .scalar(let scalar) = node, let exact = Decimal(string: scalar.text)
                else { return nil }
                return exact
            }
            if let fractions {
                for entry in fractions where !horizon.contains(entry.year) {
                    error(entry.location, "`venues.shares` year \(entry.year) is outside the horizon \(horizon.lowerBound)-\(horizon.upperBound)")
                }
                let sum = fractions.reduce(Decimal(0)) { $0 + $1.value }
                if abs(NSDecimalNumber(decimal: sum - 1).doubleValue) > 1e-9 {
                    error(shares.location, "`venues.shares` must sum to 1, but they sum to \(sum)")
                }
                venues.rollout = .shares(Dictionary(fractions.map { ($0.year, $0.value) }, uniquingKeysWith: +))
            }
        }
        if let node = value(section, "unit_cost"), let map = yearMap(node, path: "venues.unit_cost", kind: .amount) {
            venues.unitCost = map
        }
        if let node = value(section, "cost_growth"), let map = yearMap(node, path: "venues.cost_growth", kind: .rate) {
            venues.costGrowth = map
        }
        if let node = value(section, "upkeep_rate"), let map = yearMap(node, path: "venues.upkeep_rate", kind: .rate) {
            venues.upkeepRate = map
        }
        if let node = value(section, "annual_cap"), let map = yearMap(node, path: "venues.annual_cap", kind: .amount) {
            venues.annualCap = map
        }
        if let node = value(section, "payment_profile") {
            if let profile = paymentProfile(node) { venues.paymentProfile = profile }
        }
        if let payer = payer(section, path: "venues") { venues.payer = payer }
        scenario.venues = venues
    }

    private mutating func paymentProfile(_ node: YAMLNode) -> [Double]? {
        guard case .sequence(let items, _) = node, !items.isEmpty else {
            error(node.location, "`venues.payment_profile` must be a list of shares summing to 1, e.g. `[0.7, 0.3]`, not \(node.kindDescription)")
            return nil
        }
        guard items.count <= Self.maximumHorizonYears else {
            error(node.location, "`venues.payment_profile` has \(items.count) tranches; at most \(Self.maximumHorizonYears) are allowed")
            return nil
        }
        var shares: [Double] = []
        var exactSum = Decimal(0)
        for (index, item) in items.enumerated() {
            guard let share = number(item, path: "venues.payment_profile[\(index)]", kind: .share) else { return nil }
            shares.append(share)
            if case .scalar(let scalar) = item { exactSum += Decimal(string: scalar.text) ?? Decimal(share) }
        }
        guard abs(NSDecimalNumber(decimal: exactSum - 1).doubleValue) <= 1e-9 else {
            error(node.location, "`venues.payment_profile` must sum to 1, but it sums to \(exactSum)")
            return nil
        }
        origins["venues.payment_profile"] = node.location
        return shares
    }

    private mutating func operatingFunds(_ node: YAMLNode?, into scenario: inout Scenario) {
        let section = mapping(node, path: "operating_funds", allowed: ["per_village", "growth", "start", "payer"])
        var funds = scenario.operatingFunds
        if let node = value(section, "per_village"), let map = yearMap(node, path: "operating_funds.per_village", kind: .amount) {
            funds.perVillage = map
        }
        if let node = value(section, "growth"), let map = yearMap(node, path: "operating_funds.growth", kind: .rate) {
            funds.growth = map
        }
        if let node = value(section, "start"), let start = year(node, path: "operating_funds.start") {
            funds.start = start
        }
        if let payer = payer(section, path: "operating_funds") { funds.payer = payer }
        scenario.operatingFunds = funds
    }

    private mutating func pay(_ node: YAMLNode?, into scenario: inout Scenario) {
        let keys = [
            "start", "secretary_monthly", "adjust_every", "income_multiple", "ratios", "basic_share",
            "performance_payout", "round_to", "payer",
        ]
        let section = mapping(node, path: "pay", allowed: keys)
        var pay = PayParameters()
        if let node = value(section, "start"), let start = year(node, path: "pay.start") { pay.start = start }
        if let node = value(section, "secretary_monthly"), let amount = number(node, path: "pay.secretary_monthly", kind: .amount) {
            pay.secretaryMonthly = amount
        }
        if let node = value(section, "adjust_every"),
            let every = integer(node, path: "pay.adjust_every", range: 1...Self.maximumHorizonYears, what: "a number of years")
        {
            pay.adjustEvery = every
        }
        if let node = value(section, "income_multiple"), let multiple = number(node, path: "pay.income_multiple", kind: .amount) {
            pay.incomeMultiple = multiple
        }
        roles(value(section, "ratios"), path: "pay.ratios", kind: .amount, into: &pay.ratios)
        if let node = value(section, "basic_share"), let share = number(node, path: "pay.basic_share", kind: .share) {
            pay.basicShare = share
        }
        if let node = value(section, "performance_payout"),
            let map = yearMap(node, path: "pay.performance_payout", kind: .amount)
        {
            pay.performancePayout = map
        }
        if let node = value(section, "round_to"), let step = number(node, path: "pay.round_to", kind: .positive) {
            pay.roundTo = step
        }
        if let payer = payer(section, path: "pay") { pay.payer = payer }
        scenario.pay = pay
    }

    private mutating func ruralIncome(_ node: YAMLNode?, into scenario: inout Scenario, file: String) {
        let section = mapping(node, path: "rural_income", allowed: ["base_year", "value", "growth", "values"])
        var income = scenario.ruralIncome
        if let node = value(section, "base_year"), let year = year(node, path: "rural_income.base_year") {
            income.baseYear = year
        }
        if let node = value(section, "value") {
            if let amount = number(node, path: "rural_income.value", kind: .amount) { income.value = amount }
        } else {
            let place = section.map { $0.location } ?? .file(file)
            error(place, "missing `rural_income.value`: the average rural labour income of `rural_income.base_year`, in yuan a year")
        }
        if let node = value(section, "growth"), let map = yearMap(node, path: "rural_income.growth", kind: .rate) {
            income.growth = map
        }
        if let node = value(section, "values") {
            let observed = listedYears(node, path: "rural_income.values") { decoder, node, path in
                decoder.number(node, path: path, kind: .amount)
            }
            for entry in observed ?? [] {
                if entry.year < income.baseYear {
                    error(entry.location, "`rural_income.values` year \(entry.year) is before `rural_income.base_year` (\(income.baseYear))")
                }
                income.values[entry.year] = entry.value
            }
        }
        scenario.ruralIncome = income
    }

    private mutating func pension(_ node: YAMLNode?, into scenario: inout Scenario) {
        let section = mapping(node, path: "pension", allowed: ["per_person", "growth", "start", "former", "payer"])
        var pension = scenario.pension
        if let node = value(section, "per_person"), let map = yearMap(node, path: "pension.per_person", kind: .amount) {
            pension.perPerson = map
        }
        if let node = value(section, "growth"), let map = yearMap(node, path: "pension.growth", kind: .rate) {
            pension.growth = map
        }
        if let node = value(section, "start"), let start = year(node, path: "pension.start") { pension.start = start }
        let former = mapping(
            value(section, "former"), path: "pension.former",
            allowed: ["covered", "turnover", "exit", "initial_per_village"])
        if let node = value(former, "covered"), let covered = boolean(node, path: "pension.former.covered") {
            pension.former.covered = covered
        }
        if let node = value(former, "turnover"), let share = number(node, path: "pension.former.turnover", kind: .share) {
            pension.former.turnover = share
        }
        if let node = value(former, "exit"), let share = number(node, path: "pension.former.exit", kind: .share) {
            pension.former.exit = share
        }
        if let node = value(former, "initial_per_village"),
            let amount = number(node, path: "pension.former.initial_per_village", kind: .amount)
        {
            pension.former.initialPerVillage = amount
        }
        if let payer = payer(section, path: "pension") { pension.payer = payer }
        scenario.pension = pension
    }

    private mutating func envelope(_ node: YAMLNode?, into scenario: inout Scenario) {
        guard let section = mapping(node, path: "envelope", allowed: ["amount", "from", "to", "items", "payer"])
        else { return }
        let horizon = scenario.horizon
        guard let amountNode = value(section, "amount") else {
            error(section.location, "missing `envelope.amount`: the yuan available, e.g. `amount: 300000000`")
            return
        }
        guard let amount = number(amountNode, path: "envelope.amount", kind: .amount) else { return }
        var envelope = EnvelopeParameters(
            amountCents: Money.cents(amount), from: horizon.lowerBound, to: horizon.upperBound)
        for key in ["from", "to"] {
            guard let node = value(section, key), let year = year(node, path: "envelope.\(key)") else { continue }
            if !horizon.contains(year) {
                error(node.location, "`envelope.\(key)` (\(year)) is outside the horizon \(horizon.lowerBound)-\(horizon.upperBound)")
            }
            if key == "from" { envelope.from = year } else { envelope.to = year }
        }
        if envelope.from > envelope.to, let node = value(section, "to") {
            error(node.location, "`envelope.to` (\(envelope.to)) is before `envelope.from` (\(envelope.from))")
        }
        if let node = value(section, "items") {
            if case .sequence(let items, _) = node {
                var selected: Set<LineItem> = []
                for item in items {
                    guard case .scalar(let scalar) = item, let lineItem = LineItem(key: scalar.text) else {
                        let names = LineItem.allCases.map(\.key)
                        var message = "`envelope.items` lists \(item.kindDescription), which is not a line item; items are \(names.map { "`\($0)`" }.joined(separator: ", "))"
                        if case .scalar(let scalar) = item, let nearest = Spelling.nearest(to: scalar.text, among: names) {
                            message = "`envelope.items` lists unknown item `\(scalar.text)`; did you mean `\(nearest)`?"
                        }
                        error(item.location, message)
                        continue
                    }
                    selected.insert(lineItem)
                }
                envelope.items = selected
                origins["envelope.items"] = node.location
            } else {
                error(node.location, "`envelope.items` must be a list of line items, e.g. `[venue_construction, operating_funds]`")
            }
        }
        if let node = value(section, "payer"), let payer = choice(node, path: "envelope.payer", as: PayerFilter.self) {
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
