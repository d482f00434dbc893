import GroundworkIO

/// The page in progress, which every section writes into.
extension ReportPage {
    /// The page in progress: its HTML, and the chart data files, which each chart fills with
    /// the numbers it draws.
    struct Builder {
        var html = HTMLBuilder()
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

        /// A chart and its caption: `<figure>` with the SVG and a `<figcaption>`.
        mutating func figure(_ id: String, _ svg: String, caption: String) {
            html.block("figure", ["class": "chart", "id": id]) { figure in
                figure.line(raw: svg)
                figure.line("figcaption", text: caption)
            }
        }
    }
}
