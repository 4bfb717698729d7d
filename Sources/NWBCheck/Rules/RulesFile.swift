import BoundedYAML
import Foundation
import Yams

/// A lab's structural rules for its NWB files, read from YAML (schema: `Documentation/rules.schema.json`).
public struct RulesFile: Sendable, Equatable {
    /// Where the rules came from (for messages).
    public var source: String
    public var rules: [Rule]

    public init(source: String, rules: [Rule]) {
        self.source = source
        self.rules = rules
    }

    /// The bounds of a rules file: 1 MiB, and 100,000 values with YAML aliases expanded (a lab's rules
    /// are a few hundred lines).
    public static let limits = BoundedYAML.Limits(maxBytes: 1 << 20, maxNodes: 100_000)

    /// The rules in the YAML file at `path`.
    public static func load(_ path: String) throws(RulesError) -> RulesFile {
        let text: String
        do {
            try BoundedYAML.checkSize(ofFileAt: path, limit: limits.maxBytes)
        } catch {
            throw RulesError(source: path, line: nil, column: nil, message: "refused: \(error)")
        }
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RulesError(
                source: path, line: nil, column: nil, message: "cannot read: \((error as NSError).localizedDescription)")
        }
        return try parse(text, source: path)
    }

    /// The rules in YAML `text`.
    public static func parse(_ text: String, source: String = "rules") throws(RulesError) -> RulesFile {
        let node: Node?
        do {
            try BoundedYAML.checkSize(of: text, limits: limits)
            node = try Yams.compose(yaml: text)
            if let node { try BoundedYAML.checkExpansion(of: node, limits: limits) }
        } catch let error as BoundedYAML.Refusal {
            throw RulesError(source: source, line: nil, column: nil, message: "refused: \(error)")
        } catch let error as YamlError {
            throw RulesError(yaml: error, source: source)
        } catch {
            throw RulesError(source: source, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
        guard let node else { throw RulesError(source: source, line: 1, column: 1, message: "the rules file is empty") }
        return try RulesReader(source: source).file(node)
    }
}

/// One rule: what it requires, how much a failure matters, what to say.
public struct Rule: Sendable, Equatable {
    public var id: String
    public var severity: Importance
    /// The lab's own message; replaces the generated one when given.
    public var message: String?
    public var requirement: Requirement
}

/// What a rule requires.
public enum Requirement: Sendable, Equatable {
    /// At least one object whose path matches.
    case path(PathPattern)
    /// No object whose path matches.
    case forbiddenPath(PathPattern)
    /// Between `min` and `max` objects of a neurodata type (extensions count).
    case type(String, min: Int, max: Int?)
    /// No object of a neurodata type.
    case forbiddenType(String)
    /// Every dataset the selector picks meets the constraints (and at least one exists when `required`).
    case dataset(DatasetSelector, DatasetConstraints)
    /// NWBFile fields (`/` and `/general`) that must be present and not empty.
    case fileFields([String])
    /// Subject fields that must be present and not empty.
    case subjectFields([String])
}

/// Which datasets a dataset rule applies to.
public enum DatasetSelector: Sendable, Equatable {
    /// Datasets whose path matches the pattern.
    case path(PathPattern)
    /// The member `name` of every object of `type` (or an extension of it).
    case member(type: String, name: String)
}

/// What a selected dataset must be.
public struct DatasetConstraints: Sendable, Equatable {
    /// A kind (`int`, `uint`, `integer`, `float`, `number`, `string`, `bool`, `compound`)
    /// or an exact numpy dtype (`<f4`).
    public var dtype: String?
    public var rank: Int?
    /// Field names a compound dtype must have.
    public var fields: [String]?
    /// `shape[axis]` must equal `shape[otherAxis]` of another dataset (a member name of the same group, or a path).
    public var dimension: DimensionLink?
    /// Fail when the selector matches no dataset.
    public var required = false
}

public struct DimensionLink: Sendable, Equatable {
    public var axis: Int
    public var other: String
    public var otherAxis: Int
}

/// A rules file that cannot be used, with where in it.
public struct RulesError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public var description: String {
        if let line, let column { return "\(source):\(line):\(column): \(message)" }
        return "\(source): \(message)"
    }

    init(source: String, line: Int?, column: Int?, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    init(yaml error: YamlError, source: String) {
        self.source = source
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            line = mark.line
            column = mark.column
            message = "not valid YAML: \(problem)"
        default:
            line = nil
            column = nil
            message = "not valid YAML: \(error)"
        }
    }

    init(_ node: Node, source: String, _ message: String) {
        self.init(source: source, line: node.mark?.line, column: node.mark?.column, message: message)
    }
}
