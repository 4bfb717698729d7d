import BoundedYAML
import Foundation
import NWBJSON
import NWBSupport
import Yams

/// Reads dandiset metadata (the DANDI API's version metadata) from a JSON or YAML file, keeping key order.
public enum MetadataFile {
    /// Why a metadata file could not be used.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The bounds of a metadata file: 16 MiB, and one million values with YAML aliases expanded (the
    /// archive's largest version metadata are far smaller).
    public static let limits = BoundedYAML.Limits(maxBytes: 16 << 20, maxNodes: 1_000_000)

    /// The metadata in `path` (`.yaml`/`.yml` as YAML, anything else as JSON); must be an object.
    public static func load(_ path: String) throws(LoadError) -> OrderedJSON {
        let text: String
        do {
            try BoundedYAML.checkSize(ofFileAt: path, limit: limits.maxBytes)
        } catch {
            throw LoadError(path: path, message: "refused: \(error)")
        }
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LoadError(path: path, message: "cannot read: \((error as NSError).localizedDescription)")
        }
        do {
            return try parse(text, yaml: path.hasSuffix(".yaml") || path.hasSuffix(".yml"))
        } catch {
            throw LoadError(path: path, message: error.message)
        }
    }

    /// Metadata from JSON or YAML text; must be an object.
    public static func parse(_ text: String, yaml: Bool) throws(LoadError) -> OrderedJSON {
        let value: OrderedJSON
        do {
            try BoundedYAML.checkSize(of: text, limits: limits)
        } catch {
            throw LoadError(path: "", message: "refused: \(error)")
        }
        if yaml {
            do {
                guard let node = try Yams.compose(yaml: text) else {
                    throw LoadError(path: "", message: "the YAML document is empty")
                }
                try BoundedYAML.checkExpansion(of: node, limits: limits)
                value = convert(node)
            } catch let error as LoadError {
                throw error
            } catch let error as BoundedYAML.Refusal {
                throw LoadError(path: "", message: "refused: \(error)")
            } catch {
                throw LoadError(path: "", message: "not valid YAML: \(error)")
            }
        } else {
            do {
                value = try OrderedJSON.parse(text)
            } catch {
                throw LoadError(path: "", message: "not valid JSON: \(error)")
            }
        }
        guard case .object = value else { throw LoadError(path: "", message: "the metadata must be a JSON/YAML object") }
        return value
    }

    private static func convert(_ node: Node) -> OrderedJSON {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case Tag.Name.null: return .null
            case Tag.Name.bool: return .bool(Bool.construct(from: scalar) ?? false)
            case Tag.Name.int: return .number(String(Int.construct(from: scalar) ?? 0), isFloat: false)
            case Tag.Name.float: return .number(scalar.string, isFloat: true)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            return .object(mapping.map { (key: $0.key.string ?? "\($0.key)", value: convert($0.value)) })
        case .sequence(let sequence):
            return .array(sequence.map(convert))
        case .alias:
            return .null
        }
    }
}
