import Foundation
import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 7: draws, quantiles, common random numbers and the envelope risk.
@Suite("MODEL 7 Monte Carlo")
struct MonteCarloTests {
    /// The worked example with an `uncertainty` section appended, in a temp directory beside a
    /// copy of its portfolio.
    private func example(_ uncertainty: String, extra: String = "", in directory: TempDirectory) -> String {
        let portfolio = try! String(
            contentsOf: Fixtures.url("examples/portfolios/three-counties.csv"), encoding: .utf8)
        directory.write("portfolios/three-counties.csv", portfolio)
        let base = try! String(contentsOf: Fixtures.url("examples/example.yaml"), encoding: .utf8)
        directory.write("example.yaml", base)
        return directory.write(
            "risk.yaml", "extends: example.yaml\nname: risk\n\(extra)\nuncertainty:\n\(uncertainty)\n")
    }

    /// Every assumption uncertain (issue 13): six parameters drawn per year and four once.
    static let tenParameters = """
          draws: 301
          seed: 2014
          parameters:
            rural_income.growth: {normal: {mean: 0.08, sd: 0.02}, per_year: true}
            venues.cost_growth: {normal: {mean: 0.02, sd: 0.01}, per_year: true}
            venues.upkeep_rate: {uniform: {min: 0.0, max: 0.02}, per_year: true}
            pay.performance_payout: {uniform: {min: 0.8, max: 1.0}, per_year: true}
            operating_funds.growth: {uniform: {min: 0.0, max: 0.03}, per_year: true}
            pension.growth: {uniform: {min: 0.0, max: 0.03}, per_year: true}
            venues.unit_cost: {triangular: {min: 150000, mode: 160000, max: 200000}}
            operating_funds.per_village: {normal: {mean: 70000, sd: 3000}}
            pension.per_person: {uniform: {min: 900, max: 1100}}
            pay.basic_share: {uniform: {min: 0.6, max: 0.8}}
        """

    private func run(_ paths: [String], threads: Int = 2, drawBlock: Int = 256, countyBlock: Int = 128) throws
        -> Run
    {
        var options = MonteCarloOptions()
        options.threads = threads
        options.drawBlock = drawBlock
        options.countyBlock = countyBlock
        do {
            return try Run.project(paths, options: options)
        } catch {
            Issue.record("\(error)")
            throw error
        }
    }

