import Foundation
import GroundworkCore

/// A progress bar on stderr for long runs (Monte Carlo, sweeps): units done, rate and time left.
///
/// Drawn only when stderr is a terminal, so logs and pipes get nothing.
public final class ProgressBar: @unchecked Sendable {
    private let start = Date()
    private var lastDrawn = Date.distantPast
    private let lock = NSLock()
    private var finished = false

    public init() {}

    /// Whether stderr is a terminal: callers make a bar only then.
    public static var isTerminal: Bool { System.standardErrorIsTerminal }

    public func update(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done >= total || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        let elapsed = now.timeIntervalSince(start)
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = String(
            format: "\r[%@] %3.0f%%  %d/%d  %.0f/s  %.1fs left ", bar, fraction * 100, done, total, rate, left
        )
        System.writeToStandardError(line)
        if done >= total && !finished {
            finished = true
            System.writeToStandardError("\r\u{1B}[K")
        }
    }
}
