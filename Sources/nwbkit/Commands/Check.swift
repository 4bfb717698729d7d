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

    @Option(
        help:
            "Report format: text, json, junit, github (Actions annotations) or sarif (SARIF 2.1.0, for code scanning). GitHub and SARIF reports give local paths relative to the working directory."
    )
    var format: CheckReportFormat = .text

    @Option(
        help:
            "With --format github: write at most this many annotations (GitHub shows only the first few of a step), then a notice of how many were left out, then the counts."
    )
    var maxAnnotations: Int?

    @Option(
        help: "The lowest importance that fails the run (exit 1): CRITICAL, BEST_PRACTICE_VIOLATION or BEST_PRACTICE_SUGGESTION (default: CRITICAL).")
    var threshold: Importance?

    @Option(help: "Report only findings at or above this importance (default: all).")
    var minimumImportance: Importance?

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

    @Flag(
        name: [.customLong("no-validate"), .customLong("skip-validate")],
        help: "Do not validate files against their NWB schema (the nwbkit_schema check; --skip-validate is nwbinspector's spelling).")
    var noValidate = false

    @Option(
        help: ArgumentHelp(
            "A folder of NWB namespace YAML files (e.g. a checkout of nwb-schema's core, an extension's spec folder) to validate files that carry no cached specification, and namespaces a file's cache lacks (repeatable).",
            valueName: "dir"))
    var schema: [String] = []

    @Flag(
        inversion: .prefixedNo,
        help:
            "Run the data checks, which read bounded slices of values (Documentation/Checks.md). On by default; off with --from-summaries unless given."
    )
    var dataChecks: Bool?

    @Option(help: "The most bytes of data values the checks read per file (default 16 MiB: 16777216).")
    var dataBytes: Int = CheckDataReader.defaultAllowance

    @Option(help: "Write the report to this file (atomically).")
    var output: String?

    func validate() throws {
        if noBestPractices && rules == nil { throw ValidationError("--no-best-practices needs --rules") }
        if dataBytes < 0 { throw ValidationError("--data-bytes must be 0 or more") }
        if let maxAnnotations, maxAnnotations < 0 { throw ValidationError("--max-annotations must be 0 or more") }
        if maxAnnotations != nil && format != .github { throw ValidationError("--max-annotations needs --format github") }
        let known = Set(BestPracticeChecks.all.map(\.id) + [CheckRun.uniqueIdentifiersID])
        for id in CheckRequest.ids(select) + CheckRequest.ids(ignore) where !known.contains(id) {
            throw ValidationError("unknown check '\(id)' (see `nwbkit list-checks`)")
        }
    }

    func run() throws {
        try input.refuseOverwritingInputs(output)
        var options: CheckOptions
        do {
            options = try CheckOptions(request)
        } catch let problem as SchemaFolder.Problem {
            Diagnostics.error(problem.description)
            throw ExitCode(2)
        } catch let error as RulesError {
            Diagnostics.error(error.description)
            throw ExitCode(2)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        if config == .dandi { options.importanceOverrides = CheckOptions.dandiImportance }
        var reader = input.resolvedReader()
        options.remote = reader.remoteOptions
        let sink = try OutputSink(path: output)
        var run = CheckRun(options: options)
        // Each worker checks its file; the run weighs the findings and checks identifiers across files.
        // Each worker checks its file; the run weighs the findings and checks identifiers across files.
        let product = FileProduct.check(request, options: options)
        if let rules {
            // A file that runs out of time while its rules are evaluated: the rules may be the cause.
            reader.reword = { (error: RunFailure) -> RunFailure in
                guard case .worker(let path, let detail) = error, detail.contains("(--timeout)") else { return error }
                let blamed = detail + "; it was checked against the rules in \(rules), which may be what took the time"
                return RunFailure.worker(path: path, detail: blamed)
            }
        }
        try reader.eachProduct(product, onFailure: { run.fail(path: $0.path, reason: $0.reason) }) { path, check in run.record(path: path, check) }
        var report = run.report()
        let threshold = threshold ?? .critical
        report.findings = report.findings.filter { $0.importance >= minimumImportance ?? .bestPracticeSuggestion }
        let settings = CheckReportSettings(
            threshold: threshold, checks: options.describedChecks,
            workingDirectory: FileManager.default.currentDirectoryPath, maximumAnnotations: maxAnnotations)
        try sink.write(report.rendered(as: format, settings: settings))
        try sink.finish()
        // The counts are the last line of text and github reports; for the others (or a file) they go to stderr.
        if (output != nil || format == .json || format == .junit || format == .sarif) && !input.quiet { Diagnostics.note(report.summaryLine) }
        if report.fails(at: threshold) { throw ExitCode(1) }
    }

    /// What decides each file's findings, as the command's flags say it (workers get the same).
    private var request: CheckRequest {
        CheckRequest(
            select: select, ignore: ignoreWithValidation, noBestPractices: noBestPractices, rules: rules, schema: schema,
            dataChecks: readsData, dataBytes: dataBytes)
    }

    /// `--ignore` with the schema check added under `--no-validate`.
    private var ignoreWithValidation: String? {
        guard noValidate else { return ignore }
        return ([CheckOptions.schemaCheckID] + CheckRequest.ids(ignore)).joined(separator: ",")
    }

    /// Whether the data checks run: as asked, else unless the summaries were written earlier.
    private var readsData: Bool { dataChecks ?? !input.fromSummaries }
}

