/// Horizontal bars, one row per label: per-county totals (bars from 0), or a tornado (bars
/// from a base value to each series' value, the series side by side in the row). The axes
/// are drawn in `RowChart+Axes.swift`, the bars in `RowChart+Bars.swift`.
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
        let labelWidth = rows.map { SVG.textWidth($0, fontSize: layout.fontSize) }.max() ?? 0
        layout.left = max(84, labelWidth + 16)
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

    // MARK: - Geometry

    /// Title and legend span the whole width (row labels can be long).
    var header: ChartHeader {
        ChartHeader(title: title, legend: legend, width: width - 24, fontSize: layout.fontSize)
    }
    var plotTop: Double { header.height }
    var plotHeight: Double { Double(rows.count) * rowHeight }
    var plotBottom: Double { plotTop + plotHeight }
    public var width: Double { layout.left + layout.plotWidth + layout.right }
    public var height: Double { plotTop + plotHeight + layout.bottom }

    public func x(_ value: Double) -> Double {
        let scale = self.scale
        return layout.left + layout.plotWidth * (value - scale.lower) / (scale.upper - scale.lower)
    }

    // MARK: - Drawing

    /// The chart: value axis, row labels, the bars, the base line and the reference line.
    public func svg() -> String {
        let scale = self.scale
        var layers = [header.svg(left: 12)]
        layers += valueAxis(scale)
        layers += rowLabels()
        layers += bars(scale)
        layers.append(baseLine())
        layers += referenceLine()
        return SVG.chart(width: width, height: height, title: title, layers: layers)
    }
}
