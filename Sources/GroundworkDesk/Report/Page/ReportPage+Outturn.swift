import GroundworkIO

/// The outturn of the closed years (MODEL.md section 9, read from `outturn.csv` and
/// `variance.csv`), for scenarios with actuals: planned against actual per item in each closed
/// year, the PEFA PI-1 and PI-2 table with the score bands, and the ten largest variances.
/// And `report_outturn_items.csv`, `report_outturn.csv`, `report_variances.csv`. (The
/// closed years are also shaded on the envelope chart, `ReportPage+Envelope.swift`.)
extension ReportPage {
    /// Line items on two lines, for a category axis of items (`itemNames` order).
    static let itemLabels = [
        "venue\nconstruction", "venue\nupkeep", "operating\nfunds", "cadre pay,\nbasic",
        "cadre pay,\nperformance", "pension\ntop-up",
    ]

    static func outturnSection(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        guard !s.outturn.isEmpty else { return }
        page.html.line("h3", text: page.t("Outturn of the closed years"))
        for closed in s.outturn { outturnItemsChart(s, closed, id: id, into: &page) }
        outturnTable(s, into: &page)
        largestVariances(s, id: id, into: &page)
    }

    /// The closed years, first to last, as a range of the horizon's year indices.
    static func closedYears(_ s: ReportData.Scenario) -> ClosedRange<Int>? {
        let years = s.outturn.map(\.year)
        guard let first = years.min(), let last = years.max() else { return nil }
        return first...last
    }

    /// "−3.0%", "+2.0%", "as planned", "unplanned" (in `language`): an actual against its plan.
    static func varianceLabel(planned: Int64, actual: Int64, language: Language = .en) -> String? {
        if planned == 0 { return actual == 0 ? nil : Translations.text("unplanned", .phrase, in: language) }
        if actual == planned { return Translations.text("as planned", .phrase, in: language) }
        let change = Double(actual - planned) / Double(planned)
        return (change > 0 ? "+" : "") + percent(change)
    }

    /// One closed year: each item's planned and actual outlay (sums of variance.csv over the
    /// counties), side by side, the variance above each pair.
    static func outturnItemsChart(
        _ s: ReportData.Scenario, _ closed: ReportData.OutturnYear, id: String, into page: inout Builder
    ) {
        let keys = s.items.map(\.key)
        var planned = [Int64](repeating: 0, count: keys.count)
        var actual = planned
        for cell in s.variances where cell.year == closed.year {
            guard let item = keys.firstIndex(of: cell.item) else { continue }
            planned[item] += cell.planned
            actual[item] += cell.actual
        }
        let unit = AmountUnit.choose(forMaximum: Double((planned + actual).map(abs).max() ?? 0) / 100)
        var chart = CategoryChart(
            title: page.t(
                "{title}, {years}",
                ["title": page.t("Planned and actual outlay by item"), "years": String(closed.year)]),
            categories: keys.indices.map {
                $0 < itemLabels.count ? page.item(keys[$0], english: itemLabels[$0]) : keys[$0]
            },
            xLabel: page.t("line item (the closed year {})", String(closed.year)),
            yLabel: page.t("outlay ({})", page.unitName(unit)))
        chart.groups = [
            ChartSeries(
                page.t("planned"), color: "#a0cbe8", values: planned.map { Double($0) / 100 / unit.divisor }),
            ChartSeries(
                page.t("actual"), color: "#2f4b7c", values: actual.map { Double($0) / 100 / unit.divisor }),
        ]
        let language = page.language
        chart.groupLabels = keys.indices.map {
            varianceLabel(planned: planned[$0], actual: actual[$0], language: language)
        }
        page.rows(outturnItemsFile, header: ["scenario", "year", "item", "planned", "actual", "variance"]) {
            writer in
            for (item, key) in keys.enumerated() {
                writer.row([
                    s.name, String(closed.year), key, CSVWriter.cents(planned[item]),
                    CSVWriter.cents(actual[item]), CSVWriter.cents(actual[item] - planned[item]),
                ])
            }
        }
        var caption = page.t(
            "{year} is closed: each item's planned outlay (the projection without actuals) beside the actual, "
                + "summed over the counties (variance.csv); the variance is written above each pair. Planned "
                + "{planned}, actual {actual}",
            [
                "year": String(closed.year), "planned": page.money(Double(closed.planned) / 100),
                "actual": page.money(Double(closed.actual) / 100),
            ])
        if let band = PEFABand.aggregateOutturn(closed.aggregateOutturn) {
            caption += page.t(
                ": aggregate outturn {outturn}% (PI-1 band {band})",
                ["outturn": closed.aggregateOutturn, "band": band.letter])
        }
        page.figure("\(id)-outturn-\(closed.year)", chart.svg(), caption: caption + page.t("."))
    }

