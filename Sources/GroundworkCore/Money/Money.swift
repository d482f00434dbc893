/// Money written out: integer cents (MODEL.md section 5).
public enum Money {
    /// An exact decimal amount of yuan rounded half away from zero to the cent, exactly.
    public static func cents(exact yuan: ExactDecimal) -> Int64 {
        guard yuan.scale > 2 else { return Int64(yuan.significand(atScale: 2)!) }
        var divisor: Int128 = 1
        for _ in 0..<(yuan.scale - 2) { divisor *= 10 }
        let magnitude = yuan.significand < 0 ? -yuan.significand : yuan.significand
        var cents = magnitude / divisor
        if (magnitude % divisor) * 2 >= divisor { cents += 1 }
        return Int64(yuan.significand < 0 ? -cents : cents)
    }

    /// Rounds a yuan amount half away from zero to the cent.
    ///
    /// A double that lies within 1e-13 (relative, at most 0.001 cent) of a half cent is taken
    /// as the half, so that an exact half cent computed as 0.004999999999 still rounds up, as
    /// in exact arithmetic.
    /// - Precondition: `abs(yuan) < 10^15` (callers check the 10^13 limit first).
    @inlinable
    public static func cents(_ yuan: Double) -> Int64 {
        // Callers check the limit and finiteness first; should one not, saturate, never trap.
        guard yuan.isFinite, abs(yuan) < 1e16 else {
            return yuan.isNaN ? 0 : (yuan < 0 ? -Int64.max : Int64.max)
        }
        let scaled = yuan * 100
        let magnitude = abs(scaled)
        let floor = magnitude.rounded(.down)
        let fraction = magnitude - floor
        // A few hundred ulps for ordinary amounts, but never more than a thousandth of a cent,
        // so that amounts near 10^13 yuan are not pushed up a cent.
        let slack = min(max(magnitude, 1) * 1e-13, 1e-3)
        let rounded = fraction >= 0.5 - slack ? floor + 1 : floor
        let value = Int64(rounded)
        return scaled < 0 ? -value : value
    }
}
