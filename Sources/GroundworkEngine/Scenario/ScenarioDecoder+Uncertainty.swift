import GroundworkCore
import GroundworkIO
/// `uncertainty:` (MODEL.md section 7): draws, seed and the uncertain parameters.
extension ScenarioDecoder {
    mutating func uncertainty(_ node: YAMLNode?, envelope: EnvelopeParameters?) -> Uncertainty? {
        guard let section = mapping(node, path: "uncertainty", allowed: Parameter.keys(under: "uncertainty"))
        else {
            return nil
        }
        var uncertainty = Uncertainty()
        if let node = value(section, Parameter.draws.keys[0]),
            let draws = integer(
                node, path: Parameter.draws.path, range: Limits.drawRange, what: "a number of draws")
        {
            uncertainty.draws = draws
        }
        if let node = value(section, Parameter.seed.keys[0]),
            let seed = integer(node, path: Parameter.seed.path, range: 0...Int.max, what: "a seed")
        {
            uncertainty.seed = UInt64(seed)
        }
        let parametersKey = Parameter.uncertainParameters
        guard let parametersNode = section[parametersKey.keys[0]], !parametersNode.isNull else {
            error(
                section.location,
                "missing `\(parametersKey)`: a map of parameter -> distribution (it may be `{}`)")
            return nil
        }
        guard case .mapping(let parameters) = parametersNode else {
            error(
                parametersNode.location,
                "`\(parametersKey)` must be a map of parameter -> distribution, e.g. `rural_income.growth: {normal: {mean: 0.08, sd: 0.02}}`"
            )
            return nil
        }
        origins[parametersKey.path] = parametersNode.location
        let allowed = Parameter.uncertain.map(\.path)
        for (key, value) in parameters.entries where !value.isNull {
            let path = key.text
            if Parameter.fixedByPlan.contains(where: { $0.path == path }) {
                error(
                    key.location,
                    "`\(path)` cannot be uncertain: it changes the venue allocation (MODEL.md section 7)")
                continue
            }
            if let parameter = Parameter.named(path),
                parameter.section == Parameter.inflation.section
                    || parameter.isPayer || parameter.section == Parameter.actualsFile.section
            {
                error(
                    key.location,
                    "`\(path)` cannot be uncertain: payers, prices and actuals are fixed (MODEL.md section 7)"
                )
                continue
            }
            guard let parameter = Parameter.named(path), parameter.mayBeUncertain else {
                var message = "`\(path)` is not a parameter that can be uncertain"
                if let nearest = Spelling.nearest(to: path, among: allowed) {
                    message += "; did you mean `\(nearest)`?"
                }
                error(key.location, message)
                continue
            }
            if parameter == .envelopeAmount && envelope == nil {
                error(key.location, "`\(parameter)` is uncertain but the scenario has no `envelope`")
                continue
            }
            if let uncertain = uncertainParameter(parameter, value, key: key) {
                uncertainty.parameters.append(uncertain)
            }
        }
        return uncertainty
    }

    private mutating func uncertainParameter(
        _ parameter: Parameter, _ node: YAMLNode, key: YAMLScalar
    ) -> UncertainParameter? {
        let path = parameter.path
        let full = "\(Parameter.uncertainParameters).\(path)"
        let names = ["normal", "uniform", "triangular", "lognormal"]
        guard let spec = mapping(node, path: full, allowed: names + ["per_year"]) else { return nil }
        var perYear = false
        if let node = value(spec, "per_year"), let flag = boolean(node, path: "\(full).per_year") {
            perYear = flag
            if flag && !parameter.isMap {
                error(node.location, "`per_year` applies to map parameters only; `\(path)` is a single value")
                return nil
            }
        }
        let given = spec.entries.filter { names.contains($0.key.text) }
        guard given.count == 1, let (nameKey, body) = given.first else {
            error(
                spec.location,
                "`\(full)` needs exactly one distribution: `normal`, `uniform`, `triangular` or `lognormal`")
            return nil
        }
        let distributionPath = "\(full).\(nameKey.text)"
        func fields(_ keys: [String]) -> [Double]? {
            guard let body = mapping(body, path: distributionPath, allowed: keys) else {
                error(
                    body.location,
                    "`\(distributionPath)` must be a map of \(keys.map { "`\($0)`" }.joined(separator: ", "))"
                )
                return nil
            }
            var numbers: [Double] = []
            for key in keys {
                guard let node = value(body, key) else {
                    error(body.location, "`\(distributionPath)` needs `\(key)`")
                    return nil
                }
                guard let number = number(node, path: "\(distributionPath).\(key)", kind: .any) else {
                    return nil
                }
                numbers.append(number)
            }
            return numbers
        }
        let distribution: Distribution
        switch nameKey.text {
        case "normal":
            guard let v = fields(["mean", "sd"]) else { return nil }
            guard v[1] >= 0 else { error(body.location, "`\(distributionPath).sd` must be >= 0"); return nil }
            distribution = .normal(mean: v[0], sd: v[1])
        case "uniform":
            guard let v = fields(["min", "max"]) else { return nil }
            guard v[0] <= v[1] else {
                error(body.location, "`\(distributionPath)`: `min` must be <= `max`"); return nil
            }
            distribution = .uniform(min: v[0], max: v[1])
        case "triangular":
            guard let v = fields(["min", "mode", "max"]) else { return nil }
            guard v[0] <= v[1], v[1] <= v[2] else {
                error(body.location, "`\(distributionPath)`: need `min` <= `mode` <= `max`")
                return nil
            }
            distribution = .triangular(min: v[0], mode: v[1], max: v[2])
        default:
            guard let v = fields(["mu", "sigma"]) else { return nil }
            guard v[1] >= 0 else {
                error(body.location, "`\(distributionPath).sigma` must be >= 0"); return nil
            }
            distribution = .lognormal(mu: v[0], sigma: v[1])
        }
        origins[full] = key.location
        return UncertainParameter(
            parameter: parameter, distribution: distribution, perYear: perYear, location: key.location)
    }
}
