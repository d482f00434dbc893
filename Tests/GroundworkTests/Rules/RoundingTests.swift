import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// MODEL.md section 5: amounts rounded half away from zero to the cent, with the exact-decimal
/// result where the double lies a hair off a half; pay rounding to a step; the apportionment
/// and cap floors with the 1e-9 relative rule.
@Suite("MODEL 5 rounding")
struct RoundingTests {
    struct CentsCase: CustomTestStringConvertible, Sendable {
        let yuan: Double
        let cents: Int64
        let why: String
        var testDescription: String { "\(yuan) -> \(cents) cents (\(why))" }
    }

    static let centsCases: [CentsCase] = [
        // 0.005 yuan = 0.5 cent exactly in decimal -> away from zero: 1 cent.
        CentsCase(yuan: 0.005, cents: 1, why: "half cent up"),
        CentsCase(yuan: -0.005, cents: -1, why: "negative half cent away from zero"),
        // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary; the decimal
        // 2.675 is a half cent -> 268.
        CentsCase(yuan: 2.675, cents: 268, why: "binary below the half"),
        CentsCase(yuan: -2.675, cents: -268, why: "negative, binary below the half"),
        // 1.005 x 100 = 100.49999999999999 in doubles; decimal 100.5 -> 101.
        CentsCase(yuan: 1.005, cents: 101, why: "product below the half"),
        // 10.235 x 100 -> 1023.5 -> 1024.
        CentsCase(yuan: 10.235, cents: 1024, why: "half"),
        // 0.125 is exact in binary: 12.5 cents -> 13 (not the even 12).
        CentsCase(yuan: 0.125, cents: 13, why: "not banker's rounding"),
        // 0.0049 yuan = 0.49 cent -> 0.
        CentsCase(yuan: 0.0049, cents: 0, why: "below the half"),
        CentsCase(yuan: -0.0049, cents: 0, why: "below the half, negative, no -0"),
        CentsCase(yuan: 0, cents: 0, why: "zero"),
        CentsCase(yuan: -0.0, cents: 0, why: "negative zero"),
        // 1234567.894 -> 123456789.4 cents -> 123456789; .895 -> .5 -> 123456790.
        CentsCase(yuan: 1_234_567.894, cents: 123_456_789, why: "below the half, millions"),
        CentsCase(yuan: 1_234_567.895, cents: 123_456_790, why: "half, millions"),
        // 393402.938 -> 39340293.8 -> 39340294.
        CentsCase(yuan: 393_402.938, cents: 39_340_294, why: "pension 2016 of 4.4"),
        // 73529.59983 -> 7352959.983 -> 7352960.
        CentsCase(yuan: 73_529.59983, cents: 7_352_960, why: "up, not a half"),
        // 700000 x 1.05 x 1.05 is 771750.0000000001 in doubles: exactly 77175000 cents.
        CentsCase(yuan: 700_000 * 1.05 * 1.05, cents: 77_175_000, why: "double a hair above a whole cent"),
    ]

    @Test("Money.cents rounds half away from zero to the cent", arguments: centsCases)
    func cents(_ c: CentsCase) {
        #expect(Money.cents(c.yuan) == c.cents)
    }

    static let largeCases: [CentsCase] = [
        // Amounts up to 10^13 yuan may be written (MODEL 6). These are whole or plainly
        // non-half cent values whose doubles are exact to far better than a cent:
        // 50,000,000,000 yuan = 5,000,000,000,000 cents exactly.
        CentsCase(yuan: 50_000_000_000, cents: 5_000_000_000_000, why: "5e10 yuan, whole"),
        // 99,999,999,999.99 yuan -> 9,999,999,999,999 cents (the double is within 2e-5 yuan).
        CentsCase(yuan: 99_999_999_999.99, cents: 9_999_999_999_999, why: "just under 1e11 yuan"),
        // 1,000,000,000,000 yuan (10^12) = 10^14 cents exactly.
        CentsCase(yuan: 1_000_000_000_000, cents: 100_000_000_000_000, why: "1e12 yuan, whole"),
        // 20,000,000,000.004 yuan -> 2,000,000,000,000.4 cents -> 2,000,000,000,000 (0.4 < 0.5;
        // the double is within 4e-6 yuan of the decimal).
        CentsCase(yuan: 20_000_000_000.004, cents: 2_000_000_000_000, why: "2e10 yuan, 0.4 cent"),
    ]

    @Test(
        "Money.cents keeps whole and non-half cents of large amounts (below the 10^13 limit)",
        arguments: largeCases)
    func largeCents(_ c: CentsCase) {
        #expect(Money.cents(c.yuan) == c.cents)
    }

