import GroundworkCore
import GroundworkEngine
import GroundworkIO

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network) with
/// the charts of a run, and beside it one CSV per chart with the numbers behind it
/// (`report_<chart>.csv`, rows of every scenario, amounts in yuan to the cent).
///
/// Built only from a run's files (`ReportData`): the report never re-derives the model.
/// Deterministic: the same files give the same bytes.
///
/// This file holds the page: its head, CSS and the order of the sections; each section is
/// in its own `ReportPage+Section.swift` file; `+Builder` holds the page in progress and
/// `+Formatting` the number formats.
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
    public static let fundingFile = "report_funding.csv"
    public static let fundingCumulativeFile = "report_funding_cumulative.csv"
    public static let pricesFile = "report_prices.csv"
    public static let countyShareFile = "report_county_share.csv"
    public static let outturnFile = "report_outturn.csv"
    public static let outturnItemsFile = "report_outturn_items.csv"
    public static let variancesFile = "report_variances.csv"
    public static let dataFiles = [
        outlayFile, envelopeFile, venuesFile, payFile, countiesFile, fanFile, breachFile, tornadoFile,
        fundingFile, fundingCumulativeFile, pricesFile, countyShareFile, outturnFile, outturnItemsFile,
        variancesFile, sweepFile, solveFile,
    ]

    /// The report of the run files `runFiles` (as `Run.files` returns them): the page and its
    /// chart data files.
    /// - Precondition: the files are the engine's own (they always parse).
    /// `commandLine` is shown on the page (the manifest, which has it, is written after).
    public static func files(
        runFiles: [(name: String, bytes: [UInt8])], commandLine: [String]? = nil, language: Language = .en
    ) -> [(name: String, bytes: [UInt8])] {
        var byName: [String: [UInt8]] = [:]
        for file in runFiles { byName[file.name] = file.bytes }
        do {
            var data = try ReportData(files: byName)
            if let commandLine {
                data.command = commandLine
                data.engineVersion = Engine.version
            }
            return files(data, language: language)
        } catch {
            preconditionFailure("the report cannot read the files the run wrote: \(error)")
        }
    }

    /// The page and its chart data files, `report.html` first; titles, headers, items and
    /// levels in `language` (the chart data files are the same in every language).
    public static func files(_ data: ReportData, language: Language = .en) -> [(name: String, bytes: [UInt8])]
    {
        var builder = Builder()
        builder.language = language
        page(data, into: &builder)
        var result: [(name: String, bytes: [UInt8])] = [(fileName, Array(builder.html.markup.utf8))]
        for name in dataFiles {
            if let writer = builder.tables[name] { result.append((name, writer.bytes)) }
        }
        return result
    }

    // MARK: - The page

    static func page(_ data: ReportData, into page: inout Builder) {
        page.html.line(raw: "<!DOCTYPE html>")
        page.html.open("html", ["lang": page.language == .zh ? "zh-CN" : "en"])
        let title = page.t("Groundwork report")
        let names = data.scenarios.map(\.name).joined(separator: ", ")
        let pageTitle = page.t("{title}: {names}", ["title": title, "names": names])
        page.html.block("head") { head in
            head.line { $0.voidElement("meta", ["charset": "utf-8"]) }
            head.line {
                $0.voidElement(
                    "meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
            }
            head.line("title", text: pageTitle)
            head.block("style") { $0.line(raw: css) }
        }
        page.html.open("body")
        let meta = page.t(
            "Every figure comes from the run's CSV files; the numbers behind each chart are in the "
                + "<code>report_*.csv</code> files beside this page.")
        let scenarios = page.t("Scenarios: ")
        page.html.block("header") { header(data, title: title, meta: meta, scenarios: scenarios, into: &$0) }
        for (index, scenario) in data.scenarios.enumerated() {
            section(scenario, number: index + 1, into: &page)
        }
        page.html.close("body")
        page.html.close("html")
    }

    /// The page's title, the engine version and command line, and links to the scenarios;
    /// `meta` (raw HTML) says where the figures come from, `scenarios` leads the links.
    static func header(
        _ data: ReportData, title: String, meta text: String, scenarios: String, into html: inout HTMLBuilder
    ) {
        html.line("h1", text: title)
        html.line("p", ["class": "meta"]) { meta in
            if let version = data.engineVersion { meta.text("groundwork \(version) · ") }
            if let command = data.command {
                meta.element("code", text: command.joined(separator: " "))
                meta.text(" · ")
            }
            meta.raw(text)
        }
        guard data.scenarios.count > 1 else { return }
        html.line("nav") { nav in
            nav.text(scenarios)
            for (index, scenario) in data.scenarios.enumerated() {
                nav.element("a", ["href": "#scenario-\(index + 1)"], text: scenario.name)
            }
        }
    }

    /// One scenario's section: its sections in the order a reader asks about them.
    static func section(_ s: ReportData.Scenario, number: Int, into page: inout Builder) {
        let id = "scenario-\(number)"
        page.html.open("section", ["class": "scenario", "id": id])
        page.html.line("h2") { heading in
            heading.text(s.name + " ")
            heading.element("span", ["class": "note"], text: "\(s.start)–\(s.end)")
        }
        headline(s, into: &page)
        outlayChart(s, id: id, into: &page)
        envelopeChart(s, id: id, into: &page)
        venuesChart(s, id: id, into: &page)
        payChart(s, id: id, into: &page)
        countySection(s, id: id, into: &page)
        uncertaintyHeading(s, into: &page)
        fanChart(s, id: id, into: &page)
        breachChart(s, id: id, into: &page)
        tornadoCharts(s, id: id, into: &page)
        fundingSection(s, id: id, into: &page)
        pricesSection(s, id: id, into: &page)
        outturnSection(s, id: id, into: &page)
        page.html.close("section")
    }

    // MARK: - Style

    /// The page's CSS: CJK fonts first, A4 print with a page per scenario. A line ending in a
    /// backslash continues on the next (the bytes of the page are those of one long line).
    static let css = """
        :root { color-scheme: light; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", \
        "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif;
          color: #222; background: #fff; margin: 0 auto; padding: 16px 24px 48px; max-width: 1100px; \
        line-height: 1.45; }
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
        dl.headline { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; \
        font-size: 14px; margin: 8px 0 16px; }
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
}
