import Foundation
import NWBKit

/// JSON and JSON Lines output: sorted keys, so equal inputs give byte-identical text.
public enum JSONRendering {
    /// Pretty-printed JSON with sorted keys and a final newline.
    public static func pretty<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// One line of compact JSON with sorted keys (JSON Lines), with its newline.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
