import GroundworkIO

/// The page in progress, which every section writes into.
extension ReportPage {
    /// The page in progress: its HTML, and the chart data files, which each chart fills with
    /// the numbers it draws.
    struct Builder {
        var html = HTMLBuilder()
        /// The language of the page: titles, headers, items, levels, captions and notes (`--lang`).
        var language: Language = .en
        private(set) var tables: [String: CSVWriter] = [:]

        /// Appends rows to the chart data file `name`, begun with `header` on its first rows.
        mutating func rows(_ name: String, header: [String], _ write: (inout CSVWriter) -> Void) {
            if tables[name] == nil {
                var writer = CSVWriter()
                writer.row(header)
                tables[name] = writer
            }
            // In place: the table is not copied for each chart's rows.
            write(&tables[name]!)
        }

        /// `english`, a title, header or label of the page, in the page's language: from the one
        /// table of `Translations` (a `.phrase` whose term is the English text), each `{}` then
        /// replaced by the next of `arguments`. English is the text itself.
        func t(_ english: String, _ arguments: String...) -> String {
            var text = Translations.text(english, .phrase, in: language)
            for argument in arguments {
                guard let slot = text.range(of: "{}") else { break }
                text.replaceSubrange(slot, with: argument)
            }
            return text
        }

        /// `template`, a caption, note or value of the page with named slots (`{year}`), in the
        /// page's language with the slots filled (`Translations.sentence`); English is the
        /// template itself, filled.
        func t(_ template: String, _ values: [String: String]) -> String {
            Translations.sentence(template, values, in: language)
        }

        /// `items` as a list in running text: "a, b, c" (in Chinese "a、b、c").
        func list(_ items: [String]) -> String { items.joined(separator: t(", ")) }

        /// An amount in the page's language (`ReportPage.money`).
        func money(_ yuan: Double) -> String { ReportPage.money(yuan, in: language) }

        /// The name of an axis unit in the page's language: 亿元 and 万元 as they are, yuan as 元 in
        /// Chinese (the table's `yuan`).
        func unitName(_ unit: AmountUnit) -> String { Translations.text(unit.name, .phrase, in: language) }

        /// A line item's name: `english` (the report's own), or the item's name in the language.
        func item(_ key: String, english: String) -> String {
            language == .en ? english : Translations.text(key, .item, in: language)
        }

        /// A paying level's name: `english` (the report's own), or the level's in the language.
        func level(_ key: String, english: String) -> String {
            language == .en ? english : Translations.text(key, .level, in: language)
        }

        /// A chart and its caption: `<figure>` with the SVG and a `<figcaption>`.
        mutating func figure(_ id: String, _ svg: String, caption: String) {
            html.block("figure", ["class": "chart", "id": id]) { figure in
                figure.line(raw: svg)
                figure.line("figcaption", text: caption)
            }
        }
    }
}
