/// The plot area and margins of a chart, in pixels (the SVG's user units).
public struct ChartLayout: Sendable {
    public var plotWidth: Double = 760
    public var plotHeight: Double = 260
    public var left: Double = 84
    public var right: Double = 28
    public var bottom: Double = 52
    public var fontSize: Double = 12

    public init(plotWidth: Double = 760, plotHeight: Double = 260) {
        self.plotWidth = plotWidth
        self.plotHeight = plotHeight
    }
}
