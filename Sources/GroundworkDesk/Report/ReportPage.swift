import GroundworkCore
import GroundworkEngine
import GroundworkIO
import Foundation

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network) with
/// the charts of a run, and beside it one CSV per chart with the numbers behind it
/// (`report_<chart>.csv`, rows of every scenario, amounts in yuan to the cent).
///
/// Built only from a run's files (`ReportData`): the report never re-derives the model.
/// Deterministic: the same files give the same bytes.
public enum ReportPage {
    public static let fileName = "report.html"

    /// The chart data files, written beside `report.html` (only those with rows).
    public static let outlayFile = "report_outlay_by_item.csv"
    public static let envelopeFile = "report_envelope.csv"
    public static let venuesFile = "report_venues.csv"
    public static let payFile = "report_pay.csv"
    public static let countiesFile = "report_counties.csv"
    public static let fanFile = "report_fan.csv"
    public static let breachFile = "report_breach_probability.csv"
    public static let tornadoFile = "report_tornado.csv"
    public static let dataFiles = [
        outlayFile, envelopeFile, venuesFile, payFile, countiesFile, fanFile, breachFile, tornadoFile,
    ]

    /// The report of the run files `runFiles` (as `Run.files` returns them): the page and its
    /// chart data files.
    /// - Precondition: the files are the engine's own (they always parse).
    /// `commandLine` is shown on the page (the manifest, which has it, is written after).
    public static func files(
        runFiles: [(name: String, bytes: [UInt8])], commandLine: [String]? = nil
    ) -> [(name: String, bytes: [UInt8])] {
        var byName: [String: [UInt8]] = [:]
        for file in runFiles { byName[file.name] = file.bytes }
        do {
            var data = try ReportData(files: byName)
            if let commandLine {
                data.command = commandLine
                data.engineVersion = Engine.version
            }
            return files(data)
        } catch {
            preconditionFailure("the report cannot read the files the run wrote: \(error)")
        }
    }

    /// The page and its chart data files, `report.html` first.
    public static func files(_ data: ReportData) -> [(name: String, bytes: [UInt8])] {
        var builder = Builder()
        let html = builder.page(data)
        var result: [(name: String, bytes: [UInt8])] = [(fileName, Array(html.utf8))]
        for name in dataFiles {
            if let writer = builder.tables[name] { result.append((name, writer.bytes)) }
        }
        return result
    }

