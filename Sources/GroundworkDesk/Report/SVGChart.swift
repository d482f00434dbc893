import GroundworkCore
import GroundworkEngine
import GroundworkIO
import Foundation

// Small SVG chart primitives for the HTML report: axes with nice ticks, stacked bars, lines,
// bands, reference lines, year markers, horizontal bars and a legend. The SVG is written as
// text, inline in the page (no `xmlns` needed in HTML5, no scripts, no external resources);
// fonts come from the page's CSS.

/// The unit of an amount axis: yuan, 万元 (10^4 yuan) or 亿元 (10^8 yuan).
public struct AmountUnit: Sendable, Equatable {
    public let name: String
    public let divisor: Double

    public static let yuan = AmountUnit(name: "yuan", divisor: 1)
    public static let wan = AmountUnit(name: "万元", divisor: 1e4)
    public static let yi = AmountUnit(name: "亿元", divisor: 1e8)

    /// The unit for amounts whose largest magnitude is `maximum` yuan: 亿元 from 10^8 (one 亿),
    /// 万元 from 10^5 (ten 万), yuan below; so axis labels stay between about 1 and 10,000.
    public static func choose(forMaximum maximum: Double) -> AmountUnit {
        let magnitude = abs(maximum)
        if magnitude >= 1e8 { return .yi }
        if magnitude >= 1e5 { return .wan }
        return .yuan
    }
}

/// A linear axis range with "nice" ticks: steps of 1, 2 or 5 times a power of ten, the range
/// widened to whole steps.
public struct NiceScale: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let step: Double

    /// - Parameters:
    ///   - minimum, maximum: the data's range (`minimum <= maximum`).
    ///   - targetTicks: about how many intervals to aim for.
    ///   - includeZero: widen the range to take in 0 (for bars).
    public init(minimum: Double, maximum: Double, targetTicks: Int = 5, includeZero: Bool = true) {
        var low = min(minimum, maximum)
        var high = max(minimum, maximum)
        if includeZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high - low <= 0 {
            // One value: a range around it (or 0..1 for zero).
            let pad = high == 0 ? 1 : abs(high) * 0.1
            if includeZero && high == 0 {
                high = 1
            } else {
                low -= pad
                high += pad
                if includeZero { low = min(low, 0); high = max(high, 0) }
            }
        }
        let step = Self.niceStep((high - low) / Double(max(1, targetTicks)))
        self.step = step
        // Whole steps around the data; a bound within 1e-9 step of a tick is on it.
        self.lower = (low / step + 1e-9).rounded(.down) * step
        self.upper = (high / step - 1e-9).rounded(.up) * step
    }

    /// The smallest of 1, 2, 5, 10 times a power of ten that is at least `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        for nice in [1.0, 2, 5, 10] where fraction <= nice * (1 + 1e-9) {
            return nice * magnitude
        }
        return 10 * magnitude
    }

    /// The tick values from `lower` to `upper`, each a whole multiple of `step`.
    public var ticks: [Double] {
        let first = Int((lower / step).rounded())
        let last = Int((upper / step).rounded())
        return (first...last).map { Double($0) * step }
    }

    /// Decimals that show every tick exactly.
    public var decimals: Int { max(0, -Int((log10(step) + 1e-9).rounded(.down))) }

    /// A tick's label: grouped thousands, `decimals` places, never "-0".
    public func label(_ value: Double) -> String {
        SVG.number(value, decimals: decimals)
    }
}

/// One series of a chart: a name for the legend, a colour, a value per category (nil: none).
public struct ChartSeries: Sendable {
    public var name: String
    public var color: String
    public var values: [Double?]
    public var dashed: Bool

    public init(_ name: String, color: String, values: [Double?], dashed: Bool = false) {
        self.name = name
        self.color = color
        self.values = values
        self.dashed = dashed
    }
}

/// The plot area and margins of a chart, in pixels (the SVG's user units).
public struct ChartLayout: Sendable {
    public var plotWidth: Double = 760
    public var plotHeight: Double = 260
    public var left: Double = 84
    public var right: Double = 28
    public var bottom: Double = 52
    public var fontSize: Double = 12

