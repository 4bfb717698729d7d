import Foundation
import NWBJSON
import NWBKit

/// The research-data catalogs `nwbkit export` writes records for.
public enum CatalogTarget: String, Sendable, CaseIterable {
    case brainstem, flexilims, crucible, portal
}

/// What the files cannot say and the user gives on the command line.
public struct CatalogOptions: Sendable {
    /// The catalog's project (BrainSTEM: project id or name; Flexilims: project name; Crucible: project_id).
    public var project: String?
    /// Flexilims raw data root: dataset paths are relative to it, and a file under it is raw.
    public var rawRoot: String?
    /// Flexilims processed data root: a file under it is processed (`is_raw: no`).
    public var processedRoot: String?
    /// Flexilims mouse for files that name no subject_id.
    public var mouse: String?
    /// Compute each file's SHA-256 (Crucible; reads the whole file once).
    public var checksums = true
    /// The lower-case hex SHA-256 of the file an input names: a local file's by default; the caller
    /// gives one that reads remote inputs through the remote reader (what it fetches is the file's bytes),
    /// so a URL or an archive name is never taken for a local path.
    public var digest: @Sendable (_ path: String) throws -> String = { try FileDigest.sha256($0) }

    public init() {}
}

/// One record file of an export: where it goes under the output folder, and its bytes.
public struct ExportDocument: Sendable, Equatable {
    /// A relative path made only of sanitized components (see `SafePath`).
    public var relativePath: String
    public var contents: Data
}

/// Why an export of a file (or of the whole set) cannot be made.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// Names from files made safe as file names: no `/`, no `..`, no control characters, not empty, ≤ 120 bytes.
public enum SafePath {
    /// One path component from any text: characters outside `[A-Za-z0-9._-]` become `_`, leading dots are
    /// dropped (no hidden files, no `..`), and an empty result becomes `unnamed`.
    public static func component(_ text: String) -> String {
        var result = String(
            text.unicodeScalars.map { scalar -> Character in
                let allowed =
                    (scalar.isASCII
                        && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_" || scalar == "."))
                return allowed ? Character(scalar) : "_"
            })
        while result.hasPrefix(".") { result.removeFirst() }
        if result.utf8.count > 120 { result = String(result.utf8.prefix(120))! }
        return result.isEmpty ? "unnamed" : result
    }

    /// The absolute path of `relative` under `root`, or nil when it would leave `root` (absolute, `..`, empty parts).
    public static func resolve(_ relative: String, under root: URL) -> URL? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.hasPrefix("/"), !parts.isEmpty,
            parts.allSatisfy({
                !$0.isEmpty && $0 != "." && $0 != ".." && $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
            })
        else { return nil }
        let base = root.standardizedFileURL
        let target = parts.reduce(base) { $0.appending(path: String($1)) }.standardizedFileURL
        return target.path.hasPrefix(base.path.hasSuffix("/") ? base.path : base.path + "/") ? target : nil
    }
}

/// Unique names within one export: the second `x` becomes `x_2`, and so on (kept within `limit` characters).
public struct NameRegistry: Sendable {
    private var used: Set<String> = []
    public init() {}

    public mutating func unique(_ name: String, limit: Int = .max) -> String {
        var candidate = String(name.prefix(limit))
        var counter = 2
        while used.contains(candidate) {
            let suffix = "_\(counter)"
            candidate = String(name.prefix(limit - suffix.count)) + suffix
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}

/// Sorted-key pretty JSON for export records.
enum ExportJSON {
    static func data<T: Encodable>(_ value: T) -> Data {
        (try? JSONRendering.prettyData(value)) ?? Data("{}\n".utf8)
    }
}

/// One export run: the records of every file for one target, as documents, and the files that could not be exported.
public struct CatalogExport: Sendable {
    public var documents: [ExportDocument] = []
    public var failures: [ExportError] = []
    /// Validation problems of the records written (a test keeps this empty on the corpus).
    public var problems: [String] = []

    /// Exports `files` (summaries in input order) to `target`. `title` names the collection (portal).
    public static func run(_ target: CatalogTarget, files: [FileSummary], options: CatalogOptions, title: String) -> CatalogExport
    {
        var export = CatalogExport()
        let facts = files.map(CatalogFacts.init)
        switch target {
        case .brainstem:
            guard let project = options.project else {
                export.failures.append(ExportError(path: "", message: "--project is required for brainstem"))
                return export
            }
            var names = NameRegistry()
            for file in facts {
                let records = BrainSTEMExporter.records(file, project: project, names: &names)
                export.problems += BrainSTEMExporter.validate(records).map { "\(file.summary.path): \($0)" }
                export.documents.append(
                    ExportDocument(
                        relativePath: "brainstem/\(SafePath.component(records.session.name)).json",
                        contents: ExportJSON.data(records)))
            }
        case .flexilims:
            guard options.project != nil else {
                export.failures.append(ExportError(path: "", message: "--project is required for flexilims"))
                return export
            }
            var names = NameRegistry()
            for result in FlexilimsExporter.sessions(facts, options: options) {
                switch result {
                case .success(let session):
                    export.problems += FlexilimsExporter.validate(session).map { "\(session.mouse)_\(session.session): \($0)" }
                    let name = names.unique(SafePath.component("\(session.mouse)_\(session.session)"))
                    export.documents.append(
                        ExportDocument(relativePath: "flexilims/\(name).yaml", contents: Data(session.yaml.text.utf8)))
                case .failure(let error): export.failures.append(error)
                }
            }
        case .crucible:
            for result in CrucibleExporter.records(facts, options: options) {
                switch result {
                case .success(let record):
                    export.problems += CrucibleExporter.validate(record).map { "\(record.dataset.dataset_name): \($0)" }
                    export.documents.append(
                        ExportDocument(
                            relativePath: "crucible/\(SafePath.component(record.dataset.dataset_name)).json",
                            contents: ExportJSON.data(record)))
                case .failure(let error):
                    if !export.failures.contains(error) { export.failures.append(error) }
                }
            }
        case .portal:
            export.documents = PortalExporter.documents(facts, options: options, title: title).map {
                ExportDocument(relativePath: "portal/" + $0.relativePath, contents: $0.contents)
            }
        }
        return export
    }

    /// All documents as one text for standard output: a JSON object keyed by document path, or a YAML stream.
    public var combinedText: String {
        if documents.allSatisfy({ $0.relativePath.hasSuffix(".yaml") }) {
            return documents.map { "--- # \($0.relativePath)\n" + String(decoding: $0.contents, as: UTF8.self) }.joined()
        }
        let entries = documents.map { document -> String in
            let body = String(decoding: document.contents, as: UTF8.self).trimmingCharacters(in: .newlines)
            let key = (try? JSONRendering.line(document.relativePath))?.trimmingCharacters(in: .newlines) ?? "\"\""
            return "\(key): " + body
        }
        return "{\n" + entries.joined(separator: ",\n") + "\n}\n"
    }
}