/// `nwbkit list-checks`: the built-in checks with their ids, importance and what they flag.
struct ListChecks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the built-in checks of `nwbkit check`.")

    @Flag(help: "Print the Markdown document Documentation/Checks.md is.")
    var markdown = false

    func run() throws {
        let checks =
            BestPracticeChecks.all.map { ($0.id, $0.importance.description, $0.appliesTo, $0.flags, Self.reads($0.dataUse)) }
            + [(CheckRun.uniqueIdentifiersID, "CRITICAL", "files of the run", "two files of the run share an identifier", "")]
            + [(CheckRun.unreadableFileID, "CRITICAL", "file", "the file cannot be read (not HDF5, truncated, not NWB, …)", "")]
        if markdown {
            let dataChecks = BestPracticeChecks.all.filter(\.readsData).count
            print(
                """
                # The built-in checks

                Written by `nwbkit list-checks --markdown` (a test keeps this file equal to it). Ids starting \
                `check_` are nwbinspector 0.7.2's checks of the same name and importance (all \(BestPracticeChecks.all.filter(\.isSharedWithNWBInspector).count) of them), \
                `nwbkit_` ones are NWBKit's own. Each looks at the objects of one neurodata type (extensions \
                included), or at the file. How `nwbkit check` runs them, rules files and reports: \
                [Commands.md](Commands.md).

                ## What they read

                Most read only what a summary holds: attributes, shapes, dtypes and small values \
                ([Safety.md](Safety.md)). \(dataChecks) read values too, as nwbinspector does and no more: the \
                *reads* column says what. nwbinspector reads the first 200 elements in most of them, and so does \
                NWBKit, so both find the same. Every value read is charged against one allowance per file, 16 MiB \
                by default (`--data-bytes N`); a read that would pass it is not made, and the check says so in a \
                note of the report (`not completed`) instead of passing in silence. The checks marked *data* run \
                only with `--data-checks` (the default of `nwbkit check`; off with `--no-data-checks` and with \
                `--from-summaries`); those marked *always* read a small text column whatever the option says; \
                those marked *when allowed* check starting_time and rate without it and read timestamps with it. \
                The Allen CCF checks compare locations with the 1,327 structures (acronyms and names) of the Allen \
                Mouse Brain Atlas structure graph 1, as nwbinspector 0.7.2 ships them \
                (`Sources/NWBCheck/Tables/AllenCCFStructures.swift`, written by `scripts/generate-check-tables.py`).

                | check | importance | applies to | flags when | reads |
                |---|---|---|---|---|

                """, terminator: "")
            for (id, level, appliesTo, flags, reads) in checks {
                print("| `\(id)` | \(level) | \(appliesTo) | \(flags) | \(reads) |")
            }
            print(Self.schemaSection, terminator: "")
        } else {
            for (id, level, appliesTo, flags, reads) in checks { print("\(id)\t\(level)\t\(appliesTo)\t\(flags)\t\(reads)") }
        }
    }

    /// Checks.md's section on schema validation.
    static let schemaSection = """

        ## Schema validation (`nwbkit_schema`)

        On by default, as in nwbinspector (`--no-validate`, or nwbinspector's `--skip-validate`, turns it off). \
        Every typed group and dataset reached from the root is validated against the specification of its \
        type in the namespaces the file caches under `/specifications` (every namespace it carries, \
        extensions included; of several versions of one namespace, the newest). Types are resolved with what \
        they inherit; a group's children are matched to its type's specs as hdmf matches them (by name, then \
        type, then the specs still missing a child: the type's own specs before inherited ones); each object \
        is checked against its own type, the spec it matched and that spec's type. What is checked: required \
        attributes, datasets, groups and links (`quantity`), attribute and dataset dtypes with hdmf's \
        widenings (`int8` holds `int16`…`int64`, `float32` holds `float64`, `text` holds UTF-8 or ASCII, \
        `ascii` only ASCII, compound fields one by one, references and their target types), shapes and their \
        alternatives (a scalar where an array is asked is "non-array data"), links where a spec is not \
        linkable, and datetimes: an `isodatetime` string must read as ISO 8601 and carry a time zone. \
        Messages are pynwb's: `SPEC (LOCATION): REASON`, at the object's path, CRITICAL.

        It reads only metadata: shapes, dtypes, attributes, the small values a summary holds, the cached \
        specification documents (at most 4 MiB each, not charged to `--data-bytes`) and, where a schema asks \
        for ASCII, a string dataset's stored character set. A file without cached specifications gets a note \
        (`not validated`), or is validated against `--schema DIR` (a folder of namespace YAML files, e.g. \
        pynwb's `nwb-schema/core` and hdmf's `hdmf-common-schema/common`; repeatable), which also fills a \
        namespace a file's cache lacks. NWB 1.x files have no NWB 2 schema: they get one note, and of the \
        checks only the structural ones (links, unreadable objects) and a rules file.

        **Beside pynwb's validator** (`SchemaValidationTests`, pynwb 4.2 from PyPI, with `--schema` pointing at \
        the schema pynwb ships for files without a cache, as pynwb validates them): on SampleData and the \
        132 corpus files every error pynwb reports (68 on 30 files) has a finding at the same object of the \
        same kind, and NWBKit reports nothing more on the files pynwb reads. pynwb cannot read 16 of them \
        (NWB 1.x, `Could not find an IO`, matnwb files whose strings it cannot decode, a missing \
        `experimental.yaml`); on 6 of those NWBKit reports violations pynwb cannot: `2018_03_20_0005.nwb` (2), \
        matnwb's `S1.nwb` (4), `ecephys_tutorial.nwb` (11, both copies), `ecephys_tutorial_v2.nwb` (5), \
        `link_test.nwb` (4) and `membrane_potential.nwb` (4): mostly `file_create_date` and \
        `session_start_time` stored in a form the schema does not allow, and required parts missing.

        """

    /// The *reads* cell of a check: what it reads beyond the summary, and when.
    static func reads(_ use: DataUse) -> String {
        switch use {
        case .none: ""
        case .smallValues(let what): "always: \(what)"
        case .values(let what): "data: \(what)"
        case .valuesWhenAllowed(let what): "when allowed: \(what)"
        }
    }
}
