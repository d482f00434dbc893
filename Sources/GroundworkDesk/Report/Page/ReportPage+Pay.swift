import GroundworkIO

/// The monthly pay per role against rural income (MODEL.md 4.3, read from `pay.csv`), with
/// the years a rebase changes pay marked. And `report_pay.csv`.
extension ReportPage {
    static let roleNames = ["secretary", "director", "other cadre"]
    static let roleColors = ["#e15759", "#4e79a7", "#59a14f"]

    static func payChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        let incomeMonthly = s.ruralIncome.map { $0.map { $0 / 12 } }
        let maximum =
            (s.monthlyPay.flatMap { $0.compactMap { $0 } } + incomeMonthly.compactMap { $0 }).max() ?? 0
        let unit = AmountUnit.choose(forMaximum: maximum)
        var chart = CategoryChart(
            title: page.t("Monthly pay per role against rural income"), categories: s.years.map(String.init),
            xLabel: page.t("year"), yLabel: page.t("{} per month", page.unitName(unit)))
        chart.lines = (0..<3).map { role in
            ChartSeries(
                page.t("\(roleNames[role]) pay"), color: roleColors[role],
                values: s.monthlyPay[role].map { $0.map { $0 / unit.divisor } })
        }
        chart.lines.append(
            ChartSeries(
                page.t("rural income ÷ 12"), color: "#7f7f7f",
                values: incomeMonthly.map { $0.map { $0 / unit.divisor } },
                dashed: true))
        let rebases = rebaseYears(s)
        let rebase = page.t("rebase")
        chart.markers = rebases.map { CategoryChart.Marker(index: $0, label: rebase, color: "#8e44ad") }
        if !rebases.isEmpty { chart.markerLegend = page.t("pay rebased") }
        let header = [
            "scenario", "year", "secretary_monthly", "director_monthly", "other_monthly",
            "rural_income_monthly", "rebase",
        ]
        page.rows(payFile, header: header) { writer in
            for (y, year) in s.years.enumerated() {
                let pay = (0..<3).map { s.monthlyPay[$0][y].map { CSVWriter.cents(cents($0)) } ?? "" }
                let income = incomeMonthly[y].map { CSVWriter.decimal($0, places: 2) } ?? ""
                writer.row([s.name, String(year)] + pay + [income, rebases.contains(y) ? "rebase" : ""])
            }
        }
        var caption = page.t(
            "Monthly pay of each role (pay.csv) and the rural income of the year divided by 12 (the income a "
                + "rebase is based on, a year later).")
        let first = s.years.indices.first { s.monthlyPay[0][$0] != nil }
        if let first, let pay = s.monthlyPay[0][first] {
            caption += page.t(
                " The secretary starts at {pay} yuan a month in {year}",
                ["pay": SVG.number(pay, decimals: 0), "year": String(s.years[first])])
            if let last = s.monthlyPay[0].last, let final = last {
                caption += page.t(
                    " and earns {pay} in {year}",
                    ["pay": SVG.number(final, decimals: 0), "year": String(s.end)])
            }
            caption +=
                rebases.isEmpty
                ? page.t("; no rebase changes pay.")
                : page.t("; rebases in {years}.", ["years": page.list(rebases.map { String(s.years[$0]) })])
        }
        page.figure("\(id)-pay", chart.svg(), caption: caption)
    }

    /// The year indices whose pay differs from the year before's for some role: a rebase.
    static func rebaseYears(_ s: ReportData.Scenario) -> [Int] {
        s.years.indices.dropFirst().filter { y in
            (0..<3).contains { role in
                if let now = s.monthlyPay[role][y], let before = s.monthlyPay[role][y - 1] {
                    return now != before
                }
                return false
            }
        }
    }
}
