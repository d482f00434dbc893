import Foundation
import GroundworkCore
import GroundworkEngine
import GroundworkIO

/// What `sweep` and `solve` print: a compact table, and the answer in one sentence.
extension SweepRun {
    /// The most rows and columns a terminal table shows; larger grids show evenly spaced values
    /// (every value is in sweep.csv).
    static let shownRows = 25
    static let shownColumns = 12

    /// For two grids, the breach year (or, without an envelope, the total) as a grid with one
    /// axis per parameter; for one grid, a row per value; for more, the range of the totals.
    public func table() -> String {
        let envelope = run.projections[0].scenario.envelope != nil
        func cell(_ figures: GridFigures) -> String {
            guard envelope else { return Self.compactYuan(figures.total) }
            return figures.breachYear.map { String($0) } ?? "none"
        }
        switch grids.count {
        case 1:
            let grid = grids[0]
            var rows = [[grid.parameter.path, "total (yuan)", "envelope used", "remaining", "breach"]]
            for index in Self.sample(grid.count, Self.shownRows) {
                let figures = points[index]
                rows.append([
                    Self.value(grid.value(index)), TerminalTable.grouped(figures.total),
                    figures.envelope.map { TerminalTable.grouped($0.used) } ?? "-",
                    figures.envelope.map { TerminalTable.grouped($0.remaining) } ?? "-",
                    envelope ? cell(figures) : "-",
                ])
            }
            return TerminalTable.render(rows) + note(grid.count)
        case 2:
            let (outer, inner) = (grids[0], grids[1])
            let columns = Self.sample(inner.count, Self.shownColumns)
            let corner = "\(outer.parameter.path) \\ \(inner.parameter.path)"
            var rows = [[corner] + columns.map { Self.value(inner.value($0)) }]
            for row in Self.sample(outer.count, Self.shownRows) {
                rows.append(
                    [Self.value(outer.value(row))] + columns.map { cell(points[row * inner.count + $0]) })
            }
            let what = envelope ? "breach year of the envelope (none: kept)" : "horizon total in yuan"
            return what + ":\n" + TerminalTable.render(rows) + note(max(outer.count, inner.count))
        default:
            let totals = points.map(\.total)
            let breaches = points.filter { $0.breachYear != nil }.count
            var text =
                "\(points.count) combinations of \(grids.map(\.parameter.path).joined(separator: ", ")): "
            text +=
                "horizon total \(TerminalTable.grouped(totals.min() ?? 0)) to \(TerminalTable.grouped(totals.max() ?? 0))"
            if envelope { text += "; the envelope is breached in \(breaches) of them" }
            return text
        }
    }

    private func note(_ count: Int) -> String {
        count > Self.shownRows ? "\n(evenly spaced values shown; every combination is in sweep.csv)" : ""
    }

    /// The answer of a solve in one sentence: "the highest venues.unit_cost that keeps the
    /// envelope is 182,300; at 182,400 it is breached in 2016".
    public func sentence() -> String {
        guard let solution else { return "" }
        let path = solution.grid.parameter.path
        let extreme = solution.smallest ? "smallest" : "highest"
        let keeps: String
        switch solution.target {
        case .envelope: keeps = "keeps the envelope"
        case .totalAtMost(let amount): keeps = "keeps the horizon total at most \(Self.value(amount)) yuan"
        }
        var text = "the \(extreme) \(path) that \(keeps) is \(Self.value(solution.value))"
        guard let next = solution.next else {
            return text + ": every value of the grid keeps it"
        }
        text += "; at \(Self.value(solution.grid.value(next.index)))"
        switch solution.target {
        case .envelope:
            text += " it is breached in \(next.figures.breachYear.map { String($0) } ?? "?")"
        case .totalAtMost:
            text += " the total is \(TerminalTable.grouped(next.figures.total))"
        }
        return text
    }

    /// A grid value with its whole part grouped by thousands: 182,300 or 0.085.
    static func value(_ value: ExactDecimal) -> String {
        let text = value.description
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1).map(String.init)
        var whole = parts[0]
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// 12.50 亿 style without CJK: totals in billions or millions for a grid cell.
    static func compactYuan(_ cents: Int64) -> String {
        let yuan = Double(cents) / 100
        if abs(yuan) >= 1e9 { return String(format: "%.2fbn", yuan / 1e9) }
        if abs(yuan) >= 1e6 { return String(format: "%.1fm", yuan / 1e6) }
        return TerminalTable.grouped(cents)
    }

    /// At most `limit` evenly spaced indices of 0..<count, both ends included.
    static func sample(_ count: Int, _ limit: Int) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        return (0..<limit).map { Int((Double($0) * Double(count - 1) / Double(limit - 1)).rounded()) }
    }
}
