import Foundation

/// A glob over HDF5 paths: `*`, `?` and `[…]` match within one path component, `**` matches any number
/// of components (`/processing/**/data`, `/acquisition/*Series`).
public struct PathPattern: Sendable, Equatable, CustomStringConvertible {
    public let description: String
    private let components: [String]

    public init(_ pattern: String) {
        description = pattern
        // `**/**` means what `**` means: runs of it are one (a rules file of 120 `/**` stays one step).
        var components: [String] = []
        for component in pattern.split(separator: "/").map(String.init)
        where !(component == "**" && components.last == "**") {
            components.append(component)
        }
        self.components = components
    }

    /// True when the pattern names `path` (absolute). In time proportional to the pattern's components
    /// times the path's (which prefixes of the path each prefix of the pattern can match, one pattern
    /// component at a time), whatever the pattern: no backtracking.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        // reachable[j]: the pattern's components so far can match the path's first j components.
        var reachable = [Bool](repeating: false, count: parts.count + 1)
        reachable[0] = true
        for component in components {
            var next = [Bool](repeating: false, count: parts.count + 1)
            if component == "**" {
                var any = false
                for index in 0...parts.count {
                    any = any || reachable[index]
                    next[index] = any
                }
            } else {
                for index in 0..<parts.count where reachable[index] {
                    next[index + 1] = fnmatch(component, parts[index], 0) == 0
                }
            }
            reachable = next
            if !reachable.contains(true) { return false }
        }
        return reachable[parts.count]
    }
}
