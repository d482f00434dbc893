/// Title and legend above a plot: lays the entries out in rows that fit `width`.
struct ChartHeader {
    let title: String
    let legend: [LegendEntry]
    let width: Double
    let fontSize: Double

    private var entryWidths: [Double] {
        legend.map { 22 + SVG.textWidth($0.name, fontSize: fontSize) + 16 }
    }

    /// Entry positions (row, x) within the legend area.
    private var positions: [(row: Int, x: Double)] {
        var row = 0
        var x = 0.0
        var result: [(Int, Double)] = []
        for entryWidth in entryWidths {
            if x > 0 && x + entryWidth > width {
                row += 1
                x = 0
            }
            result.append((row, x))
            x += entryWidth
        }
        return result
    }

    var legendRows: Int { legend.isEmpty ? 0 : (positions.last!.row + 1) }
    /// The height of the title and legend.
    var height: Double { 34 + Double(legendRows) * (fontSize + 8) + 8 }

    func svg(left: Double) -> String {
        var parts = [
            SVG.text(
                title, x: left, y: 22, size: fontSize + 4, className: "chart-title",
                extra: ["font-weight": "bold"])
        ]
        parts.append(SVG.start("g", ["class": "legend"]))
        for (entry, position) in zip(legend, positions) {
            let x = left + position.x
            let y = 34 + Double(position.row) * (fontSize + 8)
            parts.append(swatch(entry, x: x, y: y))
            parts.append(SVG.text(entry.name, x: x + 22, y: y + fontSize, size: fontSize))
        }
        parts.append("</g>")
        return parts.joined(separator: "\n")
    }

    /// The entry's swatch, 16 px wide, at the start of its row.
    private func swatch(_ entry: LegendEntry, x: Double, y: Double) -> String {
        switch entry.swatch {
        case .box:
            return SVG.element(
                "rect", ["x": x, "y": y + 1, "width": 16, "height": fontSize, "fill": entry.color])
        case .band:
            return SVG.element(
                "rect",
                [
                    "x": x, "y": y + 1, "width": 16, "height": fontSize, "fill": entry.color,
                    "fill-opacity": "0.3",
                ])
        case .line, .dashedLine:
            let middle = y + fontSize / 2 + 1
            let dash: String? = entry.swatch == .dashedLine ? "4 3" : nil
            return SVG.element(
                "line",
                [
                    "x1": x, "y1": middle, "x2": x + 16, "y2": middle, "stroke": entry.color,
                    "stroke-width": 2.5, "stroke-dasharray": dash,
                ])
        }
    }
}
