import NWBKit

/// What one check reports about one object.
public struct CheckHit: Sendable {
    public var location: String
    public var objectType: String?
    public var message: String

    public init(_ location: String, _ objectType: String?, _ message: String) {
        self.location = location
        self.objectType = objectType
        self.message = message
    }
}

/// A built-in best-practice check: a stable id, nwbinspector's importance, and a function of the summary only.
public struct BestPracticeCheck: Sendable {
    /// nwbinspector's check name where both tools have the check, else `nwbkit_…`.
    public let id: String
    public let importance: Importance
    /// What it flags, in one line (for `nwbkit list-checks` and Documentation/Checks.md).
    public let flags: String
    /// What it looks at: a neurodata type (extensions included), "typed objects", "links", or "file".
    public private(set) var appliesTo: String
    let run: @Sendable (SummaryIndex) -> [CheckHit]

    init(
        _ id: String, _ importance: Importance, _ flags: String, appliesTo: String = "file",
        run: @escaping @Sendable (SummaryIndex) -> [CheckHit]
    ) {
        self.id = id
        self.importance = importance
        self.flags = flags
        self.appliesTo = appliesTo
        self.run = run
    }

    /// This check, said to look at `type` (for a family of checks registered without one).
    func applying(to type: String) -> BestPracticeCheck {
        var check = self
        if check.appliesTo == "file" { check.appliesTo = type }
        return check
    }

    /// True when nwbinspector has a check of this name (so findings can be compared with its output).
    public var isSharedWithNWBInspector: Bool { id.hasPrefix("check_") }

    /// The findings of this check in `file`.
    public func findings(in file: SummaryIndex) -> [Finding] {
        run(file).map {
            Finding(
                check: id, importance: importance, message: $0.message, file: file.summary.path, location: $0.location,
                objectType: $0.objectType)
        }
    }
}

/// Every built-in check, in a stable order.
public enum BestPracticeChecks {
    public static let all: [BestPracticeCheck] =
        FileMetadataChecks.all + SubjectChecks.all + ObjectChecks.all + TimeSeriesChecks.all + TableChecks.all
        + DomainChecks.all + StorageChecks.all

    /// The check with this id.
    public static func check(_ id: String) -> BestPracticeCheck? { all.first { $0.id == id } }
}
