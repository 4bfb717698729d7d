import ArgumentParser
import DandiArchive
import Foundation
import NWBJSON
import NWBKit
import NWBRunner
import NWBSupport
import RemoteReading

/// `I/N`: a part of a whole, numbered from 1 (`--shard 3/8`, `--part 2/2`).
struct PartOfN: ExpressibleByArgument, Sendable, Equatable {
    var index: Int
    var count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index)
        else { return nil }
        self.index = index
        self.count = count
    }

    static var defaultValueDescription: String { "I/N" }
}

/// What to read: paths, which files in folders, and whether warnings are shown.
struct PathOptions: ParsableArguments {
    @Argument(
        help:
            "NWB files or folders (searched recursively for *.nwb), URLs (http://, https://, s3://), or dandisets (DANDI:000683[/VERSION[/PATH]], https://dandiarchive.org/dandiset/000683)."
    )
    var paths: [String] = []

    @Option(
        name: .customLong("include"), help: "Also read files in folders whose name matches this glob (repeatable), e.g. '*.h5'.")
    var includePatterns: [String] = []

    @Option(
        help: ArgumentHelp(
            "Also read the paths listed in this file, one per line (- for standard input): for lists too long for a command line.",
            valueName: "file"))
    var pathsFrom: String?

    @Flag(help: "Do not print warnings (dangling and external links, unreadable parts) on stderr.")
    var quiet = false

    mutating func validate() throws {
        // Paths taken out of a long command line before parsing, then those of --paths-from.
        paths += PathArguments.take()
        if let pathsFrom {
            paths += try PathArguments.read(from: pathsFrom)
            self.pathsFrom = nil
        }
        // `dandiset --all` (the only command with --all) lists its inputs from the archive.
        if paths.isEmpty && !CommandContext.current.arguments.contains("--all") {
            throw ValidationError("give at least one NWB file, folder, URL or dandiset")
        }
    }
}

/// How each file is read: walk limits, worker processes, time-out.
struct ReadingOptions: ParsableArguments {
    @Option(help: "Stop reading a file after this many objects (the summary is marked incomplete).")
    var maxObjects: Int = WalkLimits.standard.maxObjects

    @Option(help: "Do not descend deeper than this many levels.")
    var maxDepth: Int = WalkLimits.standard.maxDepth

    @Option(
        help:
            "Worker processes reading files at once (default: the number of cores, or \(FileRun.remoteJobs) when the inputs are remote: their reading waits on the network); 0 reads in this process, without the isolation from crashes and hangs."
    )
    var jobs: Int?

    @Option(help: "Seconds one file may take before its worker is stopped and the file reported (0 = no limit).")
    var timeout: Double = 300

    @Option(
        help:
            "Remote files (http://, https://): seconds a server may send less than 1 KB a second before the request is given up and tried again (at most a third of --timeout)."
    )
    var stallTimeout: Double = RemoteOptions().stallTimeout

    @Option(help: "Remote files: how many times a failed request (429, 5xx, reset, stall, short body) is tried again.")
    var retries: Int = RemoteOptions().retries

    @Option(help: "s3:// files: an S3-compatible endpoint URL, read path-style (default: AWS).")
    var s3Endpoint: String?

    @Option(
        help:
            "s3:// files: the buckets' AWS region (default: AWS's global name; for signed requests AWS_REGION, AWS_DEFAULT_REGION or the profile's region in ~/.aws/config when set)."
    )
    var s3Region: String?

    /// `--s3-region`; else, when requests are signed, the region the AWS variables name (a signature must
    /// name the bucket's region; anonymous requests keep AWS's global name, which finds any bucket).
    var resolvedS3Region: String? {
        let environment = CommandContext.current.environment
        if let s3Region { return s3Region }
        return S3Credentials.from(environment: environment) == nil ? nil : RemoteOptions.s3Region(environment: environment)
    }

    @Option(
        help: ArgumentHelp(
            "HTTPS: check servers' certificates against the authorities in this PEM file (default: CURL_CA_BUNDLE, SSL_CERT_FILE and SSL_CERT_DIR as curl reads them, else the system's).",
            valueName: "file"))
    var caBundle: String?