    public init(plotWidth: Double = 760, plotHeight: Double = 260) {
        self.plotWidth = plotWidth
        self.plotHeight = plotHeight
    }
}

/// SVG text helpers.
public enum SVG {
    /// Escapes text for XML content and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with at most two decimals, trailing zeros removed.
    public static func coordinate(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// `value` with `decimals` places and thousands separated by commas: 12,345.6.
    public static func number(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(max(0, decimals))f", value)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// The estimated width of `text` at `fontSize`: CJK characters are square, others about
    /// 0.6 em. Used for legends and label margins (no font metrics without a browser).
    public static func textWidth(_ text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { width, scalar in
            let wide =
                (0x2E80...0x9FFF).contains(scalar.value) || (0xAC00...0xD7A3).contains(scalar.value)
                || (0xF900...0xFAFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
            return width + fontSize * (wide ? 1.0 : 0.6)
        }
    }

    /// A white outline behind text drawn over lines and bars.
    static let halo = "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\""

    static func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", size: Double? = nil,
        className: String? = nil, extra: String = ""
    ) -> String {
        var attributes = "x=\"\(coordinate(x))\" y=\"\(coordinate(y))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let size { attributes += " font-size=\"\(coordinate(size))\"" }
        if let className { attributes += " class=\"\(className)\"" }
        if !extra.isEmpty { attributes += " " + extra }
        return "<text \(attributes)>\(escape(content))</text>"
    }
}

/// A legend entry: how its swatch is drawn.
public struct LegendEntry: Sendable {
    public enum Swatch: Sendable { case box, line, dashedLine, band }
    public var name: String
    public var color: String
    public var swatch: Swatch

    public init(_ name: String, color: String, swatch: Swatch) {
        self.name = name
        self.color = color
        self.swatch = swatch
    }
}

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
                extra: "font-weight=\"bold\"")
        ]
        parts.append("<g class=\"legend\">")
        for (entry, position) in zip(legend, positions) {
            let x = left + position.x
            let y = 34 + Double(position.row) * (fontSize + 8)
            let middle = y + fontSize / 2 + 1
            let color = SVG.escape(entry.color)
            switch entry.swatch {
            case .box:
                parts.append(
                    "<rect x=\"\(SVG.coordinate(x))\" y=\"\(SVG.coordinate(y + 1))\" width=\"16\" height=\"\(SVG.coordinate(fontSize))\" fill=\"\(color)\"/>"
                )
            case .band:
                parts.append(
                    "<rect x=\"\(SVG.coordinate(x))\" y=\"\(SVG.coordinate(y + 1))\" width=\"16\" height=\"\(SVG.coordinate(fontSize))\" fill=\"\(color)\" fill-opacity=\"0.3\"/>"
                )
            case .line, .dashedLine:
                let dash = entry.swatch == .dashedLine ? " stroke-dasharray=\"4 3\"" : ""
                parts.append(
                    "<line x1=\"\(SVG.coordinate(x))\" y1=\"\(SVG.coordinate(middle))\" x2=\"\(SVG.coordinate(x + 16))\" y2=\"\(SVG.coordinate(middle))\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash)/>"
                )
            }
            parts.append(SVG.text(entry.name, x: x + 22, y: y + fontSize, size: fontSize))
        }
        parts.append("</g>")
        return parts.joined(separator: "\n")
    }
}

/// A chart over categories along x (usually years): stacked bars, a band, lines, horizontal
/// reference lines and vertical markers, on one value axis.
///
/// Every series is one SVG group (`<g class="series" data-series="NAME">`: bars are its
/// `<rect>`s, a line its one `<path>`), so tests and browsers can find each.
public struct CategoryChart: Sendable {
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

