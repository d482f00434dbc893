import Crypto
import Foundation
import GroundworkCore

/// A large table written straight into its final buffer: blocks of rows whose byte counts are
/// worked out first, then written side by side on the cores at their offsets.
///
/// `CSVWriter` appends to a growing array, checking capacity and uniqueness on every byte it
/// appends; for `forecast.csv` (half a million rows and more) that is most of the cost. Here the
/// caller counts each block's bytes (`centsCount` tells an amount's), the buffer is allocated
/// once at its exact size, and each block writes its rows through a pointer (`Cursor`), so the
/// bytes are written once and never copied. The result does not depend on the thread count.
public enum CSVBlocks {
    /// A position in the buffer that a block writes from; it owns the bytes up to the next
    /// block's offset.
    public struct Cursor {
        public private(set) var pointer: UnsafeMutablePointer<UInt8>

        init(_ pointer: UnsafeMutablePointer<UInt8>) { self.pointer = pointer }

        /// Appends bytes already formatted (a row's repeated fields with their commas).
        @inline(__always)
        public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            pointer.update(from: bytes.baseAddress!, count: bytes.count)
            pointer += bytes.count
        }

        @inline(__always)
        public mutating func append(_ byte: UInt8) {
            pointer.pointee = byte
            pointer += 1
        }

        /// Appends `amount` cents as `CSVWriter.cents(_:)` writes it (`centsCount(amount)` bytes).
        @inline(__always)
        public mutating func cents(_ amount: Int64) {
            let count = CSVBlocks.centsCount(amount)
            var magnitude = amount.magnitude
            if amount < 0 { pointer.pointee = 0x2D }
            var at = pointer + count - 1
            // Written backwards: the two decimals, the point, then the yuan digits.
            at.pointee = 0x30 + UInt8(magnitude % 10)
            magnitude /= 10
            (at - 1).pointee = 0x30 + UInt8(magnitude % 10)
            magnitude /= 10
            (at - 2).pointee = 0x2E
            at -= 3
            repeat {
                at.pointee = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                at -= 1
            } while magnitude > 0
            pointer += count
        }

        /// Appends a whole number as `CSVWriter.integer(_:)` writes it (`integerCount(value)`
        /// bytes).
        @inline(__always)
        public mutating func integer(_ value: Int) {
            let count = CSVBlocks.integerCount(value)
            var magnitude = value.magnitude
            if value < 0 { pointer.pointee = 0x2D }
            var at = pointer + count - 1
            repeat {
                at.pointee = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                at -= 1
            } while magnitude > 0
            pointer += count
        }
    }

    /// The number of decimal digits of `value` (1 for 0).
    @inline(__always)
    public static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var rest = value
        while rest >= 10_000 {
            rest /= 10_000
            count += 4
        }
        if rest >= 10 { count += 1 }
        if rest >= 100 { count += 1 }
        if rest >= 1000 { count += 1 }
        return count
    }

    /// The bytes of `amount` cents as text: sign, yuan digits, point, two decimals.
    @inline(__always)
    public static func centsCount(_ amount: Int64) -> Int {
        (amount < 0 ? 1 : 0) + digitCount(amount.magnitude / 100) + 3
    }

    /// The bytes of a whole number as text.
    @inline(__always)
    public static func integerCount(_ value: Int) -> Int {
        (value < 0 ? 1 : 0) + digitCount(UInt64(value.magnitude))
    }

    /// A table of `header` followed by `counts.count` blocks of `counts[i]` bytes each, block
    /// `i` written by `write(i, cursor)` on one of `threads` threads.
    /// - Precondition: each `write` writes exactly its block's count.
    public static func table(
        header: [UInt8], counts: [Int], threads: Int,
        write: @escaping @Sendable (Int, inout Cursor) -> Void
    ) -> [UInt8] {
        var offsets = [Int](repeating: header.count, count: counts.count + 1)
        for (index, count) in counts.enumerated() { offsets[index + 1] = offsets[index] + count }
        let total = offsets[counts.count]
        let offsetsOfBlocks = offsets
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = SendablePointer(buffer.baseAddress!)
            header.withUnsafeBufferPointer { base.pointer.update(from: $0.baseAddress!, count: $0.count) }
            Parallel.forEach(counts.count, threads: threads) { index in
                var cursor = Cursor(base.pointer + offsetsOfBlocks[index])
                write(index, &cursor)
                precondition(
                    cursor.pointer == base.pointer + offsetsOfBlocks[index + 1],
                    "a block wrote other than its counted bytes")
            }
            initialized = total
        }
    }

    /// `table(header:counts:threads:write:)` with the SHA-256 of its bytes, computed while it
    /// is written: whichever thread finishes a block hashes every finished block that follows
    /// the hashed part, in order, so the hash costs no pass of its own after the last block.
    public static func hashedTable(
        header: [UInt8], counts: [Int], threads: Int,
        write: @escaping @Sendable (Int, inout Cursor) -> Void
    ) -> (bytes: [UInt8], sha256: String) {
        var ends = [Int](repeating: header.count, count: counts.count)
        var end = header.count
        for (index, count) in counts.enumerated() {
            end += count
            ends[index] = end
        }
        let blockEnds = ends
        let hashing = InOrderHash(blocks: counts.count)
        let bytes = table(header: header, counts: counts, threads: threads) { index, cursor in
            let start = cursor.pointer - (index == 0 ? header.count : 0)
            write(index, &cursor)
            hashing.finished(index, start: UnsafePointer(start), end: blockEnds[index])
        }
        // Empty tables (no blocks) and the unlikely: what no thread hashed yet.
        bytes.withUnsafeBufferPointer { hashing.finish($0) }
        return (bytes, hashing.hex)
    }

    /// The hash of a buffer's blocks in order, fed by the threads that write them.
    private final class InOrderHash: @unchecked Sendable {
        private let lock = NSLock()
        private var done: [Bool]
        private var starts: [UnsafePointer<UInt8>?]
        private var ends: [Int]
        private var next = 0
        private var busy = false
        private var hasher = SHA256()
        private var hashedBytes = 0
        var hex = ""

        init(blocks: Int) {
            done = [Bool](repeating: false, count: blocks)
            starts = [UnsafePointer<UInt8>?](repeating: nil, count: blocks)
            ends = [Int](repeating: 0, count: blocks)
        }

        /// Block `index`, from `start` to the table's byte `end`, is written.
        func finished(_ index: Int, start: UnsafePointer<UInt8>, end: Int) {
            lock.lock()
            done[index] = true
            starts[index] = start
            ends[index] = end
            guard !busy else {
                lock.unlock()
                return
            }
            busy = true
            while next < done.count, done[next] {
                let from = starts[next]!
                let count = ends[next] - hashedBytes
                next += 1
                lock.unlock()
                hasher.update(bufferPointer: UnsafeRawBufferPointer(start: from, count: count))
                lock.lock()
                hashedBytes += count
            }
            busy = false
            lock.unlock()
        }

        /// Hashes what is left of `buffer` (all of it when there were no blocks) and finalizes.
        func finish(_ buffer: UnsafeBufferPointer<UInt8>) {
            precondition(next == done.count, "a block was not hashed")
            if hashedBytes < buffer.count {
                hasher.update(
                    bufferPointer: UnsafeRawBufferPointer(
                        UnsafeBufferPointer(rebasing: buffer[hashedBytes...])))
            }
            hex = Manifest.hex(hasher.finalize())
        }
    }

    private struct SendablePointer: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<UInt8>
        init(_ pointer: UnsafeMutablePointer<UInt8>) { self.pointer = pointer }
    }
}
