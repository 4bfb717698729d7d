import HDF5
import NWBKit
import RemoteReading

/// Which checks run and how findings are weighed.
public struct CheckOptions: Sendable {
    /// The built-in checks to run (all by default).
    public var checks: [BestPracticeCheck] = BestPracticeChecks.all
    /// A lab's rules, run after the built-in checks.
    public var rules: RulesFile?
    /// Importance given to a check instead of its own (by check id), e.g. nwbinspector's DANDI configuration.
    public var importanceOverrides: [String: Importance] = [:]
    /// Check the identifier is unique across the files of the run.
    public var checkUniqueIdentifiers = true
    /// Run the data checks (they read bounded slices of the file's values); off, only the summary is looked at.
    public var dataChecks = true
    /// The bytes of values the data checks may read per file.
    public var dataAllowance = CheckDataReader.defaultAllowance
    /// How the data checks fetch a remote file's values.
    public var remote = RemoteOptions()

    public init() {}

    /// Validates against the namespaces of `--schema DIR` where a file carries none (or lacks one).
    public mutating func useSchema(_ documents: [String: [String: [String: String]]]) {
        checks = checks.map { $0.id == SchemaChecks.id ? SchemaChecks.check(fallback: documents) : $0 }
    }

    /// The schema check's id (`--no-validate` leaves it out).
    public static let schemaCheckID = SchemaChecks.id

    /// Keeps only the checks named in `select` (when given) and drops those in `ignore`.
    public mutating func filter(select: [String], ignore: [String]) {
        if !select.isEmpty { checks = checks.filter { select.contains($0.id) } }
        checks = checks.filter { !ignore.contains($0.id) }
        checkUniqueIdentifiers =
            (select.isEmpty || select.contains(CheckRun.uniqueIdentifiersID)) && !ignore.contains(CheckRun.uniqueIdentifiersID)
    }

    /// nwbinspector's `--config dandi`: the subject checks DANDI requires become CRITICAL, data orientation a violation.
    public static let dandiImportance: [String: Importance] = [
        "check_subject_exists": .critical, "check_subject_id_exists": .critical, "check_subject_id_no_slashes": .critical,
        "check_subject_sex": .critical, "check_subject_species_exists": .critical, "check_subject_species_form": .critical,
        "check_subject_age": .critical, "check_subject_proper_age_range": .critical,
        "check_session_id_no_slashes": .critical, "check_data_orientation": .bestPracticeViolation,
    ]
}

/// What the checks find in one file (before the run weighs them), and the file's identifier (the run
/// checks identifiers are unique across files): what a worker sends instead of the whole summary.
public struct FileCheck: Sendable, Codable, Equatable {
    public var findings: [Finding]
    /// What the data checks could not look at.
    public var notes: [CheckNote]
    public var identifier: String?
    /// Bytes of values the data checks read.
    public var dataBytesRead: Int

    /// The checks that apply to any HDF5 layout, NWB 1.x included.
    static let structuralCheckIDs: Set<String> = [
        "nwbkit_dangling_soft_links", "nwbkit_external_links", "nwbkit_incomplete_read", "nwbkit_unreadable_objects",
    ]

    /// `NWB-1.0.5`, `1.0.6`: an NWB 1.x version.
    static func isNWB1(_ version: String) -> Bool { version.hasPrefix("NWB-1.") || version.hasPrefix("1.") }

    /// Runs the checks and rules of `options` on one file's summary; the data checks read through
    /// `openFile` (the file the summary was read from, still open) when given, else open the file at
    /// `dataPath` (the summary's path unless given).
    public init(summary: FileSummary, options: CheckOptions, dataPath: String? = nil, openFile: HDF5.File? = nil) {
        let file = SummaryIndex(summary)
        let reader =
            options.checks.contains(where: \.readsData)
            ? CheckDataReader(
                path: dataPath ?? summary.path, allowance: options.dataAllowance, remote: options.remote, openFile: openFile)
            : nil
        var found: [Finding] = []
        var notes: [CheckNote] = []
        // NWB 1.x predates NWB 2's schema and best practices: only the structural checks apply.
        var checks = options.checks
        if let version = summary.nwbVersion, Self.isNWB1(version) {
            checks = checks.filter { Self.structuralCheckIDs.contains($0.id) }
            notes.append(
                CheckNote(
                    check: SchemaChecks.id, file: summary.path, location: "/",
                    reason:
                        "an NWB 1.x file (\(version)): NWB 2's schema and best-practice checks do not apply; links, unreadable objects and the rules file are checked"
                ))
        }
        for check in checks {
            let data: CheckDataReader?
            switch check.dataUse {
            case .none: data = nil
            case .smallValues: data = reader
            case .values, .valuesWhenAllowed: data = options.dataChecks ? reader : nil
            }
            let outcomes = check.outcomes(in: file, data: data)
            found += outcomes.findings
            notes += outcomes.notes
        }
        if let rules = options.rules { found += rules.findings(in: file) }
        findings = found
        self.notes = notes
        identifier = summary.session.identifier
        dataBytesRead = reader?.bytesRead ?? 0
    }
}

