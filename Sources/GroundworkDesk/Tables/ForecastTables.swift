import GroundworkCore
import GroundworkEngine
import GroundworkIO
/// The five CSV tables of MODEL.md section 8, written from projections.
///
/// Each function writes one file's bytes: rows scenario by scenario in command-line order.
public enum ForecastTables {
    public static let forecastFile = "forecast.csv"
    public static let summaryFile = "summary.csv"
    public static let rolloutFile = "rollout.csv"
    public static let payFile = "pay.csv"
    public static let headlineFile = "headline.csv"

    public static let fundingFile = "funding.csv"
    public static let pricesFile = "prices.csv"

    /// `scenario,county,year,item,payer,amount`: one row per scenario x county x year x item x
    /// paying level (the levels with a non-zero share in the county's funding of the item, top
    /// to bottom), each with its part of the cell (MODEL.md section 4).
    ///
    /// Written in blocks of counties side by side on `threads` threads (`CSVBlocks`): each
    /// block's bytes are counted first, then written at their offset in the one buffer.
    public static func forecast(_ projections: [Projection], threads: Int = Parallel.processorCount)
        -> [UInt8]
    {
        let (header, blocks, counts, layouts) = forecastBlocks(projections, threads: threads)
        return CSVBlocks.table(header: header, counts: counts, threads: threads) { index, cursor in
            layouts[blocks[index].projection].write(blocks[index].counties, into: &cursor)
        }
    }

    /// `forecast(_:threads:)` and the SHA-256 of its bytes, hashed while they are written.
    public static func hashedForecast(_ projections: [Projection], threads: Int = Parallel.processorCount)
        -> (bytes: [UInt8], sha256: String)
    {
        let (header, blocks, counts, layouts) = forecastBlocks(projections, threads: threads)
        return CSVBlocks.hashedTable(header: header, counts: counts, threads: threads) { index, cursor in
            layouts[blocks[index].projection].write(blocks[index].counties, into: &cursor)
        }
    }

    /// The header, the blocks of counties (about 32 counties each: enough blocks for the
    /// threads to share evenly, few enough to cost nothing to count), each block's bytes and
    /// each projection's repeated text.
    private static func forecastBlocks(_ projections: [Projection], threads: Int) -> (
        header: [UInt8], blocks: [(projection: Int, counties: Range<Int>)], counts: [Int],
        layouts: [ForecastLayout]
    ) {
        var header = CSVWriter()
        header.row(["scenario", "county", "year", "item", "payer", "amount"])
        let layouts = projections.map(ForecastLayout.init)
        let blockCounties = 32
        var blocks: [(projection: Int, counties: Range<Int>)] = []
        for (index, projection) in projections.enumerated() {
            let counties = projection.plan.totals.counties.count
            for first in stride(from: 0, to: counties, by: blockCounties) {
                blocks.append((index, first..<min(first + blockCounties, counties)))
            }
        }
        let counted = SharedBuffer<Int>(repeating: 0, count: blocks.count)
        let blockList = blocks
        Parallel.forEach(blocks.count, threads: threads) { index in
            let block = blockList[index]
            counted[index] = layouts[block.projection].count(block.counties)
        }
        return (header.bytes, blocks, counted.array, layouts)
    }

    /// The repeated text of one projection's `forecast.csv` rows, formatted once: per county
    /// `scenario,county,`, per year, item and level `year,item,level,`.
    private struct ForecastLayout: Sendable {
        let projection: Projection
        /// `scenario,county,` of every county, one after the other, from `countyStart[county]`.
        let countyText: [UInt8]
        let countyStart: [Int]
        /// `year,item,level,` per (year, item, level), from `cellStart[...]`.
        let cellText: [UInt8]
        let cellStart: [Int]

        init(_ projection: Projection) {
            self.projection = projection
            let comma = UInt8(ascii: ",")
            let name = CSVWriter.escaped(projection.scenario.name)
            var countyText: [UInt8] = []
            var countyStart: [Int] = [0]
            for county in projection.plan.totals.counties {
                countyText += name + [comma] + CSVWriter.escaped(county) + [comma]
                countyStart.append(countyText.count)
            }
            var cellText: [UInt8] = []
            var cellStart: [Int] = [0]
            for year in projection.scenario.horizon {
                for item in LineItem.allCases {
                    for level in FundingLevel.allCases {
                        cellText += Array("\(year),\(item.key),\(level.key),".utf8)
                        cellStart.append(cellText.count)
                    }
                }
            }
            self.countyText = countyText
            self.countyStart = countyStart
            self.cellText = cellText
            self.cellStart = cellStart
        }

