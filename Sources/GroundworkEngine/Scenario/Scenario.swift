import GroundworkCore
import GroundworkIO
/// A scenario after loading, merging and validation: every parameter typed and in range.
///
/// Built by `ScenarioLoader`; immutable afterwards. `origins` records where each parameter that
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

    /// The effective payer of a line item (MODEL.md section 4).
    public func payer(of item: LineItem) -> Payer {
        switch item {
        case .venueConstruction, .venueUpkeep: venues.payer
        case .operatingFunds: operatingFunds.payer
        case .cadrePayBasic, .cadrePayPerformance: pay.payer
        case .pensionTopUp: pension.payer
        }
    }
}
