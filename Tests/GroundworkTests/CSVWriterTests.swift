import Testing

@testable import GroundworkCore
@testable import GroundworkDesk
@testable import GroundworkEngine
@testable import GroundworkIO

/// The output format of MODEL.md section 8: minimal RFC 4180 quoting, LF line ends, amounts
/// with exactly two decimals and never -0.00, incomes and probabilities with at most six.
@Suite("CSV writer")
struct CSVWriterTests {

    @Test func quotesOnlyWhatNeedsQuoting() {
        var writer = CSVWriter()
        writer.row(["plain", "a,b", "say \"hi\"", "line\nbreak", "carriage\r", "", "南召县"])
        #expect(
            writer.text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"carriage\r\",,南召县\n")
    }

    @Test func mixedRowPutsCommasBetweenFields() {
        var writer = CSVWriter(capacity: 256)
        writer.row(["scenario", "year", "amount", "income"])
        writer.field("base")
        writer.integer(2030)
        writer.cents(-12_345)
        writer.decimal(19355.6794)
        writer.endRow()
        writer.field("base")
        writer.integer(-7)
        writer.emptyField()
        writer.emptyField()
        writer.endRow()
        #expect(writer.text == "scenario,year,amount,income\nbase,2030,-123.45,19355.6794\nbase,-7,,\n")
        #expect(writer.bytes == Array(writer.text.utf8))
    }

    @Test func rowOfOneEmptyFieldIsNotABlankLine() throws {
        // A blank line would be skipped by CSV readers, losing the row.
        var writer = CSVWriter()
        writer.row(["only"])
        writer.emptyField()
        writer.endRow()
        writer.field("")
        writer.endRow()
        #expect(writer.text == "only\n\"\"\n\"\"\n")
        let back = try CSVReader.records(bytes: writer.bytes, file: "out.csv")
        #expect(back.map(\.fields) == [["only"], [""], [""]])
    }

    @Test func writtenFieldsReadBackUnchanged() throws {
        let fields = ["a,b", "say \"hi\"", "one\r\ntwo", "", " spaced ", "南召县"]
        var writer = CSVWriter()
        writer.row(fields)
        writer.row(fields.reversed())
        let back = try CSVReader.records(bytes: writer.bytes, file: "out.csv")
        #expect(back.map(\.fields) == [fields, fields.reversed()])
        #expect(back.map(\.line) == [1, 3])
    }

    @Test(
        arguments: [
            (0, "0.00"), (-1, "-0.01"), (1, "0.01"), (-99, "-0.99"), (100, "1.00"), (-100, "-1.00"),
            (5, "0.05"), (123_456_789, "1234567.89"), (-123_456, "-1234.56"),
            // 10^13 yuan, the largest amount MODEL.md section 6 allows, in cents.
            (1_000_000_000_000_000, "10000000000000.00"),
            (Int64.max, "92233720368547758.07"), (Int64.min, "-92233720368547758.08"),
        ] as [(Int64, String)])
    func centsHaveExactlyTwoDecimals(cents: Int64, expected: String) {
        #expect(CSVWriter.cents(cents) == expected)
        var writer = CSVWriter()
        writer.cents(cents)
        writer.endRow()
        #expect(writer.text == expected + "\n")
    }

    @Test func centsAreNeverNegativeZero() {
        // Only a negative number of cents gets a sign, and its magnitude is at least 0.01.
        for cents: Int64 in -1000...1000 {
            let text = CSVWriter.cents(cents)
            #expect(!text.hasPrefix("-0.00"))
            #expect(text.hasPrefix("-") == (cents < 0))
            #expect(Int64(String(text.filter { $0 != "." })) == cents)
        }
    }

    @Test(
        arguments: [
            (13200, 6, "13200"),
            (19355.6794, 6, "19355.6794"),
            (20710.5769584, 6, "20710.576958"),
            // 0.1234565 is a tie at six places (its nearest double is just below it): away from 0.
            (0.1234565, 6, "0.123457"),
            (-0.1234565, 6, "-0.123457"),
            (0.1234564, 6, "0.123456"),
            (0.5, 6, "0.5"),
            (0.0078125, 6, "0.007813"),  // 1/128 of the draws: an exact binary tie
            (1.0 / 3, 6, "0.333333"),
            (2.0 / 3, 6, "0.666667"),
            (0.1 + 0.2, 6, "0.3"),
            (0, 6, "0"),
            (-0.0, 6, "0"),
            (-0.0000001, 6, "0"),  // rounds to zero: never "-0"
            (0.0000005, 6, "0.000001"),
            (0.00000049, 6, "0"),
            (0.00001, 6, "0.00001"),  // its description is "1e-05": no exponent here
            (0.9999995, 6, "1"),
            (-0.9999995, 6, "-1"),
            (999999.9999996, 6, "1000000"),
            (1e16, 6, "10000000000000000"),
            (1.5e20, 6, "150000000000000000000"),
            (2.5, 0, "3"),
            (-2.5, 0, "-3"),
            (0.15, 1, "0.2"),
            (1.005, 2, "1.01"),
            (12345.000001, 6, "12345.000001"),
            (0.1, 20, "0.1"),
        ] as [(Double, Int, String)])
    func decimalRoundsHalfAwayFromZero(value: Double, places: Int, expected: String) {
        #expect(CSVWriter.decimal(value, places: places) == expected)
    }

    @Test func decimalDefaultsToSixPlaces() {
        #expect(CSVWriter.decimal(1.23456789) == "1.234568")
    }

    @Test func decimalTreatsBinaryDriftAtATieAsTheTie() {
        // 8.2949 x 1.015 is 8.4193235 exactly, a tie at six places (MODEL.md section 5: exact
        // decimal semantics), but the double product is 8.419323499999999.
        let income = 8.2949 * 1.015
        #expect(income < 8.4193235)
        #expect(CSVWriter.decimal(income) == "8.419324")
        #expect(CSVWriter.decimal(-income) == "-8.419324")
        // 48.785 x 0.7325 = 35.7350125, computed as 35.735012499999996.
        #expect(CSVWriter.decimal(48.785 * 0.7325) == "35.735013")
        // A value genuinely below the tie still rounds down.
        #expect(CSVWriter.decimal(8.41932349) == "8.419323")
    }
}
