/// A chart over categories along x (usually years): stacked or grouped bars, a band, lines,
/// horizontal reference lines, vertical markers and shaded ranges of categories, on one value
/// axis. The report's stacked-bar, grouped-bar, line, fan and breach charts are all this chart
/// with different layers filled in; each layer is drawn in its own file
/// (`CategoryChart+StackedBars.swift`, `+GroupedBars`, `+Lines`, `+Band`, `+References`,
/// `+Markers`, `+Shades`, `+Axes`).
///
/// Every series is one SVG group (`<g class="series" data-series="NAME">`: bars are its
/// `<rect>`s, a line its one `<path>`), so tests and browsers can find each.
public struct CategoryChart: Sendable {
    public var title: String
    public var categories: [String]
    public var xLabel: String
    public var yLabel: String
    public var stacks: [ChartSeries] = []
    /// Bars side by side in each category, one per series (planned against actual).
    public var groups: [ChartSeries] = []
    /// Per category, a label above its group of bars (none when empty or nil).
    public var groupLabels: [String?] = []
    public var lines: [ChartSeries] = []
    public var band: Band?
    public var references: [Reference] = []
    public var markers: [Marker] = []
    /// Ranges of categories shaded behind the data (the closed years).
    public var shades: [Shade] = []
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

    /// The value axis: from 0 (or below) to the tallest stack, bar, line, band or reference.
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
        for series in lines + groups { others += series.values.compactMap { $0 } }
        if let band { others += band.low.compactMap { $0 } + band.high.compactMap { $0 } }
        for value in others {
            low = min(low, value)
            high = max(high, value)
        }
        return NiceScale(minimum: low, maximum: high)
    }

    var legend: [LegendEntry] {
        var entries = (stacks + groups).map { LegendEntry($0.name, color: $0.color, swatch: .box) }
        if let band { entries.append(LegendEntry(band.name, color: band.color, swatch: .band)) }
        entries += lines.map {
            LegendEntry($0.name, color: $0.color, swatch: $0.dashed ? .dashedLine : .line)
        }
        entries += references.map { LegendEntry($0.name, color: $0.color, swatch: .dashedLine) }
        if let markerLegend, let marker = markers.first {
            entries.append(LegendEntry(markerLegend, color: marker.color, swatch: .dashedLine))
        }
        entries += shades.map { LegendEntry($0.name, color: $0.color, swatch: .band) }
        return entries
    }

    // MARK: - Geometry

    var header: ChartHeader {
        ChartHeader(title: title, legend: legend, width: layout.plotWidth, fontSize: layout.fontSize)
    }
    /// The plot's top edge (below title and legend).
    var plotTop: Double { header.height }
    var plotBottom: Double { plotTop + layout.plotHeight }
    var plotRight: Double { layout.left + layout.plotWidth }
    /// The width of one category's slot along x.
    var bandWidth: Double { layout.plotWidth / Double(max(1, categories.count)) }

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
    public var height: Double { plotTop + layout.plotHeight + layout.bottom + categoryLabelExtra }

    // MARK: - Drawing

    /// The chart, layers in drawing order: axes, shades and markers behind the data, then bars,
    /// band, references and lines, and the labels on top.
    public func svg() -> String {
        let scale = self.scale
        var layers = [header.svg(left: layout.left)]
        layers += valueAxis(scale)
        layers += shadeAreas()
        layers += categoryAxis(scale)
        layers += markerLines()
        layers += stackedBars(scale)
        layers += groupedBars(scale)
        layers += bandArea()
        layers += referenceLines()
        layers += lineSeries(scale)
        layers += stackTotals()
        layers += groupLabelTexts()
        layers += markerLabels()
        return SVG.chart(width: width, height: height, title: title, layers: layers)
    }

    /// A point's tooltip: series, category (on one line) and the value to two more decimals
    /// than the axis.
    func tooltip(_ series: String, _ index: Int, _ value: Double, _ scale: NiceScale) -> String {
        let category = categories[index].split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: " ")
        return SVG.title("\(series), \(category): \(SVG.number(value, decimals: scale.decimals + 2))")
    }
}
