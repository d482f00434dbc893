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

    /// `scenario,county,year,item,payer,amount`: one row per scenario x county x year x item.
    public static func forecast(_ projections: [Projection]) -> [UInt8] {
        let rows = projections.reduce(0) { $0 + $1.cells.count }
        var writer = CSVWriter(capacity: 64 + rows * 56)
        writer.row(["scenario", "county", "year", "item", "payer", "amount"])
        let comma = UInt8(ascii: ",")
        for projection in projections {
            let scenario = projection.scenario
            // The text fields repeat on every row: format them once.
            let name = CSVWriter.escaped(scenario.name)
            let years = scenario.horizon.map { Array(String($0).utf8) }
            let itemAndPayer = LineItem.allCases.map { item in
                Array("\(item.key),\(scenario.payer(of: item).rawValue)".utf8)
            }
            var prefix: [UInt8] = []
            for (county, countyName) in projection.plan.totals.counties.enumerated() {
                let countyPrefix = name + [comma] + CSVWriter.escaped(countyName) + [comma]
                for yearIndex in 0..<projection.years {
                    for item in LineItem.allCases {
                        prefix.removeAll(keepingCapacity: true)
                        prefix.append(contentsOf: countyPrefix)
                        prefix.append(contentsOf: years[yearIndex])
                        prefix.append(comma)
                        prefix.append(contentsOf: itemAndPayer[item.rawValue])
                        writer.preformatted(prefix, count: 5)
                        writer.cents(projection.cell(county: county, year: yearIndex, item: item))
                        writer.endRow()
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
}
