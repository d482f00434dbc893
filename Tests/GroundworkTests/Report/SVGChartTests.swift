import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// The report's SVG primitives on tiny hand-made inputs: nice ticks, the unit of an amount
/// axis, and the structure and coordinates of the charts.
@Suite("Report: SVG charts")
struct SVGChartTests {
    // MARK: - Nice ticks

    @Test("nice steps are 1, 2 or 5 times a power of ten")
    func niceSteps() {
        #expect(NiceScale.niceStep(20) == 20)
        #expect(NiceScale.niceStep(0.3) == 0.5)
        #expect(NiceScale.niceStep(7) == 10)
        #expect(NiceScale.niceStep(1.2) == 2)
        #expect(NiceScale.niceStep(246.8) == 500)
        #expect(abs(NiceScale.niceStep(0.0012) - 0.002) < 1e-15)
    }

    @Test("an axis 0..100 gets ticks 0, 20, ..., 100; data are widened to whole steps")
    func ticks() {
        let scale = NiceScale(minimum: 0, maximum: 100)
        #expect(scale.ticks == [0, 20, 40, 60, 80, 100])
        #expect(scale.ticks.map(scale.label) == ["0", "20", "40", "60", "80", "100"])
        // 5.36 (亿元, the baseline's envelope use): raw step 1.072 -> 2, up to 6, not below 0.
        let envelope = NiceScale(minimum: 0, maximum: 5.36)
        #expect(envelope.lower == 0 && envelope.upper == 6 && envelope.step == 2)
        // 1,234: raw step 246.8 -> 500; labels grouped.
        let pay = NiceScale(minimum: 0, maximum: 1234)
        #expect(pay.ticks.map(pay.label) == ["0", "500", "1,000", "1,500"])
        // Halves need a decimal.
        let small = NiceScale(minimum: 0, maximum: 2.2)
        #expect(small.step == 0.5)
        #expect(small.ticks.map(small.label) == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        // A tornado's range away from zero.
        let tornado = NiceScale(minimum: 110.9, maximum: 143.9, includeZero: false)
        #expect(tornado.lower == 110 && tornado.upper == 150 && tornado.step == 10)
        // All zero: 0..1.
        let zero = NiceScale(minimum: 0, maximum: 0)
        #expect(zero.lower == 0 && zero.upper == 1)
    }

    // MARK: - Units

    @Test("the unit follows the largest amount: yuan below 10^5, 万元 below 10^8, 亿元 from there")
    func units() {
        #expect(AmountUnit.choose(forMaximum: 3_500) == .yuan)
        #expect(AmountUnit.choose(forMaximum: 99_999.99) == .yuan)
        #expect(AmountUnit.choose(forMaximum: 100_000) == .wan)
        #expect(AmountUnit.choose(forMaximum: 99_999_999) == .wan)
        #expect(AmountUnit.choose(forMaximum: 100_000_000) == .yi)
        // The baseline's horizon total, 12,496,958,796.58 yuan = 124.97 亿元.
        #expect(AmountUnit.choose(forMaximum: 12_496_958_796.58) == .yi)
        #expect(AmountUnit.choose(forMaximum: -250_000) == .wan)
        #expect(AmountUnit.yi.divisor == 1e8 && AmountUnit.wan.divisor == 1e4)
        #expect(ReportPage.money(300_000_000) == "3.00 亿元 (300,000,000.00 yuan)")
        #expect(ReportPage.money(1_100) == "1,100.00 yuan")
    }

    // MARK: - Category charts

    /// Two years, two stacked series on a fixed axis 0..100 with a plot 200 px high.
    func stackedChart() -> CategoryChart {
        var chart = CategoryChart(
            title: "Outlay <by> item", categories: ["2014", "2015"], xLabel: "year", yLabel: "outlay (万元)")
        chart.layout = ChartLayout(plotWidth: 400, plotHeight: 200)
        chart.stacks = [
            ChartSeries("alpha", color: "#111111", values: [50, 20]),
            ChartSeries("beta", color: "#222222", values: [30, nil]),
        ]
        chart.fixedRange = 0...100
        return chart
    }

