/// Rounding as MODEL.md section 5 asks: half away from zero, and exact where it matters.
///
/// Amounts are doubles (BLAS works in binary floating point). The decisions that change many
/// cents downstream (the pay rounding of 4.3, the apportionment remainders of 4.1, the
/// `annual_cap` comparison) treat a double within 1e-9 (relative) of a half or a bound as
/// exactly on it, so they come out as in exact decimal arithmetic.
public enum Rounding {
    /// The relative tolerance of MODEL.md section 5.
    public static let tolerance = 1e-9

    /// `x` rounded half away from zero to a multiple of `step`, a value within 1e-9 (relative)
    /// of a half taken as the half. Used for the pay rounding of 4.3.
    public static func halfAwayFromZero(_ x: Double, step: Double) -> Double {
        let units = x / step
        let magnitude = abs(units)
        let floor = magnitude.rounded(.down)
        let fraction = magnitude - floor
        let slack = tolerance * max(magnitude, 1)
        let roundedMagnitude = fraction >= 0.5 - slack ? floor + 1 : floor
        return (units < 0 ? -roundedMagnitude : roundedMagnitude) * step
    }

    /// The largest integer n with `n <= x`, taking a value within 1e-9 (relative) of an integer
    /// as that integer (so 9.9999999999 apportioned units are 10).
    public static func floorWithTolerance(_ x: Double) -> Double {
        let nearest = x.rounded()
        if abs(x - nearest) <= tolerance * max(abs(x), 1) { return nearest }
        return x.rounded(.down)
    }
}
