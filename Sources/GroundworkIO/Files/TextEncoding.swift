/// The text encoding of a portfolio CSV (`--encoding`): UTF-8, as MODEL.md section 2 says, or
/// GB18030 (which contains GBK), what Excel's plain "CSV" saves on a Chinese Windows.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030 = "gb18030"

    /// The encoding a user names: `utf-8`/`utf8`, or `gbk`/`gb18030`/`gb2312` (GB18030 reads
    /// all three), case-insensitively.
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "gbk", "gb18030", "gb2312", "cp936": self = .gb18030
        default: return nil
        }
    }
}
