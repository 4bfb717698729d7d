import Foundation
import Yams

/// YAML read within bounds, for files a user hands NWBKit (dandiset metadata, lab rules).
///
/// A YAML alias repeats a node without repeating its text, so a few hundred bytes of nested anchors can
/// stand for billions of values ("billion laughs"). Composing keeps an alias as a shared node (cheap);
/// what would explode is walking it. So a composed document is measured first: its size with every alias
/// expanded is counted, stopping as soon as the count passes `maxNodes`. The file's size is capped before
/// it is read; nesting depth is capped by libyaml itself (1,000 levels).
public enum BoundedYAML {
    /// The bounds of one file.
    public struct Limits: Sendable, Equatable {
        /// The largest file read, in bytes.
        public var maxBytes: Int
        /// The most nodes (scalars, sequences, mappings, keys included) the document may stand for with
        /// every alias expanded.
        public var maxNodes: Int

        public init(maxBytes: Int, maxNodes: Int) {
            self.maxBytes = maxBytes
            self.maxNodes = maxNodes
        }
    }

    /// Why a file was refused before its content was used.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case tooLarge(bytes: Int, limit: Int)
        case expandsTooFar(limit: Int)

        public var description: String {
            switch self {
            case .tooLarge(let bytes, let limit): return "\(bytes) bytes, more than the \(limit) accepted"
            case .expandsTooFar(let limit):
                return "the document stands for more than \(limit) values once its aliases are expanded (refused: an alias bomb?)"
            }
        }
    }

    /// Refuses the regular file at `path` when it is larger than `limit` bytes (one that cannot be seen is
    /// left to the reader, which says why).
    public static func checkSize(ofFileAt path: String, limit: Int) throws(Refusal) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.intValue,
            (attributes[.type] as? FileAttributeType) == .typeRegular
        else { return }
        if size > limit { throw .tooLarge(bytes: size, limit: limit) }
    }

    /// Refuses `text` over `limits.maxBytes`.
    public static func checkSize(of text: String, limits: Limits) throws(Refusal) {
        let bytes = text.utf8.count
        if bytes > limits.maxBytes { throw .tooLarge(bytes: bytes, limit: limits.maxBytes) }
    }

    /// Refuses a composed document that stands for more than `limits.maxNodes` nodes.
    public static func checkExpansion(of node: Node, limits: Limits) throws(Refusal) {
        var budget = limits.maxNodes
        guard count(node, budget: &budget) else { throw .expandsTooFar(limit: limits.maxNodes) }
    }

    /// Counts `node` and what it holds against `budget`; false as soon as the budget runs out.
    private static func count(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .scalar, .alias:
            return true
        case .sequence(let sequence):
            for child in sequence where !count(child, budget: &budget) { return false }
            return true
        case .mapping(let mapping):
            for pair in mapping {
                guard count(pair.key, budget: &budget), count(pair.value, budget: &budget) else { return false }
            }
            return true
        }
    }
}
