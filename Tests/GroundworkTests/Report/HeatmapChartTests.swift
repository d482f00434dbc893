import Foundation
import Testing

@testable import GroundworkDesk

/// The heatmap of a sweep's report: a cell per combination, its text written in when it fits,
/// axis labels thinned so they do not overlap.
@Suite("The heatmap chart")
struct HeatmapChartTests {
    private func chart(rows: Int, columns: Int) -> HeatmapChart {
        let cells = (0..<rows).map { row in
            (0..<columns).map { column in
                HeatmapChart.Cell(
                    text: (row + column) % 2 == 0 ? "2015" : "none", color: "#d73027",
                    detail: "r\(row)c\(column)")
            }
        }
        return HeatmapChart(
            title: "Breach year", rowLabels: (0..<rows).map { String(150_000 + 5_000 * $0) },
            columnLabels: (0..<columns).map { String(format: "%.2f", Double($0) / 100) },
            rowName: "venues.unit_cost",
            columnName: "rural_income.growth", cells: cells)
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("2 x 3 cells: 24 px rows, a third of the 760 px plot each, every cell's text written in")
    func small() {
        let svg = chart(rows: 2, columns: 3).svg()
        #expect(count("<rect class=\"cell\"", in: svg) == 6)
        // Row 1, column 2: x = left + 2 x 760 / 3, y = the header's height (42 without a legend) + 24.
        let left = max(84, 34 + SVG.textWidth("155000", fontSize: 12) + 8)
        let x = SVG.coordinate(left + 2 * 760 / 3.0)
        #expect(
            svg.contains(
                "<rect class=\"cell\" data-row=\"1\" data-column=\"2\" data-value=\"none\" x=\"\(x)\" y=\"66\" "
                    + "width=\"253.33\" height=\"24\""))
        #expect(count("class=\"cell-label\"", in: svg) == 6)
        #expect(svg.contains("<title>venues.unit_cost 155000, rural_income.growth 0.02: r1c2</title>"))
        // Every row and column labelled.
        #expect(svg.contains(">150000</text>") && svg.contains(">155000</text>"))
        #expect(svg.contains(">0.00</text>") && svg.contains(">0.02</text>"))
    }

    @Test(
        "100 x 100 cells: 4.8 px rows, no text in the cells, every third row and every tenth column labelled")
    func large() {
        let svg = chart(rows: 100, columns: 100).svg()
        #expect(count("<rect class=\"cell\"", in: svg) == 10_000)
        #expect(count("class=\"cell-label\"", in: svg) == 0)
        // Rows: 480 / 100 = 4.8 px, a label every ceil(14 / 4.8) = 3 rows: 34 of them. Columns:
        // 7.6 px, labels of 4 characters (28.8 px) every floor(34.8 / 7.6) + 1 = 5: 20 of them.
        let ticks = count("class=\"tick\"", in: svg)
        #expect(ticks == 34 + 20)
    }
}
