import GroundworkCore
import GroundworkIO

/// The workbook's live formulas, each cached with the CSV's value, so that a viewer that does
/// not calculate shows the CSV and one that does gets the same cents back (MODEL.md section 5:
/// every total is an exact sum of the cells below it).
///
/// - `summary`: `total` = SUM of the row's six items; `cumulative` = the previous row's
///   cumulative + total (the scenario's first year: = total); `total (万元)` = total / 10000;
///   `envelope_cumulative` = the previous year's (nothing in the window's first year) + the
///   cents the envelope counts that year (MODEL.md 4.5: the selected items paid by the selected
///   levels), as a sum of the `funding` sheet's cells of those levels and items for the
///   scenario and year, or of the summary's own item cells when the envelope counts every
///   level; `envelope_remaining` = the headline's `envelope_amount` - envelope_cumulative.
///   Cells outside the window stay empty.
/// - `funding`: `total` and `cumulative` as in the summary, per scenario and level.
/// - `headline`: `total` = the scenario's last summary cumulative; `envelope_used` = its
///   envelope_cumulative in the year `to`; `envelope_remaining` = envelope_amount - used.
///
/// Without a `funding` sheet (a v1.1 run, one paying level per item) an envelope on some
/// levels counts the summary's cells of the items those levels pay, read from `forecast.csv`'s
/// payer column. Where the counted cents cannot be written as such a sum, the envelope cells
/// keep the CSV's values as plain numbers.
struct WorkbookFormulas {
    let plan: WorkbookPlan
    /// Per scenario and item, the levels that pay some of it in `forecast.csv` (needed only
    /// when there is no funding sheet).
    let forecastPayers: [String: [String: [String]]]

    init(plan: WorkbookPlan) {
        self.plan = plan
        let needed = plan.table("funding") == nil && plan.envelopes.values.contains { $0.levels != nil }
        forecastPayers = needed ? Self.payers(plan.table("forecast")) : [:]
    }

    /// The formula of each column of table `table`'s sheet; nil for a column of values.
    func columns(_ table: Int) -> [FormulaColumn?] {
        switch plan.tables[table].spec.name {
        case "summary": summary(table)
        case "funding": funding(table)
        case "headline": headline(table)
        default: [FormulaColumn?](repeating: nil, count: plan.columns[table].count)
        }
    }

    /// The cached value of an amount cell: the CSV's cents as yuan.
    private static func amount(_ table: WorkbookTable, _ column: Int) -> (Int) -> Double {
        { row in CellText.cents(table[row, column]).map(CellText.yuan) ?? 0 }
    }

    /// Whether data row `row` starts a block of rows with the same values in `columns`.
    private static func startsBlock(_ table: WorkbookTable, _ row: Int, _ columns: [Int]) -> Bool {
        row == 0 || columns.contains { table[row - 1, $0] != table[row, $0] }
    }

    /// `total` = SUM of the items and `cumulative` = previous + total within each block of
    /// `blockColumns`, the formulas the summary and the funding sheets share.
    private func totals(_ position: Int, blockColumns: [Int], into result: inout [FormulaColumn?]) {
        let table = plan.tables[position]
        let items = LineItem.allCases.compactMap { table.column($0.key) }
        guard items.count == LineItem.allCases.count, let total = table.column("total") else { return }
        let contiguous = items == Array(items[0]...items[items.count - 1])
        result[total] = FormulaColumn(
            formula: { row in
                let cells = items.map { plan.reference(position, row, $0, from: position, row) }
                return contiguous
                    ? "=SUM(\(cells.first!):\(cells.last!))" : "=" + cells.joined(separator: "+")
            },
            cached: Self.amount(table, total))
        if let cumulative = table.column("cumulative") {
            result[cumulative] = FormulaColumn(
                formula: { row in
                    let here = plan.reference(position, row, total, from: position, row)
                    if Self.startsBlock(table, row, blockColumns) { return "=" + here }
                    return "=" + plan.reference(position, row - 1, cumulative, from: position, row) + "+"
                        + here
                },
                cached: Self.amount(table, cumulative))
        }
    }

    // MARK: - summary

