import Foundation
import Testing
@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// Every class of scenario error of MODEL.md sections 2 and 6, each checked for its exact
/// `FILE:LINE:COLUMN` and the important words of its message.
///
/// Locations: an error about a value points at the value on its key's line (the key's column
/// for a key that is unknown or misspelt); an error about a whole file (missing, unreadable,
/// a required key absent) at `FILE:1:1`.
@Suite("Scenario errors")
struct ScenarioErrorTests {

    /// A valid scenario whose last section is the block mapping `venues:`, so that a case can
    /// append a line indented by two spaces (a `venues` key) or at column 1 (a new section);
    /// the appended text starts on line 6.
    static let base = """
        horizon: {start: 2014, end: 2020}
        portfolio: villages.csv
        rural_income: {value: 13200}
        venues:
          schedule: {2014: 2, 2015: 1}

        """

    /// A portfolio that needs 3 venues, matching `base`'s schedule.
    static let portfolio = """
        county,group,villages,venues_needed
        南召县,north,4,2
        方城县,all,3,1

        """

    /// A scenario error case: text appended to `base` (or a whole file), where the error is
    /// and words its message must contain.
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var yaml: String
        var line: Int
        var column: Int
        var words: [String]
        var wholeFile = false

        var testDescription: String { label }
    }

    /// Loads `text` as `scenario.yaml` and checks the single diagnostic.
    func check(_ testCase: Case, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "scenario.yaml", testCase.wholeFile ? testCase.yaml : Self.base + testCase.yaml)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: path, testCase.line, testCase.column, contains: testCase.words,
            sourceLocation: sourceLocation)
    }

    @Test("the base scenario is valid, so every case below fails for its own reason")
    func baseIsValid() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write("scenario.yaml", Self.base)
        directory.write("villages.csv", Self.portfolio)
        let scenario = try ScenarioLoader.load(path)
        #expect(scenario.horizon == 2014...2020)
        #expect(scenario.venues.rollout == .schedule([2014: 2, 2015: 1]))
        _ = try Run.project([path])
    }

    // MARK: - Unknown keys

    @Test(
        "an unknown key is reported at the key with the nearest valid one",
        arguments: [
            Case(
                label: "unit_cots", yaml: "  unit_cots: 160000\n", line: 6, column: 3,
                words: ["unknown key `unit_cots` in `venues`", "did you mean `unit_cost`?"]),
            Case(
                label: "pay.ratio", yaml: "pay: {ratio: {director: 0.9}}\n", line: 6, column: 7,
                words: ["unknown key `ratio` in `pay`", "did you mean `ratios`?"]),
            Case(
                label: "pension.former.coverd", yaml: "pension: {former: {coverd: true}}\n", line: 6,
                column: 20,
                words: ["unknown key `coverd` in `pension.former`", "did you mean `covered`?"]),
            Case(
                label: "cadres.per_village.secretaries", yaml: "cadres: {per_village: {secretaries: 1}}\n",
                line: 6, column: 24,
                words: ["unknown key `secretaries` in `cadres.per_village`", "did you mean `secretary`?"]),
        ])
    func unknownKey(_ testCase: Case) {
        check(testCase)
    }

    @Test(
        "an unknown top-level key is reported at the key",
        arguments: [
            Case(
                label: "envelop", yaml: "envelop: {amount: 1000000}\n", line: 6, column: 1,
                words: ["unknown key `envelop` at the top level", "did you mean `envelope`?"]),
            Case(
                label: "colour (nothing near)", yaml: "colour: red\n", line: 6, column: 1,
                words: [
                    "unknown key `colour` at the top level", "valid keys are", "`horizon`", "`uncertainty`",
                ]),
        ])
    func unknownTopLevelKey(_ testCase: Case) {
        check(testCase)
    }

    // MARK: - Types and ranges

    @Test(
        "a value of the wrong type is reported at the value, a map or list at its key",
        arguments: [
            Case(
                label: "a word for a number", yaml: "  unit_cost: lots\n", line: 6, column: 14,
                words: ["`venues.unit_cost` must be a number", "an amount >= 0", "not `lots`"]),
            Case(
                label: "a quoted number", yaml: "  unit_cost: \"160000\"\n", line: 6, column: 14,
                words: ["`venues.unit_cost` must be a number", "not the string \"160000\""]),
            Case(
                label: "a list for a map parameter", yaml: "  cost_growth: [0.03, 0.02]\n", line: 6,
                column: 3,
                words: ["`venues.cost_growth` must be a number", "a rate >= -1", "not a list"]),
            Case(
                label: "a list for a section", yaml: "pay: [1100, 3]\n", line: 6, column: 1,
                words: ["`pay` must be a mapping of", "`secretary_monthly`", "not a list"]),
            Case(
                label: "a word as a year-map key", yaml: "  unit_cost: {low: 1}\n", line: 6, column: 15,
                words: ["`venues.unit_cost.low` must be a year", "whole number", "not `low`"]),
            Case(
                label: "a fraction for an integer", yaml: "pay: {adjust_every: 1.5}\n", line: 6, column: 21,
                words: ["`pay.adjust_every` must be a number of years", "whole number", "not `1.5`"]),
            Case(
                label: "a list for text", yaml: "description: [a, b]\n", line: 6, column: 1,
                words: ["`description` must be text", "not a list"]),
            Case(
                label: "a word for a payer", yaml: "  payer: cuonty\n", line: 6, column: 10,
                words: ["`venues.payer` names unknown level `cuonty`", "did you mean `county`?"]),
            Case(
                label: "a map for the payment profile", yaml: "  payment_profile: {first: 1}\n", line: 6,
                column: 3,
                words: ["`venues.payment_profile` must be a list of shares summing to 1", "not a mapping"]),
        ])
    func wrongType(_ testCase: Case) {
        check(testCase)
    }

    @Test(
        "a value outside its range is reported at the value",
        arguments: [
            Case(
                label: "negative amount", yaml: "  unit_cost: -5\n", line: 6, column: 14,
                words: ["`venues.unit_cost` must be an amount >= 0, not -5"]),
            Case(
                label: "rate below -1", yaml: "  cost_growth: -1.5\n", line: 6, column: 16,
                words: ["`venues.cost_growth` must be a rate >= -1", "not -1.5"]),
            Case(
                label: "rate below -1 in a year map", yaml: "  cost_growth: {2015: 0.03, 2018: -2}\n",
                line: 6, column: 35,
                words: ["`venues.cost_growth.2018` must be a rate >= -1", "not -2"]),
            Case(
                label: "share above 1", yaml: "pay: {basic_share: 1.2}\n", line: 6, column: 20,
                words: ["`pay.basic_share` must be a share between 0 and 1, not 1.2"]),
            Case(
                label: "negative share", yaml: "pension: {former: {exit: -0.1}}\n", line: 6, column: 26,
                words: ["`pension.former.exit` must be a share between 0 and 1, not -0.1"]),
            Case(
                label: "share above 1 in the payment profile", yaml: "  payment_profile: [1.5, -0.5]\n",
                line: 6, column: 21,
                words: ["`venues.payment_profile[0]` must be a share between 0 and 1, not 1.5"]),
            Case(
                label: "round_to 0", yaml: "pay: {round_to: 0}\n", line: 6, column: 17,
                words: ["`pay.round_to` must be a number > 0, not 0"]),
            Case(
                label: "adjust_every 0", yaml: "pay: {adjust_every: 0}\n", line: 6, column: 21,
                words: ["`pay.adjust_every` must be a number of years in 1..200, not 0"]),
            Case(
                label: "negative amount in a year map", yaml: "  annual_cap: {2014: -1}\n", line: 6,
                column: 22,
                words: ["`venues.annual_cap.2014` must be an amount >= 0, not -1"]),
            Case(
                label: "an input of 10^13", yaml: "  unit_cost: 1e13\n", line: 6, column: 14,
                words: ["`venues.unit_cost` is 1e13, beyond the limit of 10^13"]),
        ])
    func outOfRange(_ testCase: Case) {
        check(testCase)
    }

    @Test(
        "`.nan` and `.inf` are not finite numbers",
        arguments: [".nan", ".NaN", ".inf", "-.inf", "+.Inf"])
    func notFinite(_ text: String) {
        check(
            Case(
                label: text, yaml: "  unit_cost: \(text)\n", line: 6, column: 14,
                words: ["`venues.unit_cost` must be a finite number, not `\(text)`"]))
    }

    @Test(
        "YAML 1.1 booleans are not booleans in the YAML 1.2 core schema",
        arguments: ["yes", "no", "on", "off", "y", "n", "Yes"])
    func yaml11Booleans(_ text: String) {
        check(
            Case(
                label: text, yaml: "pension: {former: {covered: \(text)}}\n", line: 6, column: 29,
                words: ["`pension.former.covered` must be `true` or `false`", "not `\(text)`"]))
    }

    @Test(
        "core-schema booleans are accepted", arguments: ["true", "True", "TRUE", "false", "False", "FALSE"])
    func coreBooleans(_ text: String) throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write("scenario.yaml", Self.base + "pension: {former: {covered: \(text)}}\n")
        let scenario = try ScenarioLoader.load(path)
        #expect(scenario.pension.former.covered == (text.lowercased() == "true"))
    }

    // MARK: - Years and the horizon

    @Test(
        "a year outside 1900..2200 is an error at the year",
        arguments: [
            Case(
                label: "horizon.start 1850",
                yaml: "horizon: {start: 1850, end: 2030}\nportfolio: v.csv\nrural_income: {value: 1}\n",
                line: 1, column: 18, words: ["`horizon.start` must be a year in 1900..2200, not 1850"],
                wholeFile: true),
            Case(
                label: "horizon.end 2201",
                yaml: "horizon: {start: 2014, end: 2201}\nportfolio: v.csv\nrural_income: {value: 1}\n",
                line: 1, column: 29, words: ["`horizon.end` must be a year in 1900..2200, not 2201"],
                wholeFile: true),
            Case(
                label: "a year-map key", yaml: "  cost_growth: {2300: 0.01}\n", line: 6, column: 17,
                words: ["`venues.cost_growth.2300` must be a year in 1900..2200, not 2300"]),
            Case(
                label: "operating_funds.start", yaml: "operating_funds: {start: 1899}\n", line: 6, column: 26,
                words: ["`operating_funds.start` must be a year in 1900..2200, not 1899"]),
            Case(
                label: "pay.start", yaml: "pay: {start: 2201}\n", line: 6, column: 14,
                words: ["`pay.start` must be a year in 1900..2200, not 2201"]),
        ])
    func yearOutOfRange(_ testCase: Case) {
        check(testCase)
    }

    @Test("a horizon of more than 200 years is an error at `end`; 200 years are fine")
    func horizonTooLong() throws {
        check(
            Case(
                label: "",
                yaml: "horizon: {start: 1950, end: 2150}\nportfolio: v.csv\nrural_income: {value: 1}\n",
                line: 1, column: 29, words: ["the horizon 1950-2150 spans 201 years", "at most 200"],
                wholeFile: true))
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "ok.yaml", "horizon: {start: 1950, end: 2149}\nportfolio: v.csv\nrural_income: {value: 1}\n")
        #expect(try ScenarioLoader.load(path).horizon.count == 200)
    }

    @Test("a horizon that ends before it starts is an error at `end`")
    func endBeforeStart() {
        check(
            Case(
                label: "",
                yaml: "horizon: {start: 2014, end: 2010}\nportfolio: v.csv\nrural_income: {value: 1}\n",
                line: 1, column: 29, words: ["`horizon.end` (2010) is before `horizon.start` (2014)"],
                wholeFile: true))
    }

    @Test("a horizon without `end` is an error at the horizon")
    func horizonWithoutEnd() {
        check(
            Case(
                label: "", yaml: "horizon: {start: 2014}\nportfolio: v.csv\nrural_income: {value: 1}\n",
                line: 1, column: 1, words: ["`horizon` needs both `start` and `end`"], wholeFile: true))
    }

    // MARK: - Venue rollout

    @Test("a schedule year outside the horizon is an error at that year")
    func scheduleYearOutsideHorizon() {
        let yaml = Self.base.replacingOccurrences(of: "{2014: 2, 2015: 1}", with: "{2014: 2, 2031: 1}")
        check(
            Case(
                label: "", yaml: yaml, line: 5, column: 23,
                words: ["`venues.schedule` year 2031 is outside the horizon 2014-2020"], wholeFile: true))
    }

    @Test("a shares year outside the horizon is an error at that year")
    func sharesYearOutsideHorizon() {
        let yaml = Self.base.replacingOccurrences(
            of: "schedule: {2014: 2, 2015: 1}", with: "shares: {2013: 0.5, 2015: 0.5}")
        check(
            Case(
                label: "", yaml: yaml, line: 5, column: 12,
                words: ["`venues.shares` year 2013 is outside the horizon 2014-2020"], wholeFile: true))
    }

    @Test("a schedule that does not sum to the portfolio's need names both sums, at the schedule")
    func scheduleDoesNotSum() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "scenario.yaml",
            Self.base.replacingOccurrences(of: "{2014: 2, 2015: 1}", with: "{2014: 2, 2015: 2}"))
        let csv = directory.write("villages.csv", Self.portfolio)
        // The scenario alone is valid: the sum is checked against the portfolio by `Plan`.
        #expect(thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }.isEmpty)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        expectSingleDiagnostic(
            diagnostics, at: path, 5, 3,
            contains: ["`venues.schedule` sums to 4 venues but the portfolio needs 3", csv])
    }

    @Test(
        "a block-style schedule that does not sum is located at the `schedule` key"
    )
    func blockScheduleDoesNotSum() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "scenario.yaml",
            Self.base.replacingOccurrences(
                of: "schedule: {2014: 2, 2015: 1}", with: "schedule:\n    2014: 2\n    2015: 2"))
        directory.write("villages.csv", Self.portfolio)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        expectSingleDiagnostic(
            diagnostics, at: path, 5, 3, contains: ["`venues.schedule` sums to 4 venues", "needs 3"])
    }

    @Test(
        "a block-style payment profile that does not sum is located at the `payment_profile` key")
    func blockPaymentProfileDoesNotSum() {
        check(
            Case(
                label: "", yaml: "  payment_profile:\n    - 0.6\n    - 0.3\n", line: 6, column: 3,
                words: ["`venues.payment_profile` must sum to 1, but it sums to 0.9"]))
    }

    @Test("shares that do not sum to 1 are an error at the shares, giving the sum")
    func sharesDoNotSum() {
        let yaml = Self.base.replacingOccurrences(
            of: "schedule: {2014: 2, 2015: 1}", with: "shares: {2014: 0.5, 2015: 0.4}")
        check(
            Case(
                label: "", yaml: yaml, line: 5, column: 3,
                words: ["`venues.shares` must sum to 1, but they sum to 0.9"], wholeFile: true))
    }

    @Test("shares that sum to 1 exactly in decimals are accepted (0.1 + 0.2 + 0.7)")
    func sharesSumExactly() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "scenario.yaml",
            Self.base.replacingOccurrences(
                of: "schedule: {2014: 2, 2015: 1}", with: "shares: {2014: 0.1, 2015: 0.2, 2016: 0.7}"))
        _ = try ScenarioLoader.load(path)
    }

    @Test("both `schedule` and `shares` is an error at `shares`")
    func scheduleAndShares() {
        check(
            Case(
                label: "", yaml: "  shares: {2014: 1}\n", line: 6, column: 3,
                words: ["give `venues.schedule` or `venues.shares`, not both", "schedule at line 5"]))
    }

    @Test("a payment profile that does not sum to 1 is an error at the list, giving the sum")
    func paymentProfileDoesNotSum() {
        check(
            Case(
                label: "", yaml: "  payment_profile: [0.6, 0.3]\n", line: 6, column: 3,
                words: ["`venues.payment_profile` must sum to 1, but it sums to 0.9"]))
    }

    @Test(
        "a venue need without schedule or shares is an error at `venues`")
    func noRollout() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "scenario.yaml",
            Self.base.replacingOccurrences(of: "schedule: {2014: 2, 2015: 1}", with: "unit_cost: 160000"))
        directory.write("villages.csv", Self.portfolio)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        expectSingleDiagnostic(
            diagnostics, at: path, 4, 1, contains: ["needs 3 venues", "neither `schedule` nor `shares`"])
    }

    // MARK: - YAML text

    @Test(
        "a duplicate key in a mapping is an error at the repeated key")
    func duplicateKey() {
        check(
            Case(
                label: "", yaml: "  unit_cost: 160000\n  unit_cost: 170000\n", line: 7, column: 3,
                words: ["duplicate key `unit_cost`"]))
    }

    @Test(
        "a duplicate top-level key is an error at the repeated key")
    func duplicateTopLevelKey() {
        check(
            Case(
                label: "", yaml: "horizon: {start: 2014, end: 2020}\n", line: 6, column: 1,
                words: ["duplicate key `horizon`"]))
    }

    @Test(
        "one year written twice in a year map (`2015` and `02015`) is an error")
    func duplicateYear() {
        check(
            Case(
                label: "", yaml: "  cost_growth: {2015: 0.03, 02015: 0.05}\n", line: 6, column: 29,
                words: ["2015"]))
    }

    @Test(
        "invalid YAML syntax is located where the parser finds it",
        arguments: [
            Case(
                label: "unclosed flow mapping", yaml: "horizon: {start: 2014, end: 2020\nportfolio: v.csv\n",
                line: 2, column: 10,
                words: ["invalid YAML", "did not find expected ',' or '}'", "flow mapping"],
                wholeFile: true),
            Case(
                label: "two colons on a line", yaml: "pay: start: 2015\n", line: 6, column: 11,
                words: ["invalid YAML", "mapping values are not allowed"]),
            Case(
                label: "a tab as indentation", yaml: "\tunit_cost: 1\n", line: 6, column: 1,
                words: ["invalid YAML", "found character that cannot start any token"]),
        ])
    func invalidSyntax(_ testCase: Case) {
        check(testCase)
    }

    @Test(
        "a YAML scanner error is located where the faulty token starts",
        arguments: [
            Case(
                label: "key without a colon", yaml: "  unit_cost 10\n  payer: city\n", line: 6, column: 3,
                words: ["invalid YAML", "could not find expected ':'", "while scanning a simple key"]),
            Case(
                label: "unterminated quoted string", yaml: "description: \"three counties\n\n", line: 6,
                column: 14,
                words: ["invalid YAML", "found unexpected end of stream", "while scanning a quoted scalar"]),
        ])
    func scannerErrorAtToken(_ testCase: Case) {
        check(testCase)
    }

    @Test(
        "a scenario that is a list, not a mapping, is one error at the file")
    func notAMapping() {
        check(
            Case(
                label: "", yaml: "- horizon\n- portfolio\n", line: 1, column: 1,
                words: ["a scenario file must be a mapping"], wholeFile: true))
    }

    // MARK: - Required keys

    @Test(
        "a missing required key is an error",
        arguments: [
            Case(
                label: "horizon", yaml: "portfolio: v.csv\nrural_income: {value: 13200}\n", line: 1,
                column: 1,
                words: ["missing `horizon`"], wholeFile: true),
            Case(
                label: "portfolio", yaml: "horizon: {start: 2014, end: 2020}\nrural_income: {value: 13200}\n",
                line: 1, column: 1,
                words: ["missing `portfolio`"], wholeFile: true),
            Case(
                label: "rural_income", yaml: "horizon: {start: 2014, end: 2020}\nportfolio: v.csv\n", line: 1,
                column: 1,
                words: ["missing `rural_income.value`"], wholeFile: true),
            Case(
                label: "rural_income.value",
                yaml: "horizon: {start: 2014, end: 2020}\nportfolio: v.csv\nrural_income: {growth: 0.05}\n",
                line: 3, column: 1, words: ["missing `rural_income.value`"], wholeFile: true),
            Case(
                label: "envelope.amount", yaml: "envelope: {from: 2015}\n", line: 6, column: 1,
                words: ["missing `envelope.amount`"]),
        ])
    func missingKey(_ testCase: Case) {
        check(testCase)
    }

    @Test("an empty scenario file lacks a horizon")
    func emptyFile() {
        check(Case(label: "", yaml: "", line: 1, column: 1, words: ["missing `horizon`"], wholeFile: true))
    }

    // MARK: - Envelope

    @Test(
        "envelope `from` or `to` outside the horizon is an error at the year",
        arguments: [
            Case(
                label: "from 2010", yaml: "envelope: {amount: 1000000, from: 2010}\n", line: 6, column: 35,
                words: ["`envelope.from` (2010) is outside the horizon 2014-2020"]),
            Case(
                label: "to 2025", yaml: "envelope: {amount: 1000000, to: 2025}\n", line: 6, column: 33,
                words: ["`envelope.to` (2025) is outside the horizon 2014-2020"]),
            Case(
                label: "to before from", yaml: "envelope: {amount: 1000000, from: 2018, to: 2016}\n", line: 6,
                column: 45,
                words: ["`envelope.to` (2016) is before `envelope.from` (2018)"]),
        ])
    func envelopeOutsideHorizon(_ testCase: Case) {
        check(testCase)
    }

    @Test("an unknown envelope item is an error at the item with the nearest item")
    func unknownEnvelopeItem() {
        check(
            Case(
                label: "", yaml: "envelope: {amount: 1000000, items: [venue_construction, pension_top_up]}\n",
                line: 6, column: 57,
                words: [
                    "`envelope.items` lists unknown item `pension_top_up`", "did you mean `pension_topup`?",
                ]))
    }

    // MARK: - Several scenarios in one run

    @Test("two scenarios in one run with one name: an error at the second one's `name`")
    func duplicateNamesThroughExtends() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        directory.write("base.yaml", Self.base)
        directory.write("villages.csv", Self.portfolio)
        let first = directory.write("first.yaml", "extends: base.yaml\nname: what-if\n")
        let second = directory.write(
            "second.yaml", "extends: base.yaml\nname: what-if\npay: {round_to: 10}\n")
        let viaLoader = thrownDiagnostics { () throws(DiagnosticError) in
            try ScenarioLoader.load([first, second])
        }
        let viaRun = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([first, second]) }
        for diagnostics in [viaLoader, viaRun] {
            expectSingleDiagnostic(
                diagnostics, at: second, 2, 7,
                contains: ["two scenarios in one run are named `what-if`", first, second])
        }
    }

    @Test(
        "two scenarios without `extends` with one `name:`: an error at the second one's `name`")
    func duplicateNamesStandalone() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let first = directory.write("first.yaml", "name: same\n" + Self.base)
        let second = directory.write("second.yaml", "name: same\n" + Self.base)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in
            try ScenarioLoader.load([first, second])
        }
        expectSingleDiagnostic(
            diagnostics, at: second, 1, 7, contains: ["two scenarios in one run are named `same`"])
    }

    @Test(
        "a scenario without `extends` keeps its own `name:`")
    func standaloneName() throws {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write("file-stem.yaml", "name: Baseline 2014\n" + Self.base)
        let scenario = try ScenarioLoader.load(path)
        #expect(scenario.name == "Baseline 2014")
        #expect(scenario.nameLocation.description == "\(path):1:7")
    }

    @Test("two scenarios whose names default to the same file stem: an error at the second file")
    func duplicateStems() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let first = directory.write("a/what-if.yaml", Self.base)
        let second = directory.write("b/what-if.yaml", Self.base)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in
            try ScenarioLoader.load([first, second])
        }
        expectSingleDiagnostic(
            diagnostics, at: second, 1, 1, contains: ["two scenarios in one run are named `what-if`"])
    }

    @Test("errors of every file in a run are reported together")
    func errorsOfSeveralFiles() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let first = directory.write("first.yaml", Self.base + "  unit_cots: 1\n")
        let second = directory.write("second.yaml", Self.base + "  upkeep_rate: -2\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in
            try ScenarioLoader.load([first, second])
        }
        #expect(diagnostics.count == 2)
        if diagnostics.count == 2 {
            expectDiagnostic(diagnostics[0], at: first, 6, 3, contains: ["did you mean `unit_cost`?"])
            expectDiagnostic(
                diagnostics[1], at: second, 6, 16, contains: ["`venues.upkeep_rate` must be a rate >= -1"])
        }
    }

    // MARK: - Rural income and pay

    @Test("a `rural_income.values` year before `base_year` is an error at that year")
    func valuesBeforeBaseYear() {
        let yaml = Self.base.replacingOccurrences(
            of: "rural_income: {value: 13200}",
            with: "rural_income: {value: 13200, base_year: 2015, values: {2014: 13000}}")
        check(
            Case(
                label: "", yaml: yaml, line: 3, column: 56,
                words: ["`rural_income.values` year 2014 is before `rural_income.base_year` (2015)"],
                wholeFile: true))
    }

    @Test("a pay rebase that needs rural income before `base_year` is an error at `pay.start`")
    func rebaseBeforeBaseYear() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let yaml = Self.base.replacingOccurrences(
            of: "rural_income: {value: 13200}", with: "rural_income: {value: 13200, base_year: 2016}")
        let path = directory.write("scenario.yaml", yaml + "pay: {start: 2015, adjust_every: 1}\n")
        directory.write("villages.csv", Self.portfolio)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        expectSingleDiagnostic(
            diagnostics, at: path, 6, 14,
            contains: [
                "the pay window starting 2016 is rebased on rural income of 2015",
                "before `rural_income.base_year` (2016)",
            ])
    }

    // MARK: - Files

    @Test("a scenario path that is a directory is an error at the path")
    func directoryPath() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.makeDirectory("scenario.yaml")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: path, 1, 1, contains: ["cannot read '\(path)'", "it is a directory"])
    }

    @Test("a missing scenario file is an error at the path")
    func missingFile() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.url("nowhere.yaml")
        let viaLoader = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        let viaRun = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        for diagnostics in [viaLoader, viaRun] {
            expectSingleDiagnostic(
                diagnostics, at: path, 1, 1, contains: ["cannot read '\(path)'", "no such file"])
        }
    }

    @Test("a UTF-16 scenario file is an error asking for UTF-8", arguments: [true, false])
    func utf16(withByteOrderMark: Bool) {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        var bytes: [UInt8] = withByteOrderMark ? [0xFF, 0xFE] : []
        for unit in Self.base.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = directory.write("scenario.yaml", bytes: bytes)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(diagnostics, at: path, 1, 1, contains: ["UTF-16", "UTF-8"])
    }

    @Test("a GBK scenario file is an error at the first non-UTF-8 byte, naming GBK")
    func gbk() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        // 南召县 in GBK.
        let bytes =
            Array(Self.base.utf8) + Array("description: ".utf8) + [0xC4, 0xCF, 0xD5, 0xD9, 0xCF, 0xD8, 0x0A]
        let path = directory.write("scenario.yaml", bytes: bytes)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: path, 6, 14, contains: ["not UTF-8", "byte 0xC4", "GBK/GB18030"])
    }

    @Test("a UTF-8 byte order mark is accepted and not counted as a column")
    func utf8ByteOrderMark() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("horizon: {start: 1850, end: 2020}\n".utf8)
        let path = directory.write("scenario.yaml", bytes: bytes)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }
        expectSingleDiagnostic(
            diagnostics, at: path, 1, 18, contains: ["`horizon.start` must be a year in 1900..2200"])
    }

    // MARK: - Projection limits

    @Test("an amount of 10^13 yuan or more in the projection names the item, county and year")
    func projectionOverflow() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        let path = directory.write(
            "huge.yaml",
            "horizon: {start: 2014, end: 2020}\nportfolio: villages.csv\nrural_income: {value: 13200}\n"
                + "operating_funds: {per_village: 1e12}\n")
        directory.write("villages.csv", "county,villages,venues_needed\n南召县,999999999,0\n")
        // Each input is within its limit; only their product is not.
        #expect(thrownDiagnostics { () throws(DiagnosticError) in try ScenarioLoader.load(path) }.isEmpty)
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        expectSingleDiagnostic(
            diagnostics, at: path, 1, 1,
            contains: ["scenario `huge`", "operating_funds of 南召县 in 2014", "10^13 yuan"])
    }

    @Test("a cumulative total reaching 10^13 yuan is an error naming the year")
    func cumulativeOverflow() {
        let directory = TempDirectory()
        defer { directory.cleanup() }
        // 4e12 a year: each cell and year is below 10^13, the cumulative reaches it in 2016.
        let path = directory.write(
            "huge.yaml",
            "horizon: {start: 2014, end: 2020}\nportfolio: villages.csv\nrural_income: {value: 13200}\n"
                + "operating_funds: {per_village: 4000}\npay: {secretary_monthly: 0, start: 2030}\npension: {per_person: 0}\n"
        )
        directory.write("villages.csv", "county,villages,venues_needed\nA,999999999,0\n")
        let diagnostics = thrownDiagnostics { () throws(DiagnosticError) in try Run.project([path]) }
        expectSingleDiagnostic(
            diagnostics, at: path, 1, 1, contains: ["the cumulative total in 2016", "10^13 yuan"])
    }
}
