import GroundworkCore
import GroundworkIO
/// A portfolio's rows summed by county, in one pass: the exposures that do not depend on the
/// scenario (MODEL.md sections 2 and 4).
///
/// Heads are split into those written in the portfolio and the villages of rows whose cell is
/// blank, so that `cadres.per_village` (a scenario parameter, possibly uncertain) enters the
/// projection as a rate and the totals are computed once per portfolio.
public struct CountyTotals: Sendable {
    public let counties: [String]
    public let villages: [Double]
    /// Heads written in the portfolio, per role and county.
    public let writtenHeads: RoleValues<[Double]>
    /// Villages of rows whose role cell is blank, per role and county.
    public let blankHeadVillages: RoleValues<[Double]>
    public let venuesNeeded: [Int]
    /// Residents per county; nil for a county with no population cell filled.
    public let population: [Double?]

    /// One pass over the rows. O(rows).
    public init(_ portfolio: Portfolio) {
        let count = portfolio.counties.count
        var villages = [Double](repeating: 0, count: count)
        // Plain arrays per role: mutating through `RoleValues`' subscript would copy them.
        var written = [[Double]](repeating: villages, count: Role.allCases.count)
        var blank = written
        var needed = [Int](repeating: 0, count: count)
        var population = [Double?](repeating: nil, count: count)
        // Through buffers: the per-row arrays are read once each, with no copy or check per row.
        portfolio.countyOfRow.withUnsafeBufferPointer { countyOfRow in
            portfolio.villages.withUnsafeBufferPointer { villagesOfRow in
                portfolio.venuesNeeded.withUnsafeBufferPointer { neededOfRow in
                    portfolio.population.withUnsafeBufferPointer { residentsOfRow in
                        for row in 0..<portfolio.rowCount {
                            let county = countyOfRow[row]
                            villages[county] += Double(villagesOfRow[row])
                            needed[county] += neededOfRow[row]
                            let residents = residentsOfRow[row]
                            if !residents.isNaN { population[county] = (population[county] ?? 0) + residents }
                        }
                    }
                }
            }
            for role in Role.allCases {
                portfolio.heads[role].withUnsafeBufferPointer { headsOfRow in
                    portfolio.villages.withUnsafeBufferPointer { villagesOfRow in
                        for row in 0..<portfolio.rowCount {
                            let heads = headsOfRow[row]
                            if heads.isNaN {
                                blank[role.rawValue][countyOfRow[row]] += Double(villagesOfRow[row])
                            } else {
                                written[role.rawValue][countyOfRow[row]] += heads
                            }
                        }
                    }
                }
            }
        }
        self.counties = portfolio.counties
        self.villages = villages
        self.writtenHeads = RoleValues(secretary: written[0], director: written[1], other: written[2])
        self.blankHeadVillages = RoleValues(secretary: blank[0], director: blank[1], other: blank[2])
        self.venuesNeeded = needed
        self.population = population
    }

    private init(
        counties: [String], villages: [Double], writtenHeads: RoleValues<[Double]>,
        blankHeadVillages: RoleValues<[Double]>, venuesNeeded: [Int], population: [Double?]
    ) {
        self.counties = counties
        self.villages = villages
        self.writtenHeads = writtenHeads
        self.blankHeadVillages = blankHeadVillages
        self.venuesNeeded = venuesNeeded
        self.population = population
    }

    /// The totals of a block of counties.
    public func slice(_ range: Range<Int>) -> CountyTotals {
        func part<T>(_ values: [T]) -> [T] { Array(values[range]) }
        return CountyTotals(
            counties: part(counties), villages: part(villages),
            writtenHeads: RoleValues(
                secretary: part(writtenHeads.secretary), director: part(writtenHeads.director),
                other: part(writtenHeads.other)),
            blankHeadVillages: RoleValues(
                secretary: part(blankHeadVillages.secretary), director: part(blankHeadVillages.director),
                other: part(blankHeadVillages.other)),
            venuesNeeded: part(venuesNeeded), population: part(population))
    }

    /// Serving heads of a role in a county under `cadres.per_village`.
    public func heads(_ role: Role, county: Int, perVillage: RoleValues<Double>) -> Double {
        writtenHeads[role][county] + blankHeadVillages[role][county] * perVillage[role]
    }
}
