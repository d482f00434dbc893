import GroundworkCore
import GroundworkIO
/// Replacing a parameter of a scenario by a Monte Carlo draw (MODEL.md section 7).
///
/// A draw replaces the whole parameter: a year map by a constant or by one value per horizon
/// year (`per_year`), a scalar by a number. Draws are not clipped.
extension Scenario {
    /// Replaces a parameter by a draw or a grid value (`Parameter.replace(in:with:)`).
    mutating func replace(_ parameter: Parameter, with value: YearMap) {
        parameter.replace(in: &self, with: value)
    }

    /// The scenario as draw `draw` sees it.
    func drawn(_ draw: Int, streams: [RandomStream]) -> Scenario {
        guard let uncertainty else { return self }
        var scenario = self
        for (parameter, stream) in zip(uncertainty.parameters, streams) {
            if parameter.perYear {
                let entries = horizon.map { year in
                    (year: year, value: stream.sample(parameter.distribution, draw: draw, year: year))
                }
                scenario.replace(parameter.parameter, with: YearMap(entries: entries))
            } else {
                scenario.replace(
                    parameter.parameter,
                    with: YearMap(stream.sample(parameter.distribution, draw: draw, year: 0)))
            }
        }
        return scenario
    }

    /// One random stream per uncertain parameter, keyed by the seed and the parameter's path.
    var randomStreams: [RandomStream] {
        guard let uncertainty else { return [] }
        return uncertainty.parameters.map { RandomStream(seed: uncertainty.seed, path: $0.path) }
    }
}
