/// A probability distribution of MODEL.md section 7.
public enum Distribution: Sendable, Equatable {
    case normal(mean: Double, sd: Double)
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    /// `mu` and `sigma` of the underlying normal, as in NumPy.
    case lognormal(mu: Double, sigma: Double)

    /// True for a distribution of zero width: it is its one value.
    public var isDegenerate: Bool {
        switch self {
        case .normal(_, let sd): sd == 0
        case .uniform(let min, let max): min == max
        case .triangular(let min, _, let max): min == max
        case .lognormal(_, let sigma): sigma == 0
        }
    }
}
