/// What a command writes into its directory, and what it should tell the user about it.
public struct OutputSet: Sendable {
    /// Every file (name and bytes), in the order `OutputDirectory.write` commits them.
    public var files: [(name: String, bytes: [UInt8])]
    /// Lines for the terminal: a table that did not fit on one sheet of the workbook.
    public var notes: [String]

    public init(files: [(name: String, bytes: [UInt8])], notes: [String] = []) {
        self.files = files
        self.notes = notes
    }

    /// The files' names, in order.
    public var names: [String] { files.map(\.name) }
}