    private func summary(_ position: Int) -> [FormulaColumn?] {
        let table = plan.tables[position]
        var result = [FormulaColumn?](repeating: nil, count: plan.columns[position].count)
        guard let scenario = table.column("scenario"), let year = table.column("year") else { return result }
        totals(position, blockColumns: [scenario], into: &result)
        if let total = table.column("total"),
            let wan = plan.columns[position].firstIndex(where: { $0.source == nil })
        {
            result[wan] = FormulaColumn(
                formula: { row in
                    table[row, total].isEmpty
                        ? nil : "=" + plan.reference(position, row, total, from: position, row) + "/10000"
                },
                cached: { row in CellText.cents(table[row, total]).map { Double($0) / 1_000_000 } ?? 0 })
        }
        guard let used = table.column("envelope_cumulative") else { return result }
        // Per scenario: the envelope, the expression of the cents it counts in a row, the amount.
        var counting:
            [String: (envelope: WorkbookEnvelope, counted: (Int) -> String, amount: (Int) -> String)] =
                [:]
        for (envelope) in plan.envelopes.values {
            guard let counted = countedCents(envelope, summary: position) else { continue }
            counting[envelope.scenario] = (envelope, counted, amountReference(envelope, from: position))
        }
        func inWindow(_ row: Int) -> WorkbookEnvelope? {
            guard !table[row, used].isEmpty, let entry = counting[table[row, scenario]],
                let calendarYear = CellText.integer(table[row, year]),
                (entry.envelope.from...entry.envelope.to).contains(calendarYear)
            else { return nil }
            return entry.envelope
        }
        result[used] = FormulaColumn(
            formula: { row in
                guard let envelope = inWindow(row) else { return nil }
                let counted = counting[envelope.scenario]!.counted(row)
                if CellText.integer(table[row, year]) == envelope.from
                    || Self.startsBlock(table, row, [scenario])
                {
                    return "=" + counted
                }
                return "=" + plan.reference(position, row - 1, used, from: position, row) + "+" + counted
            },
            cached: Self.amount(table, used))
        if let remaining = table.column("envelope_remaining") {
            result[remaining] = FormulaColumn(
                formula: { row in
                    guard let envelope = inWindow(row), !table[row, remaining].isEmpty else { return nil }
                    return "=" + counting[envelope.scenario]!.amount(row) + "-"
                        + plan.reference(position, row, used, from: position, row)
                },
                cached: Self.amount(table, remaining))
        }
        return result
    }

    /// The envelope's amount as a summary formula on data row `row` names it: the headline's
    /// `envelope_amount` cell when the headline sheet has it, else the number.
    private func amountReference(_ envelope: WorkbookEnvelope, from summary: Int) -> (Int) -> String {
        let literal = CSVWriter.cents(envelope.amountCents)
        guard let headline = plan.index["headline"], let scenario = plan.tables[headline].column("scenario"),
            let amount = plan.tables[headline].column("envelope_amount"),
            let row = (0..<plan.tables[headline].rowCount).first(where: {
                plan.tables[headline][$0, scenario] == envelope.scenario
            }),
            CellText.cents(plan.tables[headline][row, amount]) == envelope.amountCents
        else { return { _ in literal } }
        return { from in plan.reference(headline, row, amount, from: summary, from) }
    }

    /// The expression of the cents `envelope` counts in summary data row `row` (a sum of
    /// cells, or `0`); nil when it cannot be written from the sheets.
    private func countedCents(_ envelope: WorkbookEnvelope, summary position: Int) -> ((Int) -> String)? {
        let summary = plan.tables[position]
        let keys = LineItem.allCases.map(\.key)
        guard envelope.items.allSatisfy(keys.contains), let year = summary.column("year") else { return nil }
        let items = keys.filter(envelope.items.contains)
        func sum(_ cells: [String]) -> String { cells.isEmpty ? "0" : cells.joined(separator: "+") }
        // The summary's own cells of `counted` items.
        func summaryCells(_ counted: [String]) -> (Int) -> String {
            let total = summary.column("total")
            let columns = counted.compactMap { summary.column($0) }
            return { row in
                if counted.count == keys.count, let total {
                    return plan.reference(position, row, total, from: position, row)
                }
                return sum(columns.map { plan.reference(position, row, $0, from: position, row) })
            }
        }
        guard let levels = envelope.levels else { return summaryCells(items) }
        if let funding = plan.index["funding"] {
            return fundingCells(levels: levels, items: items, funding: funding, summary: position, year: year)
        }
        // No funding sheet: each item's payers from forecast.csv, all counted or none.
        guard let payers = forecastPayers[envelope.scenario] else { return nil }
        var counted: [String] = []
        for item in items {
            let paying = payers[item] ?? []
            let selected = paying.filter(levels.contains)
            if selected.isEmpty { continue }
            guard selected.count == paying.count else { return nil }
            counted.append(item)
        }
        return summaryCells(counted)
    }

