import ArgumentParser
import Groundwork

/// `--xlsx` and `--lang`, shared by `run` and `compare`: the Excel workbook beside the CSVs.
struct WorkbookArguments: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Also write groundwork.xlsx: one sheet per table, typed cells, live formulas for the totals, cumulatives and envelope, and a charts sheet."
        ))
    var xlsx = false

    @Option(
        help: ArgumentHelp(
            "The language of the workbook's sheet names, headers, items, levels and chart titles (the CSV files never change).",
            valueName: "language"))
    var lang: Language = .en
}

extension Language: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }

    public static var allValueDescriptions: [String: String] {
        ["en": "English: the names of docs/MODEL.md", "zh": "Chinese: 方案, 县区, 村级服务场所建设, 市级, ..."]
    }
}
