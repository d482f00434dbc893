import GroundworkCore

/// The spending envelope of MODEL.md section 4.5, evaluated from the cents it counts.
///
/// The envelope counts the selected items' cents paid by the selected levels, from `from` to
/// each year of its window: `envelope_cumulative`; `remaining` is the amount less that
/// (negative after a breach); the breach year is the first year whose cumulative exceeds the
/// amount. The deterministic run, every Monte Carlo draw and every grid point of a sweep
/// evaluate it here, from their own cents, and every writer reads the result.
public struct Envelope: Sendable {
    public let parameters: EnvelopeParameters
    /// The first year of the horizon: year indices count from it.
    public let horizonStart: Int
    /// The horizon years of the window, as indices.
    public var window: ClosedRange<Int> { (parameters.from - horizonStart)...(parameters.to - horizonStart) }

    public init(_ parameters: EnvelopeParameters, horizonStart: Int) {
        self.parameters = parameters
        self.horizonStart = horizonStart
    }

    /// The envelope of a scenario, nil without one.
    public init?(of scenario: Scenario) {
        guard let parameters = scenario.envelope else { return nil }
        self.init(parameters, horizonStart: scenario.horizon.lowerBound)
    }

    /// Whether the envelope counts what `level` pays for `item`.
    public func counts(_ item: LineItem, paidBy level: FundingLevel) -> Bool {
        parameters.items.contains(item) && parameters.payer.includes(level)
    }

    /// The result: the cumulative per horizon year, the amount and the breach.
    public struct Use: Sendable, Equatable {
        public let amountCents: Int64
        /// Per horizon year, nil outside the window.
        public let cumulative: [Int64?]
        /// The calendar year of the breach.
        public let breachYear: Int?
        /// `envelope_used`: the cumulative in year `to`.
        public let used: Int64

        /// `envelope_remaining`: the amount less what was used (negative after a breach).
        public var remaining: Int64 { amountCents - used }

        /// The remaining amount at the end of a horizon year, nil outside the window.
        public func remaining(atYear index: Int) -> Int64? {
            cumulative[index].map { amountCents - $0 }
        }
    }

    /// Evaluates the envelope from the cents it counts in each horizon year (`selected[y]`:
    /// the selected items' cents paid by the selected levels in year index y).
    /// Complexity: O(years).
    public func evaluate(selected: [Int64], amountCents: Int64? = nil) -> Use {
        let amount = amountCents ?? parameters.amountCents
        var cumulative = [Int64?](repeating: nil, count: selected.count)
        var running: Int64 = 0
        var breach: Int? = nil
        for index in window {
            running += selected[index]
            cumulative[index] = running
            if breach == nil, running > amount { breach = horizonStart + index }
        }
        return Use(amountCents: amount, cumulative: cumulative, breachYear: breach, used: running)
    }

    /// The year index of the first breach, for a Monte Carlo draw: `selected(y)` gives the
    /// counted cents of year index y, `amountCents` the draw's amount. Stops at the breach.
    @inline(__always)
    public func firstBreach(amountCents: Int64, selected: (Int) -> Int64) -> Int? {
        var running: Int64 = 0
        for index in window {
            running += selected(index)
            if running > amountCents { return index }
        }
        return nil
    }
}
