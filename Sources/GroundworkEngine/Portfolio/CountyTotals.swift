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
        // Sums of the current county kept in registers while its rows run (a county's rows are
        // usually adjacent), stored back when the county changes: each county's sums are still
        // added in row order, so every total is the same as from adding into the arrays.
        var current = -1
        var villagesSum = 0.0
        var neededSum = 0
        var residentsSum = 0.0
        var residentsSeen = false
        var writtenSum = SIMD4<Double>()
        var blankSum = SIMD4<Double>()
        func store() {
            guard current >= 0 else { return }
            villages[current] = villagesSum
            needed[current] = neededSum
            residentsOf[current] = residentsSum
            hasResidents[current] = residentsSeen
            for role in 0..<roles {
                written[role * count + current] = writtenSum[role]
                blank[role * count + current] = blankSum[role]
            }
        }
        portfolio.countyOfRow.withUnsafeBufferPointer { countyOfRow in
            portfolio.villages.withUnsafeBufferPointer { villagesOfRow in
                portfolio.venuesNeeded.withUnsafeBufferPointer { neededOfRow in
                    portfolio.population.withUnsafeBufferPointer { residentsOfRow in
                        portfolio.heads.secretary.withUnsafeBufferPointer { secretaries in
                            portfolio.heads.director.withUnsafeBufferPointer { directors in
                                portfolio.heads.other.withUnsafeBufferPointer { others in
                                    for row in 0..<rows {
                                        let county = countyOfRow[row]
                                        if county != current {
                                            store()
                                            current = county
                                            villagesSum = villages[county]
                                            neededSum = needed[county]
                                            residentsSum = residentsOf[county]
                                            residentsSeen = hasResidents[county]
                                            for role in 0..<roles {
                                                writtenSum[role] = written[role * count + county]
                                                blankSum[role] = blank[role * count + county]
                                            }
                                        }
                                        let rowVillages = Double(villagesOfRow[row])
                                        villagesSum += rowVillages
                                        neededSum += neededOfRow[row]
                                        let heads = SIMD4(secretaries[row], directors[row], others[row], 0)
                                        for role in 0..<roles {
                                            if heads[role].isNaN {
                                                blankSum[role] += rowVillages
                                            } else {
                                                writtenSum[role] += heads[role]
                                            }
                                        }
                                        let residents = residentsOfRow[row]
                                        if !residents.isNaN {
                                            residentsSum += residents
                                            residentsSeen = true
                                        }
                                    }
                                    store()
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
