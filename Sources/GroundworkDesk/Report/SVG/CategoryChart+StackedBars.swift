/// The stacked bars of a `CategoryChart` (yearly outlay by item, venues by county, the
/// breach probability) and the totals written above the stacks.
extension CategoryChart {
    /// Bars stacked bottom series first; a missing or non-positive value draws no bar.
    func stackedBars(_ scale: NiceScale) -> [String] {
        let barWidth = min(bandWidth * 0.7, 60)
        var parts: [String] = []
        var tops = [Double](repeating: 0, count: categories.count)
        for series in stacks {
            parts.append(
                SVG.start("g", ["class": "series", "data-series": series.name, "fill": series.color]))
            for index in categories.indices {
                guard let value = series.values[index], value > 0 else { continue }
                let bottom = tops[index]
                tops[index] += value
                let yTop = y(tops[index])
                let attributes: SVG.Attributes = [
                    "x": x(index) - barWidth / 2, "y": yTop, "width": barWidth, "height": y(bottom) - yTop,
                ]
                parts.append(
                    SVG.element("rect", attributes, content: tooltip(series.name, index, value, scale)))
            }
            parts.append("</g>")
        }
        return parts
    }

    /// Each stack's total above it, formatted by `totalLabel` (none when it is nil).
    func stackTotals() -> [String] {
        guard let totalLabel, !stacks.isEmpty else { return [] }
        var parts = [SVG.start("g", ["class": "totals"])]
        for index in categories.indices {
            let total = stacks.reduce(0) { $0 + max(0, $1.values[index] ?? 0) }
            parts.append(
                SVG.text(
                    totalLabel(total), x: x(index), y: y(total) - 5, anchor: "middle",
                    size: layout.fontSize, className: "total-label", halo: true))
        }
        parts.append("</g>")
        return parts
    }
}
