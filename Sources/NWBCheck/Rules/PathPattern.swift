import Foundation

/// A glob over HDF5 paths: `*`, `?` and `[…]` match within one path component, `**` matches any number
/// of components (`/processing/**/data`, `/acquisition/*Series`).
public struct PathPattern: Sendable, Equatable, CustomStringConvertible {
    public let description: String
    private let components: [String]

    public init(_ pattern: String) {
        description = pattern
        components = pattern.split(separator: "/").map(String.init)
    }

    /// True when the pattern names `path` (absolute).
    public func matches(_ path: String) -> Bool {
        Self.match(components[...], path.split(separator: "/").map(String.init)[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let component = path.first, fnmatch(first, component, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
