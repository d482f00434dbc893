import Testing

@testable import GroundworkDesk

/// The report's HTML builder: what it escapes, and how it lays elements out on lines.
@Suite("Report: HTML builder")
struct HTMLBuilderTests {
    @Test("text and attribute values are escaped: & < > \" ' become entities; raw markup is not")
    func escaping() {
        var html = HTMLBuilder()
        html.line(
            "p", ["class": "a\"b", "title": "Tom & Jerry's"], text: "1 < 2 & 3 > 2, \"quoted\" 'single'")
        html.line(raw: "<svg>&amp;</svg>")
        #expect(
            html.markup
                == "<p class=\"a&quot;b\" title=\"Tom &amp; Jerry&#39;s\">"
                + "1 &lt; 2 &amp; 3 &gt; 2, &quot;quoted&quot; &#39;single&#39;</p>\n"
                + "<svg>&amp;</svg>\n")
    }

    @Test("a block puts its tags on lines of their own; inline elements stay on their line")
    func blocksAndLines() {
        var html = HTMLBuilder()
        html.block("section", ["id": "s-1"]) { section in
            section.line("h2") { heading in
                heading.text("宛城区 ")
                heading.element("span", ["class": "note"], text: "2014–2030")
            }
            section.line { $0.voidElement("meta", ["charset": "utf-8"]) }
        }
        #expect(
            html.markup
                == "<section id=\"s-1\">\n<h2>宛城区 <span class=\"note\">2014–2030</span></h2>\n"
                + "<meta charset=\"utf-8\">\n</section>\n")
    }

    @Test("a table: a line per row, <th> in the header and footer, <td> in the body, cells escaped")
    func table() {
        var html = HTMLBuilder()
        html.table(
            ["class": "counties"], header: ["county", "total (亿元)"], rows: [["A&B", "1.00"], ["<C>", ""]],
            footer: ["all counties", "1.00"])
        #expect(
            html.markup
                == "<table class=\"counties\">\n<tr><th>county</th><th>total (亿元)</th></tr>\n"
                + "<tr><td>A&amp;B</td><td>1.00</td></tr>\n<tr><td>&lt;C&gt;</td><td></td></tr>\n"
                + "<tr><th>all counties</th><th>1.00</th></tr>\n</table>\n")
    }
}
