import GroundworkCore
import GroundworkIO

/// Who pays each item in each county (MODEL.md section 4): the sections' `payer:` with the
/// counties' overrides of `funding.counties` applied, checked against the portfolio.
///
/// Most counties share a funding, so the table holds each distinct funding once and an index
/// per (county, item).
public struct FundingTable: Sendable {
    /// The distinct fundings, in order of first use.
    public let fundings: [Funding]
    /// Per (county, item), county-major: an index into `fundings`.
    public let index: [Int]
    /// The levels with a non-zero share of some item in some county, top to bottom: the
    /// levels of `funding.csv`.
    public let levels: [FundingLevel]
    /// True when every item has one level paying all of it in every county: each cell is then
    /// its payer's part, unsplit (and `forecast.csv` is v1.1's).
    public let isUnsplit: Bool

    /// - Throws: a diagnostic at each `funding.counties` key that names no county of the
    ///   portfolio (with the nearest county's name).
    public init(scenario: Scenario, counties: [String], portfolioPath: String) throws(DiagnosticError) {
        var diagnostics: [Diagnostic] = []
        let position = Dictionary(
            counties.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var overrides: [Int: [FundingSection: Funding]] = [:]
        for override in scenario.countyFunding {
            guard let county = position[override.county] else {
                var message =
                    "`\(Parameter.fundingCounties)` names `\(override.county)`, which is not a county of the "
                    + "portfolio \(portfolioPath)"
                if let nearest = Spelling.nearest(to: override.county, among: counties) {
                    message += "; did you mean `\(nearest)`?"
                }
                diagnostics.append(Diagnostic(override.location, message))
                continue
            }
            overrides[county, default: [:]].merge(override.sections) { _, new in new }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        var fundings: [Funding] = []
        var known: [Funding: Int] = [:]
        func number(_ funding: Funding) -> Int {
            if let existing = known[funding] { return existing }
            known[funding] = fundings.count
            fundings.append(funding)
            return fundings.count - 1
        }
        let sectionDefaults = FundingSection.allCases.map { number(scenario.funding(of: $0)) }
        let items = LineItem.allCases.count
        var index = [Int](repeating: 0, count: counties.count * items)
        for county in counties.indices {
            for item in LineItem.allCases {
                let section = item.fundingSection
                index[county * items + item.rawValue] =
                    overrides[county]?[section].map(number) ?? sectionDefaults[section.rawValue]
            }
        }
        // Only fundings some county uses count for the levels (an override of every county
        // hides its section's payer).
        let used = Set(index)
        var levels = Set<FundingLevel>()
        for number in used { levels.formUnion(fundings[number].payingLevels) }
        self.fundings = fundings
        self.index = index
        self.levels = levels.sorted()
        isUnsplit = used.allSatisfy { fundings[$0].soleLevel != nil }
    }

    private init(fundings: [Funding], index: [Int], levels: [FundingLevel], isUnsplit: Bool) {
        self.fundings = fundings
        self.index = index
        self.levels = levels
        self.isUnsplit = isUnsplit
    }

    /// The table of a block of counties; the levels stay the whole portfolio's.
    public func slice(_ counties: Range<Int>) -> FundingTable {
        let items = LineItem.allCases.count
        return FundingTable(
            fundings: fundings,
            index: Array(index[(counties.lowerBound * items)..<(counties.upperBound * items)]),
            levels: levels, isUnsplit: isUnsplit)
    }

    /// The split rule of each of `fundings`, in that order (index them by `index`).
    public var rules: [Funding.Rule] { fundings.map(\.rule) }

    /// The funding of `item` in county `county` (its index in the portfolio).
    @inline(__always)
    public func funding(county: Int, item: LineItem) -> Funding {
        fundings[index[county * LineItem.allCases.count + item.rawValue]]
    }
}
