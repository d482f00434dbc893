import GroundworkCore
import GroundworkIO

/// The report of a sweep or a solve directory (MODEL.md section 10), built from `sweep.csv` or
/// `solve.csv` alone (`SweepReportData`):
/// - a 2-D sweep: a heatmap of the breach year over the two grids (of the envelope remaining
///   when no combination breaches; of the horizon total without an envelope);
/// - a 1-D sweep: a line of the envelope used against the amount (the total without an
///   envelope) over the grid, the values where the breach year changes marked;
/// - more than two grids: the heatmap of the first two, the others at their first values
///   (the page says so; every combination stays in sweep.csv);
/// - a solve: the answer and the next value on the envelope chart (the cumulative the envelope
///   counts at the window's end, within and beyond the amount), or the totals against
///   `total<=AMOUNT`.
/// And `report_sweep.csv` (sweep.csv's rows that the chart draws, as written) or
/// `report_solve.csv`.
extension ReportPage {
    public static let sweepFile = "report_sweep.csv"
    public static let solveFile = "report_solve.csv"

    /// The page and its chart data file, `report.html` first.
    public static func files(_ data: SweepReportData, language: Language = .en) -> [(
        name: String, bytes: [UInt8]
    )] {
        var builder = Builder()
        builder.language = language
        let name: String
        switch data.content {
        case .sweep(let sweep): name = sweep.scenario
        case .solve(let solve): name = solve.scenario
        }
        let title = builder.t(
            data.isSolve ? "Groundwork report (solve): {name}" : "Groundwork report (sweep): {name}",
            ["name": name])
        shell(title: title, version: data.engineVersion, command: data.command, into: &builder) { page in
            switch data.content {
            case .sweep(let sweep): sweepSection(sweep, into: &page)
            case .solve(let solve): solveSection(solve, into: &page)
            }
        }
        var result: [(name: String, bytes: [UInt8])] = [(fileName, Array(builder.html.markup.utf8))]
        for name in [sweepFile, solveFile] {
            if let writer = builder.tables[name] { result.append((name, writer.bytes)) }
        }
        return result
    }

