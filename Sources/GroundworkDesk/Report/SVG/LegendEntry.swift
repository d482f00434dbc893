/// A legend entry: a series' name and colour, and how its swatch is drawn.
public struct LegendEntry: Sendable {
    public enum Swatch: Sendable { case box, line, dashedLine, band }
    public var name: String
    public var color: String
    public var swatch: Swatch

    public init(_ name: String, color: String, swatch: Swatch) {
        self.name = name
        self.color = color
        self.swatch = swatch
    }
}
