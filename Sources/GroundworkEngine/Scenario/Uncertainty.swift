import GroundworkCore
import GroundworkIO
/// One uncertain parameter: a parameter of the catalog, its distribution, and whether each
/// horizon year draws its own value.
public struct UncertainParameter: Sendable {
    public var parameter: Parameter
    public var distribution: Distribution
    public var perYear: Bool
    public var location: SourceLocation

    /// The dotted path, as written under `uncertainty.parameters`.
    public var path: String { parameter.path }
}

/// `uncertainty:` (MODEL.md section 7).
public struct Uncertainty: Sendable {
    public var draws = 1000
    public var seed: UInt64 = 0
    public var parameters: [UncertainParameter] = []
}
