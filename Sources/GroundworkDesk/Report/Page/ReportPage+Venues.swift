/// The venues completed per year, by county (MODEL.md 4.1, read from `rollout.csv`): a bar
/// per year up to the last that builds, and a "deferred" bar for venues left beyond the
/// horizon. And `report_venues.csv`.
extension ReportPage {
    /// Counties: twelve distinct colours; a portfolio with more shows the eleven largest and
    /// "other counties".
    static let countyColors = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
        "#2f4b7c", "#86bcb6", "#bab0ac",
    ]

    static func venuesChart(_ s: ReportData.Scenario, id: String, into page: inout Builder) {
        let lastBuilt = s.years.indices.last { y in s.venuesCompleted.contains { $0[y] > 0 } } ?? 0
        let shown = s.venuesDeferred > 0 ? Array(s.years.indices) : Array(0...lastBuilt)
        var categories = shown.map { String(s.years[$0]) }
        if s.venuesDeferred > 0 { categories.append(page.t("deferred")) }
        var chart = CategoryChart(
            title: page.t("Venues completed per year, by county"), categories: categories,
            xLabel: page.t("year"),
            yLabel: page.t("venues completed"))
        chart.stacks = countyGroups(s, language: page.language).enumerated().map { index, group in
            var values: [Double?] = shown.map { y in
                Double(group.members.reduce(0) { $0 + s.venuesCompleted[$1][y] })
            }
            if s.venuesDeferred > 0 {
                values.append(Double(group.members.reduce(0) { $0 + s.venuesDeferredByCounty[$1] }))
            }
            return ChartSeries(
                group.name, color: countyColors[index % countyColors.count], values: values)
        }
        page.rows(venuesFile, header: ["scenario", "county", "year", "venues_completed"]) { writer in
            for (c, county) in s.counties.enumerated() {
                for (y, year) in s.years.enumerated() {
                    writer.row([s.name, county, String(year), String(s.venuesCompleted[c][y])])
                }
                writer.row([s.name, county, "deferred", String(s.venuesDeferredByCounty[c])])
            }
        }
        let caption: String
        if s.venuesDeferred > 0 {
            let deferred = s.counties.indices.filter { s.venuesDeferredByCounty[$0] > 0 }
                .map { "\(s.counties[$0]) \(s.venuesDeferredByCounty[$0])" }
            caption = page.t(
                "{built} of {needed} venues are built by {end}; {deferred} are deferred beyond the horizon (the last "
                    + "bar): {counties}.",
                [
                    "built": String(s.venuesBuilt), "needed": String(s.venuesNeeded), "end": String(s.end),
                    "deferred": String(s.venuesDeferred), "counties": page.list(deferred),
                ])
        } else {
            caption = page.t(
                "All {needed} venues needed are built by {year}; none is deferred. Later years build none and are not "
                    + "shown.", ["needed": String(s.venuesNeeded), "year": String(s.years[lastBuilt])])
        }
        page.figure("\(id)-venues", chart.svg(), caption: caption)
    }

    /// The chart's stacks: every county when there are twelve or fewer, else the eleven that
    /// need most venues (in portfolio order) and the rest as "other counties" (in `language`).
    static func countyGroups(_ s: ReportData.Scenario, language: Language = .en) -> [(
        name: String, members: [Int]
    )] {
        guard s.counties.count > countyColors.count else {
            return s.counties.indices.map { (s.counties[$0], [$0]) }
        }
        let needs = s.venuesCompleted.indices.map {
            s.venuesCompleted[$0].reduce(0, +) + s.venuesDeferredByCounty[$0]
        }
        let ranked = s.counties.indices.sorted {
            needs[$0] > needs[$1] || (needs[$0] == needs[$1] && $0 < $1)
        }
        let top = ranked.prefix(countyColors.count - 1).sorted()
        var groups = top.map { (name: s.counties[$0], members: [$0]) }
        groups.append(
            (
                Translations.sentence(
                    "other counties ({count})", ["count": String(s.counties.count - top.count)], in: language),
                Array(ranked.dropFirst(top.count))
            ))
        return groups
    }
}