    @Option(
        help:
            "The DANDI archive that DANDI:… names: dandi, dandi-sandbox, ember-dandi, ember-dandi-sandbox, linc, linc-staging, dandi-api-local-docker-tests (dandi-cli's names), or an API URL. The API key is read from DANDI_API_KEY (DANDI_SANDBOX_API_KEY, EMBER_DANDI_API_KEY, …)."
    )
    var dandiInstance = "dandi"

    @Option(help: "Dandisets: read only the assets whose whole path matches this pattern ('*' the only wildcard, case ignored).")
    var glob: String?

    @Option(help: "Dandisets: assets per page of the archive's listing (the archive allows at most 1000).")
    var listingPageSize = 1000

    /// The stall time-out requests use: `--stall-timeout`, but at most a third of `--timeout`, so a stalled
    /// request is given up and tried again while the file still has time.
    var effectiveStallTimeout: Double { timeout > 0 ? min(stallTimeout, max(1, timeout / 3)) : stallTimeout }

    /// The instance `--dandi-instance` names (validated).
    var instance: DandiInstance { DandiInstance.named(dandiInstance) ?? .dandi }

    func validate() throws {
        if let caBundle, !FileManager.default.isReadableFile(atPath: caBundle) {
            throw ValidationError("--ca-bundle: cannot read \(caBundle)")
        }
        if DandiInstance.named(dandiInstance) == nil {
            throw ValidationError(
                "--dandi-instance takes \(DandiInstance.known.map(\.name).joined(separator: ", ")) or an API URL, not '\(dandiInstance)'"
            )
        }
        if !(1...1000).contains(listingPageSize) { throw ValidationError("--listing-page-size takes 1 to 1000") }
        if !stallTimeout.isFinite || stallTimeout <= 0 || stallTimeout > 3600 {
            throw ValidationError("--stall-timeout takes seconds, more than 0 and at most 3600")
        }
        if !(0...20).contains(retries) { throw ValidationError("--retries takes 0 to 20") }
        if maxObjects < 1 { throw ValidationError("--max-objects must be at least 1") }
        if !(1...100_000).contains(maxDepth) { throw ValidationError("--max-depth takes 1 to 100000") }
        if let jobs, !(0...1024).contains(jobs) { throw ValidationError("--jobs takes 0 (in this process) to 1024") }
        if !timeout.isFinite || timeout < 0 || timeout > 604_800 {
            throw ValidationError("--timeout takes a number of seconds, 0 (no limit) to 604800 (a week)")
        }
    }
}

/// Runs over many files: a cache between runs, shards of a job array, merges of shard outputs.
struct ManyFilesOptions: ParsableArguments {
    @Option(help: "Keep per-file results in this folder; unchanged files are not read again.")
    var cache: String?

    @Option(help: "Read only shard I of N (e.g. 2/10): a deterministic part of the files, for job arrays.")
    var shard: PartOfN?

    @Flag(
        help:
            "The paths are JSON Lines outputs of `summarize --format jsonl` (e.g. shards): merge them instead of reading NWB files."
    )
    var fromSummaries = false

    func validate() throws {
        if fromSummaries && (shard != nil || cache != nil) {
            throw ValidationError("--from-summaries reads no NWB file: no --shard or --cache")
        }
    }
}

/// The inputs of a command that reads files: what, how, and over many files.
struct InputOptions: ParsableArguments {
    @OptionGroup(title: "Files") var files: PathOptions
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Many files") var many: ManyFilesOptions

    var paths: [String] {
        get { files.paths }
        set { files.paths = newValue }
    }
    var quiet: Bool { files.quiet }
    var fromSummaries: Bool {
        get { many.fromSummaries }
        set { many.fromSummaries = newValue }
    }

    /// The reader of these inputs (dandiset references not yet looked up: see `resolvedReader`).
    var reader: FileReader { FileReader(files: files, reading: reading, many: many) }

    /// The reader with every dandiset reference looked up in the archive (the version read said on stderr).
    func resolvedReader() -> FileReader { reader.resolvingArchive() }
    var discovery: FileDiscovery { reader.discovery }

