/// The score bands of the two PEFA outturn measures that `outturn.csv` writes (MODEL.md
/// section 9; PEFA 2016 framework, PI-1 and PI-2.1), for the report's outturn table:
///
/// - PI-1, aggregate expenditure outturn (actual / budget): A between 95% and 105%, B between
///   92% and 108%, C between 85% and 115%, D otherwise (bounds included).
/// - PI-2.1, expenditure composition outturn (the composition variance): A at most 5%, B at
///   most 10%, C at most 15%, D above.
///
/// A band is that of the figure as `outturn.csv` writes it (at most six decimals), compared
/// exactly in millionths, so the letter never contradicts the number beside it. PEFA itself
/// scores an indicator on the last three completed years (the band reached in at least two of
/// them); these are each closed year's bands alone.
struct PEFABand: Equatable, Sendable {
    /// A, B, C or D.
    let letter: String
    /// The band's rule as a phrase of `Translations` ("at most {limit}%") and its values.
    let ruleTemplate: String
    let ruleValues: [String: String]

    /// The band's rule, as the table writes it beside the letter: "95–105%", "at most 5%".
    var rule: String { rule(in: .en) }

    /// The rule in `language` ("at most 5%", 不超过 5%).
    func rule(in language: Language) -> String {
        Translations.sentence(ruleTemplate, ruleValues, in: language)
    }

    /// "A (95–105%)".
    var description: String { description(in: .en) }

    /// "A (95–105%)" in `language` ("A（95–105%）").
    func description(in language: Language) -> String {
        Translations.sentence(
            "{letter} ({rule})", ["letter": letter, "rule": rule(in: language)], in: language)
    }

    /// The PI-1 band of an aggregate outturn written in percent (`99.879486`); nil for an
    /// empty cell (no budget) or text that is not such a number.
    static func aggregateOutturn(_ written: String) -> PEFABand? {
        guard let value = millionths(written) else { return nil }
        let bands: [(letter: String, low: Int64, high: Int64)] = [
            ("A", 95, 105), ("B", 92, 108), ("C", 85, 115),
        ]
        for band in bands where value >= band.low * 1_000_000 && value <= band.high * 1_000_000 {
            return PEFABand(
                letter: band.letter, ruleTemplate: "{low}–{high}%",
                ruleValues: ["low": String(band.low), "high": String(band.high)])
        }
        return PEFABand(
            letter: "D", ruleTemplate: "outside {low}–{high}%", ruleValues: ["low": "85", "high": "115"])
    }

    /// The PI-2.1 band of a composition variance written in percent (`0.231625`); nil for an
    /// empty cell or text that is not such a number.
    static func compositionVariance(_ written: String) -> PEFABand? {
        guard let value = millionths(written) else { return nil }
        for (letter, limit) in [("A", Int64(5)), ("B", 10), ("C", 15)] where value <= limit * 1_000_000 {
            return PEFABand(
                letter: letter, ruleTemplate: "at most {limit}%", ruleValues: ["limit": String(limit)])
        }
        return PEFABand(letter: "D", ruleTemplate: "above {limit}%", ruleValues: ["limit": "15"])
    }

    /// A number written as `-?DIGITS(.DIGITS)?` with at most six decimals, in millionths.
    static func millionths(_ text: String) -> Int64? {
        var digits = Substring(text)
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 12,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            let wholeValue = Int64(whole)
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard !decimals.isEmpty, decimals.count <= 6, decimals.allSatisfy({ $0.isASCII && $0.isNumber })
            else { return nil }
            fraction = Int64(decimals)! * [1, 100_000, 10_000, 1_000, 100, 10, 1][decimals.count]
        }
        let value = wholeValue * 1_000_000 + fraction
        return negative ? -value : value
    }
}
