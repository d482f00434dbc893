/// A grid of coloured cells over two axes: the rows (the first parameter of a sweep, top to
/// bottom in its order) and the columns (the second, left to right), each cell with its text
/// (a breach year, an amount) written in when the cell is large enough, and a tooltip always.
///
/// Every cell is one `<rect class="cell" data-row="R" data-column="C" data-value="TEXT">`, so
/// tests and browsers can find each; the legend names the colours.
public struct HeatmapChart: Sendable {
    public struct Cell: Sendable {
        /// What the cell shows (and its `data-value`): `2016`, `none`, `1.23`.
        public var text: String
        public var color: String
        /// The tooltip's details after the two values.
        public var detail: String

        public init(text: String, color: String, detail: String) {
            self.text = text
            self.color = color
            self.detail = detail
        }
    }

    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// The names of the row and column parameters, written along the axes.
    public var rowName: String
    public var columnName: String
    /// Row-major: `cells[row][column]`.
    public var cells: [[Cell]]
    public var legend: [LegendEntry] = []
    public var layout = ChartLayout()

    public init(
        title: String, rowLabels: [String], columnLabels: [String], rowName: String, columnName: String,
        cells: [[Cell]]
    ) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.rowName = rowName
        self.columnName = columnName
        self.cells = cells
    }

    var header: ChartHeader {
        ChartHeader(title: title, legend: legend, width: layout.plotWidth, fontSize: layout.fontSize)
    }

    /// Room for the row labels and the rotated row name.
    var left: Double {
        let widest = rowLabels.map { SVG.textWidth($0, fontSize: layout.fontSize) }.max() ?? 0
        return max(layout.left, 34 + widest + 8)
    }
    var cellWidth: Double { layout.plotWidth / Double(max(1, columnLabels.count)) }
    /// Cells at most 24 px high, and the grid at most about 480 px.
    var cellHeight: Double { min(24, max(2, 480 / Double(max(1, rowLabels.count)))) }
    var plotTop: Double { header.height }
    var plotHeight: Double { cellHeight * Double(rowLabels.count) }
    var plotBottom: Double { plotTop + plotHeight }
    public var width: Double { left + layout.plotWidth + layout.right }
    public var height: Double { plotBottom + layout.bottom }

    /// Whether the cells are large enough for their text.
    var showsText: Bool {
        let widest = cells.joined().map { SVG.textWidth($0.text, fontSize: layout.fontSize - 1) }.max() ?? 0
        return cellHeight >= layout.fontSize + 2 && widest + 4 <= cellWidth
    }

    public func svg() -> String {
        var layers = [header.svg(left: left)]
        layers += cellRects()
        layers += axes()
        return SVG.chart(width: width, height: height, title: title, layers: layers)
    }

    /// The cells, written element by element with the coordinates of each row and column
    /// formatted once (a sweep's heatmap may have a million cells).
    func cellRects() -> [String] {
        var parts = [SVG.start("g", ["class": "cells"])]
        parts.reserveCapacity(2 * rowLabels.count * columnLabels.count + 2)
        let text = showsText
        let (left, cellWidth, cellHeight) = (self.left, self.cellWidth, self.cellHeight)
        let plotTop = self.plotTop
        let stroke = SVG.coordinate(cellWidth >= 6 && cellHeight >= 6 ? 0.5 : 0)
        let xs = columnLabels.indices.map { SVG.coordinate(left + Double($0) * cellWidth) }
        let ys = rowLabels.indices.map { SVG.coordinate(plotTop + Double($0) * cellHeight) }
        let size = "width=\"\(SVG.coordinate(cellWidth))\" height=\"\(SVG.coordinate(cellHeight))\""
        let rowTips = rowLabels.map { SVG.escape("\(rowName) \($0), ") }
        let columnTips = columnLabels.map { SVG.escape("\(columnName) \($0): ") }
        for (row, line) in cells.enumerated() {
            for (column, cell) in line.enumerated() {
                var rect = "<rect class=\"cell\" data-row=\"\(row)\" data-column=\"\(column)\" data-value=\""
                rect += SVG.escape(cell.text) + "\" x=\"" + xs[column] + "\" y=\"" + ys[row] + "\" " + size
                rect +=
                    " fill=\"" + SVG.escape(cell.color) + "\" stroke=\"#fff\" stroke-width=\"" + stroke
                    + "\">"
                rect +=
                    "<title>" + rowTips[row] + columnTips[column] + SVG.escape(cell.detail)
                    + "</title></rect>"
                parts.append(rect)
                if text {
                    let x = left + Double(column) * cellWidth
                    let y = plotTop + Double(row) * cellHeight
                    parts.append(
                        SVG.text(
                            cell.text, x: x + cellWidth / 2,
                            y: y + cellHeight / 2 + (layout.fontSize - 1) / 2 - 1,
                            anchor: "middle", size: layout.fontSize - 1, className: "cell-label",
                            extra: ["pointer-events": "none"]))
                }
            }
        }
        parts.append("</g>")
        return parts
    }

    /// Row labels on the left, column labels below (each thinned so they do not overlap), and
    /// the parameters' names.
    func axes() -> [String] {
        var parts = [SVG.start("g", ["class": "axis"])]
        let rowEvery = max(1, Int(((layout.fontSize + 2) / cellHeight).rounded(.up)))
        for (row, label) in rowLabels.enumerated() where row % rowEvery == 0 {
            let y = plotTop + (Double(row) + 0.5) * cellHeight + layout.fontSize / 2 - 2
            parts.append(
                SVG.text(label, x: left - 6, y: y, anchor: "end", size: layout.fontSize, className: "tick"))
        }
        let widest = columnLabels.map { SVG.textWidth($0, fontSize: layout.fontSize) }.max() ?? 0
        let columnEvery = max(1, Int((widest + 6) / cellWidth) + 1)
        for (column, label) in columnLabels.enumerated() where column % columnEvery == 0 {
            parts.append(
                SVG.text(
                    label, x: left + (Double(column) + 0.5) * cellWidth, y: plotBottom + 16, anchor: "middle",
                    size: layout.fontSize, className: "tick"))
        }
        parts.append(
            SVG.text(
                columnName, x: left + layout.plotWidth / 2, y: plotBottom + 40, anchor: "middle",
                size: layout.fontSize, className: "axis-label"))
        let middle = plotTop + plotHeight / 2
        parts.append(
            SVG.text(
                rowName, x: 16, y: middle, anchor: "middle", size: layout.fontSize, className: "axis-label",
                extra: ["transform": "rotate(-90 16 \(SVG.coordinate(middle)))"]))
        parts.append("</g>")
        return parts
    }
}
