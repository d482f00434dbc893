import GroundworkCore
import GroundworkIO
/// Synthetic portfolios for benchmarks and experiments: realistic in shape, reproducible from
/// a seed (the same seed gives the same bytes).
///
/// Each county gets a number of villages drawn uniformly from 50% to 150% of the requested
/// average (at least 1). Each village needs a venue with a probability drawn per county from
/// 5% to 20% (Nanyang's 496 venues over about 4,500 villages is 11%); has 1 secretary, 1
/// director with probability 0.9, and 2 to 5 other cadres; and 500 to 4,000 residents.
/// `village` level writes one row per village; `county` level sums them into one row per
/// county. Counties are named `县0001`, `县0002`, ...; villages `村000001`, ....
public struct PortfolioGenerator: Sendable {
    public enum Level: String, Sendable, CaseIterable {
        case county, village
    }

    public var counties: Int
    public var villagesPerCounty: Int
    public var seed: UInt64
    public var level: Level

    public init(counties: Int, villagesPerCounty: Int, seed: UInt64, level: Level) {
        self.counties = counties
        self.villagesPerCounty = villagesPerCounty
        self.seed = seed
        self.level = level
    }

    /// The portfolio as CSV bytes (MODEL.md section 2).
    public func csv() -> [UInt8] {
        let countyStream = RandomStream(seed: seed, path: "generator.county")
        let villageStream = RandomStream(seed: seed, path: "generator.village")
        var writer = CSVWriter(capacity: counties * (level == .village ? villagesPerCounty * 48 : 64))
        writer.row([
            "county", "group", "villages", "venues_needed", "secretaries", "directors", "others",
            "population",
        ])
        var villageNumber = 0
        for county in 0..<counties {
            let name = "县" + Self.padded(county + 1, width: 4)
            let spread = countyStream.uniform(draw: county, year: 0, counter: 0)
            let villages = max(1, Int((Double(villagesPerCounty) * (0.5 + spread)).rounded()))
            let needShare = 0.05 + 0.15 * countyStream.uniform(draw: county, year: 0, counter: 1)
            var total = (needed: 0, directors: 0, others: 0, population: 0)
            for _ in 0..<villages {
                let draw = villageNumber
                villageNumber += 1
                let needed = villageStream.uniform(draw: draw, year: 0, counter: 0) < needShare ? 1 : 0
                let directors = villageStream.uniform(draw: draw, year: 0, counter: 1) < 0.9 ? 1 : 0
                let others = 2 + Int(villageStream.uniform(draw: draw, year: 0, counter: 2) * 4)
                let population = 500 + Int(villageStream.uniform(draw: draw, year: 0, counter: 3) * 3501)
                if level == .village {
                    writer.field(name)
                    writer.field("村" + Self.padded(villageNumber, width: 6))
                    writer.integer(1)
                    writer.integer(needed)
                    writer.integer(1)
                    writer.integer(directors)
                    writer.integer(others)
                    writer.integer(population)
                    writer.endRow()
                } else {
                    total.needed += needed
                    total.directors += directors
                    total.others += others
                    total.population += population
                }
            }
            if level == .county {
                writer.field(name)
                writer.field("all villages")
                writer.integer(villages)
                writer.integer(total.needed)
                writer.integer(villages)
                writer.integer(total.directors)
                writer.integer(total.others)
                writer.integer(total.population)
                writer.endRow()
            }
        }
        return writer.bytes
    }

    private static func padded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
