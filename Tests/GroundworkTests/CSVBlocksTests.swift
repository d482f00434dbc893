import Testing

@testable import GroundworkIO

@Suite("CSV blocks")
struct CSVBlocksTests {
    static let amounts: [Int64] = [
        0, 1, -1, 99, -99, 100, -100, 123_45, -12_345, 999_999, 1_000_000, 10_000_000_000_00,
        Int64.max, Int64.min, Int64.min + 1,
    ]

    @Test("cents and integers are written as CSVWriter writes them, in the bytes counted")
    func numbersAsCSVWriter() {
        for amount in Self.amounts {
            var writer = CSVWriter()
            writer.cents(amount)
            #expect(CSVBlocks.centsCount(amount) == writer.bytes.count)
            let table = CSVBlocks.table(header: [], counts: [writer.bytes.count], threads: 1) { _, cursor in
                cursor.cents(amount)
            }
            #expect(table == writer.bytes)
        }
        for value in [0, 7, -7, 10, 2043, -1_000_000, Int.max, Int.min + 1] {
            var writer = CSVWriter()
            writer.integer(value)
            #expect(CSVBlocks.integerCount(value) == writer.bytes.count)
            let table = CSVBlocks.table(header: [], counts: [writer.bytes.count], threads: 1) { _, cursor in
                cursor.integer(value)
            }
            #expect(table == writer.bytes)
        }
        #expect(CSVBlocks.digitCount(9_999) == 4)
        #expect(CSVBlocks.digitCount(10_000) == 5)
        #expect(CSVBlocks.digitCount(UInt64.max) == 20)
    }

    /// Block `index` holds `index + 1` rows `index,row\n` (block 5 none).
    static func rows(_ index: Int) -> [UInt8] {
        index == 5 ? [] : (0...index).flatMap { Array("\($0 * 1000 + index),\($0)\n".utf8) }
    }

    @Test(
        "blocks land at their offsets after the header, and the hash is the bytes' SHA-256",
        arguments: [1, 2, 3])
    func blocksAndHash(threads: Int) {
        let header = Array("a,b\n".utf8)
        let counts = (0..<40).map { Self.rows($0).count }
        let expected = header + (0..<40).flatMap(Self.rows)
        let write: @Sendable (Int, inout CSVBlocks.Cursor) -> Void = { index, cursor in
            Self.rows(index).withUnsafeBufferPointer { cursor.append($0) }
        }
        #expect(CSVBlocks.table(header: header, counts: counts, threads: threads, write: write) == expected)
        let (bytes, sha256) = CSVBlocks.hashedTable(
            header: header, counts: counts, threads: threads, write: write)
        #expect(bytes == expected)
        #expect(sha256 == Manifest.sha256(expected))
        // No block: the header alone.
        let empty = CSVBlocks.hashedTable(header: header, counts: [], threads: threads, write: write)
        #expect(empty.bytes == header)
        #expect(empty.sha256 == "5be08c9684a1d25efcee09318204824278b08bbfb4aef973ffefd0b9d7478313")
    }
}
