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

/// What a check reads of a file beyond its summary.
public enum DataUse: Sendable, Equatable {
    /// Nothing: the summary is all it needs.
    case none
    /// Small values (a string column), whether or not the run reads data.
    case smallValues(String)
    /// Data values, and only when the run reads data (`--data-checks`, the default of `nwbkit check`).
    case values(String)
    /// Data values when the run reads data; without, it checks what the summary tells.
    case valuesWhenAllowed(String)

    /// What is read, in words (`nil` for none).
    public var reads: String? {
        switch self {
        case .none: nil
        case .smallValues(let text), .values(let text), .valuesWhenAllowed(let text): text
        }
    }
}

/// What a data check made of one object: a finding, or a note that it could not look at all it needed.
enum CheckOutcome: Sendable {
    case hit(CheckHit)
    case note(CheckHit)

    /// The outcome of `body` on one object: its message as a finding, nothing, or the read problem as a note.
    static func of(
        _ object: ObjectEntry, at location: String? = nil, _ body: () throws(DataReadProblem) -> String?
    ) -> CheckOutcome? {
        do throws(DataReadProblem) {
            return try body().map { .hit(CheckHit(location ?? object.path, object.neurodataType, $0)) }
        } catch {
            return .note(CheckHit(location ?? object.path, object.neurodataType, error.description))
        }
    }
}

/// A built-in best-practice check: a stable id, nwbinspector's importance, and a function of the summary
/// (and, for a data check, of bounded reads of the file's values).
public struct BestPracticeCheck: Sendable {
    /// nwbinspector's check name where both tools have the check, else `nwbkit_…`.
    public let id: String
    public let importance: Importance
    /// What it flags, in one line (for `nwbkit list-checks` and Documentation/Checks.md).
    public let flags: String
    /// What it looks at: a neurodata type (extensions included), "typed objects", "links", or "file".
    public private(set) var appliesTo: String
    /// What the check reads of the file's values beyond the summary, and when.
    public let dataUse: DataUse
    let run: @Sendable (SummaryIndex, CheckDataReader?) -> [CheckOutcome]

    /// A check of the summary only.
    init(
        _ id: String, _ importance: Importance, _ flags: String, appliesTo: String = "file",
        run: @escaping @Sendable (SummaryIndex) -> [CheckHit]
    ) {
        self.id = id
        self.importance = importance
        self.flags = flags
        self.appliesTo = appliesTo
        self.dataUse = .none
        self.run = { file, _ in run(file).map { .hit($0) } }
    }

    /// A data check: it runs only when the run reads data (`CheckOptions.dataChecks`).
    init(
        _ id: String, _ importance: Importance, _ flags: String, appliesTo: String, reads: String,
        run: @escaping @Sendable (SummaryIndex, CheckDataReader) -> [CheckOutcome]
    ) {
        self.id = id
        self.importance = importance
        self.flags = flags
        self.appliesTo = appliesTo
        self.dataUse = .values(reads)
        self.run = { file, data in data.map { run(file, $0) } ?? [] }
    }

    /// A check that always runs and reads values as `use` says (`.smallValues`: always; `.valuesWhenAllowed`:
    /// the body gets no reader when the run reads no data, and checks what the summary tells).
    init(
        _ id: String, _ importance: Importance, _ flags: String, appliesTo: String, use: DataUse,
        run: @escaping @Sendable (SummaryIndex, CheckDataReader?) -> [CheckOutcome]
    ) {
        self.id = id
        self.importance = importance
        self.flags = flags
        self.appliesTo = appliesTo
        self.dataUse = use
        self.run = run
    }

    /// True when the check may read data values.
    public var readsData: Bool { dataUse != .none }

    /// This check, said to look at `type` (for a family of checks registered without one).
    func applying(to type: String) -> BestPracticeCheck {
        var check = self
        if check.appliesTo == "file" { check.appliesTo = type }
        return check
    }

    /// True when nwbinspector has a check of this name (so findings can be compared with its output).
    public var isSharedWithNWBInspector: Bool { id.hasPrefix("check_") }

    /// The findings of this check in `file` (a data check finds nothing without `data`).
    public func findings(in file: SummaryIndex, data: CheckDataReader? = nil) -> [Finding] {
        outcomes(in: file, data: data).findings
    }

    /// The findings of this check in `file`, and the notes of what it could not read.
    public func outcomes(in file: SummaryIndex, data: CheckDataReader?) -> (findings: [Finding], notes: [CheckNote]) {
        var findings: [Finding] = []
        var notes: [CheckNote] = []
        for outcome in run(file, data) {
            switch outcome {
            case .hit(let hit):
                findings.append(
                    Finding(
                        check: id, importance: importance, message: hit.message, file: file.summary.path,
                        location: hit.location, objectType: hit.objectType))
            case .note(let hit):
                notes.append(CheckNote(check: id, file: file.summary.path, location: hit.location, reason: hit.message))
            }
        }
        return (findings, notes)
    }
}

/// Every built-in check, in a stable order.
public enum BestPracticeChecks {
    public static let all: [BestPracticeCheck] =
        SchemaChecks.all + FileMetadataChecks.all + SubjectChecks.all + ObjectChecks.all + EmptyTextChecks.all + TimeSeriesChecks.all
        + TimestampChecks.all + TableChecks.all + TableDataChecks.all + SpikeTimeChecks.all + DomainChecks.all
        + BehaviorChecks.all + ImageChecks.all + LocationChecks.all + StorageChecks.all

    /// The check with this id.
    public static func check(_ id: String) -> BestPracticeCheck? { all.first { $0.id == id } }
}
