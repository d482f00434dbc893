/// Reference lines of a `CategoryChart`: a dashed horizontal line across the plot at a value
/// (an envelope amount, 50%).
extension CategoryChart {
    public struct Reference: Sendable {
        public var name: String
        public var value: Double
        public var color: String
        public init(_ name: String, value: Double, color: String) {
            self.name = name
            self.value = value
            self.color = color
        }
    }

    func referenceLines() -> [String] {
        references.map { reference in
            let y = self.y(reference.value)
            let d = "M\(SVG.coordinate(layout.left)) \(SVG.coordinate(y)) H\(SVG.coordinate(plotRight))"
            return SVG.referencePath(d, name: reference.name, color: reference.color)
        }
    }
}

extension SVG {
    /// A reference line as its own series group: the dashed path `d` in `color`.
    static func referencePath(_ d: String, name: String, color: String) -> String {
        let path = element(
            "path",
            ["d": d, "stroke": color, "stroke-width": 2, "stroke-dasharray": "6 4", "fill": "none"])
        return element("g", ["class": "series reference", "data-series": name], content: path)
    }
}
