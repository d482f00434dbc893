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

    /// How `base` was allocated, so that `deinit` frees it alike.
    @usableFromInline let memory: Memory

    @usableFromInline
    enum Memory {
        /// `UnsafeMutablePointer.allocate`.
        case allocated
        /// `calloc` (freed with `free`).
        case zeroed
        /// An anonymous mapping of `length` bytes from `start` (unmapped with `munmap`).
        case mapped(start: UnsafeMutableRawPointer, length: Int)
        /// Another's memory (`init(viewing:)`), neither deinitialised nor freed.
        case viewed
    }

    /// A view of memory that outlives the buffer (an array's, inside its
    /// `withUnsafeMutableBufferPointer`), for threads to write into at disjoint indices.
    @inlinable
    public init(viewing buffer: UnsafeMutableBufferPointer<Element>) {
        count = buffer.count
        base = buffer.baseAddress!
        memory = .viewed
    }

    @inlinable
    public init(repeating value: Element, count: Int) {
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Element>.stride
        // A trivial element whose bytes are all zero: the memory `calloc` and `mmap` hand out
        // is that already (fresh pages from the kernel are not written twice).
        let trivial = _isPOD(Element.self) && MemoryLayout<Element>.alignment <= 16
        let zero = trivial && withUnsafeBytes(of: value, { $0.allSatisfy { $0 == 0 } })
        if trivial, bytes >= sharedBufferMappedBytes, let (start, length, aligned) = sharedBufferMap(bytes) {
            base = aligned.bindMemory(to: Element.self, capacity: max(count, 1))
            memory = .mapped(start: start, length: length)
            if !zero { base.initialize(repeating: value, count: count) }
        } else if zero, let zeroed = calloc(max(count, 1), MemoryLayout<Element>.stride) {
            base = zeroed.bindMemory(to: Element.self, capacity: max(count, 1))
            memory = .zeroed
        } else {
            base = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
            base.initialize(repeating: value, count: count)
            memory = .allocated
        }
    }

    deinit {
        if case .viewed = memory { return }
        base.deinitialize(count: count)
        switch memory {
        case .allocated: base.deallocate()
        case .zeroed: free(base)
        case .mapped(let start, let length): munmap(start, length)
        case .viewed: break
        }
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

/// Buffers of at least this many bytes (4 MiB) are mapped on their own, in huge pages where the
/// kernel gives them: a Monte Carlo run's rates and totals of all draws are tens of MiB, and
/// touching them 4 KiB page by page costs a fault per page.
public let sharedBufferMappedBytes = 4 << 20

/// An anonymous mapping of at least `bytes` bytes, with a 2 MiB-aligned start inside it marked
/// for huge pages (`MADV_HUGEPAGE`); nil when the kernel refuses the mapping.
/// - Returns: the mapping's start and length (for `munmap`) and the aligned start.
public func sharedBufferMap(_ bytes: Int) -> (UnsafeMutableRawPointer, Int, UnsafeMutableRawPointer)? {
    let huge = 2 << 20
    let length = bytes + huge
    guard let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
        start != MAP_FAILED
    else { return nil }
    let aligned = UnsafeMutableRawPointer(
        bitPattern: (Int(bitPattern: start) + huge - 1) & ~(huge - 1))!
    // The whole mapping: the kernel uses huge pages for the aligned 2 MiB extents in it.
    _ = madvise(start, length, 14)  // MADV_HUGEPAGE
    return (start, length, aligned)
}