    /// The page around `body`: the head, the title and the meta line.
    static func shell(
        title: String, version: String?, command: [String]?, into page: inout Builder,
        _ body: (inout Builder) -> Void
    ) {
        page.html.line(raw: "<!DOCTYPE html>")
        page.html.open("html", ["lang": page.language == .zh ? "zh-CN" : "en"])
        page.html.block("head") { head in
            head.line { $0.voidElement("meta", ["charset": "utf-8"]) }
            head.line {
                $0.voidElement(
                    "meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
            }
            head.line("title", text: title)
            head.block("style") { $0.line(raw: css) }
        }
        page.html.open("body")
        let heading = page.t("Groundwork report")
        let note = page.t(
            "Every figure comes from the directory's CSV file; the numbers behind the chart are in the "
                + "<code>report_*.csv</code> file beside this page.")
        page.html.block("header") { header in
            header.line("h1", text: heading)
            header.line("p", ["class": "meta"]) { meta in
                if let version { meta.text("groundwork \(version) · ") }
                if let command {
                    meta.element("code", text: command.joined(separator: " "))
                    meta.text(" · ")
                }
                meta.raw(note)
            }
        }
        body(&page)
        page.html.close("body")
        page.html.close("html")
    }

    // MARK: - Sweep

    static func sweepSection(_ sweep: SweepReportData.Sweep, into page: inout Builder) {
        let id = "scenario-1"
        page.html.open("section", ["class": "scenario", "id": id])
        let sweepOf = page.t(
            "sweep of {parameters}", ["parameters": sweep.parameters.joined(separator: " × ")])
        page.html.line("h2") { heading in
            heading.text(sweep.scenario + " ")
            heading.element("span", ["class": "note"], text: sweepOf)
        }
        var rows: [(String, String)] = []
        let sizes = zip(sweep.parameters, sweep.axes).map {
            page.t("{count} values of {parameter}", ["count": String($0.1.count), "parameter": $0.0])
        }
        rows.append(
            (
                page.t("Combinations"),
                page.t(
                    "{count} ({sizes})",
                    ["count": String(sweep.points.count), "sizes": sizes.joined(separator: " × ")])
            ))
        if let low = sweep.points.map(\.total).min(), let high = sweep.points.map(\.total).max() {
            rows.append(
                (
                    page.t("Horizon total"),
                    page.t(
                        "{low} to {high}",
                        ["low": page.money(Double(low) / 100), "high": page.money(Double(high) / 100)])
                ))
        }
        if sweep.hasEnvelope {
            let years = sweep.points.compactMap(\.breachYear)
            rows.append(
                (
                    page.t("Envelope"),
                    years.isEmpty
                        ? page.t("kept at every combination")
                        : page.t(
                            "breached at {breached} of {count} combinations, in {first}–{last}",
                            [
                                "breached": String(years.count), "count": String(sweep.points.count),
                                "first": String(years.min()!), "last": String(years.max()!),
                            ])
                ))
        } else {
            rows.append((page.t("Envelope"), page.t("none set")))
        }
        page.html.line("dl", ["class": "headline"]) { list in
            for row in rows {
                list.element("dt", text: row.0)
                list.element("dd", text: row.1)
            }
        }
        let drawn = drawnPoints(sweep)
        if sweep.parameters.count > 2 {
            let fixed = sweep.parameters.indices.dropFirst(2).map {
                "\(sweep.parameters[$0]) = \(axisValue(sweep.axes[$0][0]))"
            }
            page.html.line(
                "p", ["class": "note"],
                text: page.t(
                    "The sweep varies {count} parameters. The chart shows the first two, {first} down and {second} "
                        + "across, with {fixed} (their first values); every combination is in sweep.csv.",
                    [
                        "count": String(sweep.parameters.count), "first": sweep.parameters[0],
                        "second": sweep.parameters[1], "fixed": page.list(fixed),
                    ]))
        }
        page.rows(sweepFile, header: sweep.header) { writer in
            for point in drawn { writer.row(point.fields) }
        }
        if sweep.parameters.count == 1 {
            sweepLine(sweep, id: id, into: &page)
        } else {
            sweepHeatmap(sweep, drawn: drawn, id: id, into: &page)
        }
        page.html.close("section")
    }

    /// The points the chart draws: all of a 1-D or 2-D sweep; of a larger one, those with the
    /// third and later parameters at their first values.
    static func drawnPoints(_ sweep: SweepReportData.Sweep) -> [SweepReportData.Point] {
        guard sweep.parameters.count > 2 else { return sweep.points }
        return sweep.points.filter { point in
            sweep.parameters.indices.dropFirst(2).allSatisfy { point.values[$0] == sweep.axes[$0][0] }
        }
    }

    /// A grid value as the page shows it: whole numbers from 1,000 grouped, others as written.
    static func axisValue(_ text: String) -> String {
        if let whole = Int(text), abs(whole) >= 1000 { return SVG.number(Double(whole), decimals: 0) }
        return text
    }

    /// What a heatmap cell shows: the breach year, or an amount.
    enum HeatmapMeasure {
        case breachYear, envelopeRemaining, total
    }

    static func sweepHeatmap(
        _ sweep: SweepReportData.Sweep, drawn: [SweepReportData.Point], id: String, into page: inout Builder
    ) {
        let rows = sweep.axes[0]
        let columns = sweep.axes[1]
        var at: [String: [String: SweepReportData.Point]] = [:]
        for point in drawn { at[point.values[0], default: [:]][point.values[1]] = point }
        let measure: HeatmapMeasure =
            !sweep.hasEnvelope
            ? .total : (drawn.contains { $0.breachYear != nil } ? .breachYear : .envelopeRemaining)
        let years = Set(drawn.compactMap(\.breachYear)).sorted()
        let amounts = drawn.map { measure == .total ? $0.total : ($0.envelopeRemaining ?? 0) }
        let low = Double(amounts.min() ?? 0) / 100
        let high = Double(amounts.max() ?? 0) / 100
        let unit = AmountUnit.choose(forMaximum: max(abs(low), abs(high)))
        let kept = "#91cf60"
        var yearColors: [Int: String] = [:]
        for (index, year) in years.enumerated() {
            let fraction = years.count == 1 ? 0.5 : Double(index) / Double(years.count - 1)
            yearColors[year] = mix("#d73027", "#fee08b", fraction)
        }
        func yearColor(_ year: Int) -> String { yearColors[year] ?? "#d73027" }
        func amountColor(_ yuan: Double) -> String {
            let fraction = high == low ? 0.5 : (yuan - low) / (high - low)
            return measure == .total
                ? mix("#deebf7", "#3182bd", fraction) : mix("#e5f5e0", "#31a354", fraction)
        }
        // A tooltip per cell, in exact yuan (formatted from the cents: a sweep has up to a
        // million cells; each phrase is looked up once and split around its slot).
        let totalText = Slotted(page.t("total {amount} yuan", ["amount": Slotted.mark]))
        let usedText = Slotted(page.t("envelope used {amount}", ["amount": Slotted.mark]))
        let remainingText = Slotted(page.t("remaining {amount}", ["amount": Slotted.mark]))
        let breachText = Slotted(page.t("breach {year}", ["year": Slotted.mark]))
        let (none, separator, missing) = (page.t("none"), page.t("; "), page.t("not in sweep.csv"))
        func detail(_ point: SweepReportData.Point) -> String {
            var parts = [totalText(TerminalTable.grouped(point.total))]
            if let used = point.envelopeUsed { parts.append(usedText(TerminalTable.grouped(used))) }
            if let remaining = point.envelopeRemaining {
                parts.append(remainingText(TerminalTable.grouped(remaining)))
            }
            if sweep.hasEnvelope { parts.append(breachText(point.breachYear.map(String.init) ?? none)) }
            return parts.joined(separator: separator)
        }
        let cells = rows.map { row in
            columns.map { column -> HeatmapChart.Cell in
                guard let point = at[row]?[column] else {
                    return HeatmapChart.Cell(text: "", color: "#eee", detail: missing)
                }
                switch measure {
                case .breachYear:
                    if let year = point.breachYear {
                        return HeatmapChart.Cell(
                            text: String(year), color: yearColor(year), detail: detail(point))
                    }
                    return HeatmapChart.Cell(text: none, color: kept, detail: detail(point))
                case .envelopeRemaining, .total:
                    let yuan = Double(measure == .total ? point.total : point.envelopeRemaining ?? 0) / 100
                    return HeatmapChart.Cell(
                        text: SVG.number(yuan / unit.divisor, decimals: 2), color: amountColor(yuan),
                        detail: detail(point))
                }
            }
        }
        let title: String
        switch measure {
        case .breachYear: title = page.t("Breach year of the envelope")
        case .envelopeRemaining:
            title = page.t("Envelope remaining at the window's end ({})", page.unitName(unit))
        case .total: title = page.t("Horizon total ({})", page.unitName(unit))
        }
        var chart = HeatmapChart(
            title: title, rowLabels: rows.map(axisValue), columnLabels: columns.map(axisValue),
            rowName: sweep.parameters[0], columnName: sweep.parameters[1], cells: cells)
        switch measure {
        case .breachYear:
            chart.legend = years.map {
                LegendEntry(page.t("breached in {}", String($0)), color: yearColor($0), swatch: .box)
            }
            if drawn.contains(where: { $0.breachYear == nil }) {
                chart.legend.append(LegendEntry(page.t("kept (no breach)"), color: kept, swatch: .box))
            }
        case .envelopeRemaining, .total:
            chart.legend = [
                LegendEntry(page.t("lowest {}", page.money(low)), color: amountColor(low), swatch: .box),
                LegendEntry(page.t("highest {}", page.money(high)), color: amountColor(high), swatch: .box),
            ]
        }
        let grid = [
            "row": sweep.parameters[0], "rows": String(rows.count), "column": sweep.parameters[1],
            "columns": String(columns.count), "breached": String(drawn.filter { $0.breachYear != nil }.count),
            "count": String(drawn.count),
        ]
        let caption: String
        switch measure {
        case .breachYear:
            caption = page.t(
                "{row} down ({rows} values), {column} across ({columns} values); each cell is the year the envelope is "
                    + "first exceeded at that combination (none: kept); {breached} of {count} breach.", grid)
        case .envelopeRemaining:
            caption = page.t(
                "{row} down ({rows} values), {column} across ({columns} values); no combination breaches the envelope; "
                    + "each cell is what remains at the window's end.", grid)
        case .total:
            caption = page.t(
                "{row} down ({rows} values), {column} across ({columns} values); the scenario sets no envelope; each "
                    + "cell is the horizon total.", grid)
        }
        page.figure("\(id)-sweep", chart.svg(), caption: caption)
    }

    static func sweepLine(_ sweep: SweepReportData.Sweep, id: String, into page: inout Builder) {
        let points = sweep.points
        let parameter = sweep.parameters[0]
        let categories = points.map { axisValue($0.values[0]) }
        let envelope = sweep.hasEnvelope
        let amount = points.first.flatMap { p in p.envelopeUsed.map { $0 + (p.envelopeRemaining ?? 0) } }
        let shown = points.map { Double(envelope ? ($0.envelopeUsed ?? 0) : $0.total) / 100 }
        let unit = AmountUnit.choose(
            forMaximum: max(shown.map(abs).max() ?? 0, abs(Double(amount ?? 0) / 100)))
        var chart = CategoryChart(
            title: page.t(envelope ? "Envelope used over the grid" : "Horizon total over the grid"),
            categories: categories, xLabel: parameter,
            yLabel: page.t(envelope ? "envelope used ({})" : "horizon total ({})", page.unitName(unit)))
        chart.lines = [
            ChartSeries(
                page.t(envelope ? "envelope used" : "horizon total"), color: "#4e79a7",
                values: shown.map { $0 / unit.divisor })
        ]
        if envelope, let amount {
            let yuan = Double(amount) / 100
            chart.references = [
                CategoryChart.Reference(
                    page.t("envelope amount ({})", page.money(yuan)), value: yuan / unit.divisor,
                    color: "#222")
            ]
            // Where the breach year changes along the grid (at most six marks).
            var markers: [CategoryChart.Marker] = []
            for index in points.indices
            where index == 0 || points[index].breachYear != points[index - 1].breachYear {
                if index == 0 && points[0].breachYear == nil { continue }
                let label = points[index].breachYear.map { page.t("breach {}", String($0)) } ?? page.t("kept")
                markers.append(CategoryChart.Marker(index: index, label: label, color: "#c0392b"))
            }
            chart.markers = Array(markers.prefix(6))
            if !chart.markers.isEmpty { chart.markerLegend = page.t("where the breach year changes") }
        }
        let breached = points.filter { $0.breachYear != nil }.count
        let grid = ["count": String(points.count), "parameter": parameter, "breached": String(breached)]
        let caption: String
        if !envelope {
            caption = page.t(
                "{count} values of {parameter}. The scenario sets no envelope; the line is the horizon total.",
                grid)
        } else if breached == 0 {
            caption = page.t("{count} values of {parameter}. The envelope holds at every value.", grid)
        } else {
            caption = page.t(
                "{count} values of {parameter}. The envelope is breached at {breached} of them; the dashed lines mark "
                    + "where the breach year changes.", grid)
        }
        page.figure("\(id)-sweep", chart.svg(), caption: caption)
    }

    /// A phrase with one slot, translated once and split around it, so that filling it is two
    /// concatenations (the heatmap's tooltips, one per cell).
    struct Slotted {
        /// What the slot is filled with before the split (never in a phrase or a value).
        static let mark = "\u{0}"
        let before: String
        let after: String

        init(_ text: String) {
            let parts = text.split(separator: Self.mark, maxSplits: 1, omittingEmptySubsequences: false)
            before = String(parts[0])
            after = parts.count > 1 ? String(parts[1]) : ""
        }

        func callAsFunction(_ value: String) -> String { before + value + after }
    }

    /// The colour a fraction (0...1) of the way from `from` to `to` (`#rrggbb`).
    static func mix(_ from: String, _ to: String, _ fraction: Double) -> String {
        func channels(_ hex: String) -> [Double] {
            let digits = Array(hex.dropFirst())
            return stride(from: 0, to: 6, by: 2).map {
                Double(Int(String(digits[$0...$0 + 1]), radix: 16) ?? 0)
            }
        }
        let t = min(1, max(0, fraction))
        let mixed = zip(channels(from), channels(to)).map { Int(($0 + ($1 - $0) * t).rounded()) }
        let digits = Array("0123456789abcdef")
        return "#" + String(mixed.flatMap { [digits[$0 / 16], digits[$0 % 16]] })
    }

    // MARK: - Solve

    static let solveHeader = [
        "scenario", "parameter", "target", "point", "value", "total", "envelope_used", "envelope_amount",
        "envelope_remaining", "breach_year",
    ]

    static func solveSection(_ solve: SweepReportData.Solve, into page: inout Builder) {
        let id = "scenario-1"
        page.html.open("section", ["class": "scenario", "id": id])
        let solveFor = page.t("solve for {parameter}", ["parameter": solve.parameter])
        page.html.line("h2") { heading in
            heading.text(solve.scenario + " ")
            heading.element("span", ["class": "note"], text: solveFor)
        }
        page.html.line("p", text: solveSentence(solve, page))
        let target = solve.target == "envelope" ? page.t("target envelope") : solve.target
        var rows: [(String, String)] = [(page.t("Target"), target)]
        let (total, envelopeUsed) = (page.t("total"), page.t("envelope used"))
        let (breachYear, none) = (page.t("breach year"), page.t("none"))
        func figures(_ label: String, _ point: SweepReportData.SolvePoint) {
            rows.append((label, "\(solve.parameter) = \(axisValue(point.value))"))
            rows.append((total, page.money(Double(point.total) / 100)))
            if let used = point.envelopeUsed {
                rows.append((envelopeUsed, page.money(Double(used) / 100)))
                rows.append((breachYear, point.breachYear.map(String.init) ?? none))
            }
        }
        figures(page.t("Answer"), solve.answer)
        if let next = solve.next { figures(page.t("Next value"), next) }
        page.html.line("dl", ["class": "headline"]) { list in
            for row in rows {
                list.element("dt", text: row.0)
                list.element("dd", text: row.1)
            }
        }
        var points: [(role: String, point: SweepReportData.SolvePoint)] = [("answer", solve.answer)]
        if let next = solve.next { points.append(("next", next)) }
        if solve.smallest { points.reverse() }
        page.rows(solveFile, header: solveHeader) { writer in
            for (role, point) in points {
                writer.row([
                    solve.scenario, solve.parameter, solve.target, role, point.value,
                    CSVWriter.cents(point.total),
                    point.envelopeUsed.map(CSVWriter.cents) ?? "",
                    point.envelopeAmount.map(CSVWriter.cents) ?? "",
                    point.envelopeRemaining.map(CSVWriter.cents) ?? "",
                    point.breachYear.map(String.init) ?? "",
                ])
            }
        }
        let categories = points.map { "\(solve.parameter) =\n" + axisValue($0.point.value) }
        let answerIndex = points.firstIndex { $0.role == "answer" }!
        var chart: CategoryChart
        let unit: AmountUnit
        if let limit = solve.totalTarget {
            let totals = points.map { Double($0.point.total) / 100 }
            let yuan = Double(limit) / 100
            unit = AmountUnit.choose(forMaximum: max(yuan, totals.map(abs).max() ?? 0))
            chart = CategoryChart(
                title: page.t("The answer against the target"), categories: categories,
                xLabel: solve.parameter, yLabel: page.t("horizon total ({})", page.unitName(unit)))
            chart.stack(
                totals, against: yuan, unit: unit,
                within: page.t("within the target"), beyond: page.t("beyond the target"),
                reference: page.t("target: total at most {amount}", ["amount": page.money(yuan)]))
        } else {
            let used = points.map { Double($0.point.envelopeUsed ?? 0) / 100 }
            let amount = Double(solve.answer.envelopeAmount ?? 0) / 100
            unit = AmountUnit.choose(forMaximum: max(amount, used.map(abs).max() ?? 0))
            chart = CategoryChart(
                title: page.t("The answer against the envelope"),
                categories: categories, xLabel: solve.parameter,
                yLabel: page.t("cumulative outlay counted ({})", page.unitName(unit)))
            chart.stack(
                used, against: amount, unit: unit,
                within: page.t("within the envelope"), beyond: page.t("beyond the envelope"),
                reference: page.t("envelope amount ({})", page.money(amount)))
        }
        // The two values differ by one grid step: each bar is labelled with its exact yuan.
        let divisor = unit.divisor
        chart.totalLabel = { SVG.number($0 * divisor, decimals: 2) }
        chart.layout.plotWidth = 560
        chart.markers = [
            CategoryChart.Marker(
                index: answerIndex, label: page.t("answer {}", axisValue(solve.answer.value)),
                color: "#2e7d32")
        ]
        if let nextIndex = points.firstIndex(where: { $0.role == "next" }) {
            let label =
                points[nextIndex].point.breachYear.map { page.t("breach {}", String($0)) }
                ?? page.t("fails the target")
            chart.markers.append(CategoryChart.Marker(index: nextIndex, label: label, color: "#c0392b"))
        }
        chart.markerLegend = page.t("the answer")
        let caption =
            solve.totalTarget == nil
            ? page.t(
                "The cumulative outlay the envelope counts, at the window's end, at the answer and at the next grid "
                    + "value (where the envelope is breached).")
            : page.t("The horizon total at the answer and at the next grid value, against the target.")
        page.figure("\(id)-solve", chart.svg(), caption: caption)
        page.html.close("section")
    }

    /// "The highest venues.unit_cost that keeps the envelope is 235,100; at 235,200 it is
    /// breached in 2015.", in the page's language.
    static func solveSentence(_ solve: SweepReportData.Solve, _ page: Builder) -> String {
        var values = ["parameter": solve.parameter, "answer": axisValue(solve.answer.value)]
        let template: String
        if let total = solve.totalTarget {
            values["amount"] = page.money(Double(total) / 100)
            template =
                solve.smallest
                ? "The smallest {parameter} that keeps the horizon total at most {amount} is {answer}"
                : "The highest {parameter} that keeps the horizon total at most {amount} is {answer}"
        } else {
            template =
                solve.smallest
                ? "The smallest {parameter} that keeps the envelope is {answer}"
                : "The highest {parameter} that keeps the envelope is {answer}"
        }
        let text = page.t(template, values)
        guard let next = solve.next else { return text + page.t("; every value of the grid keeps it.") }
        if solve.totalTarget == nil {
            return text
                + page.t(
                    "; at {next} it is breached in {year}.",
                    ["next": axisValue(next.value), "year": next.breachYear.map(String.init) ?? "?"])
        }
        return text
            + page.t(
                "; at {next} the total is {total}.",
                ["next": axisValue(next.value), "total": page.money(Double(next.total) / 100)])
    }
}

extension SweepReportData {
    public var isSolve: Bool {
        if case .solve = content { return true }
        return false
    }
}
