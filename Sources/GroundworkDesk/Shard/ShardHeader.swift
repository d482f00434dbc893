import Foundation
import GroundworkCore
import GroundworkEngine
import GroundworkIO

/// `shard.json`: what a shard directory holds and what run it belongs to (`run --shard I/N`,
/// `sweep --shard I/N`), so that `merge` can check that shards are the complete set of one run
/// of the same inputs before it adds them up.
///
/// A shard directory holds, besides this header:
/// - `shard_rows.csv`: the shard's rows of the per-county tables (forecast.csv, variance.csv,
///   forecast_quantiles.csv for a run; sweep.csv for a sweep), without their headers, table
///   by table and scenario by scenario; `tables` gives each piece's byte range;
/// - `shard_totals.bin` (runs only): per scenario in order, little-endian 64-bit integers of
///   cents: the item totals (years x 6), the levels' totals (4 levels x years x 6), with
///   actuals the planned item totals of the closed years (closed x 6), and with uncertainty
///   each draw's column totals and envelope-counted cents (years x 6 x draws each, column
///   major) and envelope amounts (draws). `totals` gives each scenario's range, in integers.
/// Every file is listed with its size and SHA-256: a shard whose task was killed while
/// writing, or a file changed since, does not match.
public struct ShardHeader: Codable, Sendable, Equatable {
    public static let fileName = "shard.json"
    public static let rowsFile = "shard_rows.csv"
    public static let totalsFile = "shard_totals.bin"
    public static let format = "groundwork-shard 1"

    public var format: String = ShardHeader.format
    public var engine: String = Engine.version
    public var model: String = Engine.modelVersion
    /// `run` or `sweep`.
    public var kind: String
    /// 0-based.
    public var shard: Int
    public var shards: Int
    /// The scenario files as the command named them, in order.
    public var scenarios: [String]
    /// Every input with its SHA-256 (as manifest.json lists them).
    public var inputs: [Input]
    /// Per scenario: its county block and where its pieces are.
    public var parts: [Part]
    /// A sweep's grids as written and the combinations this shard ran.
    public var grids: [String]?
    public var combinations: [Int]?
    public var files: [File]

    public struct Input: Codable, Sendable, Equatable {
        public var role: String
        public var path: String
        public var sha256: String
    }

    public struct Part: Codable, Sendable, Equatable {
        public var scenario: String
        /// The county block `[lower, upper)` of the portfolio's counties, and their number.
        public var counties: [Int]
        public var portfolioCounties: Int
        /// Table name -> `[offset, length]` in `shard_rows.csv`.
        public var tables: [String: [Int]]
        /// `[offset, count]` of 64-bit integers in `shard_totals.bin`.
        public var totals: [Int]
        public var draws: Int
    }

    public struct File: Codable, Sendable, Equatable {
        public var name: String
        public var bytes: Int
        public var sha256: String
    }

    public var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data()) + [0x0A]
    }
}

/// Little-endian 64-bit integers, the body of `shard_totals.bin`.
enum Int64Bytes {
    static func encode(_ values: [Int64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values {
            var word = UInt64(bitPattern: value).littleEndian
            withUnsafeBytes(of: &word) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> [Int64] {
        var values: [Int64] = []
        values.reserveCapacity(bytes.count / 8)
        var index = bytes.startIndex
        while index + 8 <= bytes.endIndex {
            var word: UInt64 = 0
            for offset in 0..<8 { word |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
            values.append(Int64(bitPattern: word))
            index += 8
        }
        return values
    }
}
