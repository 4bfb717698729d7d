import ArgumentParser
import Foundation
import NWBCatalogs
import NWBCheck
import NWBKit
import NWBRunner

extension CheckReportFormat: ExpressibleByArgument {}

extension Importance: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.reversed().map(\.description) }
}

/// `nwbkit check PATH…`: best-practice checks and a lab's rules, as a CI gate.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check NWB files against NWB best practices and a lab's rules file; exit 1 when a finding reaches --threshold.",
        discussion: """
            The built-in checks mirror nwbinspector's (same ids and importance levels) for everything that \
            metadata, shapes and attributes can tell; `nwbkit list-checks` lists them. A file that cannot be \
            read is a CRITICAL finding (nwbkit_file_readable) and the other files are still checked. \
            Exit status: 0 when no finding reaches the threshold, 1 when one does, 2 for usage errors \
            (including a rules file that cannot be used).
            """)

    @OptionGroup var input: InputOptions

    @Option(help: "A YAML rules file with the lab's own requirements (Documentation/Commands.md: Rules files).")
    var rules: String?

    @Option(help: "Report format: text, json, junit or github.")
    var format: CheckReportFormat = .text

    @Option(
        help: "The lowest importance that fails the run (exit 1): CRITICAL, BEST_PRACTICE_VIOLATION or BEST_PRACTICE_SUGGESTION.")
    var threshold: Importance = .critical

    @Option(help: "Report only findings at or above this importance (default: all).")
    var minimumImportance: Importance = .bestPracticeSuggestion

    @Option(help: "Run only these checks (comma-separated ids).")
    var select: String?

    @Option(help: "Skip these checks (comma-separated ids).")
    var ignore: String?

    /// An importance configuration, as nwbinspector's `--config`.
    enum Configuration: String, ExpressibleByArgument, CaseIterable {
        case dandi
    }

    @Option(help: "Importance configuration: 'dandi' weighs checks as nwbinspector's --config dandi (what DANDI requires).")
    var config: Configuration?

    @Flag(help: "Run only the rules file, not the built-in best-practice checks.")
    var noBestPractices = false

    @Option(help: "Write the report to this file (atomically).")
    var output: String?

    func validate() throws {
        if noBestPractices && rules == nil { throw ValidationError("--no-best-practices needs --rules") }
        let known = Set(BestPracticeChecks.all.map(\.id) + [CheckRun.uniqueIdentifiersID])
        for id in ids(select) + ids(ignore) where !known.contains(id) {
            throw ValidationError("unknown check '\(id)' (see `nwbkit list-checks`)")
        }
    }

    func run() throws {
        try input.refuseOverwritingInputs(output)
        var options: CheckOptions
        do {
            options = try Self.options(select: select, ignore: ignore, noBestPractices: noBestPractices, rules: rules)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(2)
        }
        if config == .dandi { options.importanceOverrides = CheckOptions.dandiImportance }
        let sink = try OutputSink(path: output)
        var run = CheckRun(options: options)
        // Each worker checks its file; the run weighs the findings and checks identifiers across files.
        let product = FileProduct.check(
            options: options,
            workerArguments: Self.workerArguments(
                select: select, ignore: ignore, noBestPractices: noBestPractices, rules: rules))
        try input.eachProduct(product, onFailure: { run.fail($0) }) { path, check in run.record(path: path, check) }
        var report = run.report()
        report.findings = report.findings.filter { $0.importance >= minimumImportance }
        let checkIDs =
            options.checks.map(\.id) + (options.checkUniqueIdentifiers ? [CheckRun.uniqueIdentifiersID] : [])
            + (options.rules?.rules.map { "rule:\($0.id)" } ?? [])
        try sink.write(report.rendered(as: format, threshold: threshold, checkIDs: checkIDs))
        try sink.finish()
        // The counts are the last line of text and github reports; for the others (or a file) they go to stderr.
        if (output != nil || format == .json || format == .junit) && !input.quiet { Diagnostics.note(report.summaryLine) }
        if report.fails(at: threshold) { throw ExitCode(1) }
    }

    private func ids(_ list: String?) -> [String] { Self.ids(list) }

    private static func ids(_ list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The checks and rules these options run (the parent and its workers build them alike).
    static func options(select: String?, ignore: String?, noBestPractices: Bool, rules: String?) throws(RulesError)
        -> CheckOptions
    {
        var options = CheckOptions()
        if noBestPractices {
            options.checks = []
            options.checkUniqueIdentifiers = false
        } else {
            options.filter(select: ids(select), ignore: ids(ignore))
        }
        if let rules { options.rules = try RulesFile.load(rules) }
        return options
    }

    /// The worker's arguments that make it check each file with these options.
    static func workerArguments(select: String?, ignore: String?, noBestPractices: Bool, rules: String?) -> [String] {
        var arguments = ["--product", "check"]
        if let select { arguments += ["--select", select] }
        if let ignore { arguments += ["--ignore", ignore] }
        if noBestPractices { arguments.append("--no-best-practices") }
        if let rules { arguments += ["--rules", rules] }
        return arguments
    }
}

/// `nwbkit list-checks`: the built-in checks with their ids, importance and what they flag.
struct ListChecks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the built-in checks of `nwbkit check`.")

    @Flag(help: "Print the Markdown document Documentation/Checks.md is.")
    var markdown = false

    func run() throws {
        let checks =
            BestPracticeChecks.all.map { ($0.id, $0.importance.description, $0.appliesTo, $0.flags) }
            + [(CheckRun.uniqueIdentifiersID, "CRITICAL", "files of the run", "two files of the run share an identifier")]
            + [(CheckRun.unreadableFileID, "CRITICAL", "file", "the file cannot be read (not HDF5, truncated, not NWB, …)")]
        if markdown {
            print(
                """
                # The built-in checks

                Written by `nwbkit list-checks --markdown` (a test keeps this file equal to it). Ids starting \
                `check_` are nwbinspector 0.7.2's checks of the same name and importance; `nwbkit_` ones are \
                NWBKit's own. Every check reads metadata only: attributes, shapes, dtypes and the small values \
                a summary holds ([Safety.md](Safety.md)); each looks at the objects of one neurodata type (extensions \
                included), or at the file. How `nwbkit check` runs them, rules files and reports: \
                [Commands.md](Commands.md).

                | check | importance | applies to | flags when |
                |---|---|---|---|

                """, terminator: "")
            for (id, level, appliesTo, flags) in checks { print("| `\(id)` | \(level) | \(appliesTo) | \(flags) |") }
        } else {
            for (id, level, appliesTo, flags) in checks { print("\(id)\t\(level)\t\(appliesTo)\t\(flags)") }
        }
    }
}
