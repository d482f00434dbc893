import GroundworkCore
import GroundworkIO

/// A grid `PATH=LO:HI:STEP` of `sweep` and `solve` (MODEL.md section 10): the values LO + k x
/// STEP for k = 0..K, K = floor((HI - LO) / STEP), in exact decimal from the text.
public struct Grid: Sendable, Equatable {
    /// The parameter varied (one that may be uncertain, the annual cap or a price rate).
    public let parameter: Parameter
    /// The grid as written, for messages.
    public let text: String
    public let low: ExactDecimal
    public let step: ExactDecimal
    /// K + 1 values.
    public let count: Int

    /// Where a grid is written: the command line, its option and the argument's position.
    public static func location(argument: Int) -> SourceLocation {
        SourceLocation(file: "command line", line: 1, column: argument)
    }

    /// Reads `PATH=LO:HI:STEP`; `argument` is the argument's 1-based position on the command
    /// line, where an error is located.
    /// - Throws: a malformed grid, a PATH that cannot vary (with the nearest that can), STEP
    ///   <= 0, LO > HI, more than `limit` values, or a value outside the parameter's range.
    public init(_ text: String, argument: Int = 1, limit: Int? = nil) throws(DiagnosticError) {
        let location = Self.location(argument: argument)
        func fail(_ message: String) -> DiagnosticError {
            DiagnosticError(location, "`--vary \(text)`: \(message)")
        }
        guard let equals = text.firstIndex(of: "=") else {
            throw fail("a grid is PATH=LO:HI:STEP, e.g. `venues.unit_cost=150000:250000:5000`")
        }
        let path = String(text[..<equals])
        let numbers = text[text.index(after: equals)...].split(
            separator: ":", omittingEmptySubsequences: false)
        guard numbers.count == 3 else {
            throw fail(
                "a grid is PATH=LO:HI:STEP with three numbers, e.g. `rural_income.growth=0.04:0.10:0.005`")
        }
        var parsed: [ExactDecimal] = []
        for number in numbers {
            guard Self.isPlainDecimal(number), let value = ExactDecimal(String(number), exponent: false)
            else {
                throw fail(
                    "`\(number)` is not a number written as -?DIGITS(.DIGITS)? (no exponent, no sign +)")
            }
            parsed.append(value)
        }
        guard let parameter = Parameter.named(path), parameter.mayBeSwept else {
            let names = Parameter.sweepable.map(\.path)
            var message = "`\(path)` cannot be varied"
            if let nearest = Spelling.nearest(to: path, among: names) {
                message += "; did you mean `\(nearest)`?"
            } else {
                message += "; the parameters that can are \(names.map { "`\($0)`" }.joined(separator: ", "))"
            }
            throw fail(message)
        }
        let (low, high, step) = (parsed[0], parsed[1], parsed[2])
        guard step > .zero else { throw fail("STEP must be > 0, not \(step)") }
        guard low <= high else { throw fail("LO (\(low)) is above HI (\(high))") }
        let last = (high - low).floorDivided(by: step)
        let maximum = Int128(limit ?? Int.max - 1)
        guard last < maximum else {
            throw fail("the grid has \(last + 1) values; at most \(maximum) are allowed")
        }
        self.parameter = parameter
        self.text = text
        self.low = low
        self.step = step
        count = Int(last) + 1
        // Values run from LO up: the range of section 3 is checked at both ends.
        for value in [low, self.value(count - 1)] where !parameter.range.accepts(value.doubleValue) {
            throw fail(
                "\(value) is outside the range of `\(path)`: it must be \(parameter.range.requirement)")
        }
    }

    /// The k-th value, exactly.
    public func value(_ k: Int) -> ExactDecimal { low + step * k }

    /// `-?DIGITS(.DIGITS)?`.
    static func isPlainDecimal(_ text: Substring) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard let point = bytes.firstIndex(of: UInt8(ascii: ".")) else {
            return !bytes.isEmpty && bytes.allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        let whole = bytes[..<point]
        let fraction = bytes[(point + 1)...]
        return !whole.isEmpty && !fraction.isEmpty && whole.allSatisfy { $0 >= 48 && $0 <= 57 }
            && fraction.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
