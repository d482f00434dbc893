import GroundworkCore
import GroundworkIO

/// What `solve --keep` keeps (MODEL.md section 10): no breach of the envelope, or the horizon
/// total at most an amount, compared exactly in cents.
public enum SolveTarget: Sendable, Equatable {
    case envelope
    case totalAtMost(ExactDecimal)

    /// Reads `envelope` or `total<=AMOUNT` (AMOUNT written like a grid number).
    public init(_ text: String, argument: Int = 1) throws(DiagnosticError) {
        let compact = text.filter { $0 != " " }
        if compact == "envelope" {
            self = .envelope
            return
        }
        let prefix = "total<="
        if compact.hasPrefix(prefix) {
            let amount = compact.dropFirst(prefix.count)
            if Grid.isPlainDecimal(amount), let value = ExactDecimal(String(amount), exponent: false) {
                self = .totalAtMost(value)
                return
            }
        }
        throw DiagnosticError(
            Grid.location(argument: argument),
            "`--keep \(text)`: the target is `envelope` (no breach year) or `total<=AMOUNT` in yuan, "
                + "e.g. `total<=12500000000`")
    }

    /// `envelope`, or `total<=` and the amount as an exact decimal without trailing zeros.
    public var text: String {
        switch self {
        case .envelope: "envelope"
        case .totalAtMost(let amount): "total<=\(amount)"
        }
    }

    /// Whether the figures of a point meet the target.
    public func holds(_ figures: GridFigures) -> Bool {
        switch self {
        case .envelope:
            return figures.breachYear == nil
        case .totalAtMost(let amount):
            // total / 100 <= significand / 10^scale, on integers.
            var scaled = Int128(figures.total)
            for _ in 0..<amount.scale { scaled *= 10 }
            return scaled <= amount.significand * 100
        }
    }
}

/// The answer of `solve`: the grid value that keeps the target, and the next one that does not.
public struct SolveResult: Sendable {
    public let grid: Grid
    public let target: SolveTarget
    public let index: Int
    public let figures: GridFigures
    /// The value beyond the answer where the target fails; nil when the far end holds.
    public let next: (index: Int, figures: GridFigures)?
    /// With `--smallest`, the answer is the smallest value that keeps the target.
    public let smallest: Bool

    public var value: ExactDecimal { grid.value(index) }
}

/// `solve` (MODEL.md section 10): the bisection, defined even where the target is not
/// monotone. Index the grid k = 0..K; the safe end s is 0 (K with `--smallest`), the other e.
/// The target must hold at s; if it holds at e, e is the answer; otherwise lo = s, hi = e and,
/// while |hi - lo| > 1, m = floor((lo + hi) / 2) replaces lo where the target holds, else hi.
public enum Solve {
    public static func run(
        _ evaluator: GridEvaluator, target: SolveTarget, smallest: Bool, keepArgument: Int = 1
    ) throws(DiagnosticError) -> SolveResult {
        precondition(evaluator.grids.count == 1, "solve varies one parameter")
        let grid = evaluator.grids[0]
        if target == .envelope && evaluator.scenario.envelope == nil {
            throw DiagnosticError(
                Grid.location(argument: keepArgument),
                "`--keep envelope`: the scenario `\(evaluator.scenario.name)` has no envelope")
        }
        let last = grid.count - 1
        let (safe, other) = smallest ? (last, 0) : (0, last)
        let atSafe = try evaluator.figures(at: safe)
        guard target.holds(atSafe) else {
            let breach = atSafe.breachYear.map { "breached in \($0)" } ?? "no breach"
            throw DiagnosticError(
                Grid.location(argument: keepArgument),
                "`--keep \(target.text)` fails at \(grid.parameter)=\(grid.value(safe)), the safe end of the grid "
                    + "(total \(Self.yuan(atSafe.total)), \(breach)): no value of `--vary \(grid.text)` keeps it"
            )
        }
        let atOther = try evaluator.figures(at: other)
        if target.holds(atOther) {
            return SolveResult(
                grid: grid, target: target, index: other, figures: atOther, next: nil, smallest: smallest)
        }
        var low = safe
        var high = other
        var figures = (low: atSafe, high: atOther)
        while abs(high - low) > 1 {
            let middle = Int((Double(low + high) / 2).rounded(.down))
            let atMiddle = try evaluator.figures(at: middle)
            if target.holds(atMiddle) {
                low = middle
                figures.low = atMiddle
            } else {
                high = middle
                figures.high = atMiddle
            }
        }
        return SolveResult(
            grid: grid, target: target, index: low, figures: figures.low, next: (high, figures.high),
            smallest: smallest)
    }

    /// 12,345.67 for messages.
    static func yuan(_ cents: Int64) -> String {
        let negative = cents < 0
        let magnitude = negative ? -cents : cents
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        let fraction = magnitude % 100
        return (negative ? "-" : "") + whole + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
