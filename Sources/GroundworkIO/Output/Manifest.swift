import GroundworkCore
import Crypto
import Foundation

/// `manifest.json`: what produced a run's figures, so that any figure can be traced.
///
/// Holds the engine version, each input file (scenarios, the parents they extend, portfolios)
/// with its SHA-256, the command line, and each output file with its SHA-256. No timestamp:
/// a rerun of the same inputs gives identical bytes.
public enum Manifest {
    public static let fileName = "manifest.json"

    public struct Input: Sendable, Equatable {
        public var role: String
        public var path: String
        public var sha256: String

        public init(role: String, path: String, sha256: String) {
            self.role = role
            self.path = path
            self.sha256 = sha256
        }
    }

    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// A digest in lower-case hexadecimal.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    public static func json(
        commandLine: [String], inputs: [Input], outputs: [(name: String, size: Int, sha256: String)]
    ) -> [UInt8] {
        var lines: [String] = []
        lines.append("{")
        lines.append("  \"engine\": \(quoted("groundwork")),")
        lines.append("  \"version\": \(quoted(Engine.version)),")
        lines.append("  \"model\": \(quoted(Engine.modelVersion)),")
        lines.append("  \"command\": [\(commandLine.map(quoted).joined(separator: ", "))],")
        lines.append("  \"inputs\": [")
        lines.append(
            inputs.map {
                "    {\"role\": \(quoted($0.role)), \"path\": \(quoted($0.path)), \"sha256\": \(quoted($0.sha256))}"
            }.joined(separator: ",\n"))
        lines.append("  ],")
        lines.append("  \"outputs\": [")
        lines.append(
            outputs.map {
                "    {\"path\": \(quoted($0.name)), \"bytes\": \($0.size), \"sha256\": \(quoted($0.sha256))}"
            }.joined(separator: ",\n"))
        lines.append("  ]")
        lines.append("}")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
