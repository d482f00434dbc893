/// The bars of a `RowChart`: per-county totals from 0, or a tornado's bars from the
/// as-written value to each parameter's p05 and p95 run.
extension RowChart {
    /// One group per series; in each row the series' bars lie side by side, from `base` to
    /// the value.
    func bars(_ scale: NiceScale) -> [String] {
        var parts: [String] = []
        let slot = rowHeight * 0.76 / Double(max(1, series.count))
        for (position, item) in series.enumerated() {
            parts.append(SVG.start("g", ["class": "series", "data-series": item.name, "fill": item.color]))
            for index in rows.indices {
                guard let value = item.values[index] else { continue }
                let from = x(min(base, value))
                let to = x(max(base, value))
                let y = plotTop + Double(index) * rowHeight + rowHeight * 0.12 + Double(position) * slot
                let label = "\(rows[index]), \(item.name): \(SVG.number(value, decimals: scale.decimals + 2))"
                parts.append(
                    SVG.element(
                        "rect", ["x": from, "y": y, "width": max(to - from, 0), "height": slot],
                        content: SVG.title(label)))
            }
            parts.append("</g>")
        }
        return parts
    }

    /// The vertical line the bars start from: thin at 0, thicker at a tornado's as-written value.
    func baseLine() -> String {
        SVG.element(
            "line",
            [
                "x1": x(base), "y1": plotTop, "x2": x(base), "y2": plotBottom, "stroke": "#333",
                "stroke-width": baseLabel == nil ? 1 : 2,
            ])
    }

    /// The dashed vertical line at `reference` (an envelope amount), if any.
    func referenceLine() -> [String] {
        guard let reference else { return [] }
        let x = self.x(reference.value)
        let d = "M\(SVG.coordinate(x)) \(SVG.coordinate(plotTop)) V\(SVG.coordinate(plotBottom))"
        return [SVG.referencePath(d, name: reference.name, color: reference.color)]
    }
}
