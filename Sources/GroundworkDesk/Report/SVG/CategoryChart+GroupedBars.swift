/// The grouped bars of a `CategoryChart` (planned against actual per item): in each category
/// one bar per series, side by side, from 0 to the value; and a label above each group.
extension CategoryChart {
    /// The width of one category's group of bars: most of the slot, at most 40 px a bar.
    var groupWidth: Double { min(bandWidth * 0.8, 40 * Double(groups.count)) }

    /// One group per series; its bar in a category lies in the series' place within the
    /// category's group. A missing or zero value draws no bar; a negative one hangs below 0.
    func groupedBars(_ scale: NiceScale) -> [String] {
        guard !groups.isEmpty else { return [] }
        let barWidth = groupWidth / Double(groups.count)
        let zero = y(min(max(0, scale.lower), scale.upper))
        var parts: [String] = []
        for (position, series) in groups.enumerated() {
            parts.append(
                SVG.start("g", ["class": "series", "data-series": series.name, "fill": series.color]))
            for index in categories.indices {
                guard let value = series.values[index], value != 0 else { continue }
                let left = x(index) - groupWidth / 2 + Double(position) * barWidth
                let end = y(value)
                // A hair of white between neighbours, so that equal bars read as two.
                let attributes: SVG.Attributes = [
                    "x": left + 0.5, "y": min(end, zero), "width": barWidth - 1, "height": abs(zero - end),
                ]
                parts.append(
                    SVG.element("rect", attributes, content: tooltip(series.name, index, value, scale)))
            }
            parts.append("</g>")
        }
        return parts
    }

    /// Each category's `groupLabels` entry above the taller of its bars (or above 0).
    func groupLabelTexts() -> [String] {
        guard !groupLabels.isEmpty else { return [] }
        var parts = [SVG.start("g", ["class": "group-labels"])]
        for index in categories.indices where index < groupLabels.count {
            guard let label = groupLabels[index], !label.isEmpty else { continue }
            let top = groups.reduce(0) { max($0, $1.values[index] ?? 0) }
            parts.append(
                SVG.text(
                    label, x: x(index), y: y(top) - 5, anchor: "middle", size: layout.fontSize,
                    className: "group-label", halo: true))
        }
        parts.append("</g>")
        return parts
    }
}
