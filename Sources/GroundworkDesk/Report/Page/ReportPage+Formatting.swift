import GroundworkIO

/// How the page writes numbers: amounts in 亿元 or 万元 with the exact yuan alongside,
/// percentages, cents for the chart data files, and parameter values.
extension ReportPage {
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

    /// A parameter value: grouped whole numbers from 100 up, else four significant decimals.
    static func parameterValue(_ value: Double) -> String {
        if abs(value) >= 100 { return SVG.number(value, decimals: 0) }
        var text = CSVWriter.decimal(value, places: 4)
        if text == "-0" { text = "0" }
        return text
    }
}
