/// The headline of a scenario (`headline.csv`): total outlay, venues built and deferred,
/// construction due after the horizon and the envelope, as a definition list.
extension ReportPage {
    static func headline(_ s: ReportData.Scenario, into page: inout Builder) {
        var rows: [(term: String, value: String)] = []
        rows.append((page.t("Total outlay") + " \(s.start)–\(s.end)", page.money(s.total)))
        let venues: [String: String] = [
            "built": String(s.venuesBuilt), "needed": String(s.venuesNeeded),
            "deferred": String(s.venuesDeferred), "end": String(s.end),
        ]
        let built =
            s.venuesDeferred > 0
            ? page.t("{built} of {needed} built, {deferred} deferred beyond {end}", venues)
            : page.t("{built} of {needed} built, none deferred", venues)
        rows.append((page.t("Venues"), built))
        if s.constructionAfterHorizon != 0 {
            rows.append(
                (page.t("Construction due after {}", String(s.end)), page.money(s.constructionAfterHorizon)))
        }
        if let amount = s.envelopeAmount {
            rows.append((page.t("Envelope"), page.money(amount)))
            if let used = s.envelopeUsed { rows.append((page.t("Envelope used"), page.money(used))) }
            if let remaining = s.envelopeRemaining {
                rows.append((page.t("Envelope remaining"), page.money(remaining)))
            }
            rows.append((page.t("Breach year"), s.breachYear.map(String.init) ?? page.t("none")))
        } else {
            rows.append((page.t("Envelope"), page.t("none set")))
        }
        page.html.line("dl", ["class": "headline"]) { list in
            for row in rows {
                list.element("dt", text: row.term)
                list.element("dd", text: row.value)
            }
        }
    }
}
