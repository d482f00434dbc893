import Foundation
import Testing
@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// `extends:` merging (MODEL.md section 6), through real files in a temporary directory.
@Suite("extends")
struct ExtendsTests {

    /// A complete parent scenario with a bit of every kind of value: scalars, mappings, year
    /// maps, lists, a named scenario.
    static let parent = """
        name: base-name
        description: the parent
        horizon: {start: 2014, end: 2024}
        portfolio: villages.csv
        venues:
          schedule: {2014: 2, 2015: 1}
          unit_cost: 160000
          cost_growth: {2015: 0.03, 2018: 0.02}
          payment_profile: [0.5, 0.3, 0.2]
          upkeep_rate: 0.015
          annual_cap: 450000
        pay:
          round_to: 10
          ratios: {secretary: 1.2}
        rural_income:
          value: 13200
          values: {2015: 15000}
        pension:
          former: {covered: true, turnover: 0.06}
        envelope:
          amount: 4300000
          items: [venue_construction, venue_upkeep]
          from: 2015

        """

    /// A portfolio that needs 3 venues, as the parent's schedule says.
    static let portfolio = "county,villages,venues_needed\nA,4,2\nB,3,1\n"

    /// Writes the parent as `base.yaml` and `child` as `what-if.yaml`, loads the child.
    func loadChild(_ child: String) throws -> Scenario {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write("base.yaml", Self.parent)
        let path = directory.write("what-if.yaml", "extends: base.yaml\n" + child)
        return try ScenarioLoader.load(path)
    }

    @Test(
        "extends naming a file that is not a scenario is an error at the extends key",
        arguments: [
            ("villages.csv", "county,villages,venues_needed\nA,4,2\nB,3,1\n"),
            ("list.yaml", "- 1\n- 2\n"),
            ("broken.json", "{\"a\": [1,\n"),
        ])
    func extendsMustNameAScenario(parent: String, content: String) throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write(parent, content)
        let path = directory.write("what-if.yaml", "name: x\nextends: \(parent)\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location == SourceLocation(file: path, line: 2, column: 10))
        #expect(diagnostics.first?.message.contains("`extends` names") == true)
        #expect(diagnostics.first?.message.contains("not a scenario") == true)
    }

