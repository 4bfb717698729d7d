import Foundation
import NWBKit

/// JSON and JSON Lines output: sorted keys, so equal inputs give byte-identical text.
/// Written by `FastJSONEncoder` (Foundation's encoder took two thirds of a large run).
public enum JSONRendering {
    /// Pretty-printed JSON with sorted keys and a final newline.
    public static func pretty<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try prettyData(value), as: UTF8.self)
    }

    /// The bytes of `pretty(_:)`, without a copy through `String` (large documents).
    public static func prettyData<T: Encodable>(_ value: T) throws -> Data {
        var bytes = try FastJSONEncoder(prettyPrinted: true).encode(value)
        bytes.append(UInt8(ascii: "\n"))
        return Data(bytes)
    }

    /// One line of compact JSON with sorted keys (JSON Lines), with its newline.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try lineData(value), as: UTF8.self)
    }

    /// The bytes of `line(_:)`.
    public static func lineData<T: Encodable>(_ value: T) throws -> Data {
        var bytes = try FastJSONEncoder(prettyPrinted: false).encode(value)
        bytes.append(UInt8(ascii: "\n"))
        return Data(bytes)
    }
}