        private static let levels = FundingLevel.allCases.count

        /// The bytes of the rows of `counties`.
        func count(_ counties: Range<Int>) -> Int {
            var total = 0
            rows(counties) { county, cell, cents in
                total += countyStart[county + 1] - countyStart[county] + cellStart[cell + 1] - cellStart[cell]
                total += CSVBlocks.centsCount(cents) + 1
            }
            return total
        }

        /// Writes the rows of `counties`.
        func write(_ counties: Range<Int>, into cursor: inout CSVBlocks.Cursor) {
            countyText.withUnsafeBufferPointer { countyText in
                cellText.withUnsafeBufferPointer { cellText in
                    rows(counties) { county, cell, cents in
                        cursor.append(
                            UnsafeBufferPointer(
                                rebasing: countyText[countyStart[county]..<countyStart[county + 1]]))
                        cursor.append(
                            UnsafeBufferPointer(rebasing: cellText[cellStart[cell]..<cellStart[cell + 1]]))
                        cursor.cents(cents)
                        cursor.append(UInt8(ascii: "\n"))
                    }
                }
            }
        }

        /// Calls `row(county, cell, cents)` for every row of `counties` in file order: county
        /// by county, year by year, item by item, level by level (MODEL.md section 8), `cell`
        /// the (year, item, level) of `cellStart`.
        @inline(__always)
        private func rows(_ counties: Range<Int>, _ row: (Int, Int, Int64) -> Void) {
            let years = projection.years
            let items = LineItem.allCases.count
            let funding = projection.plan.funding
            let rules = funding.rules
            projection.cells.withUnsafeBufferPointer { cells in
                funding.index.withUnsafeBufferPointer { fundingOf in
                    rules.withUnsafeBufferPointer { rules in
                        for county in counties {
                            for year in 0..<years {
                                for item in 0..<items {
                                    let rule = rules[fundingOf[county * items + item]]
                                    let cellIndex = (county * years + year) * items + item
                                    let parts = rule.parts(cells[cellIndex])
                                    let first = (year * items + item) * Self.levels
                                    for position in 0..<rule.count {
                                        row(county, first + rule.levels[position], parts[position])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `scenario,year,<items>,total,cumulative,envelope_cumulative,envelope_remaining`.
    public static func summary(_ projections: [Projection]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row(
            ["scenario", "year"] + LineItem.allCases.map(\.key)
                + ["total", "cumulative", "envelope_cumulative", "envelope_remaining"])
        for projection in projections {
            let scenario = projection.scenario
            for (yearIndex, year) in scenario.horizon.enumerated() {
                writer.field(scenario.name)
                writer.field(String(year))
                for item in LineItem.allCases {
                    writer.cents(projection.itemTotal(year: yearIndex, item: item))
                }
                writer.cents(projection.yearTotals[yearIndex])
                writer.cents(projection.cumulative[yearIndex])
                if let use = projection.envelopeUse, let used = use.cumulative[yearIndex],
                    let remaining = use.remaining(atYear: yearIndex)
                {
                    writer.cents(used)
                    writer.cents(remaining)
                } else {
                    writer.field("")
                    writer.field("")
                }
                writer.endRow()
            }
        }
        return writer.bytes
    }

    /// `scenario,county,year,venues_completed,venues_remaining`.
    public static func rollout(_ projections: [Projection]) -> [UInt8] {
        var header = CSVWriter()
        header.row(["scenario", "county", "year", "venues_completed", "venues_remaining"])
        // One block per projection, counted and written without a string per row.
        let comma = UInt8(ascii: ",")
        let prefixes = projections.map { projection in
            let name = CSVWriter.escaped(projection.scenario.name)
            return projection.plan.totals.counties.map { name + [comma] + CSVWriter.escaped($0) + [comma] }
        }
        @Sendable func rows(
            _ index: Int, _ row: (_ prefix: [UInt8], _ year: Int, _ completed: Int, _ remaining: Int) -> Void
        ) {
            let projection = projections[index]
            let plan = projection.plan
            let years = projection.years
            for county in plan.totals.counties.indices {
                var remaining = plan.totals.venuesNeeded[county]
                for (yearIndex, year) in projection.scenario.horizon.enumerated() {
                    let completed = plan.completions[county * years + yearIndex]
                    remaining -= completed
                    row(prefixes[index][county], year, completed, remaining)
                }
            }
        }
        let counts = projections.indices.map { index in
            var total = 0
            rows(index) { prefix, year, completed, remaining in
                total +=
                    prefix.count + CSVBlocks.integerCount(year) + CSVBlocks.integerCount(completed)
                    + CSVBlocks.integerCount(remaining) + 3
            }
            return total
        }
        return CSVBlocks.table(header: header.bytes, counts: counts, threads: 1) { index, cursor in
            rows(index) { prefix, year, completed, remaining in
                prefix.withUnsafeBufferPointer { cursor.append($0) }
                cursor.integer(year)
                cursor.append(comma)
                cursor.integer(completed)
                cursor.append(comma)
                cursor.integer(remaining)
                cursor.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// `scenario,year,rural_income,secretary_monthly,director_monthly,other_monthly`.
    public static func pay(_ projections: [Projection]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row([
            "scenario", "year", "rural_income", "secretary_monthly", "director_monthly", "other_monthly",
        ])
        for projection in projections {
            let plan = projection.plan
            for (yearIndex, year) in projection.scenario.horizon.enumerated() {
                writer.field(projection.scenario.name)
                writer.field(String(year))
                writer.field(plan.income(year).map { CSVWriter.decimal($0) } ?? "")
                if let monthly = plan.pay.monthly[yearIndex] {
                    for role in Role.allCases { writer.cents(Money.cents(monthly[role])) }
                } else {
                    for _ in Role.allCases { writer.field("") }
                }
                writer.endRow()
            }
        }
        return writer.bytes
    }

    /// One row per scenario: the horizon total, venues and the envelope.
    public static func headline(_ projections: [Projection]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row([
            "scenario", "start", "end", "total", "venues_needed", "venues_built", "venues_deferred",
            "construction_after_horizon", "envelope_amount", "envelope_used", "envelope_remaining",
            "breach_year",
        ])
        for projection in projections {
            let scenario = projection.scenario
            let plan = projection.plan
            writer.field(scenario.name)
            writer.field(String(scenario.horizon.lowerBound))
            writer.field(String(scenario.horizon.upperBound))
            writer.cents(projection.total)
            writer.field(String(plan.venuesNeeded))
            writer.field(String(plan.venuesBuilt))
            writer.field(String(plan.venuesDeferred))
            writer.cents(projection.constructionAfterHorizonCents)
            if let use = projection.envelopeUse {
                writer.cents(use.amountCents)
                writer.cents(use.used)
                writer.cents(use.remaining)
            } else {
                writer.field("")
                writer.field("")
                writer.field("")
            }
            writer.field(projection.breachYear.map(String.init) ?? "")
            writer.endRow()
        }
        return writer.bytes
    }

    /// `scenario,payer,year,<items>,total,cumulative`: per scenario, each level with a non-zero
    /// share of some item in some county, top to bottom, and every year (MODEL.md section 8):
    /// the sums of that level's parts in `forecast.csv`.
    public static func funding(_ projections: [Projection]) -> [UInt8] {
        var writer = CSVWriter()
        writer.row(["scenario", "payer", "year"] + LineItem.allCases.map(\.key) + ["total", "cumulative"])
        for projection in projections {
            let scenario = projection.scenario
            for level in projection.plan.funding.levels {
                var running: Int64 = 0
                for (yearIndex, year) in scenario.horizon.enumerated() {
                    writer.field(scenario.name)
                    writer.field(level.key)
                    writer.field(String(year))
                    var total: Int64 = 0
                    for item in LineItem.allCases {
                        let cents = projection.levelTotal(level, year: yearIndex, item: item)
                        writer.cents(cents)
                        total += cents
                    }
                    running += total
                    writer.cents(total)
                    writer.cents(running)
                    writer.endRow()
                }
            }
        }
        return writer.bytes
    }

    /// `prices.csv` (MODEL.md section 4.6) for the scenarios with `prices:`; nil when none has.
    public static func prices(_ projections: [Projection]) -> [UInt8]? {
        let priced = projections.filter { $0.scenario.prices != nil }
        guard !priced.isEmpty else { return nil }
        var writer = CSVWriter()
        writer.row([
            "scenario", "year", "deflator", "discount_factor", "total", "total_real", "total_pv",
            "cumulative_real", "cumulative_pv",
        ])
        for projection in priced {
            let scenario = projection.scenario
            guard let prices = projection.prices else { continue }
            for (yearIndex, year) in scenario.horizon.enumerated() {
                let row = prices.rows[yearIndex]
                writer.field(scenario.name)
                writer.field(String(year))
                writer.field(row.deflatorText)
                writer.field(row.discountFactorText)
                writer.cents(projection.yearTotals[yearIndex])
                writer.cents(row.real)
                writer.cents(row.presentValue)
                writer.cents(row.cumulativeReal)
                writer.cents(row.cumulativePresentValue)
                writer.endRow()
            }
        }
        return writer.bytes
    }
}
