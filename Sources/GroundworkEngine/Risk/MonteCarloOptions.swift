import Foundation
import GroundworkCore
import GroundworkIO

/// How a Monte Carlo run is carried out. None of these change the output bytes.
public struct MonteCarloOptions: Sendable {
    /// Threads for the Swift-side parallel work; OpenBLAS itself is pinned to one thread.
    public var threads = Parallel.processorCount
    /// Draws whose rates are computed as one piece of work.
    public var drawBlock = 256
    /// Counties per BLAS product where every draw of a cell is computed.
    public var countyBlock = 128
    /// Called with (units done, units in all) as the run progresses.
    public var progress: (@Sendable (Int, Int) -> Void)? = nil

    public init() {}
}

/// Counts finished work across threads and reports it.
final class ProgressCounter: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private let lock = NSLock()
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func add(_ count: Int) {
        guard let report else { return }
        lock.lock()
        done += count
        let now = done
        lock.unlock()
        report(now, total)
    }
}