    @Test("zero-width distributions reproduce the deterministic forecast in every quantile column")
    func zeroWidth() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        // Each distribution is the one value the example writes: unit_cost 160,000,
        // upkeep_rate 0.015, pension growth 0.03, director ratio 0.8.
        let path = example(
            """
              draws: 50
              parameters:
                venues.unit_cost: {triangular: {min: 160000, mode: 160000, max: 160000}}
                venues.upkeep_rate: {normal: {mean: 0.015, sd: 0}, per_year: true}
                pension.growth: {uniform: {min: 0.03, max: 0.03}}
                pay.ratios.director: {normal: {mean: 0.8, sd: 0}}
            """, in: directory)
        let result = try run([path])
        let risk = try #require(result.risks.first)
        let projection = risk.projection
        #expect(risk.cells.count == projection.cells.count)
        for (index, cents) in projection.cells.enumerated() {
            #expect(risk.cells[index] == Quantiles(constant: cents), "cell \(index)")
        }
        for year in 0..<projection.years {
            #expect(risk.totals[year] == Quantiles(constant: projection.yearTotals[year]))
            #expect(risk.cumulatives[year] == Quantiles(constant: projection.cumulative[year]))
        }
        // The example's envelope is breached in 2018 as written, so in every draw.
        #expect(risk.breachProbability == 1)
        #expect(risk.breachYearMedian == 2018)
        #expect(risk.breachProbabilityByYear?[3] == 0)  // 2017
        #expect(risk.breachProbabilityByYear?[4] == 1)  // 2018
    }

    @Test("an envelope that is never reached has breach probability 0 and no breach year")
    func neverBreached() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = example(
            """
              draws: 40
              parameters:
                venues.unit_cost: {uniform: {min: 150000, max: 170000}}
            """, extra: "envelope: {amount: 900000000}", in: directory)
        let risk = try #require(try run([path]).risks.first)
        #expect(risk.breachProbability == 0)
        #expect(risk.breachYearMedian == nil)
        let bytes = RiskTables.envelopeRisk([risk])
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "scenario,draws,breach_probability,breach_year_p50\nrisk,40,0,\n")
    }

    @Test("a breach certain in a known year: every draw breaches in 2017")
    func certainBreach() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        // As written (160,000 a venue) the venue items reach 4,261,433.92 by 2017 and
        // 4,323,763.84 by 2018 against 4,300,000: a breach in 2018. The venue items are
        // proportional to the unit cost, so at 165,000-175,000 the 2017 cumulative is
        // 4,394,603 to 4,660,943 (> 4.3 million) while 2016's is at most
        // 3,588,025.60 x 175/160 = 3,924,403 (< 4.3 million): every draw breaches in 2017.
        let path = example(
            """
              draws: 200
              seed: 11
              parameters:
                venues.unit_cost: {uniform: {min: 165000, max: 175000}}
            """, in: directory)
        let risk = try #require(try run([path]).risks.first)
        #expect(risk.breachProbability == 1)
        #expect(risk.breachYearMedian == 2017)
        #expect(risk.breachProbabilityByYear?[2] == 0)  // 2016
        #expect(risk.breachProbabilityByYear?[3] == 1)  // 2017
    }

    @Test(
        "the same bytes with 1 and 2 threads and with any draw and county block size",
        arguments: [
            """
              draws: 301
              seed: 5
              parameters:
                rural_income.growth: {normal: {mean: 0.08, sd: 0.03}, per_year: true}
                venues.unit_cost: {triangular: {min: 150000, mode: 160000, max: 190000}}
                pay.performance_payout: {uniform: {min: 0.8, max: 1.1}, per_year: true}
                cadres.per_village.other: {lognormal: {mu: 1.0, sigma: 0.2}}
            """,
            tenParameters,
        ])
    func threadAndBlockInvariance(uncertainty: String) throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = example(uncertainty, in: directory)
        let reference = try run([path], threads: 1, drawBlock: 256).files(commandLine: [])
        for (threads, block, counties) in [(2, 256, 128), (2, 7, 1), (1, 1, 2)] {
            let other = try run([path], threads: threads, drawBlock: block, countyBlock: counties)
                .files(commandLine: [])
            #expect(other.map(\.name) == reference.map(\.name))
            for (mine, theirs) in zip(reference, other) {
                #expect(
                    mine.bytes == theirs.bytes,
                    "\(mine.name) differs with \(threads) threads, draw block \(block), county block \(counties)"
                )
            }
        }
    }

    @Test(
        "every quantile equals that of a brute-force projection of each draw",
        arguments: [
            // Pay of three roles (each rounded on its own) times a payout drawn per year:
            // nearly but not exactly co-monotone rows.
            """
              draws: 257
              seed: 9
              parameters:
                rural_income.growth: {normal: {mean: 0.08, sd: 0.03}, per_year: true}
                pay.performance_payout: {uniform: {min: 0.7, max: 1.2}, per_year: true}
            """,
            // Independent rows: heads per village and pay move separately.
            """
              draws: 199
              seed: 2
              parameters:
                cadres.per_village.other: {uniform: {min: 1, max: 5}}
                pay.ratios.director: {triangular: {min: 0.6, mode: 0.8, max: 1.0}}
                venues.cost_growth: {normal: {mean: 0.03, sd: 0.02}}
                pension.former.exit: {uniform: {min: 0.0, max: 0.1}}
            """,
            // Every assumption uncertain: most columns take the general path.
            tenParameters,
        ])
    func bruteForce(uncertainty: String) throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = example(uncertainty, in: directory)
        let risk = try #require(try run([path]).risks.first)
        let projection = risk.projection
        let scenario = projection.scenario
        let draws = scenario.uncertainty!.draws
        let portfolio = try PortfolioLoader.load(scenario.portfolioPath)
        let totals = CountyTotals(portfolio)
        var cells = [[Int64]](repeating: [], count: projection.cells.count)
        var yearTotals = [[Int64]](repeating: [], count: projection.years)
        for draw in 0..<draws {
            let drawn = scenario.drawn(draw, streams: scenario.randomStreams)
            let each = try Projector.project(try Plan(scenario: drawn, portfolio: portfolio, totals: totals))
            for (index, cents) in each.cells.enumerated() { cells[index].append(cents) }
            for year in 0..<each.years { yearTotals[year].append(each.yearTotals[year]) }
        }
        for index in cells.indices {
            var values = cells[index]
            let exact = Quantiles(sorting: &values)
            let cell = risk.cells[index]
            #expect(cell.p05 == exact.p05 && cell.p50 == exact.p50 && cell.p95 == exact.p95, "cell \(index)")
            // Means of unrounded amounts are within half a cent of the mean of cents.
            #expect(abs(cell.mean - exact.mean) <= 1, "cell \(index) mean")
        }
        for year in 0..<projection.years {
            var values = yearTotals[year]
            let exact = Quantiles(sorting: &values)
            // A total over three counties rounded once differs from the sum of three rounded
            // cells by at most 1.5 cents per item, 9 in all.
            #expect(abs(risk.totals[year].p50 - exact.p50) <= 9, "year \(year)")
        }
    }

    @Test(
        "a block's one scenario taking draw after draw in place equals each draw's own copy, for every uncertain parameter",
        arguments: [false, true])
    func takeDrawEqualsDrawn(perYear: Bool) throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        // An envelope and an annual cap, so that every uncertain parameter has its place.
        let path = example(
            "  draws: 10\n  parameters:\n    pension.growth: {uniform: {min: 0, max: 0.03}}",
            extra: "envelope: {amount: 500000000}\nvenues: {annual_cap: 100}", in: directory)
        var scenario = try ScenarioLoader.load(path)
        var uncertainty = try #require(scenario.uncertainty)
        uncertainty.parameters = Parameter.uncertain.map { parameter in
            UncertainParameter(
                parameter: parameter, distribution: .uniform(min: 0.5, max: 0.9),
                perYear: perYear && parameter.isMap, location: .file(path))
        }
        scenario.uncertainty = uncertainty
        let streams = scenario.randomStreams
        let slots = DrawSlots(uncertainty, streams: streams)
        // The maps and numbers stored in the scenario are written at their offsets.
        #expect(slots.slots.filter { if case .other = $0.place { false } else { true } }.count >= 15)
        var reused = scenario
        for draw in [3, 0, 7, 7, 1] {
            reused.takeDraw(draw, slots: slots)
            let drawn = scenario.drawn(draw, streams: streams)
            for parameter in Parameter.catalog {
                #expect(
                    parameter.value(in: reused) == parameter.value(in: drawn), "\(parameter) in draw \(draw)")
            }
            #expect(reused.envelope?.amountCents == drawn.envelope?.amountCents)
        }
    }

    @Test("common random numbers: a child that only renames its parent has identical quantiles")
    func commonRandomNumbersRename() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let parent = example(
            """
              draws: 120
              parameters:
                rural_income.growth: {normal: {mean: 0.08, sd: 0.025}, per_year: true}
                operating_funds.growth: {uniform: {min: 0.0, max: 0.04}}
            """, in: directory)
        let child = directory.write("child.yaml", "extends: risk.yaml\nname: renamed\n")
        let result = try run([parent, child])
        #expect(result.risks.count == 2)
        #expect(result.risks[0].cells == result.risks[1].cells)
        #expect(result.risks[0].totals == result.risks[1].totals)
        #expect(result.risks[0].breachProbability == result.risks[1].breachProbability)
    }

    @Test("common random numbers: adding an uncertain parameter leaves the others' draws alone")
    func commonRandomNumbersAdd() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let parent = example(
            """
              draws: 150
              parameters:
                rural_income.growth: {normal: {mean: 0.08, sd: 0.025}, per_year: true}
            """, in: directory)
        let child = directory.write(
            "child.yaml",
            """
            extends: risk.yaml
            name: more
            uncertainty:
              parameters:
                venues.unit_cost: {uniform: {min: 150000, max: 190000}}
            """)
        let result = try run([parent, child])
        let (one, two) = (result.risks[0], result.risks[1])
        // Pay depends on income only; the unit cost moves venue items only.
        for (index, _) in one.cells.enumerated() {
            let item = LineItem(rawValue: index % RateMatrix.itemCount)!
            if item == .cadrePayBasic || item == .cadrePayPerformance || item == .operatingFunds {
                #expect(one.cells[index] == two.cells[index], "cell \(index) (\(item.key))")
            }
        }
        // ...and the unit cost really is uncertain in the child.
        let construction2014 = LineItem.venueConstruction.rawValue
        #expect(two.cells[construction2014].p05 < two.cells[construction2014].p95)
        #expect(one.cells[construction2014].p05 == one.cells[construction2014].p95)
    }

    @Test("per_year draws differ across years; others hold one value for every year")
    func perYearDraws() {
        let stream = RandomStream(seed: 3, path: "rural_income.growth")
        let normal = Distribution.normal(mean: 0, sd: 1)
        let values = (2014...2020).map { stream.sample(normal, draw: 17, year: $0) }
        #expect(Set(values).count == values.count)
        // The same inputs give the same value: draw 17 does not depend on anything else.
        #expect(stream.sample(normal, draw: 17, year: 2016) == values[2])
        #expect(
            RandomStream(seed: 4, path: "rural_income.growth").sample(normal, draw: 17, year: 2016)
                != values[2])
        #expect(
            RandomStream(seed: 3, path: "pension.growth").sample(normal, draw: 17, year: 2016) != values[2])
    }

    @Test(
        "sample moments of each distribution at 100,000 draws",
        arguments: [
            // normal(5, 2): mean 5, variance 4.
            (Distribution.normal(mean: 5, sd: 2), 5.0, 4.0),
            // uniform(1, 3): mean 2, variance (3 - 1)^2 / 12 = 1/3.
            (Distribution.uniform(min: 1, max: 3), 2.0, 1.0 / 3),
            // triangular(0, 1, 4): mean 5/3, variance (0 + 1 + 16 - 0 - 0 - 4) / 18 = 13/18.
            (Distribution.triangular(min: 0, mode: 1, max: 4), 5.0 / 3, 13.0 / 18),
            // lognormal(0, 0.5): mean e^0.125 = 1.133148, variance (e^0.25 - 1) e^0.25 = 0.364696.
            (Distribution.lognormal(mu: 0, sigma: 0.5), exp(0.125), (exp(0.25) - 1) * exp(0.25)),
        ])
    func moments(distribution: Distribution, mean: Double, variance: Double) {
        let stream = RandomStream(seed: 42, path: "venues.unit_cost")
        let count = 100_000
        var sum = 0.0
        var squares = 0.0
        for draw in 0..<count {
            let value = stream.sample(distribution, draw: draw, year: 0)
            sum += value
            squares += value * value
        }
        let sampleMean = sum / Double(count)
        let sampleVariance = squares / Double(count) - sampleMean * sampleMean
        // Five standard errors of the mean, and 3% of the variance.
        #expect(abs(sampleMean - mean) < 5 * (variance / Double(count)).squareRoot())
        #expect(abs(sampleVariance - variance) < 0.03 * variance)
    }

    @Test("zero-width distributions are their one value")
    func degenerate() {
        let stream = RandomStream(seed: 1, path: "x")
        #expect(stream.sample(.normal(mean: 0.08, sd: 0), draw: 3, year: 0) == 0.08)
        #expect(stream.sample(.uniform(min: 7, max: 7), draw: 3, year: 0) == 7)
        #expect(stream.sample(.triangular(min: 2, mode: 2, max: 2), draw: 3, year: 0) == 2)
        #expect(stream.sample(.lognormal(mu: 0, sigma: 0), draw: 3, year: 0) == 1)
    }

    @Test(
        "type-7 quantiles of small samples, worked by hand",
        arguments: [
            // Sorted 100, 200, 300, 400: h = 3p. p05: h = 0.15 -> 100 + 0.15 x 100 = 115;
            // p50: h = 1.5 -> 250; p95: h = 2.85 -> 300 + 0.85 x 100 = 385; mean 250.
            ([400, 100, 300, 200], Quantiles(mean: 250, p05: 115, p50: 250, p95: 385)),
            // Sorted 0, 10, 30: h = 2p. p05: h = 0.1 -> 1; p50: h = 1 -> 10;
            // p95: h = 1.9 -> 10 + 0.9 x 20 = 28; mean 40/3 = 13.33 -> 13.
            ([10, 0, 30], Quantiles(mean: 13, p05: 1, p50: 10, p95: 28)),
            // Sorted -5, 5: h = p. p05: -5 + 0.05 x 10 = -4.5 -> -5 (half away from zero);
            // p50: 0; p95: -5 + 9.5 = 4.5 -> 5; mean 0.
            ([5, -5], Quantiles(mean: 0, p05: -5, p50: 0, p95: 5)),
            // One value: every quantile is it.
            ([7], Quantiles(mean: 7, p05: 7, p50: 7, p95: 7)),
        ] as [([Int64], Quantiles)])
    func typeSeven(values: [Int64], expected: Quantiles) {
        var values = values
        #expect(Quantiles(sorting: &values) == expected)
    }

    @Test("uncertain venue schedules, shares and caps are refused, and unknown paths get a suggestion")
    func refusedParameters() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = example(
            """
              parameters:
                venues.annual_cap: {uniform: {min: 1, max: 2}}
                venues.unit_cots: {uniform: {min: 1, max: 2}}
                pay.basic_share: {uniform: {min: 0.6, max: 0.8}, per_year: true}
            """, in: directory)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        let messages = diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        #expect(
            messages.contains {
                $0.hasPrefix("6:5:") && $0.contains("`venues.annual_cap` cannot be uncertain")
            })
        #expect(messages.contains { $0.hasPrefix("7:5:") && $0.contains("did you mean `venues.unit_cost`?") })
        #expect(messages.contains { $0.contains("`per_year` applies to map parameters only") })
    }

    @Test("a draw past 10^13 yuan is a located error, not a crash")
    func absurdDraws() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        // exp(25 + 5 x 3) is about 2 x 10^17 yuan a venue in the upper draws.
        let path = example(
            """
              draws: 500
              parameters:
                venues.unit_cost: {lognormal: {mu: 25, sigma: 5}}
            """, in: directory)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.location.file == path)
        #expect(diagnostic.location.line == 5)
        #expect(diagnostic.message.contains("reaches 10^13 yuan"))
    }

    @Test("an annual cap with an uncertain unit cost re-plans the rollout in each draw")
    func replannedRollout() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        // Under a cap of 450,000 on first tranches (70%), 160,000 venues fit 4 a year
        // (4 x 112,000 = 448,000); at 170,000-180,000 only 3 do (3 x 119,000 = 357,000;
        // 4 x 119,000 = 476,000 > 450,000), so 2014's construction is 3 x 0.7 x unit cost.
        let path = example(
            """
              draws: 64
              parameters:
                venues.unit_cost: {uniform: {min: 170000, max: 180000}}
            """, extra: "venues: {annual_cap: 450000}", in: directory)
        let risk = try #require(try run([path]).risks.first)
        let totals2014 = risk.totals[0]
        // 2014: construction 3 x 0.7 x [170,000, 180,000] = [357,000, 378,000] plus the
        // pension top-up of 799,000 (as in the example): p05 and p95 lie inside that range.
        #expect(totals2014.p05 >= 115_600_000 && totals2014.p05 <= 117_700_000)
        #expect(totals2014.p95 >= 115_600_000 && totals2014.p95 <= 117_700_000)
        #expect(totals2014.p05 < totals2014.p95)
    }
}