    /// The PEFA measures of each closed year with their score bands, and `report_outturn.csv`.
    static func outturnTable(_ s: ReportData.Scenario, into page: inout Builder) {
        let language = page.language
        func measure(_ written: String) -> String { written.isEmpty ? "—" : written + "%" }
        let rows = s.outturn.map { closed in
            [
                String(closed.year), SVG.number(Double(closed.planned) / 100, decimals: 2),
                SVG.number(Double(closed.actual) / 100, decimals: 2), measure(closed.aggregateOutturn),
                PEFABand.aggregateOutturn(closed.aggregateOutturn)?.description(in: language) ?? "—",
                measure(closed.compositionVariance),
                PEFABand.compositionVariance(closed.compositionVariance)?.description(in: language) ?? "—",
            ]
        }
        page.html.line(
            "p", ["class": "note"],
            text: page.t("The PEFA outturn measures of each closed year (outturn.csv), over the six items."))
        page.html.table(
            ["class": "outturn"],
            header: [
                page.t("closed year"), page.t("planned (yuan)"), page.t("actual (yuan)"),
                page.t("aggregate outturn (PI-1)"), page.t("PI-1 band"),
                page.t("composition variance (PI-2)"),
                page.t("PI-2 band"),
            ],
            rows: rows)
        page.html.line(
            "p", ["class": "note"],
            text: page.t(
                "PI-1 (aggregate expenditure outturn, actual ÷ planned): A between 95% and 105%, B between 92% and "
                    + "108%, C between 85% and 115%, D otherwise. PI-2.1 (composition variance: the items' deviations "
                    + "from the plan scaled to the actual total, as a share of it): A at most 5%, B at most 10%, C at "
                    + "most 15%, D above. Each band is that of the figure as written; PEFA scores an indicator on the "
                    + "last three completed years (the band met in two of them)."))
        let header = [
            "scenario", "year", "planned", "actual", "aggregate_outturn", "composition_variance", "pi1_band",
            "pi2_band",
        ]
        page.rows(outturnFile, header: header) { writer in
            for closed in s.outturn {
                writer.row([
                    s.name, String(closed.year), CSVWriter.cents(closed.planned),
                    CSVWriter.cents(closed.actual),
                    closed.aggregateOutturn, closed.compositionVariance,
                    PEFABand.aggregateOutturn(closed.aggregateOutturn)?.letter ?? "",
                    PEFABand.compositionVariance(closed.compositionVariance)?.letter ?? "",
                ])
            }
        }
    }

    /// The cells of the largest variances: the ten (county, year, item) cells of variance.csv
    /// with the largest |actual − planned|, largest first, ties in the file's order; cells
    /// without a variance are left out.
    ///
    /// Cells rather than counties (a county's variances summed over items and years) because
    /// sums net out: a county 3% under on construction and 2% over on running funds would look
    /// on plan, and a cell is what an analyst can trace to a line of the actuals file.
    static func largestVarianceCells(_ s: ReportData.Scenario, count: Int = 10) -> [ReportData.VarianceCell] {
        let ranked = s.variances.indices.filter { s.variances[$0].variance != 0 }.sorted { a, b in
            let (left, right) = (abs(s.variances[a].variance), abs(s.variances[b].variance))
            return left > right || (left == right && a < b)
        }
        return ranked.prefix(count).map { s.variances[$0] }
    }

    /// The ten largest variances as bars from 0 (left: under the plan, right: over it) and as a
    /// table, and `report_variances.csv`.
    static func largestVariances(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        let cells = largestVarianceCells(s)
        let keys = s.items.map(\.key)
        let language = page.language
        let unplanned = page.t("unplanned")
        func itemName(_ key: String) -> String {
            if language != .en { return Translations.text(key, .item, in: language) }
            return keys.firstIndex(of: key).map { $0 < itemNames.count ? itemNames[$0] : key } ?? key
        }
        /// variance_pct to one decimal, signed, for the chart's labels: "-54.5%", "+2.0%".
        func percentText(_ cell: ReportData.VarianceCell) -> String {
            guard let value = Double(cell.variancePercent) else { return unplanned }
            return (value > 0 ? "+" : "") + SVG.number(value, decimals: 1) + "%"
        }
        guard !cells.isEmpty else {
            page.html.line(
                "p", ["class": "note"],
                text: page.t("Every closed cell is as planned: variance.csv has no variance."))
            return
        }
        let unit = AmountUnit.choose(forMaximum: Double(cells.map { abs($0.variance) }.max() ?? 0) / 100)
        var chart = RowChart(
            title: page.t("The {} largest variances (county, year, item)", String(cells.count)),
            rows: cells.map {
                page.t(
                    "{county}, {year}, {item} ({percent})",
                    [
                        "county": $0.county, "year": String($0.year), "item": itemName($0.item),
                        "percent": percentText($0),
                    ])
            },
            xLabel: page.t("actual − planned ({})", page.unitName(unit)),
            series: [
                ChartSeries(
                    page.t("variance: actual − planned"), color: "#e15759",
                    values: cells.map { Double($0.variance) / 100 / unit.divisor })
            ])
        chart.layout.plotWidth = 560
        page.figure(
            "\(id)-variances", chart.svg(),
            caption: page.t(
                "The {count} cells (county, closed year, item) of variance.csv with the largest absolute variance, "
                    + "largest first (ties in the file's order; cells as planned left out). Bars left of 0 are under "
                    + "the plan, right of it over.", ["count": String(cells.count)]))
        let rows = cells.enumerated().map { rank, cell in
            [
                String(rank + 1), cell.county, String(cell.year), itemName(cell.item),
                SVG.number(Double(cell.planned) / 100, decimals: 2),
                SVG.number(Double(cell.actual) / 100, decimals: 2),
                SVG.number(Double(cell.variance) / 100, decimals: 2),
                cell.variancePercent.isEmpty ? unplanned : cell.variancePercent + "%",
            ]
        }
        page.html.table(
            ["class": "variances"],
            header: [
                page.t("rank"), page.t("county"), page.t("year"), page.t("item"), page.t("planned (yuan)"),
                page.t("actual (yuan)"), page.t("variance (yuan)"), "%",
            ],
            rows: rows)
        let header = [
            "scenario", "rank", "county", "year", "item", "planned", "actual", "variance", "variance_pct",
        ]
        page.rows(variancesFile, header: header) { writer in
            for (rank, cell) in cells.enumerated() {
                writer.row([
                    s.name, String(rank + 1), cell.county, String(cell.year), cell.item,
                    CSVWriter.cents(cell.planned), CSVWriter.cents(cell.actual),
                    CSVWriter.cents(cell.variance),
                    cell.variancePercent,
                ])
            }
        }
    }
}
