import BoundedYAML
import Foundation
import Yams

/// NWB namespaces from a folder of YAML files (`--schema DIR`: a checkout of nwb-schema, an extension's
/// spec folder), for files that carry no cached specification. Every `*.namespace.yaml` (or
/// `namespace.yaml`) under the folders is read with the sources it names beside it.
public enum SchemaFolder {
    /// The most bytes of one YAML document, and of all of them together.
    public static let documentLimit = 4 << 20
    public static let totalLimit = 64 << 20

    /// What cannot be read, in words naming the file.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The namespaces under `folders` as cached documents: namespace → version → document (`namespace`,
    /// `nwb.base`, …) → JSON text, as a file's `/specifications` holds them.
    public static func documents(in folders: [String]) throws(Problem) -> [String: [String: [String: String]]] {
        var documents: [String: [String: [String: String]]] = [:]
        var total = 0
        for folder in folders {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw Problem(description: "--schema \(folder): no such folder")
            }
            let namespaceFiles = (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix("namespace.yaml") || $0.hasSuffix("namespace.yml") }.sorted()
            guard !namespaceFiles.isEmpty else {
                throw Problem(description: "--schema \(folder): no namespace file (*.namespace.yaml) in it")
            }
            for relative in namespaceFiles {
                let path = (folder as NSString).appendingPathComponent(relative)
                let directory = (path as NSString).deletingLastPathComponent
                let namespaceObject = try read(path, total: &total)
                for namespace in namespaceObject["namespaces"] as? [[String: Any]] ?? [] {
                    guard let name = namespace["name"] as? String else { continue }
                    let version = (namespace["version"] as? String) ?? "unknown"
                    var sources: [String: String] = ["namespace": try json(["namespaces": [namespace]], path)]
                    for item in namespace["schema"] as? [[String: Any]] ?? [] {
                        guard let source = item["source"] as? String else { continue }
                        let sourcePath = (directory as NSString).appendingPathComponent(source)
                        let candidates = [sourcePath, sourcePath + ".yaml"]
                        guard let existing = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                            throw Problem(description: "--schema: \(path) names \(source), which is not beside it")
                        }
                        sources[SchemaCatalog.sourceKey(source)] = try json(try read(existing, total: &total), existing)
                    }
                    documents[name, default: [:]][version] = sources
                }
            }
        }
        return documents
    }

    private static func read(_ path: String, total: inout Int) throws(Problem) -> [String: Any] {
        do throws(BoundedYAML.Refusal) {
            try BoundedYAML.checkSize(ofFileAt: path, limit: documentLimit)
        } catch {
            throw Problem(description: "--schema: \(path): \(error)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Problem(description: "--schema: \(path): cannot be read as UTF-8 text")
        }
        total += text.utf8.count
        guard total <= totalLimit else { throw Problem(description: "--schema: the YAML files pass 64 MiB in all") }
        let loaded: Any?
        do { loaded = try Yams.load(yaml: text) } catch { throw Problem(description: "--schema: \(path): not YAML (\(error))") }
        guard let object = normalized(loaded) as? [String: Any] else {
            throw Problem(description: "--schema: \(path): not a YAML mapping")
        }
        return object
    }

    /// YAML's values with string keys only, as JSON has them.
    private static func normalized(_ value: Any?) -> Any {
        switch value {
        case let mapping as [AnyHashable: Any]:
            var result: [String: Any] = [:]
            for (key, item) in mapping { result["\(key.base)"] = normalized(item) }
            return result
        case let list as [Any]: return list.map(normalized)
        case let text as String: return text
        case let number as Int: return number
        case let number as Double: return number
        case let flag as Bool: return flag
        case nil: return NSNull()
        default: return "\(value!)"
        }
    }

    private static func json(_ object: Any, _ path: String) throws(Problem) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object) else {
            throw Problem(description: "--schema: \(path): cannot be turned into JSON")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
