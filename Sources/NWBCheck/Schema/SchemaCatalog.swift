import Foundation
import NWBKit

/// The types of a file's cached namespaces (`/specifications/NAMESPACE/VERSION/SOURCE`), each resolved
/// with what it inherits (`neurodata_type_inc`), as hdmf resolves them before it validates.
public final class SchemaCatalog: @unchecked Sendable {
    /// Each type's own definition, as written.
    private var definitions: [String: SchemaStorage] = [:]
    /// Each type's parent.
    public private(set) var parents: [String: String] = [:]
    /// Resolved specs, made on first use (under `lock`: a catalog is shared by the files of a run).
    private var resolved: [String: SchemaStorage] = [:]
    /// Inline specs resolved, by the spec they were made from.
    private var resolvedInlines: [ObjectIdentifier: SchemaStorage] = [:]
    private let lock = NSLock()
    /// The namespaces read, with the version used.
    public private(set) var namespaces: [(name: String, version: String)] = []

    /// A catalog of the documents of one or more namespaces: `documents[namespace][version][source]` is a
    /// cached document's text (JSON, as hdmf caches them). Of several versions of a namespace, the newest
    /// is used. Returns `nil` when no namespace document can be read.
    public init?(documents: [String: [String: [String: String]]]) {
        for (namespace, versions) in documents.sorted(by: { $0.key < $1.key }) {
            guard let version = versions.keys.max(by: Self.versionOrder), let sources = versions[version] else { continue }
            guard let namespaceText = sources["namespace"], let namespaceObject = Self.json(namespaceText),
                let entries = namespaceObject["namespaces"] as? [[String: Any]]
            else { continue }
            var read = false
            for entry in entries {
                for item in entry["schema"] as? [[String: Any]] ?? [] {
                    guard let source = item["source"] as? String else { continue }
                    let key = Self.sourceKey(source)
                    guard let text = sources[key] ?? sources[source], let object = Self.json(text) else { continue }
                    for group in object["groups"] as? [[String: Any]] ?? [] { add(SchemaStorage(kind: .group, object: group)) }
                    for dataset in object["datasets"] as? [[String: Any]] ?? [] {
                        add(SchemaStorage(kind: .dataset, object: dataset))
                    }
                    read = true
                }
            }
            if read { namespaces.append((namespace, version)) }
        }
        if definitions.isEmpty { return nil }
    }

    /// `nwb.base.yaml` → `nwb.base`: how a source is named among the cached datasets.
    static func sourceKey(_ source: String) -> String {
        for suffix in [".yaml", ".yml", ".json"] where source.hasSuffix(suffix) { return String(source.dropLast(suffix.count)) }
        return source
    }

    private static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// `2.10.0` after `2.9.1`: numeric parts compared as numbers.
    static func versionOrder(_ left: String, _ right: String) -> Bool {
        let a = left.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let b = right.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return a.lexicographicallyPrecedes(b)
    }

    /// Registers a definition and the definitions nested in it (the first of a name is kept).
    private func add(_ spec: SchemaStorage, topLevel: Bool = true) {
        if topLevel { Self.assignPaths(spec, path: spec.pathComponent) }
        if let name = spec.typeDefinition, definitions[name] == nil {
            definitions[name] = spec
            if let parent = spec.typeInclusion, parent != name { parents[name] = parent }
        }
        for child in spec.groups + spec.datasets {
            if child.typeDefinition != nil { add(child, topLevel: false) }
            for nested in child.groups + child.datasets where nested.typeDefinition != nil { add(nested, topLevel: false) }
        }
    }

    /// True when the catalog defines `type`.
    public func knows(_ type: String) -> Bool { definitions[type] != nil }

    /// The types' ancestry (`TypeHierarchy`, as the summary reads it: bounded, so a cycle in a crafted
    /// specification ends).
    private lazy var hierarchy = TypeHierarchy(parents: parents)

    /// True when `type` is `ancestor` or extends it.
    public func isA(_ type: String, _ ancestor: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return hierarchy.isA(type, ancestor)
    }

    /// `type`'s spec with everything it inherits, its paths set from the type's name down.
    public func resolvedType(_ type: String) -> SchemaStorage? {
        lock.lock()
        defer { lock.unlock() }
        return resolvedLocked(type)
    }

