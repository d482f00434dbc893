/// The axes of a `CategoryChart`: the value axis with its grid and nice ticks, and the
/// category axis with its labels thinned so they do not overlap.
extension CategoryChart {
    /// Grid lines, tick labels and the rotated axis label.
    func valueAxis(_ scale: NiceScale) -> [String] {
        var parts = [SVG.start("g", ["class": "axis y-axis"])]
        for tick in scale.ticks {
            let y = self.y(tick)
            parts.append(
                SVG.element(
                    "line",
                    ["x1": layout.left, "y1": y, "x2": plotRight, "y2": y, "class": "grid", "stroke": "#ddd"])
            )
            parts.append(
                SVG.text(
                    scale.label(tick), x: layout.left - 6, y: y + 4, anchor: "end", size: layout.fontSize,
                    className: "tick"))
        }
        let middle = plotTop + layout.plotHeight / 2
        parts.append(
            SVG.text(
                yLabel, x: 16, y: middle, anchor: "middle", size: layout.fontSize, className: "axis-label",
                extra: ["transform": "rotate(-90 16 \(SVG.coordinate(middle)))"]))
        parts.append("</g>")
        return parts
    }

    /// The base line, category labels and the axis label. A label with line breaks is written
    /// a line under another (`categoryLabelExtra` makes room for them).
    func categoryAxis(_ scale: NiceScale) -> [String] {
        let labels = categoryLabelLines
        let labelWidth = labels.joined().map { SVG.textWidth($0, fontSize: layout.fontSize) }.max() ?? 0
        let every = max(1, Int((labelWidth + 6) / bandWidth) + 1)
        var parts = [SVG.start("g", ["class": "axis x-axis"])]
        let base = y(max(scale.lower, 0))
        parts.append(
            SVG.element(
                "line", ["x1": layout.left, "y1": base, "x2": plotRight, "y2": base, "stroke": "#333"]))
        // Counted from the last, which is always labelled (a "deferred" bar, say).
        for (index, lines) in labels.enumerated() where (categories.count - 1 - index) % every == 0 {
            for (number, line) in lines.enumerated() {
                parts.append(
                    SVG.text(
                        line, x: x(index), y: plotBottom + 16 + Double(number) * categoryLineHeight,
                        anchor: "middle", size: layout.fontSize, className: "tick"))
            }
        }
        parts.append(
            SVG.text(
                xLabel, x: layout.left + layout.plotWidth / 2, y: plotBottom + 40 + categoryLabelExtra,
                anchor: "middle", size: layout.fontSize, className: "axis-label"))
        parts.append("</g>")
        return parts
    }

    /// Each category's label, split at its line breaks.
    var categoryLabelLines: [[String]] {
        categories.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The distance between the lines of a category label.
    var categoryLineHeight: Double { layout.fontSize + 2 }

    /// The height the category labels' second and later lines take, below the plot.
    var categoryLabelExtra: Double {
        Double((categoryLabelLines.map(\.count).max() ?? 1) - 1) * categoryLineHeight
    }
}
