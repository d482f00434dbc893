import Foundation

/// Runs independent pieces of work on a fixed number of threads.
///
/// Each index is handed out once and its result must go to a place of its own, so the
/// outcome does not depend on the thread count or the order the pieces finish in.
public enum Parallel {
    /// The number of cores, the default for `--threads`.
    public static var processorCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    public static func forEach(_ count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for index in 0..<count { body(index) }
            return
        }
        let next = Counter()
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                while true {
                    let index = next.take()
                    if index >= count { break }
                    body(index)
                }
                group.leave()
            }
        }
        group.wait()
    }

    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()

        func take() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value - 1
        }
    }
}

/// A buffer that threads write into at disjoint indices.
///
/// Backed by raw memory rather than an array, so that writes from several threads do not go
/// through the array's exclusivity checks. Safe as long as no two threads write the same index
/// and nobody reads until every writer is done (`Parallel.forEach` returns only then).
///
/// Inlinable, so that other modules specialise it for their element type: the Monte Carlo
/// paths fill and read millions of elements.
public final class SharedBuffer<Element>: @unchecked Sendable {
    public let count: Int
    @usableFromInline let base: UnsafeMutablePointer<Element>

    /// Whether `base` came from `calloc` (freed with `free`).
    @usableFromInline let zeroed: Bool

    @inlinable
    public init(repeating value: Element, count: Int) {
        self.count = count
        // A trivial element whose bytes are all zero: the memory `calloc` hands out is that
        // already (fresh pages from the kernel are not written twice). `calloc` aligns to 16.
        if _isPOD(Element.self), MemoryLayout<Element>.alignment <= 16,
            withUnsafeBytes(of: value, { $0.allSatisfy { $0 == 0 } }),
            let memory = calloc(max(count, 1), MemoryLayout<Element>.stride)
        {
            base = memory.bindMemory(to: Element.self, capacity: max(count, 1))
            zeroed = true
        } else {
            base = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
            base.initialize(repeating: value, count: count)
            zeroed = false
        }
    }

    deinit {
        base.deinitialize(count: count)
        if zeroed { free(base) } else { base.deallocate() }
    }

    @inlinable
    public subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }

    /// A view of `range`, for a writer that owns it.
    @inlinable
    public func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "slice out of bounds")
        return UnsafeMutableBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    @inlinable
    public var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
