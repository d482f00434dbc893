import GroundworkCore
import GroundworkIO
/// `uncertainty:` (MODEL.md section 7): draws, seed and the uncertain parameters.
extension ScenarioDecoder {
    mutating func uncertainty(_ node: YAMLNode?, envelope: EnvelopeParameters?) -> Uncertainty? {
        guard let section = mapping(node, path: "uncertainty", allowed: ["draws", "seed", "parameters"]) else {
            return nil
        }
        var uncertainty = Uncertainty()
        if let node = value(section, "draws"),
            let draws = integer(node, path: "uncertainty.draws", range: Uncertainty.drawRange, what: "a number of draws")
        {
            uncertainty.draws = draws
        }
        if let node = value(section, "seed"),
            let seed = integer(node, path: "uncertainty.seed", range: 0...Int.max, what: "a seed")
        {
            uncertainty.seed = UInt64(seed)
        }
        guard let parametersNode = section["parameters"], !parametersNode.isNull else {
            error(section.location, "missing `uncertainty.parameters`: a map of parameter -> distribution (it may be `{}`)")
            return nil
        }
        guard case .mapping(let parameters) = parametersNode else {
            error(parametersNode.location, "`uncertainty.parameters` must be a map of parameter -> distribution, e.g. `rural_income.growth: {normal: {mean: 0.08, sd: 0.02}}`")
            return nil
        }
        origins["uncertainty.parameters"] = parametersNode.location
        let allowed = Uncertainty.mapParameters + Uncertainty.scalarParameters
        for (key, value) in parameters.entries where !value.isNull {
            let path = key.text
            if Uncertainty.fixedParameters.contains(path) {
                error(key.location, "`\(path)` cannot be uncertain: it changes the venue allocation (MODEL.md section 7)")
                continue
            }
            guard allowed.contains(path) else {
                var message = "`\(path)` is not a parameter that can be uncertain"
                if let nearest = Spelling.nearest(to: path, among: allowed) {
                    message += "; did you mean `\(nearest)`?"
                }
                error(key.location, message)
                continue
            }
            if path == "envelope.amount" && envelope == nil {
                error(key.location, "`envelope.amount` is uncertain but the scenario has no `envelope`")
                continue
            }
            if let parameter = uncertainParameter(path, value, key: key) {
                uncertainty.parameters.append(parameter)
            }
        }
        return uncertainty
    }

    private mutating func uncertainParameter(_ path: String, _ node: YAMLNode, key: YAMLScalar) -> UncertainParameter? {
        let full = "uncertainty.parameters.\(path)"
        let names = ["normal", "uniform", "triangular", "lognormal"]
        guard let spec = mapping(node, path: full, allowed: names + ["per_year"]) else { return nil }
        var perYear = false
        if let node = value(spec, "per_year"), let flag = boolean(node, path: "\(full).per_year") {
            perYear = flag
            if flag && !Uncertainty.mapParameters.contains(path) {
                error(node.location, "`per_year` applies to map parameters only; `\(path)` is a single value")
                return nil
            }
        }
        let given = spec.entries.filter { names.contains($0.key.text) }
        guard given.count == 1, let (nameKey, body) = given.first else {
            error(spec.location, "`\(full)` needs exactly one distribution: `normal`, `uniform`, `triangular` or `lognormal`")
            return nil
        }
        let distributionPath = "\(full).\(nameKey.text)"
        func fields(_ keys: [String]) -> [Double]? {
            guard let body = mapping(body, path: distributionPath, allowed: keys) else {
                error(body.location, "`\(distributionPath)` must be a map of \(keys.map { "`\($0)`" }.joined(separator: ", "))")
                return nil
            }
            var numbers: [Double] = []
            for key in keys {
                guard let node = value(body, key) else {
                    error(body.location, "`\(distributionPath)` needs `\(key)`")
                    return nil
                }
                guard let number = number(node, path: "\(distributionPath).\(key)", kind: .any) else { return nil }
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
            guard v[0] <= v[1] else { error(body.location, "`\(distributionPath)`: `min` must be <= `max`"); return nil }
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
            guard v[1] >= 0 else { error(body.location, "`\(distributionPath).sigma` must be >= 0"); return nil }
            distribution = .lognormal(mu: v[0], sigma: v[1])
        }
        origins[full] = key.location
        return UncertainParameter(path: path, distribution: distribution, perYear: perYear, location: key.location)
    }
}
