import GroundworkCore
import GroundworkEngine

/// What the envelope formulas of a scenario's summary sheet need and the CSV files do not say
/// (MODEL.md section 4.5): the amount, the window, the items counted and the levels whose
/// payments count.
public struct WorkbookEnvelope: Sendable, Equatable {
    /// The scenario, as its `scenario` column writes it.
    public var scenario: String
    /// The amount, in cents.
    public var amountCents: Int64
    /// The window, inclusive.
    public var from: Int
    public var to: Int
    /// The items counted, by their MODEL.md names (`venue_construction`, ...).
    public var items: [String]
    /// The levels whose payments count (`central`, `province`, `city`, `county`), or nil for
    /// every level (`payer: all`, the default).
    public var levels: [String]?

    public init(
        scenario: String, amountCents: Int64, from: Int, to: Int, items: [String], levels: [String]?
    ) {
        self.scenario = scenario
        self.amountCents = amountCents
        self.from = from
        self.to = to
        self.items = items
        self.levels = levels
    }

    /// The envelope of `scenario`, nil when it sets none: its level filter, every level for
    /// `all` (and v1.1's `both`).
    public init?(of scenario: Scenario) {
        guard let envelope = scenario.envelope else { return nil }
        let levels: [String]? = envelope.payer.isAll ? nil : envelope.payer.levels.map(\.key)
        self.init(
            scenario: scenario.name, amountCents: envelope.amountCents, from: envelope.from, to: envelope.to,
            items: LineItem.allCases.filter(envelope.items.contains).map(\.key), levels: levels)
    }
}
