/// The line series of a `CategoryChart` (pay per role, cumulative outlay, the fan's median).
extension CategoryChart {
    /// One path per series, broken where a value is missing, with a dot per point.
    func lineSeries(_ scale: NiceScale) -> [String] {
        lines.map { series in
            var path = ""
            var dots = ""
            var open = false
            for index in categories.indices {
                guard let value = series.values[index] else {
                    open = false
                    continue
                }
                let point = "\(SVG.coordinate(x(index))) \(SVG.coordinate(y(value)))"
                path += (open ? " L" : (path.isEmpty ? "M" : " M")) + point
                open = true
                dots += SVG.element(
                    "circle", ["cx": x(index), "cy": y(value), "r": 2.5],
                    content: tooltip(series.name, index, value, scale))
            }
            let dash: String? = series.dashed ? "6 4" : nil
            let line = SVG.element(
                "path",
                [
                    "d": path, "stroke": series.color, "stroke-width": 2.5, "fill": "none",
                    "stroke-dasharray": dash,
                ])
            return SVG.element(
                "g", ["class": "series line", "data-series": series.name, "fill": series.color],
                content: line + dots)
        }
    }
}