    func refuseOverwritingInputs(_ output: String?) throws { try reader.refuseOverwritingInputs(output) }

    @discardableResult
    func eachSummary(onFailure: (RunFailure) throws -> Void = { _ in }, _ body: (FileSummary) throws -> Void) throws
        -> [RunFailure]
    {
        try resolvedReader().eachSummary(onFailure: onFailure, body)
    }

    @discardableResult
    func eachProduct<Value>(
        _ product: FileProduct<Value>, onFailure: (RunFailure) throws -> Void = { _ in },
        _ body: (_ path: String, _ value: Value) throws -> Void
    ) throws -> [RunFailure] {
        try resolvedReader().eachProduct(product, onFailure: onFailure, body)
    }

    @discardableResult
    func eachResult(
        product: WorkerProduct = .summary, onFailure: (RunFailure) throws -> Void = { _ in },
        _ body: (WorkerResult) throws -> Void
    ) throws -> [RunFailure] {
        try resolvedReader().eachResult(product: product, onFailure: onFailure, body)
    }

    /// This program, which is also the worker.
    static var executable: URL { FileReader.executable }
}

/// Reads the files the options name, in worker processes or in this process, and hands each result
/// over in input order with one line per failure (and warnings unless quiet) on stderr.
struct FileReader {
    var files: PathOptions
    var reading: ReadingOptions
    /// Cache, shard and merge options; `nil` for a command that takes none (`diff`).
    var many: ManyFilesOptions?
    /// What the dandiset references among the paths stand for, once looked up (`resolvingArchive`).
    var archive: ArchiveInputs.Resolution?
    /// Read at most this many assets of each dandiset (the `dandiset` command's --max-files).
    var maximumAssetsPerDandiset: Int?
    /// What a command adds to a file's failure before it is said (`check --rules`: a time-out names the rules).
    var reword: (RunFailure) -> RunFailure = { $0 }

    var paths: [String] { files.paths }
    var quiet: Bool { files.quiet }

    /// The archive look-up's options: the instance, API keys from the environment, asset selection.
    var archiveOptions: ArchiveInputs.Options {
        var options = ArchiveInputs.Options()
        options.instance = reading.instance
        options.tokens = DandiInstance.apiKeys(for: reading.instance, environment: CommandContext.current.environment)
        options.pageSize = reading.listingPageSize
        options.glob = reading.glob
        let discovery = self.discovery
        options.keeps = { discovery.matches(String($0.split(separator: "/").last ?? "")) }
        options.maximumAssetsPerDandiset = maximumAssetsPerDandiset
        options.remote = remoteOptions
        return options
    }

    /// This reader with its dandiset references looked up: the paths become the assets' names, and each
    /// name's location is kept for reading. The version a reference without one reads is said on stderr.
    func resolvingArchive() -> FileReader {
        guard archive == nil, many?.fromSummaries != true else { return self }
        if !quiet, let note = DandiInstance.aliasNote(reading.dandiInstance) { Diagnostics.note(note) }
        let resolution = ArchiveInputs.resolve(paths, options: archiveOptions)
        var resolved = self
        resolved.archive = resolution
        resolved.files.paths = resolution.paths
        if !quiet { resolution.notes.forEach { Diagnostics.note($0) } }
        return resolved
    }

    /// The version metadata of a dandiset among the inputs, as the archive keeps it (in its key order).
    func archiveMetadata(of dandiset: ArchiveInputs.ResolvedDandiset) throws -> OrderedJSON {
        let bytes = try DandiClient(
            instance: dandiset.instance, token: archiveOptions.tokens[dandiset.instance.name], options: remoteOptions
        ).versionMetadata(dandiset.id, version: dandiset.version)
        return try OrderedJSON.parse(bytes: bytes)
    }

