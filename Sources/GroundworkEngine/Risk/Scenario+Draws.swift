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

    /// The scenario as draw `draw` sees it, each uncertain parameter replaced through
    /// `Parameter.replace(in:with:)`: the reference that `takeDraw(_:slots:)` equals.
    func drawn(_ draw: Int, streams: [RandomStream]) -> Scenario {
        guard let uncertainty else { return self }
        var scenario = self
        for (parameter, stream) in zip(uncertainty.parameters, streams) {
            scenario.replace(
                parameter.parameter,
                with: drawnMap(parameter.distribution, perYear: parameter.perYear, stream: stream, draw: draw)
            )
        }
        return scenario
    }

    /// The year map draw `draw` gives a parameter: one value per horizon year (`per_year`),
    /// else one value for every year.
    private func drawnMap(_ distribution: Distribution, perYear: Bool, stream: RandomStream, draw: Int)
        -> YearMap
    {
        guard perYear else { return YearMap(stream.sample(distribution, draw: draw, year: 0)) }
        return YearMap(
            entries: horizon.map { year in
                (year: year, value: stream.sample(distribution, draw: draw, year: year))
            })
    }

    /// Replaces every uncertain parameter by its value in draw `draw`. Each draw replaces the
    /// whole of the same parameters, so a scenario that took another draw before becomes the
    /// same as `drawn(draw, streams:)` of the original: a block of draws reuses one copy, and
    /// its per-year maps keep their storage from draw to draw.
    mutating func takeDraw(_ draw: Int, slots: DrawSlots) {
        let horizon = self.horizon
        for slot in slots.slots {
            let stream = slot.stream
            let distribution = slot.distribution
            switch slot.place {
            case .map(let offset):
                // Made before the scenario's bytes are open for writing (`drawnMap` reads it).
                let constant =
                    slot.perYear ? nil : drawnMap(distribution, perYear: false, stream: stream, draw: draw)
                withUnsafeMutableBytes(of: &self) { bytes in
                    let map = (bytes.baseAddress! + offset).assumingMemoryBound(to: YearMap.self)
                    if let constant {
                        map.pointee = constant
                    } else {
                        map.pointee.setEachYear(of: horizon) {
                            stream.sample(distribution, draw: draw, year: $0)
                        }
                    }
                }
            case .number(let offset):
                // A scalar takes the drawn map's value in the first horizon year.
                let value = stream.sample(
                    distribution, draw: draw, year: slot.perYear ? horizon.lowerBound : 0)
                withUnsafeMutableBytes(of: &self) { bytes in
                    (bytes.baseAddress! + offset).assumingMemoryBound(to: Double.self).pointee = value
                }
            case .other:
                replace(
                    slots.parameters[slot.index],
                    with: drawnMap(distribution, perYear: slot.perYear, stream: stream, draw: draw))
            }
        }
    }

    /// One random stream per uncertain parameter, keyed by the seed and the parameter's path.
    var randomStreams: [RandomStream] {
        guard let uncertainty else { return [] }
        return uncertainty.parameters.map { RandomStream(seed: uncertainty.seed, path: $0.path) }
    }
}

/// Where each uncertain parameter of a scenario goes, found once for all draws: a map or a
/// number stored in the scenario (`Parameter.Access.map`, `.number`) is written at its byte
/// offset (`MemoryLayout.offset(of:)`), with no key path, scenario copy or reference count
/// touched per draw; the others (an optional map, the envelope amount) through
/// `Parameter.replace(in:with:)`. Either way the scenario ends up as `Parameter.replace` makes
/// it.
struct DrawSlots: @unchecked Sendable {
    enum Place {
        case map(Int)
        case number(Int)
        case other
    }

    struct Slot {
        let place: Place
        let index: Int
        let distribution: Distribution
        let perYear: Bool
        let stream: RandomStream
    }

    let slots: [Slot]
    /// The uncertain parameters, for `.other` places.
    let parameters: [Parameter]

    init(_ uncertainty: Uncertainty, streams: [RandomStream]) {
        parameters = uncertainty.parameters.map(\.parameter)
        slots = zip(uncertainty.parameters, streams).enumerated().map { index, pair in
            let (parameter, stream) = pair
            let place: Place
            switch parameter.parameter.access {
            case .map(let keyPath):
                place = MemoryLayout<Scenario>.offset(of: keyPath).map(Place.map) ?? .other
            case .number(let keyPath):
                place = MemoryLayout<Scenario>.offset(of: keyPath).map(Place.number) ?? .other
            default:
                place = .other
            }
            return Slot(
                place: place, index: index, distribution: parameter.distribution, perYear: parameter.perYear,
                stream: stream)
        }
    }
}