    /// Line items: display names and colours, in `LineItem` order.
    static let itemNames = [
        "venue construction", "venue upkeep", "operating funds", "cadre pay, basic", "cadre pay, performance",
        "pension top-up",
    ]
    static let itemColors = ["#4e79a7", "#a0cbe8", "#59a14f", "#f28e2b", "#ffbe7d", "#b07aa1"]
    /// Counties: twelve distinct colours; a portfolio with more shows the eleven largest and
    /// "other counties".
    static let countyColors = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
        "#2f4b7c", "#86bcb6", "#bab0ac",
    ]
    static let roleNames = ["secretary", "director", "other cadre"]
    static let roleColors = ["#e15759", "#4e79a7", "#59a14f"]

    static let css = """
        :root { color-scheme: light; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif;
          color: #222; background: #fff; margin: 0 auto; padding: 16px 24px 48px; max-width: 1100px; line-height: 1.45; }
        svg text { font-family: inherit; fill: #222; }
        svg .marker-label { font-weight: bold; }
        h1 { font-size: 26px; margin: 8px 0 4px; }
        h2 { font-size: 22px; margin: 32px 0 8px; padding-top: 8px; border-top: 3px solid #4e79a7; }
        h3 { font-size: 17px; margin: 24px 0 6px; }
        nav a { margin-right: 16px; }
        .meta { color: #555; font-size: 13px; }
        .meta code { font-size: 12px; }
        figure.chart { margin: 16px 0 24px; break-inside: avoid; page-break-inside: avoid; }
        figure.chart svg { max-width: 100%; height: auto; display: block; }
        figcaption { font-size: 13px; color: #444; margin: 4px 0 0 8px; max-width: 900px; }
        table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
        th, td { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        th { background: #f3f5f8; }
        dl.headline { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; font-size: 14px; margin: 8px 0 16px; }
        dl.headline dt { color: #555; }
        dl.headline dd { margin: 0; }
        .note { font-size: 13px; color: #555; }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { max-width: none; padding: 0; }
          nav { display: none; }
          section.scenario + section.scenario { break-before: page; page-break-before: always; }
        }
        """

    /// Builds the page and fills the chart data tables as it goes.
    struct Builder {
        var tables: [String: CSVWriter] = [:]

        mutating func table(_ name: String, header: [String]) -> CSVWriter {
            if let writer = tables[name] { return writer }
            var writer = CSVWriter()
            writer.row(header)
            return writer
        }

        mutating func page(_ data: ReportData) -> String {
            var html: [String] = []
            html.append("<!DOCTYPE html>")
            html.append("<html lang=\"en\">")
            html.append("<head>")
            html.append("<meta charset=\"utf-8\">")
            html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            let names = data.scenarios.map(\.name).joined(separator: ", ")
            html.append("<title>Groundwork report: \(SVG.escape(names))</title>")
            html.append("<style>\n\(ReportPage.css)\n</style>")
            html.append("</head>")
            html.append("<body>")
            html.append("<header>")
            html.append("<h1>Groundwork report</h1>")
            var meta: [String] = []
            if let version = data.engineVersion { meta.append("groundwork \(SVG.escape(version))") }
            if let command = data.command {
                meta.append("<code>\(SVG.escape(command.joined(separator: " ")))</code>")
            }
            meta.append(
                "Every figure comes from the run's CSV files; the numbers behind each chart are in the "
                    + "<code>report_*.csv</code> files beside this page.")
            html.append("<p class=\"meta\">\(meta.joined(separator: " · "))</p>")
            if data.scenarios.count > 1 {
                html.append(
                    "<nav>Scenarios: "
                        + data.scenarios.enumerated().map { index, scenario in
                            "<a href=\"#scenario-\(index + 1)\">\(SVG.escape(scenario.name))</a>"
                        }.joined() + "</nav>")
            }
            html.append("</header>")
            for (index, scenario) in data.scenarios.enumerated() {
                html.append(section(scenario, number: index + 1))
            }
            html.append("</body>")
            html.append("</html>")
            return html.joined(separator: "\n") + "\n"
        }

        // MARK: - One scenario

        mutating func section(_ s: ReportData.Scenario, number: Int) -> String {
            let id = "scenario-\(number)"
            var parts: [String] = []
            parts.append("<section class=\"scenario\" id=\"\(id)\">")
            parts.append("<h2>\(SVG.escape(s.name)) <span class=\"note\">\(s.start)–\(s.end)</span></h2>")
            parts.append(headline(s))
            parts.append(outlayChart(s, id: id))
            parts.append(envelopeChart(s, id: id))
            parts.append(venuesChart(s, id: id))
            parts.append(payChart(s, id: id))
            parts.append(countySection(s, id: id))
            if s.totalQuantiles != nil || s.breachProbabilityByYear != nil || !s.sensitivity.isEmpty {
                parts.append("<h3>Uncertainty</h3>")
                if let draws = s.draws {
                    var text = "\(SVG.number(Double(draws), decimals: 0)) Monte Carlo draws."
                    if let probability = s.breachProbability {
                        text += " Probability that the envelope is breached: \(percent(probability))"
                        text +=
                            s.breachYearMedian.map { "; median breach year of the breaching draws: \($0)." }
                            ?? "."
                    }
                    parts.append("<p class=\"note\">\(SVG.escape(text))</p>")
                }
            }
            if s.totalQuantiles != nil { parts.append(fanChart(s, id: id)) }
            if s.breachProbabilityByYear != nil { parts.append(breachChart(s, id: id)) }
            if !s.sensitivity.isEmpty { parts.append(tornadoCharts(s, id: id)) }
            parts.append("</section>")
            return parts.joined(separator: "\n")
        }

        func headline(_ s: ReportData.Scenario) -> String {
            var rows: [(String, String)] = []
            rows.append(("Total outlay \(s.start)–\(s.end)", money(s.total)))
            rows.append(
                (
                    "Venues",
                    "\(s.venuesBuilt) of \(s.venuesNeeded) built"
                        + (s.venuesDeferred > 0
                            ? ", \(s.venuesDeferred) deferred beyond \(s.end)" : ", none deferred")
                ))
            if s.constructionAfterHorizon != 0 {
                rows.append(("Construction due after \(s.end)", money(s.constructionAfterHorizon)))
            }
            if let amount = s.envelopeAmount {
                rows.append(("Envelope", money(amount)))
                if let used = s.envelopeUsed { rows.append(("Envelope used", money(used))) }
                if let remaining = s.envelopeRemaining {
                    rows.append(("Envelope remaining", money(remaining)))
                }
                rows.append(("Breach year", s.breachYear.map(String.init) ?? "none"))
            } else {
                rows.append(("Envelope", "none set"))
            }
            return "<dl class=\"headline\">"
                + rows.map { "<dt>\(SVG.escape($0.0))</dt><dd>\(SVG.escape($0.1))</dd>" }.joined() + "</dl>"
        }

        func figure(_ id: String, _ svg: String, caption: String) -> String {
            "<figure class=\"chart\" id=\"\(id)\">\n\(svg)\n<figcaption>\(SVG.escape(caption))</figcaption>\n</figure>"
        }

        // MARK: - Charts

        mutating func outlayChart(_ s: ReportData.Scenario, id: String) -> String {
            let unit = AmountUnit.choose(forMaximum: s.totals.map(abs).max() ?? 0)
            var chart = CategoryChart(
                title: "Yearly outlay by item", categories: s.years.map(String.init), xLabel: "year",
                yLabel: "outlay per year (\(unit.name))")
            chart.stacks = s.items.enumerated().map { index, item in
                ChartSeries(
                    ReportPage.itemNames[index], color: ReportPage.itemColors[index],
                    values: item.values.map { $0 / unit.divisor })
            }
            var writer = table(ReportPage.outlayFile, header: ["scenario", "year", "item", "amount"])
            for (y, year) in s.years.enumerated() {
                for item in s.items {
                    writer.row([s.name, String(year), item.key, CSVWriter.cents(cents(item.values[y]))])
                }
            }
            tables[ReportPage.outlayFile] = writer
            let peak = s.years.indices.max { s.totals[$0] < s.totals[$1] }
            let caption =
                "All six items, stacked, per year. Horizon total \(money(s.total))"
                + (peak.map { "; the largest year is \(s.years[$0]) with \(money(s.totals[$0]))." } ?? ".")
            return figure("\(id)-outlay", chart.svg(), caption: caption)
        }

        mutating func envelopeChart(_ s: ReportData.Scenario, id: String) -> String {
            var writer = table(
                ReportPage.envelopeFile,
                header: [
                    "scenario", "year", "cumulative", "envelope_cumulative", "envelope_amount",
                    "over_envelope", "breach",
                ])
            defer { tables[ReportPage.envelopeFile] = writer }
            guard let amount = s.envelopeAmount else {
                // No envelope: the cumulative outlay alone.
                let unit = AmountUnit.choose(forMaximum: s.cumulative.map(abs).max() ?? 0)
                var chart = CategoryChart(
                    title: "Cumulative outlay (no envelope set)", categories: s.years.map(String.init),
                    xLabel: "year",
                    yLabel: "cumulative outlay (\(unit.name))")
                chart.lines = [
                    ChartSeries(
                        "cumulative outlay, all items", color: "#4e79a7",
                        values: s.cumulative.map { $0 / unit.divisor })
                ]
                for (y, year) in s.years.enumerated() {
                    writer.row([
                        s.name, String(year), CSVWriter.cents(cents(s.cumulative[y])), "", "", "", "",
                    ])
                }
                return figure(
                    "\(id)-envelope", chart.svg(),
                    caption: "The scenario sets no envelope; the line is the cumulative outlay of all items.")
            }
            let window = s.years.indices.filter { s.envelopeCumulative[$0] != nil }
            let used = window.map { s.envelopeCumulative[$0]! }
            let unit = AmountUnit.choose(forMaximum: max(amount, used.map(abs).max() ?? 0))
            var chart = CategoryChart(
                title: "Cumulative outlay against the envelope",
                categories: window.map { String(s.years[$0]) },
                xLabel: "year (the envelope's window)", yLabel: "cumulative outlay counted (\(unit.name))")
            chart.stacks = [
                ChartSeries(
                    "within the envelope", color: "#4e79a7",
                    values: used.map { min(max($0, 0), amount) / unit.divisor }),
                ChartSeries(
                    "beyond the envelope", color: "#e15759",
                    values: used.map { max($0 - amount, 0) / unit.divisor }),
            ]
            chart.references = [
                CategoryChart.Reference(
                    "envelope amount (\(money(amount)))", value: amount / unit.divisor, color: "#222")
            ]
            chart.totalLabel = { SVG.number($0, decimals: 2) + " " + unit.name }
            if let breach = s.breachYear, let index = window.firstIndex(where: { s.years[$0] == breach }) {
                chart.markers = [
                    CategoryChart.Marker(index: index, label: "breach \(breach)", color: "#c0392b")
                ]
                chart.markerLegend = "breach year"
            }
            for (y, year) in s.years.enumerated() {
                let cumulative = s.envelopeCumulative[y]
                writer.row([
                    s.name, String(year), CSVWriter.cents(cents(s.cumulative[y])),
                    cumulative.map { CSVWriter.cents(cents($0)) } ?? "",
                    CSVWriter.cents(cents(amount)),
                    cumulative.map { CSVWriter.cents(cents(max($0 - amount, 0))) } ?? "",
                    s.breachYear == year ? "breach" : "",
                ])
            }
            var caption =
                "Outlay of the envelope's items and payer, cumulated over its window, against the amount of \(money(amount))."
            if let breach = s.breachYear {
                caption +=
                    " It is breached in \(breach); by the window's end \(money(s.envelopeUsed ?? 0)) is used, \(money(-(s.envelopeRemaining ?? 0))) beyond the amount."
            } else {
                caption += " It holds: \(money(s.envelopeRemaining ?? 0)) remains at the window's end."
            }
            return figure("\(id)-envelope", chart.svg(), caption: caption)
        }

        mutating func venuesChart(_ s: ReportData.Scenario, id: String) -> String {
            let lastBuilt = s.years.indices.last { y in s.venuesCompleted.contains { $0[y] > 0 } } ?? 0
            let shown = s.venuesDeferred > 0 ? Array(s.years.indices) : Array(0...lastBuilt)
            var categories = shown.map { String(s.years[$0]) }
            if s.venuesDeferred > 0 { categories.append("deferred") }
            // Counties: all when twelve or fewer, else the eleven with most venues and the rest.
            let needs = s.venuesCompleted.indices.map {
                s.venuesCompleted[$0].reduce(0, +) + s.venuesDeferredByCounty[$0]
            }
            var groups: [(name: String, members: [Int])]
            if s.counties.count <= ReportPage.countyColors.count {
                groups = s.counties.indices.map { (s.counties[$0], [$0]) }
            } else {
                let ranked = s.counties.indices.sorted {
                    needs[$0] > needs[$1] || (needs[$0] == needs[$1] && $0 < $1)
                }
                let top = ranked.prefix(ReportPage.countyColors.count - 1).sorted()
                groups = top.map { (s.counties[$0], [$0]) }
                groups.append(
                    ("other counties (\(s.counties.count - top.count))", Array(ranked.dropFirst(top.count))))
            }
            var chart = CategoryChart(
                title: "Venues completed per year, by county", categories: categories, xLabel: "year",
                yLabel: "venues completed")
            chart.stacks = groups.enumerated().map { index, group in
                var values: [Double?] = shown.map { y in
                    Double(group.members.reduce(0) { $0 + s.venuesCompleted[$1][y] })
                }
                if s.venuesDeferred > 0 {
                    values.append(Double(group.members.reduce(0) { $0 + s.venuesDeferredByCounty[$1] }))
                }
                return ChartSeries(
                    group.name, color: ReportPage.countyColors[index % ReportPage.countyColors.count],
                    values: values)
            }
            var writer = table(
                ReportPage.venuesFile, header: ["scenario", "county", "year", "venues_completed"])
            for (c, county) in s.counties.enumerated() {
                for (y, year) in s.years.enumerated() {
                    writer.row([s.name, county, String(year), String(s.venuesCompleted[c][y])])
                }
                writer.row([s.name, county, "deferred", String(s.venuesDeferredByCounty[c])])
            }
            tables[ReportPage.venuesFile] = writer
            let caption: String
            if s.venuesDeferred > 0 {
                let deferred = s.counties.indices.filter { s.venuesDeferredByCounty[$0] > 0 }
                    .map { "\(s.counties[$0]) \(s.venuesDeferredByCounty[$0])" }.joined(separator: ", ")
                caption =
                    "\(s.venuesBuilt) of \(s.venuesNeeded) venues are built by \(s.end); \(s.venuesDeferred) are deferred beyond the horizon (the last bar): \(deferred)."
            } else {
                caption =
                    "All \(s.venuesNeeded) venues needed are built by \(s.years[lastBuilt]); none is deferred. Later years build none and are not shown."
            }
            return figure("\(id)-venues", chart.svg(), caption: caption)
        }

        mutating func payChart(_ s: ReportData.Scenario, id: String) -> String {
            let incomeMonthly = s.ruralIncome.map { $0.map { $0 / 12 } }
            let maximum =
                (s.monthlyPay.flatMap { $0.compactMap { $0 } } + incomeMonthly.compactMap { $0 }).max() ?? 0
            let unit = AmountUnit.choose(forMaximum: maximum)
            var chart = CategoryChart(
                title: "Monthly pay per role against rural income", categories: s.years.map(String.init),
                xLabel: "year",
                yLabel: "\(unit.name) per month")
            chart.lines = (0..<3).map { role in
                ChartSeries(
                    "\(ReportPage.roleNames[role]) pay", color: ReportPage.roleColors[role],
                    values: s.monthlyPay[role].map { $0.map { $0 / unit.divisor } })
            }
            chart.lines.append(
                ChartSeries(
                    "rural income ÷ 12", color: "#7f7f7f",
                    values: incomeMonthly.map { $0.map { $0 / unit.divisor } }, dashed: true))
            // A rebase: a year whose pay differs from the year before's.
            var rebases: [Int] = []
            for y in s.years.indices.dropFirst() {
                let changed = (0..<3).contains { role in
                    if let now = s.monthlyPay[role][y], let before = s.monthlyPay[role][y - 1] {
                        return now != before
                    }
                    return false
                }
                if changed { rebases.append(y) }
            }
            chart.markers = rebases.map { CategoryChart.Marker(index: $0, label: "rebase", color: "#8e44ad") }
            if !rebases.isEmpty { chart.markerLegend = "pay rebased" }
            var writer = table(
                ReportPage.payFile,
                header: [
                    "scenario", "year", "secretary_monthly", "director_monthly", "other_monthly",
                    "rural_income_monthly", "rebase",
                ])
            for (y, year) in s.years.enumerated() {
                writer.row(
                    [s.name, String(year)]
                        + (0..<3).map { s.monthlyPay[$0][y].map { CSVWriter.cents(cents($0)) } ?? "" }
                        + [
                            incomeMonthly[y].map { CSVWriter.decimal($0, places: 2) } ?? "",
                            rebases.contains(y) ? "rebase" : "",
                        ])
            }
            tables[ReportPage.payFile] = writer
            let first = s.years.indices.first { s.monthlyPay[0][$0] != nil }
            var caption =
                "Monthly pay of each role (pay.csv) and the rural income of the year divided by 12 (the income a rebase is based on, a year later)."
            if let first, let pay = s.monthlyPay[0][first] {
                caption +=
                    " The secretary starts at \(SVG.number(pay, decimals: 0)) yuan a month in \(s.years[first])"
                if let last = s.monthlyPay[0].last, let final = last {
                    caption += " and earns \(SVG.number(final, decimals: 0)) in \(s.end)"
                }
                caption +=
                    rebases.isEmpty
                    ? "; no rebase changes pay."
                    : "; rebases in \(rebases.map { String(s.years[$0]) }.joined(separator: ", "))."
            }
            return figure("\(id)-pay", chart.svg(), caption: caption)
        }

        mutating func countySection(_ s: ReportData.Scenario, id: String) -> String {
            let years = Double(s.years.count)
            let unit = AmountUnit.choose(forMaximum: s.countyTotals.map(abs).max() ?? 0)
            var parts: [String] = []
            var chart = RowChart(
                title: "Outlay per county, \(s.start)–\(s.end)", rows: s.counties,
                xLabel: "horizon total (\(unit.name))",
                series: [
                    ChartSeries(
                        "horizon total, all items", color: "#4e79a7",
                        values: s.countyTotals.map { $0 / unit.divisor })
                ])
            chart.layout.plotWidth = 640
            parts.append(
                figure(
                    "\(id)-counties", chart.svg(),
                    caption: "The sum of forecast.csv over the horizon and the six items, per county."))
            let perCapita: [Double?] = s.counties.indices.map { c in
                guard let population = s.population[c], population > 0 else { return nil }
                return s.countyTotals[c] / population
            }
            if perCapita.contains(where: { $0 != nil }) {
                var perCapitaChart = RowChart(
                    title: "Outlay per resident, by county", rows: s.counties,
                    xLabel: "yuan per resident over \(s.start)–\(s.end)",
                    series: [ChartSeries("horizon total ÷ population", color: "#59a14f", values: perCapita)])
                perCapitaChart.layout.plotWidth = 640
                parts.append(
                    figure(
                        "\(id)-per-capita", perCapitaChart.svg(),
                        caption:
                            "Per resident: the county's horizon total divided by the population of counties.csv (from the portfolio)."
                    ))
            }
            var rows: [String] = []
            rows.append(
                "<tr><th>county</th><th>villages</th><th>venues needed</th><th>population</th><th>total (\(SVG.escape(unit.name)))</th><th>yuan per resident</th><th>yuan per resident a year</th></tr>"
            )
            var writer = table(
                ReportPage.countiesFile,
                header: [
                    "scenario", "county", "villages", "venues_needed", "population", "total", "per_capita",
                    "per_capita_per_year",
                ])
            for (c, county) in s.counties.enumerated() {
                let villages = s.villages[c].map { SVG.number($0, decimals: 0) } ?? ""
                let needed = s.countyVenuesNeeded[c].map(String.init) ?? ""
                let population = s.population[c].map { SVG.number($0, decimals: 0) } ?? ""
                let perYear = perCapita[c].map { $0 / years }
                rows.append(
                    "<tr><td>\(SVG.escape(county))</td><td>\(villages)</td><td>\(needed)</td><td>\(population)</td><td>\(SVG.number(s.countyTotals[c] / unit.divisor, decimals: 2))</td><td>\(perCapita[c].map { SVG.number($0, decimals: 2) } ?? "")</td><td>\(perYear.map { SVG.number($0, decimals: 2) } ?? "")</td></tr>"
                )
                writer.row([
                    s.name, county, s.villages[c].map { CSVWriter.decimal($0) } ?? "", needed,
                    s.population[c].map { CSVWriter.decimal($0) } ?? "",
                    CSVWriter.cents(cents(s.countyTotals[c])),
                    perCapita[c].map { CSVWriter.decimal($0, places: 2) } ?? "",
                    perYear.map { CSVWriter.decimal($0, places: 2) } ?? "",
                ])
            }
            tables[ReportPage.countiesFile] = writer
            let totalPopulation = s.population.compactMap { $0 }.reduce(0, +)
            rows.append(
                "<tr><th>all counties</th><th>\(SVG.number(s.villages.compactMap { $0 }.reduce(0, +), decimals: 0))</th><th>\(s.countyVenuesNeeded.compactMap { $0 }.reduce(0, +))</th><th>\(totalPopulation > 0 ? SVG.number(totalPopulation, decimals: 0) : "")</th><th>\(SVG.number(s.countyTotals.reduce(0, +) / unit.divisor, decimals: 2))</th><th>\(totalPopulation > 0 ? SVG.number(s.countyTotals.reduce(0, +) / totalPopulation, decimals: 2) : "")</th><th>\(totalPopulation > 0 ? SVG.number(s.countyTotals.reduce(0, +) / totalPopulation / years, decimals: 2) : "")</th></tr>"
            )
            parts.append("<table class=\"counties\">\n" + rows.joined(separator: "\n") + "\n</table>")
            if !s.hasCountyFile {
                parts.append(
                    "<p class=\"note\">counties.csv is missing (a run of an earlier version): no villages or population.</p>"
                )
            }
            return parts.joined(separator: "\n")
        }

        mutating func fanChart(_ s: ReportData.Scenario, id: String) -> String {
            let quantiles = s.totalQuantiles!
            let unit = AmountUnit.choose(
                forMaximum: max(quantiles.map(\.p95).max() ?? 0, s.totals.max() ?? 0))
            var chart = CategoryChart(
                title: "Total outlay per year: Monte Carlo fan", categories: s.years.map(String.init),
                xLabel: "year",
                yLabel: "outlay per year (\(unit.name))")
            chart.band = CategoryChart.Band(
                "p05–p95 of the draws", color: "#4e79a7", low: quantiles.map { $0.p05 / unit.divisor },
                high: quantiles.map { $0.p95 / unit.divisor })
            chart.lines = [
                ChartSeries(
                    "median (p50)", color: "#2f4b7c", values: quantiles.map { $0.p50 / unit.divisor }),
                ChartSeries(
                    "as written (deterministic)", color: "#f28e2b",
                    values: s.totals.map { $0 / unit.divisor }, dashed: true),
            ]
            var writer = table(
                ReportPage.fanFile, header: ["scenario", "year", "p05", "p50", "p95", "mean", "as_written"])
            for (y, year) in s.years.enumerated() {
                let q = quantiles[y]
                writer.row(
                    [s.name, String(year)]
                        + [q.p05, q.p50, q.p95, q.mean, s.totals[y]].map { CSVWriter.cents(cents($0)) })
            }
            tables[ReportPage.fanFile] = writer
            let last = quantiles.count - 1
            let caption =
                "The band holds 90% of the draws' totals each year (summary_quantiles.csv). In \(s.end): \(money(quantiles[last].p05)) to \(money(quantiles[last].p95)), median \(money(quantiles[last].p50))."
            return figure("\(id)-fan", chart.svg(), caption: caption)
        }

        mutating func breachChart(_ s: ReportData.Scenario, id: String) -> String {
            let byYear = s.breachProbabilityByYear!
            let window = s.years.indices.filter { s.envelopeCumulative[$0] != nil }
            let shown = window.isEmpty ? Array(s.years.indices) : window
            var chart = CategoryChart(
                title: "Probability that the envelope is breached, by year",
                categories: shown.map { String(s.years[$0]) },
                xLabel: "year", yLabel: "probability of a breach by then (%)")
            chart.stacks = [
                ChartSeries(
                    "share of draws breached by the year", color: "#e15759",
                    values: shown.map { byYear[$0].map { $0 * 100 } })
            ]
            chart.fixedRange = 0...100
            chart.totalLabel = { SVG.number($0, decimals: 1) + "%" }
            chart.references = [CategoryChart.Reference("50%", value: 50, color: "#999")]
            var writer = table(ReportPage.breachFile, header: ["scenario", "year", "breach_probability"])
            for (y, year) in s.years.enumerated() {
                writer.row([s.name, String(year), byYear[y].map { CSVWriter.decimal($0) } ?? ""])
            }
            tables[ReportPage.breachFile] = writer
            let caption =
                "The share of draws whose envelope outlay exceeds the amount by each year (envelope_risk_by_year.csv)."
                + (s.breachProbability.map { " Overall: \(percent($0))." } ?? "")
            return figure("\(id)-breach", chart.svg(), caption: caption)
        }

        mutating func tornadoCharts(_ s: ReportData.Scenario, id: String) -> String {
            var writer = table(
                ReportPage.tornadoFile,
                header: [
                    "scenario", "parameter", "measure", "low_value", "high_value", "as_written", "at_p05",
                    "at_p95",
                ])
            var parts: [String] = []
            let measures:
                [(
                    key: String, title: String, base: Double?, low: (SensitivityRow) -> Int64?,
                    high: (SensitivityRow) -> Int64?
                )] = [
                    ("total", "What drives the horizon total", s.total, { $0.totalLow }, { $0.totalHigh }),
                    (
                        "envelope_used", "What drives the envelope use", s.envelopeUsed,
                        { $0.envelopeUsedLow }, { $0.envelopeUsedHigh }
                    ),
                ]
            for measure in measures {
                guard let base = measure.base else { continue }
                let rows = s.sensitivity.sorted { a, b in
                    spread(measure.low(a), measure.high(a)) > spread(measure.low(b), measure.high(b))
                }
                for row in rows {
                    writer.row([
                        s.name, row.parameter, measure.key, CSVWriter.decimal(row.lowValue),
                        CSVWriter.decimal(row.highValue),
                        CSVWriter.cents(cents(base)), measure.low(row).map(CSVWriter.cents) ?? "",
                        measure.high(row).map(CSVWriter.cents) ?? "",
                    ])
                }
                let values =
                    rows.flatMap {
                        [measure.low($0), measure.high($0)].compactMap { $0.map { Double($0) / 100 } }
                    } + [base] + (measure.key == "envelope_used" ? [s.envelopeAmount ?? 0] : [])
                let unit = AmountUnit.choose(forMaximum: values.map(abs).max() ?? 0)
                var chart = RowChart(
                    title: "\(measure.title): each uncertain parameter at its p05 and p95",
                    rows: rows.map {
                        "\($0.parameter) (\(parameterValue($0.lowValue)) … \(parameterValue($0.highValue)))"
                    },
                    xLabel: "\(measure.key == "total" ? "horizon total" : "envelope used") (\(unit.name))",
                    series: [
                        ChartSeries(
                            "parameter at p05", color: "#4e79a7",
                            values: rows.map { measure.low($0).map { Double($0) / 100 / unit.divisor } }),
                        ChartSeries(
                            "parameter at p95", color: "#e15759",
                            values: rows.map { measure.high($0).map { Double($0) / 100 / unit.divisor } }),
                    ])
                chart.base = base / unit.divisor
                chart.baseLabel = "as written (\(money(base)))"
                chart.rowHeight = 34
                if measure.key == "envelope_used", let amount = s.envelopeAmount {
                    chart.reference = CategoryChart.Reference(
                        "envelope amount (\(money(amount)))", value: amount / unit.divisor, color: "#c0392b")
                }
                var caption =
                    "One-at-a-time runs (sensitivity.csv): each parameter set to its distribution's 5th and 95th percentile in every year, the others as written; bars start at the as-written value."
                if measure.key == "envelope_used", let amount = s.envelopeAmount {
                    caption += " The envelope amount is \(money(amount))."
                }
                parts.append(figure("\(id)-tornado-\(measure.key)", chart.svg(), caption: caption))
            }
            tables[ReportPage.tornadoFile] = writer
            return parts.joined(separator: "\n")
        }
    }

    // MARK: - Formatting

    /// An amount as the analyst reads it: in 亿元 or 万元 with the exact yuan alongside.
    static func money(_ yuan: Double) -> String {
        let unit = AmountUnit.choose(forMaximum: yuan)
        let exact = SVG.number(yuan, decimals: 2) + " yuan"
        if unit == .yuan { return exact }
        return SVG.number(yuan / unit.divisor, decimals: 2) + " " + unit.name + " (" + exact + ")"
    }

    static func percent(_ probability: Double) -> String {
        SVG.number(probability * 100, decimals: 1) + "%"
    }

    static func cents(_ yuan: Double) -> Int64 { Int64((yuan * 100).rounded()) }

    static func spread(_ low: Int64?, _ high: Int64?) -> Int64 {
        guard let low, let high else { return -1 }
        return abs(high - low)
    }

    /// A parameter value: grouped whole numbers from 100 up, else four significant decimals.
    static func parameterValue(_ value: Double) -> String {
        if abs(value) >= 100 { return SVG.number(value, decimals: 0) }
        var text = CSVWriter.decimal(value, places: 4)
        if text == "-0" { text = "0" }
        return text
    }
}
