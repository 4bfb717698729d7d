import DandiArchive
import Foundation
import NWBCheck
import NWBJSON
import NWBKit
import NWBRendering
import NWBRunner
import NWBSupport
import RemoteReading

/// The arguments of one call, by name, as plain values.
public struct ToolArguments: Sendable {
    public var strings: [String: String] = [:]
    public var integers: [String: Int] = [:]
    public var booleans: [String: Bool] = [:]

    public init() {}

    func string(_ name: String) -> String? { strings[name].flatMap { $0.isEmpty ? nil : $0 } }
}

/// Why a call cannot be answered, in one line the assistant can act on.
struct CallFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The tools' work, one call at a time per worker: files are read in a session worker (a crash inside
/// libhdf5 is a tool error, and remote files stay open between calls), the archive is asked through
/// `DandiClient`, and results are rendered as the command line renders them. Every method blocks: the
/// server runs them off its message loop.
public final class AssistantCalls: @unchecked Sendable {
    public let settings: AssistantSettings
    private let worker: SessionWorker
    /// Archive asset names already looked up, with where they are read (a second call asks the API nothing).
    private var assetLocations: [String: RemoteLocation] = [:]
    private let lock = NSLock()

    public init(settings: AssistantSettings) {
        self.settings = settings
        worker = SessionWorker(
            executable: settings.executable, reading: settings.reading, remoteCacheBytes: settings.remoteCacheBytes)
    }

    /// Ends the worker.
    public func stop() { worker.stop() }

    /// How far a long call has come: files done, files in all, and what is being read.
    public typealias ProgressReport = (_ done: Int, _ total: Int, _ message: String) -> Void

    /// Answers tool `name`; `shouldStop` says the call was cancelled; `progress` hears how far a call over
    /// many files (`dandiset_document`) has come.
    public func call(
        _ name: String, _ arguments: ToolArguments, shouldStop: @escaping () -> Bool = { false },
        progress: ProgressReport = { _, _, _ in }
    ) -> ToolReply {
        do {
            switch name {
            case "dandiset_info": return try dandisetInfo(arguments)
            case "dandiset_assets": return try dandisetAssets(arguments)
            case "dandiset_document":
                return page(try dandisetDocument(arguments, shouldStop: shouldStop, progress: progress), arguments)
            case "nwb_file_info": return try fileInfo(arguments, shouldStop: shouldStop)
            case "nwb_usage_script":
                let path = try required("path", arguments)
                let result = try fileProduct(path, .usageScript(template: nil), shouldStop: shouldStop)
                return page(try result.product(FileProduct<String>.usageScript(remote: RemoteOptions())), arguments)
            case "nwb_object": return try object(arguments, shouldStop: shouldStop)
            case "check_file": return try checkFile(arguments, shouldStop: shouldStop)
            default: return .failure("no tool named '\(name)'")
            }
        } catch let failure as CallFailure {
            return .failure(failure.message)
        } catch {
            return .failure("\(error)")
        }
    }

    private func required(_ name: String, _ arguments: ToolArguments) throws -> String {
        guard let value = arguments.string(name) else { throw CallFailure("the argument '\(name)' is required") }
        return value
    }

    private func page(_ text: String, _ arguments: ToolArguments) -> ToolReply {
        ToolReply.page(text, offset: arguments.integers["offset"] ?? 0, limit: settings.resultCharacters)
    }

    // MARK: Files

    /// Reads `path` in the worker for `product` within the call's deadline.
    private func fileProduct(_ path: String, _ product: WorkerProduct, shouldStop: @escaping () -> Bool) throws -> WorkerResult {
        let task = try fileTask(path, product)
        switch worker.run(task, deadline: settings.callDeadline, shouldStop: shouldStop) {
        case .result(let result): return result
        case .failure(let failure): throw CallFailure(failure.description)
        }
    }

    /// The worker's task for an input: a local path or URL as it is; an archive asset looked up once.
    private func fileTask(_ path: String, _ product: WorkerProduct) throws -> WorkerTask {
        guard RemoteFile.isArchiveName(path) || (try? DandiReference.parse(path, defaultInstance: settings.instance))??.path != nil
        else { return WorkerTask(path: path, product: product) }
        lock.lock()
        let known = assetLocations[path]
        lock.unlock()
        if let known { return WorkerTask(path: path, product: product, location: known) }
        var options = archiveOptions()
        options.keeps = { _ in true }
        let resolution = ArchiveInputs.resolve([path], options: options)
        if let failure = resolution.failures.first { throw CallFailure("\(failure.input): \(failure.reason)") }
        guard let name = resolution.paths.first, let location = resolution.locations[name] else {
            throw CallFailure("\(path): the archive lists no such asset")
        }
        lock.lock()
        assetLocations[path] = location
        lock.unlock()
        return WorkerTask(path: name, product: product, location: location)
    }

