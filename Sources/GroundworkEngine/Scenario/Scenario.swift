import GroundworkCore
import GroundworkIO
/// A scenario after loading, merging and validation: every parameter typed and in range.
///
/// Built by `ScenarioLoader`; its fields are `var` so that a Monte Carlo draw or a grid point
/// can replace a parameter on a copy (`Parameter.replace(in:with:)`). `origins` records where each parameter that
/// a file set came from (dotted path -> file, line, column), for errors located at a key and for
/// explaining what a what-if changes.
public struct Scenario: Sendable {
    public var name: String
    /// Where the name was given, or the scenario file when it defaults to the file's stem.
    public var nameLocation: SourceLocation
    public var description: String?
    /// The scenario's own file, as given.
    public var file: String
    /// The scenario's file and every ancestor it `extends`, child first.
    public var files: [String]
    public var horizon: ClosedRange<Int>
    /// The portfolio's path, resolved against the file that names it.
    public var portfolioPath: String
    public var portfolioLocation: SourceLocation
    public var cadresPerVillage = RoleValues(secretary: 1.0, director: 1.0, other: 3.0)
    public var venues = VenueParameters()
    public var operatingFunds: OperatingFundsParameters
    public var pay = PayParameters()
    public var ruralIncome: RuralIncomeParameters
    public var pension: PensionParameters
    public var envelope: EnvelopeParameters?
    /// `funding.counties`: counties with their own payers (MODEL.md section 4).
    public var countyFunding: [CountyFunding] = []
    /// `prices:`, when the scenario has it (MODEL.md section 4.6).
    public var prices: PriceParameters? = nil
    /// `actuals:`, when the scenario has it (MODEL.md section 9).
    public var actuals: ActualsParameters? = nil
    /// Dotted parameter path -> where its value was written.
    public var origins: [String: SourceLocation]
    /// `uncertainty:`, when the scenario has it (MODEL.md section 7).
    public var uncertainty: Uncertainty?

    /// The location of a parameter, or of the scenario file when it took its default.
    public func location(of path: String) -> SourceLocation {
        origins[path] ?? .file(file)
    }

    /// The location of a catalog parameter, or of the scenario file when it took its default.
    public func location(of parameter: Parameter) -> SourceLocation {
        location(of: parameter.path)
    }

    /// The years of the horizon, in order.
    public var years: [Int] { Array(horizon) }

    /// The funding a section's `payer:` sets (MODEL.md section 4), before county overrides.
    public func funding(of section: FundingSection) -> Funding {
        switch section {
        case .venues: venues.payer
        case .operatingFunds: operatingFunds.payer
        case .pay: pay.payer
        case .pension: pension.payer
        }
    }

    /// The funding of a line item in a county: the county's override of its section, else the
    /// section's `payer:`.
    public func funding(of item: LineItem, county: String) -> Funding {
        let section = item.fundingSection
        if let override = countyFunding.first(where: { $0.county == county })?.sections[section] {
            return override
        }
        return funding(of: section)
    }
}
