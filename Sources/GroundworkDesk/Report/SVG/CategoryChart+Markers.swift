/// Markers of a `CategoryChart`: a dashed vertical line on a category (a breach year, a pay
/// rebase), drawn behind the data, with its label drawn on top of everything.
extension CategoryChart {
    public struct Marker: Sendable {
        /// The category index the marker stands on.
        public var index: Int
        public var label: String
        public var color: String
        public init(index: Int, label: String, color: String) {
            self.index = index
            self.label = label
            self.color = color
        }
    }

    /// The vertical lines, behind the data.
    func markerLines() -> [String] {
        guard !markers.isEmpty else { return [] }
        var parts = [SVG.start("g", ["class": "markers"])]
        for marker in markers {
            let x = self.x(marker.index)
            parts.append(
                SVG.element(
                    "line",
                    [
                        "x1": x, "y1": plotTop, "x2": x, "y2": plotBottom, "stroke": marker.color,
                        "stroke-width": 1.5, "stroke-dasharray": "3 3",
                    ]))
        }
        parts.append("</g>")
        return parts
    }

    /// The labels, on top of everything, with a white halo.
    func markerLabels() -> [String] {
        guard !markers.isEmpty else { return [] }
        var parts = [SVG.start("g", ["class": "marker-labels"])]
        for marker in markers {
            parts.append(
                SVG.text(
                    marker.label, x: x(marker.index) + 4, y: plotTop + 12, size: layout.fontSize,
                    className: "marker-label", extra: ["fill": marker.color], halo: true))
        }
        parts.append("</g>")
        return parts
    }
}
