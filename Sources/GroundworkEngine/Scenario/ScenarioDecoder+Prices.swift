import GroundworkCore
import GroundworkIO

/// `prices:` (MODEL.md section 4.6) and `actuals:` (section 9).
extension ScenarioDecoder {
    /// A `prices` mapping, even `{}`, gives the section (all defaults: D = V = 1).
    mutating func prices(_ node: YAMLNode?, horizon: ClosedRange<Int>) -> PriceParameters? {
        guard let node, !node.isNull else { return nil }
        let sectionName = Parameter.pricesBaseYear.section
        guard let section = mapping(node, path: sectionName, allowed: Parameter.keys(under: sectionName))
        else {
            return nil
        }
        origins[sectionName] = node.location
        var prices = PriceParameters(baseYear: horizon.lowerBound)
        if let node = value(section, Parameter.pricesBaseYear.keys[0]),
            let year = year(node, path: Parameter.pricesBaseYear.path)
        {
            prices.baseYear = year
        }
        if let map = exactRates(value(section, Parameter.inflation.keys[0]), .inflation) {
            prices.inflation = map
        }
        if let map = exactRates(value(section, Parameter.discountRate.keys[0]), .discountRate) {
            prices.discountRate = map
        }
        return prices
    }

    /// A map parameter of rates > -1 read as exact decimals from the text.
    private mutating func exactRates(_ node: YAMLNode?, _ parameter: Parameter) -> ExactYearMap? {
        guard let node, let map = yearMap(node, path: parameter.path, kind: parameter.range) else {
            return nil
        }
        func exact(_ node: YAMLNode, path: String) -> ExactDecimal? {
            guard case .scalar(let scalar) = node, let value = ExactDecimal(scalar.text) else {
                error(node.location, "`\(path)` has more digits than Groundwork holds exactly (38)")
                return nil
            }
            return value
        }
        switch node {
        case .mapping(let mapping):
            var entries: [(year: Int, value: ExactDecimal)] = []
            for ((key, value), entry) in zip(mapping.entries, map.entries) {
                guard let rate = exact(value, path: "\(parameter.path).\(key.text)") else { return nil }
                entries.append((entry.year, rate))
            }
            return ExactYearMap(entries: entries)
        default:
            return exact(node, path: parameter.path).map(ExactYearMap.init)
        }
    }

    /// `actuals: {file, through}`, both required; `through` inside the horizon. The file is read
    /// when the plan is made, against the portfolio's counties.
    mutating func actuals(_ node: YAMLNode?, horizon: ClosedRange<Int>) -> ActualsParameters? {
        let sectionName = Parameter.actualsFile.section
        guard let section = mapping(node, path: sectionName, allowed: Parameter.keys(under: sectionName))
        else {
            return nil
        }
        let fileNode = value(section, Parameter.actualsFile.keys[0])
        let throughNode = value(section, Parameter.actualsThrough.keys[0])
        guard let fileNode, let throughNode else {
            let missing = fileNode == nil ? Parameter.actualsFile : Parameter.actualsThrough
            error(
                section.location,
                "missing `\(missing)`: `actuals` needs the outturn file and the last closed year, "
                    + "e.g. `{file: actuals-2015.csv, through: 2015}`")
            return nil
        }
        guard let file = string(fileNode, path: Parameter.actualsFile.path), !file.isEmpty else {
            if case .scalar = fileNode {
                error(
                    fileNode.location, "`\(Parameter.actualsFile)` must be the path of a CSV file, not empty")
            }
            return nil
        }
        guard let through = year(throughNode, path: Parameter.actualsThrough.path) else { return nil }
        guard horizon.contains(through) else {
            error(
                throughNode.location,
                "`\(Parameter.actualsThrough)` (\(through)) is outside the horizon "
                    + "\(horizon.lowerBound)-\(horizon.upperBound)")
            return nil
        }
        return ActualsParameters(
            file: Self.resolve(file, against: fileNode.location.file), fileLocation: fileNode.location,
            through: through, throughLocation: throughNode.location)
    }
}
