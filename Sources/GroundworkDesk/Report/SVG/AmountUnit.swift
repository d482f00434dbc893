/// The unit of an amount axis: yuan, 万元 (10^4 yuan) or 亿元 (10^8 yuan).
public struct AmountUnit: Sendable, Equatable {
    public let name: String
    public let divisor: Double

    public static let yuan = AmountUnit(name: "yuan", divisor: 1)
    public static let wan = AmountUnit(name: "万元", divisor: 1e4)
    public static let yi = AmountUnit(name: "亿元", divisor: 1e8)

    /// The unit for amounts whose largest magnitude is `maximum` yuan: 亿元 from 10^8 (one 亿),
    /// 万元 from 10^5 (ten 万), yuan below; so axis labels stay between about 1 and 10,000.
    public static func choose(forMaximum maximum: Double) -> AmountUnit {
        let magnitude = abs(maximum)
        if magnitude >= 1e8 { return .yi }
        if magnitude >= 1e5 { return .wan }
        return .yuan
    }
}
