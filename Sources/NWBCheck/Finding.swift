import NWBKit

/// How much a finding matters; the names and order are nwbinspector's.
public enum Importance: Int, Sendable, Codable, Comparable, CaseIterable, CustomStringConvertible {
    case bestPracticeSuggestion = 0
    case bestPracticeViolation = 1
    case critical = 2

    /// nwbinspector's name: `CRITICAL`, `BEST_PRACTICE_VIOLATION`, `BEST_PRACTICE_SUGGESTION`.
    public var description: String {
        switch self {
        case .critical: "CRITICAL"
        case .bestPracticeViolation: "BEST_PRACTICE_VIOLATION"
        case .bestPracticeSuggestion: "BEST_PRACTICE_SUGGESTION"
        }
    }

    /// Reads a name as written in reports and rules files (case-insensitive; `-` and `_` alike).
    public init?(name: String) {
        let key = name.uppercased().replacingOccurrences(of: "-", with: "_")
        guard let level = Importance.allCases.first(where: { $0.description == key }) else { return nil }
        self = level
    }

    public static func < (left: Importance, right: Importance) -> Bool { left.rawValue < right.rawValue }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let level = Importance(name: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown importance \(name)")
        }
        self = level
    }
}

/// One thing a check found in one file.
public struct Finding: Sendable, Codable, Equatable {
    /// The check's stable id: nwbinspector's function name for the checks both tools share
    /// (`check_subject_sex`), `nwbkit_…` for NWBKit's own, `rule:<id>` for a rules file's.
    public var check: String
    public var importance: Importance
    public var message: String
    /// The file as given or found.
    public var file: String
    /// The object's path in the file (`/` for the file itself).
    public var location: String
    /// The object's neurodata type (`NWBFile` for the file itself), when it has one.
    public var objectType: String?
    /// The object's name (last path component; `root` for the file itself).
    public var objectName: String

    public init(
        check: String, importance: Importance, message: String, file: String, location: String, objectType: String?
    ) {
        self.check = check
        self.importance = importance
        self.message = message
        self.file = file
        self.location = location
        self.objectType = objectType
        self.objectName = location == "/" ? "root" : String(location.split(separator: "/").last ?? "")
    }

    /// Report order: most important first, then file, location, check and message.
    public static func reportOrder(_ left: Finding, _ right: Finding) -> Bool {
        if left.importance != right.importance { return left.importance > right.importance }
        if left.file != right.file { return left.file.utf8.lexicographicallyPrecedes(right.file.utf8) }
        if left.location != right.location { return left.location.utf8.lexicographicallyPrecedes(right.location.utf8) }
        if left.check != right.check { return left.check < right.check }
        return left.message.utf8.lexicographicallyPrecedes(right.message.utf8)
    }
}

/// A check that could not look at everything it needed in one object (its data allowance was spent, or the
/// values could not be read): not a finding about the file, but said, so that a pass is never silent.
public struct CheckNote: Sendable, Codable, Equatable {
    public var check: String
    public var file: String
    public var location: String
    /// Why, in words a user can act on.
    public var reason: String

    public init(check: String, file: String, location: String, reason: String) {
        self.check = check
        self.file = file
        self.location = location
        self.reason = reason
    }

    /// Report order: file, location, check.
    public static func reportOrder(_ left: CheckNote, _ right: CheckNote) -> Bool {
        if left.file != right.file { return left.file.utf8.lexicographicallyPrecedes(right.file.utf8) }
        if left.location != right.location { return left.location.utf8.lexicographicallyPrecedes(right.location.utf8) }
        return left.check < right.check
    }
}
