import Foundation

/// Counter-based random numbers for Monte Carlo draws (MODEL.md section 7).
///
/// The value drawn for a parameter depends only on the seed, the parameter's dotted path, the
/// draw index and (for `per_year` draws) the year, so that draw i has the same values wherever
/// and in whatever order it is computed: with any thread count or block size, and in every
/// scenario of a run with the same seed and the same uncertain parameter (common random
/// numbers). Each value is a SplitMix64 finaliser applied to a key built from those inputs;
/// the path enters through its 64-bit FNV-1a hash.
public struct RandomStream: Sendable {
    private let key: UInt64

    public init(seed: UInt64, path: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        key = Self.mix(Self.mix(seed ^ 0x9e37_79b9_7f4a_7c15) ^ hash)
    }

    /// SplitMix64's finaliser: a bijection on 64-bit words with good avalanche.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform number in (0, 1) for a draw, a year (0 when not per year) and a counter.
    @inline(__always)
    public func uniform(draw: Int, year: Int, counter: Int) -> Double {
        let word = Self.mix(
            Self.mix(Self.mix(key ^ UInt64(truncatingIfNeeded: draw)) ^ UInt64(truncatingIfNeeded: year))
                ^ UInt64(truncatingIfNeeded: counter))
        // 53 random bits, offset by half a step so the result is never 0 or 1.
        return (Double(word >> 11) + 0.5) * 0x1.0p-53
    }

    /// A standard normal value by the Box-Muller transform of two uniforms.
    @inline(__always)
    public func standardNormal(draw: Int, year: Int) -> Double {
        let u1 = uniform(draw: draw, year: year, counter: 0)
        let u2 = uniform(draw: draw, year: year, counter: 1)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A value of `distribution` for a draw and a year (0 when not per year).
    ///
    /// Standard methods: Box-Muller for the normal (and the lognormal as exp of a normal),
    /// scaling of a uniform, and the inverse CDF for the triangular. A distribution of zero
    /// width returns its one value exactly.
    public func sample(_ distribution: Distribution, draw: Int, year: Int) -> Double {
        switch distribution {
        case .normal(let mean, let sd):
            return sd == 0 ? mean : mean + sd * standardNormal(draw: draw, year: year)
        case .uniform(let min, let max):
            return min == max ? min : min + (max - min) * uniform(draw: draw, year: year, counter: 0)
        case .triangular(let min, let mode, let max):
            guard min < max else { return min }
            let u = uniform(draw: draw, year: year, counter: 0)
            let cut = (mode - min) / (max - min)
            return u < cut
                ? min + ((max - min) * (mode - min) * u).squareRoot()
                : max - ((max - min) * (max - mode) * (1 - u)).squareRoot()
        case .lognormal(let mu, let sigma):
            return sigma == 0 ? exp(mu) : exp(mu + sigma * standardNormal(draw: draw, year: year))
        }
    }
}
