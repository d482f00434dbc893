import GroundworkCore
import GroundworkIO

/// Reading v1.2's files of who pays and of prices (MODEL.md sections 4, 4.6 and 8) into the
/// scenarios, when the run wrote them: `funding.csv` and `prices.csv`.
extension ReportData.Reader {
    /// Each paying level's total and cumulative per year, levels in the file's order (top to
    /// bottom).
    mutating func readFunding() throws(DiagnosticError) {
        guard let funding = try table("funding.csv") else { return }
        for row in funding.rows {
            let (s, y) = try locate(funding, row)
            let level = try funding.text(row, "payer")
            let l: Int
            if let known = scenarios[s].funding.firstIndex(where: { $0.level == level }) {
                l = known
            } else {
                l = scenarios[s].funding.count
                let zeros = [Int64](repeating: 0, count: scenarios[s].years.count)
                scenarios[s].funding.append(
                    ReportData.LevelOutlay(level: level, totals: zeros, cumulative: zeros))
            }
            scenarios[s].funding[l].totals[y] = try funding.cents(row, "total")
            scenarios[s].funding[l].cumulative[y] = try funding.cents(row, "cumulative")
        }
    }

    /// The nominal, real and present-value totals per year, with the deflator and discount factor.
    mutating func readPrices() throws(DiagnosticError) {
        guard let prices = try table("prices.csv") else { return }
        for row in prices.rows {
            let (s, y) = try locate(prices, row)
            let year = ReportData.PriceYear(
                year: scenarios[s].years[y], deflator: try prices.text(row, "deflator"),
                discountFactor: try prices.text(row, "discount_factor"),
                total: try prices.cents(row, "total"),
                totalReal: try prices.cents(row, "total_real"),
                totalPresentValue: try prices.cents(row, "total_pv"),
                cumulativeReal: try prices.cents(row, "cumulative_real"),
                cumulativePresentValue: try prices.cents(row, "cumulative_pv"))
            if scenarios[s].prices == nil { scenarios[s].prices = [] }
            scenarios[s].prices!.append(year)
        }
    }
}
