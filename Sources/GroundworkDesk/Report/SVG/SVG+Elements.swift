/// The SVG element writer: tags with their attributes in order, values escaped, coordinates
/// with at most two decimals, so a chart reads as a list of elements rather than of strings.
extension SVG {
    /// Attributes in the order they are written; an attribute whose value is nil is left out.
    typealias Attributes = KeyValuePairs<String, any SVGAttributeValue>

    /// ` name="value"` for each attribute that has a value.
    static func attributes(_ attributes: Attributes) -> String {
        var text = ""
        for (name, value) in attributes {
            guard let value = value.attributeText else { continue }
            text += " \(name)=\"\(value)\""
        }
        return text
    }

    /// An empty element: `<name attributes/>`.
    static func element(_ name: String, _ attributes: Attributes) -> String {
        "<\(name)\(self.attributes(attributes))/>"
    }

    /// `<name attributes>content</name>`, the content markup written as given.
    static func element(_ name: String, _ attributes: Attributes, content: String) -> String {
        start(name, attributes) + content + "</\(name)>"
    }

    /// A start tag, `<name attributes>`, for an element whose content follows on other lines.
    static func start(_ name: String, _ attributes: Attributes) -> String {
        "<\(name)\(self.attributes(attributes))>"
    }

    /// A tooltip: `<title>text</title>`, the text escaped.
    static func title(_ text: String) -> String {
        "<title>\(escape(text))</title>"
    }

    /// A white outline behind text drawn over lines and bars.
    static let halo: Attributes = ["stroke": "#fff", "stroke-width": 3, "paint-order": "stroke"]

    /// A `<text>` element, its content escaped. `extra` attributes follow the others, then the
    /// `halo` when asked for.
    static func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", size: Double? = nil,
        className: String? = nil, extra: Attributes = [:], halo: Bool = false
    ) -> String {
        let textAnchor: String? = anchor == "start" ? nil : anchor
        var attributes = self.attributes(
            ["x": x, "y": y, "text-anchor": textAnchor, "font-size": size, "class": className])
        attributes += self.attributes(extra)
        if halo { attributes += self.attributes(Self.halo) }
        return "<text\(attributes)>\(escape(content))</text>"
    }

    /// A chart: the `<svg>` element of `width` by `height` pixels, labelled `title` for screen
    /// readers, around `layers` (lines of markup, in drawing order).
    static func chart(width: Double, height: Double, title: String, layers: [String]) -> String {
        let start = start(
            "svg",
            [
                "class": "chart-svg", "viewBox": "0 0 \(coordinate(width)) \(coordinate(height))",
                "width": width, "height": height, "role": "img", "aria-label": title,
            ])
        return ([start] + layers + ["</svg>"]).joined(separator: "\n")
    }
}

/// A value of an SVG attribute: a coordinate (`Double`, at most two decimals), a whole number
/// or text (escaped); nil leaves the attribute out.
protocol SVGAttributeValue: Sendable {
    /// The value as written between the quotes, or nil for no attribute.
    var attributeText: String? { get }
}

extension Double: SVGAttributeValue {
    var attributeText: String? { SVG.coordinate(self) }
}

extension Int: SVGAttributeValue {
    var attributeText: String? { String(self) }
}

extension String: SVGAttributeValue {
    var attributeText: String? { SVG.escape(self) }
}

extension Optional: SVGAttributeValue where Wrapped: SVGAttributeValue {
    var attributeText: String? { self?.attributeText ?? nil }
}