    @Test("a forecast cell of exactly 50,000,000,000 yuan is written as 50000000000.00")
    func largeCellEndToEnd() throws {
        let built = try ScenarioBuilder.project(
            yaml: """
                horizon: {start: 2014, end: 2014}
                rural_income: {value: 13200}
                operating_funds: {per_village: 100000}
                """, csv: "county,villages,venues_needed\nA,500000,0\n")
        // 100000 x 500000 x Q(2014) = 1 -> 50,000,000,000.00 yuan = 5,000,000,000,000 cents.
        #expect(built.cents(.operatingFunds, 2014) == 5_000_000_000_000)
    }

    struct StepCase: CustomTestStringConvertible, Sendable {
        let x: Double
        let step: Double
        let expected: Double
        let why: String
        var testDescription: String { "round(\(x), step \(step)) = \(expected) (\(why))" }
    }

    static let stepCases: [StepCase] = [
        // 773.5 -> 774 (away from zero, not to even).
        StepCase(x: 773.5, step: 1, expected: 774, why: "half up"),
        StepCase(x: -773.5, step: 1, expected: -774, why: "negative half away from zero"),
        // 2.5 -> 3 (banker's would give 2); -2.5 -> -3.
        StepCase(x: 2.5, step: 1, expected: 3, why: "not to even"),
        StepCase(x: -2.5, step: 1, expected: -3, why: "negative not to even"),
        // 1285 x 0.7 = 899.4999999999999 in doubles; exactly 899.5 -> 900.
        StepCase(x: 1285 * 0.7, step: 1, expected: 900, why: "binary a hair below the half"),
        // 12000 x 1.15 x 1.15 / 12 = 1322.4999999999998 in doubles; exactly 1322.5 -> 1323.
        StepCase(x: 12000 * 1.15 * 1.15 / 12, step: 1, expected: 1323, why: "income rebase half"),
        // 1385.6832 -> 1386; to 10: 138.56832 tens -> 139 -> 1390; negative -> -1390.
        StepCase(x: 1385.6832, step: 1, expected: 1386, why: "B_1"),
        StepCase(x: 1385.6832, step: 10, expected: 1390, why: "B_1 to 10"),
        StepCase(x: -1385.6832, step: 10, expected: -1390, why: "negative to 10"),
        // 1125 / 10 = 112.5 -> 113 x 10 = 1130.
        StepCase(x: 1125, step: 10, expected: 1130, why: "half to 10"),
        // 1124.99 / 10 = 112.499 -> 112 -> 1120.
        StepCase(x: 1124.99, step: 10, expected: 1120, why: "below half to 10"),
        // 1350 x 0.7 = 945 (94.49999999999999 tens in doubles) -> 95 tens = 950.
        StepCase(x: 1350 * 0.7, step: 10, expected: 950, why: "binary below half to 10"),
        // 1.4999 -> 1: far below the half (1e-4 >> 1e-9).
        StepCase(x: 1.4999, step: 1, expected: 1, why: "clearly below"),
        // 1.25 / 0.5 = 2.5 -> 3 halves = 1.5.
        StepCase(x: 1.25, step: 0.5, expected: 1.5, why: "step 0.5"),
        StepCase(x: 0, step: 1, expected: 0, why: "zero"),
    ]

    @Test("Rounding.halfAwayFromZero to a step, exact halves taken as halves", arguments: stepCases)
    func halfAwayFromZero(_ c: StepCase) {
        #expect(Rounding.halfAwayFromZero(c.x, step: c.step) == c.expected)
    }

    struct FloorCase: CustomTestStringConvertible, Sendable {
        let x: Double
        let expected: Double
        let why: String
        var testDescription: String { "floor(\(x)) = \(expected) (\(why))" }
    }

    static let floorCases: [FloorCase] = [
        // 9.9999999999 is within 1e-9 x 10 of 10 -> 10.
        FloorCase(x: 9.9999999999, expected: 10, why: "a hair below an integer"),
        // 9.99 is 0.01 below 10, far outside the tolerance -> 9.
        FloorCase(x: 9.99, expected: 9, why: "clearly below"),
        // 3.0000000001 -> 3.
        FloorCase(x: 3.0000000001, expected: 3, why: "a hair above"),
        FloorCase(x: 2.5, expected: 2, why: "plain floor"),
        // 330000 / (100000 x 1.1) = 2.9999999999999996 in doubles; exactly 3.
        FloorCase(x: 330_000 / (100_000 * 1.1), expected: 3, why: "the cap quotient of 4.1"),
        FloorCase(x: 0, expected: 0, why: "zero"),
        FloorCase(x: -0.5, expected: -1, why: "negative"),
    ]

    @Test(
        "Rounding.floorWithTolerance takes values within 1e-9 (relative) of an integer as it",
        arguments: floorCases)
    func floorWithTolerance(_ c: FloorCase) {
        #expect(Rounding.floorWithTolerance(c.x) == c.expected)
    }
}