    private func fileInfo(_ arguments: ToolArguments, shouldStop: @escaping () -> Bool) throws -> ToolReply {
        let path = try required("path", arguments)
        switch arguments.string("format") ?? "text" {
        case "text":
            let result = try fileProduct(path, .text, shouldStop: shouldStop)
            return page(try result.product(FileProduct<String>.text), arguments)
        case "json":
            let result = try fileProduct(path, .summary, shouldStop: shouldStop)
            return page(String(decoding: try result.body(), as: UTF8.self), arguments)
        case let other:
            throw CallFailure("format takes text or json, not '\(other)'")
        }
    }

    private func object(_ arguments: ToolArguments, shouldStop: @escaping () -> Bool) throws -> ToolReply {
        let path = try required("path", arguments)
        let request = ObjectRequest(
            path: try required("object", arguments), start: arguments.integers["start"] ?? 0,
            count: arguments.integers["count"] ?? 100, maxBytes: arguments.integers["max_bytes"] ?? ObjectRequest.defaultBudget)
        let result = try fileProduct(path, .object(request), shouldStop: shouldStop)
        let slice = try result.product(FileProduct<ObjectSlice>.object(request, remote: RemoteOptions()))
        if let problem = slice.problem { throw CallFailure(problem) }
        let text = String(decoding: try FastJSONEncoder(prettyPrinted: true).encode(slice), as: UTF8.self)
        return page(text, arguments)
    }

    private func checkFile(_ arguments: ToolArguments, shouldStop: @escaping () -> Bool) throws -> ToolReply {
        let path = try required("path", arguments)
        let request = CheckRequest(dataChecks: arguments.booleans["data_checks"] ?? true)
        let options = try CheckOptions(request)
        let result = try fileProduct(path, .check(request), shouldStop: shouldStop)
        var run = CheckRun(options: options)
        run.record(path: result.path, try result.product(FileProduct.check(request, options: options)))
        let report = run.report()
        let settings = CheckReportSettings(
            threshold: .critical, checks: options.describedChecks, workingDirectory: FileManager.default.currentDirectoryPath)
        return page(report.rendered(as: .json, settings: settings), arguments)
    }

    // MARK: The archive

    private func archiveOptions() -> ArchiveInputs.Options {
        var options = ArchiveInputs.Options()
        options.instance = settings.instance
        options.tokens = settings.tokens
        options.remote = settings.remote
        return options
    }

    /// The dandiset and version an id names (`000001`, `DANDI:000001`, `DANDI:000001/draft`, an archive URL),
    /// the version given apart winning.
    private func dandiset(_ arguments: ToolArguments) throws -> (client: DandiClient, id: String, version: String) {
        let text = try required("dandiset_id", arguments)
        let candidate = text.allSatisfy(\.isNumber) ? "DANDI:\(text)" : text
        let reference: DandiReference?
        do { reference = try DandiReference.parse(candidate, defaultInstance: settings.instance) } catch {
            throw CallFailure(error.description)
        }
        guard let reference else { throw CallFailure("'\(text)' names no dandiset (give an id such as 000001 or DANDI:000001)") }
        let client = DandiClient(
            instance: reference.instance, token: settings.token(for: reference.instance), options: settings.remote)
        do {
            let version: String
            if let given = arguments.string("version") ?? reference.version {
                version = given
            } else {
                version = try client.dandiset(reference.dandisetID).defaultVersion
            }
            return (client, reference.dandisetID, version)
        } catch {
            throw CallFailure("\(text): \(error.description)")
        }
    }

    private func dandisetInfo(_ arguments: ToolArguments) throws -> ToolReply {
        let (client, id, version) = try dandiset(arguments)
        let bytes: [UInt8]
        do { bytes = try client.versionMetadata(id, version: version) } catch {
            throw CallFailure("dandiset \(id) version \(version): \(error.description)")
        }
        guard let metadata = try? FastJSONDecoder().decode([String: JSONValue].self, from: bytes) else {
            throw CallFailure("dandiset \(id) version \(version): the archive's metadata is not a JSON object")
        }
        var contributors: [JSONValue] = []
        if case .array(let people)? = metadata["contributor"] {
            for case .object(let person) in people {
                var entry: [String: JSONValue] = ["name": person["name"] ?? .null]
                if let roles = person["roleName"] { entry["roles"] = roles }
                contributors.append(.object(entry))
            }
        }
        var info: [String: JSONValue] = [
            "id": .string(id), "version": .string(version), "name": metadata["name"] ?? .null,
            "description": metadata["description"] ?? .null, "contributors": .array(contributors),
            "assetsSummary": metadata["assetsSummary"] ?? .null,
        ]
        if let url = metadata["url"] { info["url"] = url }
        if let license = metadata["license"] { info["license"] = license }
        return page(try Self.json(info), arguments)
    }

    /// Pretty JSON with sorted keys, as every JSON document of NWBKit is written.
    private static func json(_ value: [String: JSONValue]) throws -> String {
        String(decoding: try FastJSONEncoder(prettyPrinted: true).encode(value), as: UTF8.self)
    }