    /// The funding sheet's cells of `levels` and `items` for the scenario and year of summary
    /// data row `row`; the level's `total` cell when every item counts.
    private func fundingCells(
        levels: [String], items: [String], funding position: Int, summary: Int, year: Int
    )
        -> ((Int) -> String)?
    {
        let funding = plan.tables[position]
        guard let scenario = funding.column("scenario"), let payer = funding.column("payer"),
            let fundingYear = funding.column("year"),
            let summaryScenario = plan.tables[summary].column("scenario")
        else { return nil }
        let columns: [Int]
        if items.count == LineItem.allCases.count, let total = funding.column("total") {
            columns = [total]
        } else {
            columns = items.compactMap { funding.column($0) }
            guard columns.count == items.count else { return nil }
        }
        var rows: [String: Int] = [:]
        for row in 0..<funding.rowCount {
            rows[
                funding[row, scenario] + "\u{0}" + funding[row, payer] + "\u{0}" + funding[row, fundingYear]] =
                row
        }
        // Levels top to bottom, as the funding sheet lists them.
        let order = ["central", "province", "city", "county"]
        let selected = order.filter(levels.contains) + levels.filter { !order.contains($0) }
        let table = plan.tables[summary]
        return { row in
            var cells: [String] = []
            for level in selected {
                let key = table[row, summaryScenario] + "\u{0}" + level + "\u{0}" + table[row, year]
                guard let fundingRow = rows[key] else { continue }
                cells += columns.map { plan.reference(position, fundingRow, $0, from: summary, row) }
            }
            return cells.isEmpty ? "0" : cells.joined(separator: "+")
        }
    }

    /// Per scenario and item, the levels that pay it in `forecast.csv`, in order of appearance.
    static func payers(_ forecast: WorkbookTable?) -> [String: [String: [String]]] {
        guard let forecast, let scenario = forecast.column("scenario"), let item = forecast.column("item"),
            let payer = forecast.column("payer")
        else { return [:] }
        var payers: [String: [String: [String]]] = [:]
        var last: (String, String, String)? = nil
        for row in 0..<forecast.rowCount {
            let current = (forecast[row, scenario], forecast[row, item], forecast[row, payer])
            if let last, last == current { continue }
            last = current
            var levels = payers[current.0, default: [:]][current.1, default: []]
            if !levels.contains(current.2) {
                levels.append(current.2)
                payers[current.0, default: [:]][current.1] = levels
            }
        }
        return payers
    }

    // MARK: - funding

    private func funding(_ position: Int) -> [FormulaColumn?] {
        let table = plan.tables[position]
        var result = [FormulaColumn?](repeating: nil, count: plan.columns[position].count)
        guard let scenario = table.column("scenario"), let payer = table.column("payer") else {
            return result
        }
        totals(position, blockColumns: [scenario, payer], into: &result)
        return result
    }

    // MARK: - headline

    private func headline(_ position: Int) -> [FormulaColumn?] {
        let table = plan.tables[position]
        var result = [FormulaColumn?](repeating: nil, count: plan.columns[position].count)
        guard let scenario = table.column("scenario"), let summaryPosition = plan.index["summary"] else {
            return result
        }
        let summary = plan.tables[summaryPosition]
        guard let summaryScenario = summary.column("scenario") else { return result }
        var blocks: [String: Range<Int>] = [:]
        for block in summary.blocks(by: [summaryScenario]) where blocks[block.key[0]] == nil {
            blocks[block.key[0]] = block.rows
        }
        if let total = table.column("total"), let cumulative = summary.column("cumulative") {
            result[total] = FormulaColumn(
                formula: { row in
                    guard let rows = blocks[table[row, scenario]], !rows.isEmpty, !table[row, total].isEmpty
                    else {
                        return nil
                    }
                    return "=" + plan.reference(summaryPosition, rows.last!, cumulative, from: position, row)
                },
                cached: Self.amount(table, total))
        }
        guard let used = table.column("envelope_used"),
            let summaryUsed = summary.column("envelope_cumulative")
        else { return result }
        func lastUsed(_ row: Int) -> Int? {
            guard !table[row, used].isEmpty, let rows = blocks[table[row, scenario]] else { return nil }
            return rows.last { !summary[$0, summaryUsed].isEmpty }
        }
        result[used] = FormulaColumn(
            formula: { row in
                lastUsed(row).map {
                    "=" + plan.reference(summaryPosition, $0, summaryUsed, from: position, row)
                }
            },
            cached: Self.amount(table, used))
        if let amount = table.column("envelope_amount"), let remaining = table.column("envelope_remaining") {
            result[remaining] = FormulaColumn(
                formula: { row in
                    guard lastUsed(row) != nil, !table[row, amount].isEmpty, !table[row, remaining].isEmpty
                    else {
                        return nil
                    }
                    return "=" + plan.reference(position, row, amount, from: position, row) + "-"
                        + plan.reference(position, row, used, from: position, row)
                },
                cached: Self.amount(table, remaining))
        }
        return result
    }
}
