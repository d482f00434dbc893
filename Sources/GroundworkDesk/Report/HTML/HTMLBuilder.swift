/// A small HTML writer: escaped text, elements with their attributes, tables from rows.
///
/// The page is written a line at a time. `line` writes one line and ends it; `open` and
/// `close` put a start or an end tag on a line of its own, and `block` does both around the
/// lines its content writes. Within a line, `text`, `element` and `raw` write inline.
///
/// Text and attribute values are escaped with `SVG.escape`: the page and its inline SVG are
/// one document, with one escaping.
///
/// ```swift
/// var html = HTMLBuilder()
/// html.block("figure", ["class": "chart"]) { figure in
///     figure.line(raw: svg)
///     figure.line("figcaption", text: "Outlay <by> item")
/// }
/// // <figure class="chart">\n<svg ...>\n<figcaption>Outlay &lt;by&gt; item</figcaption>\n</figure>\n
/// ```
struct HTMLBuilder: Sendable {
    /// Attributes in the order they are written.
    typealias Attributes = KeyValuePairs<String, String>

    /// The markup written so far.
    private(set) var markup = ""

    init() {}

    // MARK: - Inline

    /// Text, escaped.
    mutating func text(_ content: String) {
        markup += SVG.escape(content)
    }

    /// Markup written as given: the charts' SVG (escaped by `SVG`), a doctype.
    mutating func raw(_ trusted: String) {
        markup += trusted
    }

    /// `<name attributes>` with no end tag, for the void elements (`meta`, `br`).
    mutating func voidElement(_ name: String, _ attributes: Attributes = [:]) {
        startTag(name, attributes)
    }

    /// `<name attributes>` then what `content` writes and `</name>`.
    mutating func element(
        _ name: String, _ attributes: Attributes = [:], _ content: (inout HTMLBuilder) -> Void
    ) {
        startTag(name, attributes)
        content(&self)
        markup += "</\(name)>"
    }

    /// `<name attributes>text</name>`, the text escaped.
    mutating func element(_ name: String, _ attributes: Attributes = [:], text: String) {
        element(name, attributes) { $0.text(text) }
    }

    // MARK: - Lines

    /// Ends the current line.
    mutating func endLine() {
        markup += "\n"
    }

    /// What `content` writes, as one line.
    mutating func line(_ content: (inout HTMLBuilder) -> Void) {
        content(&self)
        endLine()
    }

    /// The element `name` with what `content` writes, as one line.
    mutating func line(
        _ name: String, _ attributes: Attributes = [:], _ content: (inout HTMLBuilder) -> Void
    ) {
        element(name, attributes, content)
        endLine()
    }

    /// `<name attributes>text</name>` as one line, the text escaped.
    mutating func line(_ name: String, _ attributes: Attributes = [:], text: String) {
        element(name, attributes, text: text)
        endLine()
    }

    /// Markup as given, as one line (or several, when it holds line breaks).
    mutating func line(raw trusted: String) {
        raw(trusted)
        endLine()
    }

    /// A start tag on a line of its own; the element's lines follow, then `close(name)`.
    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        startTag(name, attributes)
        endLine()
    }

    /// An end tag on a line of its own.
    mutating func close(_ name: String) {
        markup += "</\(name)>"
        endLine()
    }

    /// The element `name` around the lines `content` writes, its tags on lines of their own.
    mutating func block(
        _ name: String, _ attributes: Attributes = [:], _ content: (inout HTMLBuilder) -> Void
    ) {
        open(name, attributes)
        content(&self)
        close(name)
    }

    /// A table, a line per row: the `header` and the `footer` rows of `<th>` cells, the body
    /// `rows` of `<td>` cells, every cell's text escaped.
    mutating func table(
        _ attributes: Attributes = [:], header: [String], rows: [[String]], footer: [String]? = nil
    ) {
        block("table", attributes) { table in
            table.row(header, cell: "th")
            for row in rows { table.row(row, cell: "td") }
            if let footer { table.row(footer, cell: "th") }
        }
    }

    private mutating func row(_ cells: [String], cell: String) {
        line("tr") { row in
            for text in cells { row.element(cell, text: text) }
        }
    }

    /// `<name attributes>`, the values escaped.
    private mutating func startTag(_ name: String, _ attributes: Attributes) {
        markup += "<" + name
        for (attribute, value) in attributes { markup += " \(attribute)=\"\(SVG.escape(value))\"" }
        markup += ">"
    }
}
