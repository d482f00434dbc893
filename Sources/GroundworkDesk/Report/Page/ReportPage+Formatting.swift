import GroundworkIO

/// How the page writes numbers: amounts in 亿元 or 万元 with the exact yuan alongside,
/// percentages, cents for the chart data files, and parameter values.
extension ReportPage {
    /// An amount as the analyst reads it: in 亿元 or 万元 with the exact yuan alongside
    /// ("3.00 亿元 (300,000,000.00 yuan)"; in Chinese "3.00 亿元（300,000,000.00 元）").
    static func money(_ yuan: Double, in language: Language = .en) -> String {
        let unit = AmountUnit.choose(forMaximum: yuan)
        let exact = SVG.number(yuan, decimals: 2)
        if unit == .yuan { return Translations.sentence("{exact} yuan", ["exact": exact], in: language) }
        return Translations.sentence(
            "{amount} {unit} ({exact} yuan)",
            ["amount": SVG.number(yuan / unit.divisor, decimals: 2), "unit": unit.name, "exact": exact],
            in: language)
    }

    static func percent(_ probability: Double) -> String {
        SVG.number(probability * 100, decimals: 1) + "%"
    }

    static func cents(_ yuan: Double) -> Int64 { Int64((yuan * 100).rounded()) }

    /// A parameter value: grouped whole numbers from 100 up, else four significant decimals.
    static func parameterValue(_ value: Double) -> String {
        if abs(value) >= 100 { return SVG.number(value, decimals: 0) }
        var text = CSVWriter.decimal(value, places: 4)
        if text == "-0" { text = "0" }
        return text
    }
}