    /// How each file is read, as workers are told it.
    var workerReading: WorkerReading {
        var worker = WorkerReading()
        worker.maxObjects = reading.maxObjects
        worker.maxDepth = reading.maxDepth
        worker.stallTimeout = reading.effectiveStallTimeout
        worker.retries = reading.retries
        worker.s3Endpoint = reading.s3Endpoint
        worker.s3Region = reading.resolvedS3Region
        worker.caBundle = reading.caBundle
        return worker
    }

    var summaryOptions: SummaryOptions {
        workerReading.summaryOptions(remote: remoteOptions)
    }

    /// How remote files and the archive's API are fetched (the archive's locations included).
    var remoteOptions: RemoteOptions {
        workerReading.remoteOptions(environment: CommandContext.current.environment, locations: archive?.locations ?? [:])
    }

    var discovery: FileDiscovery {
        FileDiscovery(includePatterns: files.includePatterns, shard: many?.shard.map { ($0.index, $0.count) })
    }

    /// Stops the run with status 2, before anything is read, when `output` is (or would be found as) one of
    /// the inputs: an output never replaces an input.
    func refuseOverwritingInputs(_ output: String?) throws {
        guard let output else { return }
        if let conflict = OutputGuard(inputs: paths, discovery: discovery).conflict(output: output) {
            Diagnostics.error(conflict)
            throw ExitCode(2)
        }
    }

    /// This program, which is also the worker.
    static var executable: URL {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved)
        }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Summarizes every input, printing one line per failure (and warnings unless quiet) on stderr,
    /// and calling `body` with each summary (and `onFailure` with each failure) in input order. Returns the failures.
    @discardableResult
    func eachSummary(onFailure: (RunFailure) throws -> Void = { _ in }, _ body: (FileSummary) throws -> Void) throws
        -> [RunFailure]
    {
        try eachResult(onFailure: onFailure) { try body(try $0.summary()) }
    }

    /// Like `eachSummary`, with what `product` makes of each file (made by the worker that read it: the
    /// parent never decodes the summary).
    @discardableResult
    func eachProduct<Value>(
        _ product: FileProduct<Value>, onFailure: (RunFailure) throws -> Void = { _ in },
        _ body: (_ path: String, _ value: Value) throws -> Void
    ) throws -> [RunFailure] {
        try eachResult(product: product.request, onFailure: onFailure) {
            try body($0.path, try $0.product(product))
        }
    }

    /// The run these options ask for: inputs, what to make of each file, workers, time-out, cache, and the
    /// inputs the archive did not give.
    func runRequest(product: WorkerProduct) -> RunRequest {
        var request = RunRequest(paths: paths, discovery: discovery, work: WorkerRequest(reading: workerReading, product: product))
        request.jobs = reading.jobs
        request.timeout = reading.timeout
        request.fromSummaries = many?.fromSummaries == true
        request.cacheFolder = many?.cache.map { URL(fileURLWithPath: $0) }
        // Workers learn where archive assets are (with the archive's token) on their standard input: never
        // from their command line or a file.
        request.locations = archive?.locations ?? [:]
        request.failedInputs = (archive?.failures ?? []).map { RunFailure.archive(path: $0.input, detail: $0.reason) }
        return request
    }

    /// Like `eachSummary`, with each file's result as the worker sent it (compact JSON, not decoded).
    @discardableResult
    func eachResult(
        product: WorkerProduct = .summary, onFailure: (RunFailure) throws -> Void = { _ in },
        _ body: (WorkerResult) throws -> Void
    ) throws -> [RunFailure] {
        let progress = Progress()
        var failures: [RunFailure] = []
        let context = CommandContext.current
        let run = try FileRun(
            runRequest(product: product), workerExecutable: context.workerExecutable, environment: context.environment
        ) { Diagnostics.warning($0) }
        try run.run { outcome, position, total in
            progress.show(position: position, total: total)
            switch outcome {
            case .failure(let said):
                let error = reword(said)
                progress.clear()
                Diagnostics.error(error.description)
                failures.append(error)
                try onFailure(error)
            case .result(let result):
                if !quiet {
                    progress.clear()
                    result.warnings.forEach { Diagnostics.warning("\(result.path): \($0)") }
                }
                try body(result)
            }
        }
        progress.clear()
        return failures
    }
}
