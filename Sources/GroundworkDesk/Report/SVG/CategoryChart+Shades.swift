/// Shaded ranges of a `CategoryChart`: a light box behind the data over some categories
/// (the closed years, whose figures are actuals), from the plot's top to its bottom.
extension CategoryChart {
    public struct Shade: Sendable {
        public var name: String
        public var color: String
        /// The first and last category index shaded.
        public var categories: ClosedRange<Int>
        public init(_ name: String, color: String, categories: ClosedRange<Int>) {
            self.name = name
            self.color = color
            self.categories = categories
        }
    }

    /// The boxes, over the grid (which shows through) and behind the data: each covers its
    /// categories' whole slots, in the colour at the opacity of a band's legend swatch.
    func shadeAreas() -> [String] {
        shades.map { shade in
            let left = x(shade.categories.lowerBound) - bandWidth / 2
            let box = SVG.element(
                "rect",
                [
                    "x": left, "y": plotTop, "width": bandWidth * Double(shade.categories.count),
                    "height": layout.plotHeight, "fill": shade.color, "fill-opacity": "0.3",
                ])
            return SVG.element("g", ["class": "shade", "data-series": shade.name], content: box)
        }
    }
}