/// Runs the checks over files one at a time (memory stays flat: only identifiers are kept across files)
/// and gathers the report.
public struct CheckRun: Sendable {
    public static let uniqueIdentifiersID = "check_unique_identifiers"
    /// The check id of a file that could not be read at all.
    public static let unreadableFileID = "nwbkit_file_readable"

    public let options: CheckOptions
    private var findings: [Finding] = []
    private var notes: [CheckNote] = []
    private var dataBytesRead = 0
    private var files: [String] = []
    private var identifiers: [String: [String]] = [:]

    public init(options: CheckOptions) {
        self.options = options
    }

    /// Checks one file's summary; returns its findings (also kept for the report).
    @discardableResult
    public mutating func check(_ summary: FileSummary) -> [Finding] {
        record(path: summary.path, FileCheck(summary: summary, options: options))
    }

    /// Adds one file's check, made here or by the worker that read the file; returns its findings as weighed.
    @discardableResult
    public mutating func record(path: String, _ check: FileCheck) -> [Finding] {
        let found = check.findings.map(weighed)
        files.append(path)
        if let identifier = check.identifier { identifiers[identifier, default: []].append(path) }
        findings += found
        notes += check.notes
        dataBytesRead += check.dataBytesRead
        return found
    }

    /// Records a file that could not be read (`reason`: why, in words) as a CRITICAL finding.
    @discardableResult
    public mutating func fail(path: String, reason: String) -> Finding {
        let finding = Finding(
            check: Self.unreadableFileID, importance: .critical, message: reason, file: path, location: "/",
            objectType: nil)
        files.append(path)
        findings.append(finding)
        return finding
    }

    /// The report: every finding in report order, with the cross-file checks added.
    public func report() -> CheckReport {
        var all = findings
        if options.checkUniqueIdentifiers {
            for (identifier, paths) in identifiers where paths.count > 1 {
                for path in paths {
                    all.append(
                        weighed(
                            Finding(
                                check: Self.uniqueIdentifiersID, importance: .critical,
                                message:
                                    "The identifier '\(identifier)' is used by \(paths.count) files: \(paths.joined(separator: ", ")). Each NWB file needs its own.",
                                file: path, location: "/", objectType: "NWBFile")))
                }
            }
        }
        return CheckReport(
            files: files, findings: all.sorted(by: Finding.reportOrder), notes: notes.sorted(by: CheckNote.reportOrder),
            dataBytesRead: dataBytesRead)
    }

    private func weighed(_ finding: Finding) -> Finding {
        var finding = finding
        if let level = options.importanceOverrides[finding.check] { finding.importance = level }
        return finding
    }
}

/// What a check run found, in report order.
public struct CheckReport: Sendable, Codable, Equatable {
    public var tool = "nwbkit"
    public var version = NWBKitVersion.current
    /// Every file checked, in input order.
    public var files: [String]
    public var findings: [Finding]
    /// What the data checks could not look at (allowance spent, values unreadable), in report order.
    public var notes: [CheckNote]
    /// Bytes of values the data checks read, over all files.
    public var dataBytesRead: Int

    public init(files: [String], findings: [Finding], notes: [CheckNote] = [], dataBytesRead: Int = 0) {
        self.files = files
        self.findings = findings
        self.notes = notes
        self.dataBytesRead = dataBytesRead
    }

    /// Findings per level, most important first (levels with none included).
    public var counts: [(importance: Importance, count: Int)] {
        Importance.allCases.reversed().map { level in (level, findings.filter { $0.importance == level }.count) }
    }

    /// True when a finding is at or above `threshold`.
    public func fails(at threshold: Importance) -> Bool { findings.contains { $0.importance >= threshold } }

    /// `3 files checked: 2 CRITICAL, 0 BEST_PRACTICE_VIOLATION, 5 BEST_PRACTICE_SUGGESTION`.
    public var summaryLine: String {
        "\(files.count) file\(files.count == 1 ? "" : "s") checked, \(findings.count) finding\(findings.count == 1 ? "" : "s"): "
            + counts.map { "\($0.count) \($0.importance)" }.joined(separator: ", ")
            + (notes.isEmpty ? "" : "; \(notes.count) check\(notes.count == 1 ? "" : "s") not completed (notes)")
    }
}
