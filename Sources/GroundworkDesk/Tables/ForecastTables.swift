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
    public static func forecast(_ projections: [Projection]) -> [UInt8] {
        let rows = projections.reduce(0) { $0 + $1.cells.count * ($1.plan.funding.isUnsplit ? 1 : 3) }
        var writer = CSVWriter(capacity: 64 + rows * 56)
        writer.row(["scenario", "county", "year", "item", "payer", "amount"])
        let comma = UInt8(ascii: ",")
        for projection in projections {
            let scenario = projection.scenario
            // The text fields repeat on every row: format them once.
            let name = CSVWriter.escaped(scenario.name)
            let years = scenario.horizon.map { Array(String($0).utf8) }
            // Per item and level, `item,level` once.
            let itemAndLevel = LineItem.allCases.map { item in
                FundingLevel.allCases.map { Array("\(item.key),\($0.key)".utf8) }
            }
            let funding = projection.plan.funding
            var prefix: [UInt8] = []
            var parts = [Int64](repeating: 0, count: FundingLevel.allCases.count)
            for (county, countyName) in projection.plan.totals.counties.enumerated() {
                let countyPrefix = name + [comma] + CSVWriter.escaped(countyName) + [comma]
                let shares = LineItem.allCases.map { funding.funding(county: county, item: $0) }
                for yearIndex in 0..<projection.years {
                    for item in LineItem.allCases {
                        let share = shares[item.rawValue]
                        let cell = projection.cell(county: county, year: yearIndex, item: item)
                        share.split(cell, into: &parts)
                        for (position, level) in share.payingLevels.enumerated() {
                            prefix.removeAll(keepingCapacity: true)
                            prefix.append(contentsOf: countyPrefix)
                            prefix.append(contentsOf: years[yearIndex])
                            prefix.append(comma)
                            prefix.append(contentsOf: itemAndLevel[item.rawValue][level.rawValue])
                            writer.preformatted(prefix, count: 5)
                            writer.cents(parts[position])
                            writer.endRow()
                        }
                    }
                }
            }
        }
        return writer.bytes
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
        var writer = CSVWriter()
        writer.row(["scenario", "county", "year", "venues_completed", "venues_remaining"])
        for projection in projections {
            let plan = projection.plan
            let years = projection.years
            for (county, name) in plan.totals.counties.enumerated() {
                var remaining = plan.totals.venuesNeeded[county]
                for (yearIndex, year) in projection.scenario.horizon.enumerated() {
                    let completed = plan.completions[county * years + yearIndex]
                    remaining -= completed
                    writer.row([
                        projection.scenario.name, name, String(year), String(completed), String(remaining),
                    ])
                }
            }
        }
        return writer.bytes
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
