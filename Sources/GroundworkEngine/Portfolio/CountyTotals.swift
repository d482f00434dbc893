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
        var needed = [Int](repeating: 0, count: count)
        var residentsOf = [Double](repeating: 0, count: count)
        var hasResidents = [Bool](repeating: false, count: count)
        // Per role and county, role-major, in flat arrays: mutating arrays of arrays (or
        // `RoleValues`' subscript) per row would check or copy them every time.
        let roles = Role.allCases.count
        var written = [Double](repeating: 0, count: roles * count)
        var blank = written
        let rows = portfolio.rowCount
        portfolio.countyOfRow.withUnsafeBufferPointer { countyOfRow in
            portfolio.villages.withUnsafeBufferPointer { villagesOfRow in
                portfolio.venuesNeeded.withUnsafeBufferPointer { neededOfRow in
                    portfolio.population.withUnsafeBufferPointer { residentsOfRow in
                        villages.withUnsafeMutableBufferPointer { villages in
                            needed.withUnsafeMutableBufferPointer { needed in
                                residentsOf.withUnsafeMutableBufferPointer { residentsOf in
                                    hasResidents.withUnsafeMutableBufferPointer { hasResidents in
                                        for row in 0..<rows {
                                            let county = countyOfRow[row]
                                            villages[county] += Double(villagesOfRow[row])
                                            needed[county] += neededOfRow[row]
                                            let residents = residentsOfRow[row]
                                            if !residents.isNaN {
                                                residentsOf[county] += residents
                                                hasResidents[county] = true
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            written.withUnsafeMutableBufferPointer { written in
                blank.withUnsafeMutableBufferPointer { blank in
                    portfolio.villages.withUnsafeBufferPointer { villagesOfRow in
                        for role in Role.allCases {
                            let offset = role.rawValue * count
                            portfolio.heads[role].withUnsafeBufferPointer { headsOfRow in
                                for row in 0..<rows {
                                    let heads = headsOfRow[row]
                                    if heads.isNaN {
                                        blank[offset + countyOfRow[row]] += Double(villagesOfRow[row])
                                    } else {
                                        written[offset + countyOfRow[row]] += heads
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        func perRole(_ values: [Double]) -> RoleValues<[Double]> {
            RoleValues(
                secretary: Array(values[0..<count]), director: Array(values[count..<2 * count]),
                other: Array(values[2 * count..<3 * count]))
        }
        self.counties = portfolio.counties
        self.villages = villages
        self.writtenHeads = perRole(written)
        self.blankHeadVillages = perRole(blank)
        self.venuesNeeded = needed
        self.population = (0..<count).map { hasResidents[$0] ? residentsOf[$0] : nil }
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