    @Test(
        "stacked bars: one group per series, ticks labelled, a bar of 50 on 0..100 over 200 px is 100 px high"
    )
    func stackedBars() throws {
        let chart = stackedChart()
        let svg = chart.svg()
        #expect(occurrences(of: "<g class=\"series\"", in: svg) == 2)
        #expect(svg.contains("data-series=\"alpha\"") && svg.contains("data-series=\"beta\""))
        for label in ["0", "20", "40", "60", "80", "100"] {
            #expect(svg.contains("class=\"tick\">\(label)</text>"), "tick \(label) missing")
        }
        #expect(svg.contains("class=\"tick\">2014</text>") && svg.contains("class=\"tick\">2015</text>"))
        #expect(svg.contains(">outlay (万元)</text>") && svg.contains(">year</text>"))
        // The title is escaped, and the legend names both series.
        #expect(svg.contains("class=\"chart-title\" font-weight=\"bold\">Outlay &lt;by&gt; item</text>"))
        #expect(svg.contains(">alpha</text>") && svg.contains(">beta</text>"))

        let alpha = rects(in: group("alpha", svg))
        #expect(alpha.count == 2)
        let bottom = chart.plotTop + 200
        // 50 of 100 over 200 px: 100 px, standing on the axis.
        #expect(alpha[0].height == 100)
        #expect(alpha[0].y == bottom - 100)
        #expect(alpha[1].height == 40)
        // Beta's 30 sits on alpha's 50: from 50 to 80.
        let beta = rects(in: group("beta", svg))
        #expect(beta.count == 1)
        #expect(beta[0].height == 60)
        #expect(beta[0].y == bottom - 160)
        // Bars are centred in their category: 400 px / 2 categories, centres at 100 and 300 px.
        #expect(alpha[0].x + alpha[0].width / 2 == chart.layout.left + 100)
        #expect(alpha[1].x + alpha[1].width / 2 == chart.layout.left + 300)
    }