    public var title: String
    public var categories: [String]
    public var xLabel: String
    public var yLabel: String
    public var stacks: [ChartSeries] = []
    public var lines: [ChartSeries] = []
    public var band: Band?
    public var references: [Reference] = []
    public var markers: [Marker] = []
    /// The marker legend entry, when there are markers (e.g. "rebase of pay").
    public var markerLegend: String?
    /// A fixed value range, instead of one fitted to the data.
    public var fixedRange: ClosedRange<Double>?
    /// When set, each stack's total is written above it, formatted by this.
    public var totalLabel: (@Sendable (Double) -> String)?
    public var layout = ChartLayout()

    public init(title: String, categories: [String], xLabel: String, yLabel: String) {
        self.title = title
        self.categories = categories
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// The value axis: from 0 (or below) to the tallest stack, line, band or reference.
    public var scale: NiceScale {
        if let fixedRange {
            return NiceScale(minimum: fixedRange.lowerBound, maximum: fixedRange.upperBound)
        }
        var low = 0.0
        var high = 0.0
        for index in categories.indices {
            var stack = 0.0
            for series in stacks { stack += max(0, series.values[index] ?? 0) }
            high = max(high, stack)
        }
        var others: [Double] = references.map(\.value)
        for series in lines { others += series.values.compactMap { $0 } }
        if let band { others += band.low.compactMap { $0 } + band.high.compactMap { $0 } }
        for value in others {
            low = min(low, value)
            high = max(high, value)
        }
        return NiceScale(minimum: low, maximum: high)
    }

    var legend: [LegendEntry] {
        var entries = stacks.map { LegendEntry($0.name, color: $0.color, swatch: .box) }
        if let band { entries.append(LegendEntry(band.name, color: band.color, swatch: .band)) }
        entries += lines.map {
            LegendEntry($0.name, color: $0.color, swatch: $0.dashed ? .dashedLine : .line)
        }
        entries += references.map { LegendEntry($0.name, color: $0.color, swatch: .dashedLine) }
        if let markerLegend, let marker = markers.first {
            entries.append(LegendEntry(markerLegend, color: marker.color, swatch: .dashedLine))
        }
        return entries
    }

    /// The plot's top edge (below title and legend).
    var plotTop: Double { header.height }
    var header: ChartHeader {
        ChartHeader(title: title, legend: legend, width: layout.plotWidth, fontSize: layout.fontSize)
    }

    /// The x of a category's centre.
    public func x(_ index: Int) -> Double {
        layout.left + (Double(index) + 0.5) * layout.plotWidth / Double(max(1, categories.count))
    }

    /// The y of a value.
    public func y(_ value: Double) -> Double {
        let scale = self.scale
        let fraction = (value - scale.lower) / (scale.upper - scale.lower)
        return plotTop + layout.plotHeight * (1 - fraction)
    }

    public var width: Double { layout.left + layout.plotWidth + layout.right }
    public var height: Double { plotTop + layout.plotHeight + layout.bottom }

    public func svg() -> String {
        let scale = self.scale
        let bandWidth = layout.plotWidth / Double(max(1, categories.count))
        let barWidth = min(bandWidth * 0.7, 60)
        let plotBottom = plotTop + layout.plotHeight
        let right = layout.left + layout.plotWidth
        var parts: [String] = []
        parts.append(
            "<svg class=\"chart-svg\" viewBox=\"0 0 \(SVG.coordinate(width)) \(SVG.coordinate(height))\" width=\"\(SVG.coordinate(width))\" height=\"\(SVG.coordinate(height))\" role=\"img\" aria-label=\"\(SVG.escape(title))\">"
        )
        parts.append(header.svg(left: layout.left))

        // Value axis: grid lines and tick labels.
        parts.append("<g class=\"axis y-axis\">")
        for tick in scale.ticks {
            let y = self.y(tick)
            parts.append(
                "<line x1=\"\(SVG.coordinate(layout.left))\" y1=\"\(SVG.coordinate(y))\" x2=\"\(SVG.coordinate(right))\" y2=\"\(SVG.coordinate(y))\" class=\"grid\" stroke=\"#ddd\"/>"
            )
            parts.append(
                SVG.text(
                    scale.label(tick), x: layout.left - 6, y: y + 4, anchor: "end", size: layout.fontSize,
                    className: "tick"))
        }
        parts.append(
            SVG.text(
                yLabel, x: 16, y: plotTop + layout.plotHeight / 2, anchor: "middle", size: layout.fontSize,
                className: "axis-label",
                extra: "transform=\"rotate(-90 16 \(SVG.coordinate(plotTop + layout.plotHeight / 2)))\""))
        parts.append("</g>")

        // Category axis: labels, thinned so they do not overlap.
        let labelWidth = categories.map { SVG.textWidth($0, fontSize: layout.fontSize) }.max() ?? 0
        let every = max(1, Int((labelWidth + 6) / bandWidth) + 1)
        parts.append("<g class=\"axis x-axis\">")
        parts.append(
            "<line x1=\"\(SVG.coordinate(layout.left))\" y1=\"\(SVG.coordinate(self.y(max(scale.lower, 0))))\" x2=\"\(SVG.coordinate(right))\" y2=\"\(SVG.coordinate(self.y(max(scale.lower, 0))))\" stroke=\"#333\"/>"
        )
        // Counted from the last, which is always labelled (a "deferred" bar, say).
        for (index, category) in categories.enumerated() where (categories.count - 1 - index) % every == 0 {
            parts.append(
                SVG.text(
                    category, x: x(index), y: plotBottom + 16, anchor: "middle", size: layout.fontSize,
                    className: "tick"))
        }
        parts.append(
            SVG.text(
                xLabel, x: layout.left + layout.plotWidth / 2, y: plotBottom + 40, anchor: "middle",
                size: layout.fontSize, className: "axis-label"))
        parts.append("</g>")

        // Vertical markers behind the data.
        if !markers.isEmpty {
            parts.append("<g class=\"markers\">")
            for marker in markers {
                let x = self.x(marker.index)
                parts.append(
                    "<line x1=\"\(SVG.coordinate(x))\" y1=\"\(SVG.coordinate(plotTop))\" x2=\"\(SVG.coordinate(x))\" y2=\"\(SVG.coordinate(plotBottom))\" stroke=\"\(SVG.escape(marker.color))\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"/>"
                )
            }
            parts.append("</g>")
        }

        // Stacked bars, bottom series first.
        var tops = [Double](repeating: 0, count: categories.count)
        for series in stacks {
            parts.append(
                "<g class=\"series\" data-series=\"\(SVG.escape(series.name))\" fill=\"\(SVG.escape(series.color))\">"
            )
            for index in categories.indices {
                guard let value = series.values[index], value > 0 else { continue }
                let bottom = tops[index]
                tops[index] += value
                let yTop = y(tops[index])
                let height = y(bottom) - yTop
                parts.append(
                    "<rect x=\"\(SVG.coordinate(x(index) - barWidth / 2))\" y=\"\(SVG.coordinate(yTop))\" width=\"\(SVG.coordinate(barWidth))\" height=\"\(SVG.coordinate(height))\"><title>\(SVG.escape("\(series.name), \(categories[index]): \(SVG.number(value, decimals: scale.decimals + 2))"))</title></rect>"
                )
            }
            parts.append("</g>")
        }

        // The band: one closed path along the highs and back along the lows.
        if let band {
            let indices = categories.indices.filter { band.low[$0] != nil && band.high[$0] != nil }
            if !indices.isEmpty {
                var path = indices.enumerated().map { position, index in
                    (position == 0 ? "M" : "L")
                        + "\(SVG.coordinate(x(index))) \(SVG.coordinate(y(band.high[index]!)))"
                }
                path += indices.reversed().map { index in
                    "L\(SVG.coordinate(x(index))) \(SVG.coordinate(y(band.low[index]!)))"
                }
                parts.append(
                    "<g class=\"series band\" data-series=\"\(SVG.escape(band.name))\"><path d=\"\(path.joined(separator: " ")) Z\" fill=\"\(SVG.escape(band.color))\" fill-opacity=\"0.3\" stroke=\"none\"/></g>"
                )
            }
        }

        // Reference lines across the plot.
        for reference in references {
            let y = self.y(reference.value)
            parts.append(
                "<g class=\"series reference\" data-series=\"\(SVG.escape(reference.name))\"><path d=\"M\(SVG.coordinate(layout.left)) \(SVG.coordinate(y)) H\(SVG.coordinate(right))\" stroke=\"\(SVG.escape(reference.color))\" stroke-width=\"2\" stroke-dasharray=\"6 4\" fill=\"none\"/></g>"
            )
        }

        // Lines: one path per series, broken where a value is missing, with a dot per point.
        for series in lines {
            var path = ""
            var dots: [String] = []
            var open = false
            for index in categories.indices {
                guard let value = series.values[index] else {
                    open = false
                    continue
                }
                path +=
                    (open ? " L" : (path.isEmpty ? "M" : " M"))
                    + "\(SVG.coordinate(x(index))) \(SVG.coordinate(y(value)))"
                open = true
                dots.append(
                    "<circle cx=\"\(SVG.coordinate(x(index)))\" cy=\"\(SVG.coordinate(y(value)))\" r=\"2.5\"><title>\(SVG.escape("\(series.name), \(categories[index]): \(SVG.number(value, decimals: scale.decimals + 2))"))</title></circle>"
                )
            }
            let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
            parts.append(
                "<g class=\"series line\" data-series=\"\(SVG.escape(series.name))\" fill=\"\(SVG.escape(series.color))\"><path d=\"\(path)\" stroke=\"\(SVG.escape(series.color))\" stroke-width=\"2.5\" fill=\"none\"\(dash)/>\(dots.joined())</g>"
            )
        }

        // Stack totals, above the lines.
        if let totalLabel, !stacks.isEmpty {
            parts.append("<g class=\"totals\">")
            for index in categories.indices {
                let total = stacks.reduce(0) { $0 + max(0, $1.values[index] ?? 0) }
                parts.append(
                    SVG.text(
                        totalLabel(total), x: x(index), y: y(total) - 5, anchor: "middle",
                        size: layout.fontSize, className: "total-label", extra: SVG.halo))
            }
            parts.append("</g>")
        }

        // Marker labels on top of everything, with a white halo.
        if !markers.isEmpty {
            parts.append("<g class=\"marker-labels\">")
            for marker in markers {
                parts.append(
                    SVG.text(
                        marker.label, x: x(marker.index) + 4, y: plotTop + 12, size: layout.fontSize,
                        className: "marker-label", extra: "fill=\"\(SVG.escape(marker.color))\" \(SVG.halo)"))
            }
            parts.append("</g>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}

/// Horizontal bars, one row per label: per-county totals (bars from 0), or a tornado (bars
/// from a base value to each series' value, the series side by side in the row).
public struct RowChart: Sendable {
    public var title: String
    public var rows: [String]
    public var xLabel: String
    public var series: [ChartSeries]
    /// Where bars start: 0 for plain bars, the as-written value for a tornado.
    public var base: Double = 0
    /// A labelled vertical line at `base` (the tornado's "as written").
    public var baseLabel: String?
    /// A dashed vertical line at a value (an envelope amount), with its legend entry.
    public var reference: CategoryChart.Reference?
    public var layout = ChartLayout(plotWidth: 560, plotHeight: 0)
    public var rowHeight: Double = 24

    public init(title: String, rows: [String], xLabel: String, series: [ChartSeries]) {
        self.title = title
        self.rows = rows
        self.xLabel = xLabel
        self.series = series
        layout.left = max(84, (rows.map { SVG.textWidth($0, fontSize: layout.fontSize) }.max() ?? 0) + 16)
    }

    public var scale: NiceScale {
        let values =
            series.flatMap { $0.values.compactMap { $0 } } + [base] + (reference.map { [$0.value] } ?? [])
        return NiceScale(
            minimum: values.min() ?? 0, maximum: values.max() ?? 0, targetTicks: 5,
            includeZero: baseLabel == nil)
    }

    var legend: [LegendEntry] {
        var entries = series.map { LegendEntry($0.name, color: $0.color, swatch: .box) }
        if let baseLabel { entries.append(LegendEntry(baseLabel, color: "#333", swatch: .line)) }
        if let reference {
            entries.append(LegendEntry(reference.name, color: reference.color, swatch: .dashedLine))
        }
        return entries
    }

    /// Title and legend span the whole width (row labels can be long).
    var header: ChartHeader {
        ChartHeader(title: title, legend: legend, width: width - 24, fontSize: layout.fontSize)
    }
    var plotTop: Double { header.height }
    var plotHeight: Double { Double(rows.count) * rowHeight }
    public var width: Double { layout.left + layout.plotWidth + layout.right }
    public var height: Double { plotTop + plotHeight + layout.bottom }

    public func x(_ value: Double) -> Double {
        let scale = self.scale
        return layout.left + layout.plotWidth * (value - scale.lower) / (scale.upper - scale.lower)
    }

    public func svg() -> String {
        let scale = self.scale
        let plotBottom = plotTop + plotHeight
        var parts: [String] = []
        parts.append(
            "<svg class=\"chart-svg\" viewBox=\"0 0 \(SVG.coordinate(width)) \(SVG.coordinate(height))\" width=\"\(SVG.coordinate(width))\" height=\"\(SVG.coordinate(height))\" role=\"img\" aria-label=\"\(SVG.escape(title))\">"
        )
        parts.append(header.svg(left: 12))
        parts.append("<g class=\"axis x-axis\">")
        for tick in scale.ticks {
            let x = self.x(tick)
            parts.append(
                "<line x1=\"\(SVG.coordinate(x))\" y1=\"\(SVG.coordinate(plotTop))\" x2=\"\(SVG.coordinate(x))\" y2=\"\(SVG.coordinate(plotBottom))\" class=\"grid\" stroke=\"#ddd\"/>"
            )
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
        parts.append("<g class=\"axis y-axis\">")
        for (index, row) in rows.enumerated() {
            let y = plotTop + (Double(index) + 0.5) * rowHeight
            parts.append(
                SVG.text(
                    row, x: layout.left - 8, y: y + 4, anchor: "end", size: layout.fontSize,
                    className: "row-label"))
        }
        parts.append("</g>")
        let slot = rowHeight * 0.76 / Double(max(1, series.count))
        for (position, item) in series.enumerated() {
            parts.append(
                "<g class=\"series\" data-series=\"\(SVG.escape(item.name))\" fill=\"\(SVG.escape(item.color))\">"
            )
            for index in rows.indices {
                guard let value = item.values[index] else { continue }
                let from = x(min(base, value))
                let to = x(max(base, value))
                let y = plotTop + Double(index) * rowHeight + rowHeight * 0.12 + Double(position) * slot
                parts.append(
                    "<rect x=\"\(SVG.coordinate(from))\" y=\"\(SVG.coordinate(y))\" width=\"\(SVG.coordinate(max(to - from, 0)))\" height=\"\(SVG.coordinate(slot))\"><title>\(SVG.escape("\(rows[index]), \(item.name): \(SVG.number(value, decimals: scale.decimals + 2))"))</title></rect>"
                )
            }
            parts.append("</g>")
        }
        let baseX = x(base)
        parts.append(
            "<line x1=\"\(SVG.coordinate(baseX))\" y1=\"\(SVG.coordinate(plotTop))\" x2=\"\(SVG.coordinate(baseX))\" y2=\"\(SVG.coordinate(plotBottom))\" stroke=\"#333\" stroke-width=\"\(baseLabel == nil ? 1 : 2)\"/>"
        )
        if let reference {
            let x = self.x(reference.value)
            parts.append(
                "<g class=\"series reference\" data-series=\"\(SVG.escape(reference.name))\"><path d=\"M\(SVG.coordinate(x)) \(SVG.coordinate(plotTop)) V\(SVG.coordinate(plotBottom))\" stroke=\"\(SVG.escape(reference.color))\" stroke-width=\"2\" stroke-dasharray=\"6 4\" fill=\"none\"/></g>"
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