    private func resolvedLocked(_ type: String) -> SchemaStorage? {
        if let done = resolved[type] { return done }
        guard let definition = definitions[type] else { return nil }
        var spec = definition
        var seen: Set<String> = [type]
        var chain: [SchemaStorage] = []
        while let parent = spec.typeInclusion, !seen.contains(parent), let parentSpec = definitions[parent] {
            seen.insert(parent)
            chain.append(parentSpec)
            spec = parentSpec
        }
        // Oldest ancestor first, each descendant layered on top.
        var merged = SchemaStorage(copying: chain.last ?? definition)
        for layer in chain.dropLast().reversed() + (chain.isEmpty ? [] : [definition]) {
            merged = Self.merge(merged, layer)
        }
        merged.typeDefinition = type
        merged.typeInclusion = definition.typeInclusion
        merged.name = definition.name ?? merged.name
        merged = merged.deepCopy()
        Self.assignPaths(merged, path: definition.name ?? type)
        resolved[type] = merged
        return merged
    }

    /// An inline child spec that includes a type (`neurodata_type_inc` with changes): the type's resolved
    /// spec with the child's changes on top, its paths under `parentPath`.
    func resolvedInline(_ spec: SchemaStorage) -> SchemaStorage {
        lock.lock()
        if let done = resolvedInlines[ObjectIdentifier(spec)] {
            lock.unlock()
            return done
        }
        lock.unlock()
        let made = makeInline(spec)
        lock.lock()
        resolvedInlines[ObjectIdentifier(spec)] = made
        lock.unlock()
        return made
    }

    private func makeInline(_ spec: SchemaStorage) -> SchemaStorage {
        var merged = SchemaStorage(copying: spec)
        if spec.typeDefinition == nil, let included = spec.typeInclusion, let base = resolvedType(included) {
            // (resolvedType takes the lock; this method holds none.)
            merged = Self.merge(SchemaStorage(copying: base), spec)
            merged.typeDefinition = nil
            merged.typeInclusion = included
            merged.name = spec.name
            merged.quantity = spec.quantity
            merged = merged.deepCopy()
            Self.assignPaths(merged, path: spec.path)
        }
        return merged
    }

    /// `child` layered on `base`: attributes and named children by name, unnamed typed children by type,
    /// links by name or target type; the child's dtype, shape and name where it gives them.
    static func merge(_ base: SchemaStorage, _ child: SchemaStorage) -> SchemaStorage {
        let merged = SchemaStorage(copying: base)
        if let dtype = child.dtype { merged.dtype = dtype }
        if let shape = child.shape { merged.shape = shape }
        if let name = child.name { merged.name = name }
        merged.isLinkable = child.isLinkable
        merged.quantity = child.quantity
        for attribute in child.attributes {
            if let index = merged.attributes.firstIndex(where: { $0.name == attribute.name }) {
                merged.attributes[index] = attribute
            } else {
                merged.attributes.append(attribute)
            }
        }
        func key(_ spec: SchemaStorage) -> String { spec.name.map { "name:" + $0 } ?? "type:" + (spec.dataType ?? "") }
        // The type's own children first, then what it inherits and does not change (hdmf's order, which
        // decides the spec a child is matched to when several fit).
        func layered(_ bases: [SchemaStorage], _ children: [SchemaStorage]) -> [SchemaStorage] {
            var remaining = bases
            var result: [SchemaStorage] = []
            for spec in children {
                if let index = remaining.firstIndex(where: { key($0) == key(spec) }) {
                    let previous = remaining.remove(at: index)
                    if spec.typeDefinition == nil && previous.typeDefinition == nil {
                        let changed = merge(previous, spec)
                        changed.path = spec.path
                        result.append(changed)
                    } else {
                        result.append(spec)
                    }
                } else {
                    result.append(spec)
                }
            }
            return result + remaining
        }
        merged.groups = layered(base.groups, child.groups)
        merged.datasets = layered(base.datasets, child.datasets)
        for link in child.links {
            if let index = merged.links.firstIndex(where: { ($0.name ?? $0.targetType) == (link.name ?? link.targetType) }) {
                merged.links[index] = link
            } else {
                merged.links.append(link)
            }
        }
        return merged
    }

    /// Sets the paths of a spec and everything in it (hdmf's `spec.path`): from the type's name (or its
    /// fixed name: NWBFile's `root`) down through each child's name or type, inherited children included
    /// (a TwoPhotonSeries' `data` is `TwoPhotonSeries/data`).
    static func assignPaths(_ spec: SchemaStorage, path: String) {
        spec.path = path
        for index in spec.attributes.indices { spec.attributes[index].path = path + "/" + spec.attributes[index].name }
        for child in spec.groups + spec.datasets { assignPaths(child, path: path + "/" + child.pathComponent) }
    }
}
