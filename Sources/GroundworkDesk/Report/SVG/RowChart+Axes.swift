/// The axes of a `RowChart`: values along x with grid and nice ticks, a label per row.
extension RowChart {
    /// Grid lines and tick labels along x, and the axis label.
    func valueAxis(_ scale: NiceScale) -> [String] {
        var parts = [SVG.start("g", ["class": "axis x-axis"])]
        for tick in scale.ticks {
            let x = self.x(tick)
            parts.append(
                SVG.element(
                    "line",
                    ["x1": x, "y1": plotTop, "x2": x, "y2": plotBottom, "class": "grid", "stroke": "#ddd"]
                ))
            parts.append(
                SVG.text(
                    scale.label(tick), x: x, y: plotBottom + 16, anchor: "middle", size: layout.fontSize,
                    className: "tick"))
        }
        parts.append(
            SVG.text(
                xLabel, x: layout.left + layout.plotWidth / 2, y: plotBottom + 40, anchor: "middle",
                size: layout.fontSize, className: "axis-label"))
        parts.append("</g>")
        return parts
    }

    /// Each row's label, right-aligned against the plot.
    func rowLabels() -> [String] {
        var parts = [SVG.start("g", ["class": "axis y-axis"])]
        for (index, row) in rows.enumerated() {
            let y = plotTop + (Double(index) + 0.5) * rowHeight
            parts.append(
                SVG.text(
                    row, x: layout.left - 8, y: y + 4, anchor: "end", size: layout.fontSize,
                    className: "row-label"))
        }
        parts.append("</g>")
        return parts
    }
}
