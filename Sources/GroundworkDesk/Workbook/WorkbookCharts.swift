import GroundworkCore

/// The `charts` sheet: per scenario (in the summary's order) three native charts over the
/// other sheets' cells, titled in the workbook's language, beside a small block of chart data.
///
/// 1. The yearly outlay stacked by item (the summary's six item columns).
/// 2. The cumulative outlay against the envelope: what the envelope counts
///    (`envelope_cumulative`) and its amount, over the envelope's window (the amount is a
///    column of the chart data, = envelope_cumulative + envelope_remaining of the year); with
///    no envelope, the cumulative outlay.
/// 3. The outlay by paying level, stacked: each level's `total` on the funding sheet. Without
///    a funding sheet (a v1.1 run, one level per item) the chart data sums the summary's item
///    cells by the level that pays them (`forecast.csv`'s payer column).
struct WorkbookCharts {
    let plan: WorkbookPlan

    /// Chart columns start after the chart data; three charts side by side.
    private static let chartColumn = 5
    private static let chartSpan = 9
    private static let chartScale = (x: 1.2, y: 1.1)
    /// Rows a chart of that scale covers, at the default row height.
    private static let chartRows = 17
    private static let levelOrder = ["central", "province", "city", "county"]

    func write(into sheet: XLSXWorksheet, workbook: XLSXWorkbook, formats: WorkbookPlan.Formats) throws {
        guard let position = plan.index["summary"] else { return }
        let summary = plan.tables[position]
        let language = plan.language
        func text(_ term: String, _ kind: Translations.Kind) -> String {
            Translations.text(term, kind, in: language)
        }
        guard let scenarioColumn = summary.column("scenario"), let yearColumn = summary.column("year") else {
            return
        }
        let itemColumns = LineItem.allCases.compactMap { item in
            summary.column(item.key).map { (item.key, $0) }
        }
        let used = summary.column("envelope_cumulative")
        let remaining = summary.column("envelope_remaining")
        let cumulative = summary.column("cumulative")
        let fundingLevels = fundingBlocks()
        let payers =
            plan.index["funding"] == nil ? WorkbookFormulas.payers(plan.table("forecast")) : [:]

        try sheet.setColumn(0, width: 8)
        for column in 1..<Self.chartColumn { try sheet.setColumn(column, width: 18) }
        var top = 0
        for block in summary.blocks(by: [scenarioColumn]) {
            let scenario = block.key[0]
            let rows = block.rows.lowerBound...(block.rows.upperBound - 1)
            guard let years = plan.range(position, rows: rows, column: yearColumn) else { continue }
            let window = used.map { used in rows.filter { !summary[$0, used].isEmpty } } ?? []
            // The levels of the fallback: every item paid by one level.
            var fallback: [(level: String, items: [Int])] = []
            if fundingLevels[scenario] == nil, let paying = payers[scenario],
                itemColumns.allSatisfy({ paying[$0.0]?.count == 1 })
            {
                let levels = Self.levelOrder.filter { level in
                    itemColumns.contains { paying[$0.0]! == [level] }
                }
                fallback = levels.map { level in
                    (level, itemColumns.filter { paying[$0.0]! == [level] }.map(\.1))
                }
            }
            let hasEnvelope = !window.isEmpty && remaining != nil
            // The chart data: the year, the envelope amount, the fallback's levels.
            try sheet.write(
                string: scenario + ": " + text("chart_data", .phrase), row: top, column: 0,
                format: formats.header)
            var headers = [text("year", .column)]
            if hasEnvelope { headers.append(text("envelope_amount", .phrase)) }
            headers += fallback.map { text($0.level, .level) }
            for (column, header) in headers.enumerated() {
                try sheet.write(string: header, row: top + 1, column: column, format: formats.header)
            }
            let firstData = top + 2
            for (offset, row) in rows.enumerated() {
                let dataRow = firstData + offset
                if let year = CellText.integer(summary[row, yearColumn]) {
                    try sheet.write(number: Double(year), row: dataRow, column: 0, format: formats.year)
                }
                var column = 1
                if hasEnvelope, let used, let remaining {
                    if let usedCents = CellText.cents(summary[row, used]),
                        let remainingCents = CellText.cents(summary[row, remaining])
                    {
                        let formula =
                            "=" + reference(position, row, used, dataRow) + "+"
                            + reference(position, row, remaining, dataRow)
                        try sheet.write(
                            formula: formula, cached: CellText.yuan(usedCents + remainingCents), row: dataRow,
                            column: column, format: formats.amount)
                    }
                    column += 1
                }
                for level in fallback {
                    let cents = level.items.reduce(Int64(0)) { $0 + (CellText.cents(summary[row, $1]) ?? 0) }
                    let formula =
                        "=" + level.items.map { reference(position, row, $0, dataRow) }.joined(separator: "+")
                    try sheet.write(
                        formula: formula, cached: CellText.yuan(cents), row: dataRow, column: column,
                        format: formats.amount)
                    column += 1
                }
            }
            let charts = plan.chartsSheet!
            func dataRange(_ rows: ClosedRange<Int>, column: Int) -> XLSXRange {
                XLSXRange(sheet: charts, rows: rows, column: column)
            }
            let valueAxis = text("yuan", .phrase)
            let yearAxis = text("year", .column)

            // 1. Outlay by item.
            let byItem = workbook.addChart(.stackedColumn)
            for (key, column) in itemColumns {
                if let values = plan.range(position, rows: rows, column: column) {
                    byItem.addSeries(name: text(key, .item), categories: years, values: values)
                }
            }
            byItem.label(
                title: text("chart_outlay_by_item", .phrase) + ": " + scenario, categoryAxis: yearAxis,
                valueAxis: valueAxis, valueFormat: "#,##0")
            try sheet.insert(byItem, row: top + 1, column: Self.chartColumn, scale: Self.chartScale)

            // 2. The envelope.
            let envelope = workbook.addChart(.line)
            if hasEnvelope, let used, let first = window.first, let last = window.last,
                last - first + 1 == window.count,
                let windowYears = plan.range(position, rows: first...last, column: yearColumn),
                let counted = plan.range(position, rows: first...last, column: used)
            {
                envelope.addSeries(name: text("counted", .phrase), categories: windowYears, values: counted)
                let amountRows = (firstData + first - rows.lowerBound)...(firstData + last - rows.lowerBound)
                envelope.addSeries(
                    name: text("envelope_amount", .phrase), categories: windowYears,
                    values: dataRange(amountRows, column: 1), dashed: true)
                envelope.label(
                    title: text("chart_envelope", .phrase) + ": " + scenario, categoryAxis: yearAxis,
                    valueAxis: valueAxis, valueFormat: "#,##0")
            } else if let cumulative, let values = plan.range(position, rows: rows, column: cumulative) {
                envelope.addSeries(name: text("cumulative", .column), categories: years, values: values)
                envelope.label(
                    title: text("chart_cumulative", .phrase) + ": " + scenario, categoryAxis: yearAxis,
                    valueAxis: valueAxis, valueFormat: "#,##0")
            }
            try sheet.insert(
                envelope, row: top + 1, column: Self.chartColumn + Self.chartSpan, scale: Self.chartScale)

            // 3. By paying level.
            let byLevel = workbook.addChart(.stackedColumn)
            var levelSeries = 0
            if let levels = fundingLevels[scenario], let funding = plan.index["funding"],
                let fundingYear = plan.tables[funding].column("year"),
                let fundingTotal = plan.tables[funding].column("total")
            {
                for (level, levelRows) in levels {
                    guard let categories = plan.range(funding, rows: levelRows, column: fundingYear),
                        let values = plan.range(funding, rows: levelRows, column: fundingTotal)
                    else { continue }
                    byLevel.addSeries(name: text(level, .level), categories: categories, values: values)
                    levelSeries += 1
                }
            } else {
                let dataRows = firstData...(firstData + rows.count - 1)
                for (offset, level) in fallback.enumerated() {
                    let column = (hasEnvelope ? 2 : 1) + offset
                    byLevel.addSeries(
                        name: text(level.level, .level), categories: dataRange(dataRows, column: 0),
                        values: dataRange(dataRows, column: column))
                    levelSeries += 1
                }
            }
            if levelSeries > 0 {
                byLevel.label(
                    title: text("chart_by_level", .phrase) + ": " + scenario, categoryAxis: yearAxis,
                    valueAxis: valueAxis, valueFormat: "#,##0")
                try sheet.insert(
                    byLevel, row: top + 1, column: Self.chartColumn + 2 * Self.chartSpan,
                    scale: Self.chartScale)
            }
            top += max(rows.count + 4, Self.chartRows + 3)
        }
    }

    /// A summary cell as the chart data on its sheet names it.
    private func reference(_ table: Int, _ row: Int, _ column: Int, _ dataRow: Int) -> String {
        let layout = plan.layouts[table]
        return SheetNames.quoted(layout.names[layout.part(of: row)]) + "!"
            + WorkbookPlan.columnName(column) + String(layout.sheetRow(of: row) + 1)
    }

    /// Per scenario, its levels on the funding sheet with their rows, top to bottom.
    private func fundingBlocks() -> [String: [(level: String, rows: ClosedRange<Int>)]] {
        guard let funding = plan.table("funding"), let scenario = funding.column("scenario"),
            let payer = funding.column("payer")
        else { return [:] }
        var levels: [String: [(level: String, rows: ClosedRange<Int>)]] = [:]
        for block in funding.blocks(by: [scenario, payer]) {
            levels[block.key[0], default: []].append(
                (block.key[1], block.rows.lowerBound...(block.rows.upperBound - 1)))
        }
        return levels
    }
}
