import GroundworkCore
import GroundworkIO

/// Reading the deterministic run's files (MODEL.md section 8) into the scenarios:
/// `summary.csv`, `rollout.csv`, `pay.csv`, `forecast.csv` and `counties.csv`.
extension ReportData.Reader {
    /// The outlay per item, the total, the cumulative and the envelope's cumulative per year.
    mutating func readSummary() throws(DiagnosticError) {
        guard let summary = try table("summary.csv") else { return }
        for row in summary.rows {
            let (s, y) = try locate(summary, row)
            for item in scenarios[s].items.indices {
                scenarios[s].items[item].values[y] = try summary.amount(row, scenarios[s].items[item].key)
            }
            scenarios[s].totals[y] = try summary.amount(row, "total")
            scenarios[s].cumulative[y] = try summary.amount(row, "cumulative")
            scenarios[s].envelopeCumulative[y] = try summary.optionalAmount(row, "envelope_cumulative")
        }
    }

    /// The counties in portfolio order, the venues each completes per year and those still
    /// to build at the horizon's end.
    mutating func readRollout() throws(DiagnosticError) {
        guard let rollout = try table("rollout.csv") else { return }
        var countyIndex: [[String: Int]] = Array(repeating: [:], count: scenarios.count)
        for row in rollout.rows {
            let (s, y) = try locate(rollout, row)
            let county = try rollout.text(row, "county")
            let c: Int
            if let known = countyIndex[s][county] {
                c = known
            } else {
                c = scenarios[s].counties.count
                countyIndex[s][county] = c
                scenarios[s].counties.append(county)
                scenarios[s].venuesCompleted.append([Int](repeating: 0, count: scenarios[s].years.count))
                scenarios[s].venuesDeferredByCounty.append(0)
            }
            scenarios[s].venuesCompleted[c][y] = try rollout.integer(row, "venues_completed")
            if y == scenarios[s].years.count - 1 {
                scenarios[s].venuesDeferredByCounty[c] = try rollout.integer(row, "venues_remaining")
            }
        }
    }

    /// The rural income and each role's monthly pay per year.
    mutating func readPay() throws(DiagnosticError) {
        guard let pay = try table("pay.csv") else { return }
        for row in pay.rows {
            let (s, y) = try locate(pay, row)
            scenarios[s].ruralIncome[y] = try pay.optionalNumber(row, "rural_income")
            for (role, column) in ["secretary_monthly", "director_monthly", "other_monthly"].enumerated() {
                scenarios[s].monthlyPay[role][y] = try pay.optionalAmount(row, column)
            }
        }
    }

    /// The horizon total per county and, with a `payer` column (v1.2), the part of it that the
    /// `county` level pays. Only those are needed, summed in cents, so the file (the largest of
    /// a run) is read record by record rather than as a table.
    mutating func readForecast() throws(DiagnosticError) {
        guard let bytes = files["forecast.csv"] else { return }
        var countyCents: [[String: Int64]] = Array(repeating: [:], count: scenarios.count)
        var countyOrder: [[String]] = Array(repeating: [], count: scenarios.count)
        var ownCents: [[String: Int64]] = Array(repeating: [:], count: scenarios.count)
        var columns: (scenario: Int, county: Int, amount: Int, payer: Int?)?
        let file = path("forecast.csv")
        let index = self.index
        try CSVReader.forEachRecord(bytes: bytes, file: file) { (line, fields) throws(DiagnosticError) in
            func error(_ column: Int, _ message: String) -> DiagnosticError {
                DiagnosticError(SourceLocation(file: file, line: line, column: column), message)
            }
            guard let known = columns else {
                guard let s = fields.firstIndex(of: "scenario"), let c = fields.firstIndex(of: "county"),
                    let a = fields.firstIndex(of: "amount")
                else {
                    throw error(1, "forecast.csv lacks a `scenario`, `county` or `amount` column")
                }
                columns = (s, c, a, fields.firstIndex(of: "payer"))
                return
            }
            guard fields.count > max(known.scenario, known.county, known.amount, known.payer ?? 0) else {
                throw error(1, "a row has too few fields")
            }
            guard let s = index[fields[known.scenario]] else {
                throw error(
                    known.scenario + 1, "scenario `\(fields[known.scenario])` is not in headline.csv")
            }
            guard let cents = CSVTable.cents(fields[known.amount]) else {
                throw error(known.amount + 1, "`amount` is not an amount: `\(fields[known.amount])`")
            }
            let county = fields[known.county]
            if let sum = countyCents[s][county] {
                countyCents[s][county] = sum + cents
            } else {
                countyCents[s][county] = cents
                countyOrder[s].append(county)
            }
            if let payer = known.payer, fields[payer] == "county" {
                ownCents[s][county, default: 0] += cents
            }
        }
        let hasPayer = columns?.payer != nil
        for s in scenarios.indices {
            // Counties in rollout order (the portfolio's), any others after.
            let order = scenarios[s].counties + countyOrder[s].filter { !scenarios[s].counties.contains($0) }
            scenarios[s].counties = order
            while scenarios[s].venuesCompleted.count < order.count {
                scenarios[s].venuesCompleted.append([Int](repeating: 0, count: scenarios[s].years.count))
                scenarios[s].venuesDeferredByCounty.append(0)
            }
            scenarios[s].countyTotals = order.map { Double(countyCents[s][$0] ?? 0) / 100 }
            if hasPayer { scenarios[s].countyPaysItself = order.map { ownCents[s][$0] ?? 0 } }
        }
    }

    /// One entry per county in the columns `counties.csv` fills, absent until it does.
    mutating func sizeCountyColumns() {
        for s in scenarios.indices {
            let count = scenarios[s].counties.count
            scenarios[s].villages = [Double?](repeating: nil, count: count)
            scenarios[s].countyVenuesNeeded = [Int?](repeating: nil, count: count)
            scenarios[s].population = [Double?](repeating: nil, count: count)
            if scenarios[s].countyTotals.count < count {
                scenarios[s].countyTotals += [Double](
                    repeating: 0, count: count - scenarios[s].countyTotals.count)
            }
        }
    }

    /// Villages, venues needed and population per county (the portfolio's, as the run saw it).
    mutating func readCounties() throws(DiagnosticError) {
        guard let counties = try table("counties.csv") else { return }
        for row in counties.rows {
            let name = try counties.text(row, "scenario")
            guard let s = index[name] else { continue }
            let county = try counties.text(row, "county")
            scenarios[s].hasCountyFile = true
            guard let c = scenarios[s].counties.firstIndex(of: county) else { continue }
            scenarios[s].villages[c] = try counties.optionalNumber(row, "villages")
            scenarios[s].countyVenuesNeeded[c] = try counties.optionalInteger(row, "venues_needed")
            scenarios[s].population[c] = try counties.optionalNumber(row, "population")
        }
    }
}
