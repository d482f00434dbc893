/// The band of a `CategoryChart`: a shaded range between a low and a high value per category
/// (the Monte Carlo fan's p05 to p95).
extension CategoryChart {
    public struct Band: Sendable {
        public var name: String
        public var color: String
        public var low: [Double?]
        public var high: [Double?]
        public init(_ name: String, color: String, low: [Double?], high: [Double?]) {
            self.name = name
            self.color = color
            self.low = low
            self.high = high
        }
    }

    /// One closed path along the highs and back along the lows, over the categories that
    /// have both.
    func bandArea() -> [String] {
        guard let band else { return [] }
        let indices = categories.indices.filter { band.low[$0] != nil && band.high[$0] != nil }
        guard !indices.isEmpty else { return [] }
        var path = indices.enumerated().map { position, index in
            (position == 0 ? "M" : "L")
                + "\(SVG.coordinate(x(index))) \(SVG.coordinate(y(band.high[index]!)))"
        }
        path += indices.reversed().map { index in
            "L\(SVG.coordinate(x(index))) \(SVG.coordinate(y(band.low[index]!)))"
        }
        let area = SVG.element(
            "path",
            [
                "d": path.joined(separator: " ") + " Z", "fill": band.color, "fill-opacity": "0.3",
                "stroke": "none",
            ])
        return [SVG.element("g", ["class": "series band", "data-series": band.name], content: area)]
    }
}
