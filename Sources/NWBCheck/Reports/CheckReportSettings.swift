import Foundation

/// A check as a report describes it: its id, the importance its findings get in this run, and what it flags.
public struct CheckDescription: Sendable, Equatable {
    public var id: String
    public var importance: Importance
    /// What it flags, in one line.
    public var flags: String

    public init(id: String, importance: Importance, flags: String) {
        self.id = id
        self.importance = importance
        self.flags = flags
    }

    /// The check a file that cannot be read is reported under.
    public static let unreadableFile = CheckDescription(
        id: CheckRun.unreadableFileID, importance: .critical,
        flags: "A file that cannot be opened and read as an NWB (HDF5) file.")
}

extension CheckOptions {
    /// Every check this run makes, in run order, with the importance its findings get (overrides applied):
    /// the built-in checks, the identifiers check across files, then the rules file's rules.
    public var describedChecks: [CheckDescription] {
        var described = checks.map {
            CheckDescription(id: $0.id, importance: importanceOverrides[$0.id] ?? $0.importance, flags: $0.flags)
        }
        if checkUniqueIdentifiers {
            described.append(
                CheckDescription(
                    id: CheckRun.uniqueIdentifiersID, importance: importanceOverrides[CheckRun.uniqueIdentifiersID] ?? .critical,
                    flags: "An identifier used by more than one file of the run."))
        }
        for rule in rules?.rules ?? [] {
            described.append(
                CheckDescription(
                    id: "rule:\(rule.id)", importance: rule.severity,
                    flags: rule.message ?? "Rule '\(rule.id)' of the rules file \(rules?.source ?? "")."))
        }
        return described
    }
}

/// How a report is written, beyond its findings.
public struct CheckReportSettings: Sendable {
    /// The lowest importance that fails the run: findings at or above it are errors (JUnit failures, GitHub
    /// and SARIF errors).
    public var threshold: Importance
    /// The checks the run made (JUnit writes a test case per check and file; SARIF a rule per check).
    public var checks: [CheckDescription]
    /// Local paths are written relative to this folder in GitHub annotations and SARIF (as CI runs from the
    /// repository's root); `nil`: as given.
    public var workingDirectory: String?
    /// The most GitHub annotations written (GitHub shows only the first few of a step); `nil`: all.
    public var maximumAnnotations: Int?

    public init(
        threshold: Importance = .critical, checks: [CheckDescription] = [], workingDirectory: String? = nil,
        maximumAnnotations: Int? = nil
    ) {
        self.threshold = threshold
        self.checks = checks
        self.workingDirectory = workingDirectory
        self.maximumAnnotations = maximumAnnotations
    }

    /// `path` as a report shows it: a URL as it is; a local path under `workingDirectory` (when one is set)
    /// relative to it, without a leading `./`; a path outside it as given (GitHub places annotations by
    /// repository path, and a path outside the checkout has none).
    public func reported(_ path: String) -> String {
        guard !path.contains("://"), let workingDirectory else { return path }
        let relative = Self.relative(path, to: workingDirectory)
        return relative.hasPrefix("../") || relative == ".." ? path : relative
    }

    static func relative(_ path: String, to directory: String) -> String {
        func parts(_ text: String) -> [Substring] { text.split(separator: "/").filter { $0 != "." } }
        guard path.hasPrefix("/") else {
            let inside = parts(path)
            return inside.isEmpty ? "." : inside.joined(separator: "/")
        }
        // Resolve `..` lexically on both sides, then walk up from the folder to where they part.
        func resolved(_ text: String) -> [Substring] {
            var result: [Substring] = []
            for part in parts(text) {
                if part == ".." { _ = result.popLast() } else { result.append(part) }
            }
            return result
        }
        let target = resolved(path)
        let base = resolved(directory)
        var common = 0
        while common < target.count && common < base.count && target[common] == base[common] { common += 1 }
        let up = Array(repeating: Substring(".."), count: base.count - common)
        let result = up + target[common...]
        return result.isEmpty ? "." : result.joined(separator: "/")
    }
}