    /// The most assets one page of `dandiset_assets` gives.
    public static let largestAssetPage = 200

    private func dandisetAssets(_ arguments: ToolArguments) throws -> ToolReply {
        let (client, id, version) = try dandiset(arguments)
        let pageNumber = max(1, arguments.integers["page"] ?? 1)
        let pageSize = min(Self.largestAssetPage, max(1, arguments.integers["page_size"] ?? 20))
        let first = (pageNumber - 1) * pageSize
        let glob = arguments.string("glob")
        func entry(_ asset: DandiClient.Asset) -> JSONValue {
            .object(["path": .string(asset.path), "size": .integer(Int64(asset.size)), "asset_id": .string(asset.assetID)])
        }
        var total = 0
        var shown: [JSONValue] = []
        do {
            // The asked page itself, and the listing's count from page 1 (one asset): two requests at most,
            // however long the listing. A server that gives no count is read through to count.
            let asked = try client.assetPage(id, version: version, glob: glob, page: pageNumber, pageSize: pageSize)
            var count = asked.count
            if count == nil { count = try client.assetPage(id, version: version, glob: glob, page: 1, pageSize: 1).count }
            if let count {
                total = count
                shown = asked.assets.map(entry)
            } else {
                try client.assets(id, version: version, glob: glob) { asset in
                    if total >= first && shown.count < pageSize { shown.append(entry(asset)) }
                    total += 1
                }
            }
        } catch {
            throw CallFailure("dandiset \(id) version \(version): \(error.description)")
        }
        let listing: [String: JSONValue] = [
            "dandiset": .string(id), "version": .string(version), "page": .integer(Int64(pageNumber)),
            "page_size": .integer(Int64(pageSize)), "total": .integer(Int64(total)), "assets": .array(shown),
            "next_page": first + shown.count < total ? .integer(Int64(pageNumber + 1)) : .null,
            "glob": arguments.string("glob").map { .string($0) } ?? .null,
        ]
        return page(try Self.json(listing), arguments)
    }

    /// The dataset-description document of a dandiset version, as `nwbkit dandiset DANDI:ID/VERSION` writes
    /// it: its NWB assets (the first `max_files` in path order) read in the worker one after another, within
    /// `documentDeadline` in all. `progress` hears each file as it is begun, and the end of the files.
    public func dandisetDocument(
        _ arguments: ToolArguments, shouldStop: @escaping () -> Bool, progress: ProgressReport = { _, _, _ in }
    ) throws -> String {
        let (client, id, version) = try dandiset(arguments)
        let maxFiles = max(0, arguments.integers["max_files"] ?? 100)
        var options = archiveOptions()
        if maxFiles > 0 { options.maximumAssetsPerDandiset = maxFiles }
        let reference = "\(client.instance.prefix):\(id)/\(version)"
        let resolution = ArchiveInputs.resolve([reference], options: options)
        if let failure = resolution.failures.first { throw CallFailure("\(failure.input): \(failure.reason)") }
        let started = Date()
        var summaries: [FileSummary] = []
        var failures: [String] = []
        for (done, path) in resolution.paths.enumerated() {
            progress(done, resolution.paths.count, "reading \(path)")
            let left = settings.documentDeadline - Date().timeIntervalSince(started)
            guard left > 0 else { throw CallFailure("dandiset \(id): took longer than \(Int(settings.documentDeadline)) s; stopped") }
            if shouldStop() { throw CallFailure("cancelled") }
            let task = WorkerTask(path: path, product: .summary, location: resolution.locations[path])
            switch worker.run(task, deadline: min(left, settings.callDeadline), shouldStop: shouldStop) {
            case .result(let result): summaries.append(try result.summary())
            case .failure(let failure): failures.append(failure.description)
            }
        }
        progress(resolution.paths.count, resolution.paths.count, "read \(resolution.paths.count) files; writing the document")
        let bytes: [UInt8]
        do { bytes = try client.versionMetadata(id, version: version) } catch {
            throw CallFailure("dandiset \(id) version \(version): the archive's metadata: \(error.description)")
        }
        let metadata = try OrderedJSON.parse(bytes: bytes).inJSONBOrder
        let number = metadata["id"]?.stringValue.flatMap(DandisetDocument.number(fromID:)) ?? id
        var document = DandisetDocument(metadata: metadata, dandisetNumber: number, summaries: summaries, maxTypes: 5, maxFiles: maxFiles)
        let template = try DocumentTemplate.bundled("dandiset-prompt.md")
        if !template.mentions("representative") {
            for index in document.types.indices { document.types[index].representative = nil }
        }
        var text = try template.render(document)
        if !failures.isEmpty {
            text += "\n\n<!-- nwbkit: \(failures.count) file(s) could not be read: \(failures.joined(separator: "; ")) -->\n"
        }
        return text
    }
}