    @Test(
        "lines: one path per series through the values; a band is one closed path; markers and references drawn"
    )
    func linesAndBand() throws {
        var chart = CategoryChart(
            title: "Fan", categories: ["2020", "2021", "2022"], xLabel: "year", yLabel: "yuan")
        chart.layout = ChartLayout(plotWidth: 300, plotHeight: 200)
        chart.fixedRange = 0...100
        chart.lines = [
            ChartSeries("median", color: "#000", values: [50, 60, 70]),
            ChartSeries("gap", color: "#111", values: [10, nil, 30], dashed: true),
        ]
        chart.band = CategoryChart.Band("p05–p95", color: "#00f", low: [40, 50, 60], high: [60, 70, 80])
        chart.references = [CategoryChart.Reference("amount", value: 25, color: "#f00")]
        chart.markers = [CategoryChart.Marker(index: 1, label: "breach 2021", color: "#c00")]
        chart.markerLegend = "breach year"
        let svg = chart.svg()
        let top = chart.plotTop
        let median = group("median", svg)
        #expect(occurrences(of: "<path ", in: median) == 1)
        // x centres at 50, 150, 250 px from the plot's left; 50 of 100 is 100 px up.
        let left = chart.layout.left
        #expect(
            median.contains(
                "d=\"M\(SVG.coordinate(left + 50)) \(SVG.coordinate(top + 100)) L\(SVG.coordinate(left + 150)) \(SVG.coordinate(top + 80)) L\(SVG.coordinate(left + 250)) \(SVG.coordinate(top + 60))\""
            ))
        // A missing value breaks the line into two pieces of one path.
        let gap = group("gap", svg)
        #expect(occurrences(of: "<path ", in: gap) == 1)
        #expect(occurrences(of: "M", in: pathData(gap)) == 2 && !pathData(gap).contains("L"))
        #expect(gap.contains("stroke-dasharray"))
        let band = group("p05–p95", svg)
        #expect(occurrences(of: "<path ", in: band) == 1 && pathData(band).hasSuffix("Z"))
        #expect(
            group("amount", svg).contains(
                "M\(SVG.coordinate(left)) \(SVG.coordinate(top + 150)) H\(SVG.coordinate(left + 300))"))
        #expect(svg.contains(">breach 2021</text>"))
        for name in ["median", "gap", "p05–p95", "amount", "breach year"] {
            #expect(svg.contains(">\(name)</text>"), "legend entry \(name) missing")
        }
    }

    @Test(
        "grouped bars: side by side in their category, 80 of 100 over 200 px is 160 px high; labels above"
    )
    func groupedBars() throws {
        var chart = CategoryChart(
            title: "Planned and actual", categories: ["venue\nconstruction", "upkeep"], xLabel: "item",
            yLabel: "yuan")
        chart.layout = ChartLayout(plotWidth: 400, plotHeight: 200)
        chart.fixedRange = 0...100
        chart.groups = [
            ChartSeries("planned", color: "#aaaaaa", values: [80, 0]),
            ChartSeries("actual", color: "#333333", values: [60, 10]),
        ]
        chart.groupLabels = ["-25.0%", nil]
        let svg = chart.svg()
        let planned = rects(in: group("planned", svg))
        let actual = rects(in: group("actual", svg))
        // A zero draws no bar.
        #expect(planned.count == 1 && actual.count == 2)
        let bottom = chart.plotTop + 200
        #expect(planned[0].height == 160 && planned[0].y == bottom - 160)
        #expect(actual[0].height == 120 && actual[0].y == bottom - 120)
        // Slots of 200 px, a group of 2 x 40 px centred on 100 px: planned 60..100, actual 100..140,
        // each with half a pixel of white either side.
        let left = chart.layout.left
        #expect(planned[0].x == left + 60.5 && planned[0].width == 39)
        #expect(actual[0].x == left + 100.5)
        #expect(actual[1].x == left + 300.5)
        #expect(svg.contains(">-25.0%</text>") && svg.contains("class=\"group-label\""))
        // Legend boxes for both series; the two-line label is written a line under another, and
        // the axis label and the chart's height make room for the second line.
        #expect(svg.contains(">planned</text>") && svg.contains(">actual</text>"))
        #expect(svg.contains(">venue</text>") && svg.contains(">construction</text>"))
        #expect(chart.categoryLabelExtra == 14)
        #expect(svg.contains("y=\"\(SVG.coordinate(bottom + 40 + 14))\" text-anchor=\"middle\""))
        #expect(chart.height == chart.plotTop + 200 + chart.layout.bottom + 14)
        // The tooltip names the category on one line.
        #expect(svg.contains("<title>planned, venue construction: 80.00</title>"))
    }

    @Test("a shade covers its categories' slots over the whole plot, over the grid, behind the data")
    func shades() throws {
        var chart = CategoryChart(
            title: "Cumulative", categories: ["2014", "2015", "2016", "2017"], xLabel: "year", yLabel: "yuan")
        chart.layout = ChartLayout(plotWidth: 400, plotHeight: 200)
        chart.lines = [ChartSeries("cumulative", color: "#000", values: [1, 2, 3, 4])]
        chart.shades = [CategoryChart.Shade("closed years", color: "#7f7f7f", categories: 0...1)]
        let svg = chart.svg()
        let box = rects(in: group("closed years", svg))
        #expect(box == [Rect(x: chart.layout.left, y: chart.plotTop, width: 200, height: 200)])
        #expect(svg.contains(">closed years</text>"))
        let shade = try #require(svg.range(of: "class=\"shade\""))
        let grid = try #require(svg.range(of: "class=\"grid\""))
        let line = try #require(svg.range(of: "data-series=\"cumulative\""))
        #expect(grid.lowerBound < shade.lowerBound && shade.lowerBound < line.lowerBound)
        // Without line breaks in the labels nothing moves.
        #expect(chart.categoryLabelExtra == 0)
    }

    @Test("row bars: a value of 50 on 0..100 over 400 px is 200 px wide; a tornado's bars start at the base")
    func rowBars() throws {
        var chart = RowChart(
            title: "Per county", rows: ["宛城区", "卧龙区"], xLabel: "total (亿元)",
            series: [
                ChartSeries("total", color: "#4e79a7", values: [50, 100])
            ])
        chart.layout.plotWidth = 400
        let svg = chart.svg()
        #expect(svg.contains(">宛城区</text>") && svg.contains(">卧龙区</text>"))
        let bars = rects(in: group("total", svg))
        #expect(bars.map(\.width) == [200, 400])
        #expect(bars[0].x == chart.layout.left)
        for label in ["0", "20", "40", "60", "80", "100"] {
            #expect(svg.contains("class=\"tick\">\(label)</text>"))
        }

        var tornado = RowChart(
            title: "Drivers", rows: ["a.b"], xLabel: "total",
            series: [
                ChartSeries("at p05", color: "#00f", values: [90]),
                ChartSeries("at p95", color: "#f00", values: [130]),
            ])
        tornado.base = 100
        tornado.baseLabel = "as written"
        tornado.layout.plotWidth = 400
        // Axis 90..130 (step 10): 400 px for 40, 10 px a unit.
        #expect(tornado.scale.lower == 90 && tornado.scale.upper == 130)
        let tornadoSVG = tornado.svg()
        let low = rects(in: group("at p05", tornadoSVG))
        let high = rects(in: group("at p95", tornadoSVG))
        #expect(low[0].x == tornado.layout.left && low[0].width == 100)
        #expect(high[0].x == tornado.layout.left + 100 && high[0].width == 300)
    }

    // MARK: - Helpers

    struct Rect: Equatable {
        var x, y, width, height: Double
    }

    func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The text of the series group `name` (up to its closing tag).
    func group(_ name: String, _ svg: String) -> String {
        guard let start = svg.range(of: "data-series=\"\(SVG.escape(name))\"") else { return "" }
        let rest = svg[start.lowerBound...]
        guard let end = rest.range(of: "</g>") else { return String(rest) }
        return String(rest[..<end.lowerBound])
    }

    func pathData(_ text: String) -> String {
        guard let start = text.range(of: " d=\"") else { return "" }
        let rest = text[start.upperBound...]
        return String(rest[..<rest.firstIndex(of: "\"")!])
    }

    func attribute(_ name: String, _ tag: Substring) -> Double {
        let start = tag.range(of: " \(name)=\"")!
        let rest = tag[start.upperBound...]
        return Double(rest[..<rest.firstIndex(of: "\"")!])!
    }

    func rects(in text: String) -> [Rect] {
        text.components(separatedBy: "<rect ").dropFirst().map { piece in
            let tag = Substring(" " + piece)
            return Rect(
                x: attribute("x", tag), y: attribute("y", tag), width: attribute("width", tag),
                height: attribute("height", tag))
        }
    }
}
