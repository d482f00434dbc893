import ArgumentParser
import Groundwork

/// `--encoding`, shared by `run`, `validate` and `compare`: the encoding of the portfolio CSVs.
struct EncodingArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The encoding of the portfolio CSVs (scenario files are always UTF-8).", valueName: "encoding"))
    var encoding: TextEncoding = .utf8
}

extension TextEncoding: ExpressibleByArgument {
    /// `utf-8`/`utf8`, or `gbk`/`gb18030`/`gb2312`/`cp936`, in any case.
    public init?(argument: String) {
        self.init(name: argument)
    }

    public var defaultValueDescription: String { self == .utf8 ? "utf-8" : "gbk" }

    public static var allValueStrings: [String] { ["utf-8", "gbk"] }

    public static var allValueDescriptions: [String: String] {
        [
            "utf-8": "UTF-8, with or without a byte order mark, as MODEL.md says",
            "gbk": "GBK/GB18030 (also gb18030), what Excel's plain 'CSV' saves on a Chinese Windows",
        ]
    }
}
