/// One series of a chart: a name for the legend, a colour, a value per category (nil: none).
public struct ChartSeries: Sendable {
    public var name: String
    public var color: String
    public var values: [Double?]
    public var dashed: Bool

    public init(_ name: String, color: String, values: [Double?], dashed: Bool = false) {
        self.name = name
        self.color = color
        self.values = values
        self.dashed = dashed
    }
}