    @Test("the parent alone loads, so each difference below comes from the merge")
    func parentIsValid() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write("base.yaml", Self.parent)
        let scenario = try ScenarioLoader.load(path)
        #expect(scenario.venues.unitCost(2014) == 160_000)
        #expect(scenario.venues.costGrowth == YearMap(entries: [(2015, 0.03), (2018, 0.02)]))
        #expect(scenario.envelope?.amountCents == 430_000_000)
    }

    @Test("an empty child inherits everything but the name")
    func emptyChild() throws {
        let scenario = try loadChild("")
        #expect(scenario.name == "what-if")
        #expect(scenario.description == "the parent")
        #expect(scenario.horizon == 2014...2024)
        #expect(scenario.venues.rollout == .schedule([2014: 2, 2015: 1]))
        #expect(scenario.venues.paymentProfile == [0.5, 0.3, 0.2])
        #expect(scenario.venues.annualCap == YearMap(450_000))
        #expect(scenario.pay.roundTo == 10)
        #expect(scenario.ruralIncome.values == [2015: 15000])
        #expect(scenario.envelope?.from == 2015)
    }

    @Test("mappings merge key by key and the child wins, at every depth")
    func mappingsMergeKeyByKey() throws {
        let scenario = try loadChild(
            """
            description: the child
            venues: {unit_cost: 200000}
            pay:
              secretary_monthly: 1200
              ratios: {director: 0.9}
            pension:
              former: {exit: 0.04, turnover: 0.05}

            """)
        #expect(scenario.description == "the child")
        // venues: the child's unit cost, the parent's other keys.
        #expect(scenario.venues.unitCost == YearMap(200_000))
        #expect(scenario.venues.upkeepRate == YearMap(0.015))
        #expect(scenario.venues.rollout == .schedule([2014: 2, 2015: 1]))
        // pay: a new key beside the parent's `round_to`; ratios merged role by role over the defaults.
        #expect(scenario.pay.secretaryMonthly == 1200)
        #expect(scenario.pay.roundTo == 10)
        #expect(scenario.pay.ratios.secretary == 1.2)
        #expect(scenario.pay.ratios.director == 0.9)
        #expect(scenario.pay.ratios.other == 0.7)
        // pension.former, two levels down.
        #expect(scenario.pension.former.covered)
        #expect(scenario.pension.former.turnover == 0.05)
        #expect(scenario.pension.former.exit == 0.04)
    }

    @Test("a year map in the child replaces the parent's whole year map")
    func yearMapReplacedWhole() throws {
        let scenario = try loadChild(
            "venues: {cost_growth: {2016: 0.01}}\nrural_income: {values: {2016: 15800}}\n")
        let growth = scenario.venues.costGrowth
        #expect(growth == YearMap(entries: [(2016, 0.01)]))
        // Not the parent's 0.03 from 2015 nor its 0.02 from 2018: years before the first key
        // take the first value, so the child's map gives 0.01 in every year.
        #expect(growth(2015) == 0.01)
        #expect(growth(2016) == 0.01)
        #expect(growth(2018) == 0.01)
        #expect(growth(2024) == 0.01)
        // `rural_income.values` (observed values, not a step function) is replaced too.
        #expect(scenario.ruralIncome.values == [2016: 15800])
    }

    @Test("a number replaces a year map and a year map replaces a number")
    func numberAndYearMapReplaceEachOther() throws {
        let scenario = try loadChild("venues: {cost_growth: 0.05, unit_cost: {2014: 100000, 2020: 120000}}\n")
        #expect(scenario.venues.costGrowth == YearMap(0.05))
        #expect(scenario.venues.unitCost == YearMap(entries: [(2014, 100_000), (2020, 120_000)]))
    }

    @Test("lists are replaced whole")
    func listsReplacedWhole() throws {
        let scenario = try loadChild(
            "venues: {payment_profile: [1.0]}\nenvelope: {items: [operating_funds]}\n")
        #expect(scenario.venues.paymentProfile == [1.0])
        #expect(scenario.envelope?.items == [.operatingFunds])
        #expect(scenario.envelope?.amountCents == 430_000_000)
    }

    @Test("a child's schedule drops the parent's shares")
    func scheduleDropsShares() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write(
            "base.yaml",
            Self.parent.replacingOccurrences(
                of: "schedule: {2014: 2, 2015: 1}", with: "shares: {2014: 0.4, 2015: 0.6}"))
        let path = directory.write("what-if.yaml", "extends: base.yaml\nvenues: {schedule: {2016: 3}}\n")
        let scenario = try ScenarioLoader.load(path)
        #expect(scenario.venues.rollout == .schedule([2016: 3]))
        #expect(scenario.venues.unitCost == YearMap(160_000))
    }

    @Test("a child's shares drop the parent's schedule")
    func sharesDropSchedule() throws {
        let scenario = try loadChild("venues: {shares: {2016: 0.25, 2017: 0.75}}\n")
        #expect(
            scenario.venues.rollout
                == .shares([2016: Decimal(string: "0.25")!, 2017: Decimal(string: "0.75")!]))
        #expect(scenario.venues.annualCap == YearMap(450_000))
    }

    @Test("the drop applies down a chain: a grandchild's shares drop the schedule its parent set")
    func dropThroughChain() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write(
            "base.yaml",
            Self.parent.replacingOccurrences(
                of: "schedule: {2014: 2, 2015: 1}", with: "shares: {2014: 0.4, 2015: 0.6}"))
        directory.write("middle.yaml", "extends: base.yaml\nvenues: {schedule: {2016: 3}}\n")
        let path = directory.write("leaf.yaml", "extends: middle.yaml\nvenues: {shares: {2020: 1}}\n")
        let scenario = try ScenarioLoader.load(path)
        #expect(scenario.venues.rollout == .shares([2020: 1]))
    }

    @Test("`name` is never inherited: it defaults to the stem of the child's own file")
    func nameNotInherited() throws {
        let scenario = try loadChild("venues: {unit_cost: 1}\n")
        #expect(scenario.name == "what-if")
        #expect(scenario.nameLocation.file.hasSuffix("/what-if.yaml"))
        #expect(scenario.nameLocation.line == 1 && scenario.nameLocation.column == 1)
    }

    @Test("a child's own `name` is used, and located in the child")
    func childName() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write("base.yaml", Self.parent)
        let path = directory.write("what-if.yaml", "extends: base.yaml\nname: Cap lifted\n")
        let scenario = try ScenarioLoader.load(path)
        #expect(scenario.name == "Cap lifted")
        #expect(scenario.nameLocation.description == "\(path):2:7")
    }

    @Test(
        "`null` and `~` remove an inherited key so that its default applies",
        arguments: ["null", "~", "Null", "NULL"])
    func nullRemovesInheritedKey(_ null: String) throws {
        let scenario = try loadChild(
            """
            envelope: \(null)
            venues: {annual_cap: \(null)}
            pay: {round_to: \(null), ratios: {secretary: \(null)}}
            rural_income: {values: \(null)}

            """)
        #expect(scenario.envelope == nil)
        #expect(scenario.venues.annualCap == nil)
        // The rest of `venues` is still inherited.
        #expect(scenario.venues.unitCost == YearMap(160_000))
        #expect(scenario.venues.rollout == .schedule([2014: 2, 2015: 1]))
        #expect(scenario.pay.roundTo == 1)
        #expect(scenario.pay.ratios.secretary == 1.0)
        #expect(scenario.ruralIncome.values.isEmpty)
        #expect(scenario.origins["venues.annual_cap"] == nil)
    }

    @Test("a null that removes a required key leaves it missing, reported in the child")
    func nullRemovesRequiredKey() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write("base.yaml", Self.parent)
        let path = directory.write("what-if.yaml", "extends: base.yaml\nrural_income: {value: null}\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(diagnostics, at: path, 2, 1, contains: ["missing `rural_income.value`"])
    }

    @Test("a quoted \"null\" is a string, not a removal")
    func quotedNullIsAString() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write("base.yaml", Self.parent)
        let path = directory.write("what-if.yaml", "extends: base.yaml\nvenues: {annual_cap: \"null\"}\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: path, 2, 22,
            contains: ["`venues.annual_cap` must be a number", "the string \"null\""])
    }

    @Test("relative `extends` and `portfolio` paths resolve against the file that contains them")
    func relativePaths() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        // The parent in another directory names its portfolio relatively; a decoy with the
        // same relative path next to the child must not be used.
        directory.write(
            "base/parent.yaml",
            Self.parent.replacingOccurrences(of: "villages.csv", with: "data/villages.csv"))
        directory.write("base/data/villages.csv", Self.portfolio)
        directory.write("what-ifs/data/villages.csv", "county,villages,venues_needed\nDecoy,1,1\n")
        let path = directory.write(
            "what-ifs/child.yaml", "extends: ../base/parent.yaml\nvenues: {unit_cost: 1}\n")
        let scenario = try ScenarioLoader.load(path)
        #expect(standardized(scenario.portfolioPath) == directory.url("base/data/villages.csv"))
        #expect(scenario.files.map(standardized) == [path, directory.url("base/parent.yaml")])
        let run = try Run.project([path])
        #expect(run.projections.first?.plan.totals.counties == ["A", "B"])
    }

    @Test("a child's own relative `portfolio` resolves against the child")
    func childPortfolioResolvesAgainstChild() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write("base/parent.yaml", Self.parent)
        directory.write("what-ifs/other.csv", "county,villages,venues_needed\nC,5,3\n")
        let path = directory.write(
            "what-ifs/child.yaml", "extends: ../base/parent.yaml\nportfolio: other.csv\n")
        let scenario = try ScenarioLoader.load(path)
        #expect(standardized(scenario.portfolioPath) == directory.url("what-ifs/other.csv"))
        #expect(scenario.portfolioLocation.description == "\(path):2:12")
        let run = try Run.project([path])
        #expect(run.projections.first?.plan.totals.counties == ["C"])
    }

    @Test("a three-level chain: each level overrides the ones above it")
    func threeLevels() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let grand = directory.write("base/grand.yaml", Self.parent)
        // The middle file's `extends` resolves against the middle file, in base/.
        let middle = directory.write(
            "base/middle.yaml",
            "extends: grand.yaml\nname: middle\nvenues: {unit_cost: 170000, upkeep_rate: 0.02}\npay: {round_to: 5}\n"
        )
        let leaf = directory.write(
            "leaf.yaml",
            "extends: base/middle.yaml\nvenues: {upkeep_rate: 0.03}\npay: {secretary_monthly: 1300}\n")
        directory.write("base/villages.csv", Self.portfolio)
        let scenario = try ScenarioLoader.load(leaf)
        #expect(scenario.name == "leaf")
        #expect(scenario.files.map(standardized) == [leaf, middle, grand])
        #expect(scenario.venues.upkeepRate == YearMap(0.03))  // leaf over middle over grand
        #expect(scenario.venues.unitCost == YearMap(170_000))  // middle over grand
        #expect(scenario.venues.paymentProfile == [0.5, 0.3, 0.2])  // grand
        #expect(scenario.pay.roundTo == 5)
        #expect(scenario.pay.secretaryMonthly == 1300)
        #expect(scenario.pay.ratios.secretary == 1.2)
        // Origins tell which file wrote each parameter.
        #expect(scenario.location(of: "venues.upkeep_rate").file == leaf)
        #expect(standardized(scenario.location(of: "venues.unit_cost").file) == middle)
        #expect(standardized(scenario.location(of: "venues.payment_profile").file) == grand)
        _ = try Run.project([leaf])
    }

    @Test("an error in an inherited value is located in the parent's file")
    func errorLocatedInParent() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let parent = directory.write(
            "base.yaml", Self.parent.replacingOccurrences(of: "upkeep_rate: 0.015", with: "upkeep_rat: 0.015")
        )
        let path = directory.write("what-if.yaml", "extends: base.yaml\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: parent, 10, 3,
            contains: ["unknown key `upkeep_rat`", "did you mean `upkeep_rate`?"])
    }

    @Test("a cycle is an error at the `extends` that closes it, naming the files")
    func cycle() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let a = directory.write("a.yaml", "extends: b.yaml\n" + Self.parent)
        let b = directory.write("b.yaml", "extends: a.yaml\nvenues: {unit_cost: 1}\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(a) }
        expectSingleDiagnostic(
            diagnostics, at: b, 1, 10, contains: ["`extends` forms a cycle", "\(a) -> \(b) -> \(a)"])
    }

    @Test("a file that extends itself is a cycle")
    func selfCycle() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let a = directory.write("a.yaml", Self.parent + "extends: ./a.yaml\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(a) }
        expectSingleDiagnostic(
            diagnostics, at: a, 24, 10, contains: ["`extends` forms a cycle", "a.yaml -> "])
    }

    @Test("a cycle further up the chain names only the files in the cycle")
    func cycleAboveTheChild() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let leaf = directory.write("leaf.yaml", "extends: a.yaml\n")
        let a = directory.write("a.yaml", "extends: b.yaml\n")
        let b = directory.write("b.yaml", "# the cycle closes here\nextends: a.yaml\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(leaf) }
        expectSingleDiagnostic(
            diagnostics, at: b, 2, 10, contains: ["`extends` forms a cycle: \(a) -> \(b) -> \(a)"])
        #expect(diagnostics.first.map { !$0.message.contains(leaf) } ?? false)
    }

    @Test("a missing parent is an error at the `extends` that names it")
    func missingParent() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "what-if.yaml", "# a what-if\nextends: parents/base.yaml\nvenues: {unit_cost: 1}\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: path, 2, 10,
            contains: ["cannot read '\(directory.url("parents/base.yaml"))'", "no such file"])
    }

    @Test("an `extends` that is not a path is an error at the key")
    func extendsNotAPath() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write("what-if.yaml", "extends: [a.yaml, b.yaml]\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: path, 1, 1,
            contains: ["`extends` must be the path of a scenario file", "not a list"])
    }

    @Test("an invalid parent is reported in the parent's file")
    func invalidParentSyntax() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let parent = directory.write("base.yaml", "horizon: {start: 2014\n")
        let path = directory.write("what-if.yaml", "extends: base.yaml\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.file == parent)
        #expect(diagnostics.first?.message.contains("invalid YAML") ?? false)
    }

    @Test("only the merged scenario is checked: an incomplete parent is fine")
    func incompleteParent() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        // No horizon, no portfolio, no rural_income.value, a schedule outside any horizon yet.
        let parent = directory.write(
            "partial.yaml", "venues: {schedule: {2016: 3}, unit_cost: 180000}\nrural_income: {growth: 0.05}\n"
        )
        #expect(!thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(parent) }.isEmpty)
        directory.write("villages.csv", Self.portfolio)
        let path = directory.write(
            "complete.yaml",
            "extends: partial.yaml\nhorizon: {start: 2015, end: 2020}\nportfolio: villages.csv\nrural_income: {value: 13200}\n"
        )
        let scenario = try ScenarioLoader.load(path)
        #expect(scenario.horizon == 2015...2020)
        #expect(scenario.venues.unitCost == YearMap(180_000))
        #expect(scenario.ruralIncome.value == 13200)
        #expect(scenario.ruralIncome.growth == YearMap(0.05))
        _ = try Run.project([path])
    }

    @Test("each `uncertainty.parameters` entry is replaced whole, the rest of `uncertainty` merges")
    func uncertaintyEntriesReplacedWhole() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write(
            "base.yaml",
            Self.parent + """
                uncertainty:
                  draws: 500
                  parameters:
                    rural_income.growth: {normal: {mean: 0.08, sd: 0.02}, per_year: true}
                    venues.unit_cost: {uniform: {min: 150000, max: 170000}}

                """)
        let path = directory.write(
            "what-if.yaml",
            "extends: base.yaml\nuncertainty: {seed: 7, parameters: {rural_income.growth: {uniform: {min: 0.05, max: 0.1}}}}\n"
        )
        let scenario = try ScenarioLoader.load(path)
        let uncertainty = try #require(scenario.uncertainty)
        #expect(uncertainty.draws == 500)  // inherited
        #expect(uncertainty.seed == 7)  // added by the child
        #expect(uncertainty.parameters.map(\.path) == ["rural_income.growth", "venues.unit_cost"])
        // The child's distribution only: no `normal`, no inherited `per_year`.
        #expect(uncertainty.parameters[0].distribution == .uniform(min: 0.05, max: 0.1))
        #expect(uncertainty.parameters[0].perYear == false)
        #expect(uncertainty.parameters[0].location.file == path)
        #expect(uncertainty.parameters[1].distribution == .uniform(min: 150_000, max: 170_000))
    }

    /// A path with `..` and `.` removed, to compare resolved paths.
    func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
