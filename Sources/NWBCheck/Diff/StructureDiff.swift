import NWBKit

/// One structural difference between two files.
public struct StructureChange: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// An object only in the second file (with `inside` more objects below it).
        case added
        /// An object only in the first file.
        case removed
        /// An object in both whose kind, neurodata type, dtype, rank, attributes or link target differ.
        case changed
        /// A file-level fact: NWB version, cached specification versions.
        case file
    }

    public var kind: Kind
    public var path: String
    /// What changed, in words (`dtype int16 → float32`, `group TimeSeries`).
    public var detail: String
    /// For added or removed groups: how many objects below it are added or removed with it.
    public var inside: Int?
}

/// The structural difference of two files: objects added or removed, and changes of kind, neurodata type,
/// dtype, shape rank, attribute names and dtypes, link targets, NWB and specification versions.
/// Sizes (shape lengths) and values are not compared: they differ between any two sessions.
public struct FileDiff: Sendable, Codable, Equatable {
    public var old: String
    public var new: String
    public var changes: [StructureChange]

    public var isEmpty: Bool { changes.isEmpty }

    public init(old: FileSummary, new: FileSummary) {
        self.old = old.path
        self.new = new.path
        var changes: [StructureChange] = []
        if old.nwbVersion != new.nwbVersion {
            changes.append(
                StructureChange(
                    kind: .file, path: "/", detail: "nwb_version \(old.nwbVersion ?? "none") → \(new.nwbVersion ?? "none")"))
        }
        let oldSpecs = Dictionary(old.specifications.map { ($0.namespace, $0.versions) }, uniquingKeysWith: { a, _ in a })
        let newSpecs = Dictionary(new.specifications.map { ($0.namespace, $0.versions) }, uniquingKeysWith: { a, _ in a })
        for namespace in Set(oldSpecs.keys).union(newSpecs.keys).sorted() where oldSpecs[namespace] != newSpecs[namespace] {
            let before = oldSpecs[namespace].map { $0.joined(separator: ", ") } ?? "none"
            let after = newSpecs[namespace].map { $0.joined(separator: ", ") } ?? "none"
            changes.append(
                StructureChange(kind: .file, path: "/specifications", detail: "namespace \(namespace): \(before) → \(after)"))
        }
        let oldObjects = Dictionary(old.objects.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let newObjects = Dictionary(new.objects.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        changes += Self.onlyIn(new.objects, absentFrom: oldObjects, as: .added)
        changes += Self.onlyIn(old.objects, absentFrom: newObjects, as: .removed)
        for entry in old.objects {
            guard let other = newObjects[entry.path] else { continue }
            changes += Self.differences(entry, other).map { StructureChange(kind: .changed, path: entry.path, detail: $0) }
        }
        self.changes = changes.sorted { left, right in
            if left.path != right.path { return left.path.utf8.lexicographicallyPrecedes(right.path.utf8) }
            return left.kind.rawValue < right.kind.rawValue
        }
    }

    /// Objects of `entries` missing from `other`, reported at the top-most missing path only.
    private static func onlyIn(_ entries: [ObjectEntry], absentFrom other: [String: ObjectEntry], as kind: StructureChange.Kind)
        -> [StructureChange]
    {
        var result: [StructureChange] = []
        var topPaths: [String] = []
        for entry in entries where other[entry.path] == nil && !entry.path.hasPrefix("/specifications/") {
            if let top = topPaths.last, entry.path.hasPrefix(top + "/") {
                result[result.count - 1].inside = (result[result.count - 1].inside ?? 0) + 1
                continue
            }
            topPaths.append(entry.path)
            result.append(StructureChange(kind: kind, path: entry.path, detail: describe(entry)))
        }
        return result
    }

    /// `group TimeSeries`, `dataset float32 (2-D)`, `soft_link → /x`.
    static func describe(_ entry: ObjectEntry) -> String {
        var parts = [entry.kind]
        if let type = entry.neurodataType { parts.append(type) }
        if let dtype = entry.dtype { parts.append(dtype) }
        if let shape = entry.shape { parts.append("(\(shape.count)-D)") }
        if let target = entry.target { parts.append("→ \(entry.targetFile.map { $0 + ":" } ?? "")\(target)") }
        return parts.joined(separator: " ")
    }

    /// What differs between the same path's entries.
    static func differences(_ old: ObjectEntry, _ new: ObjectEntry) -> [String] {
        var result: [String] = []
        func compare(_ name: String, _ a: String?, _ b: String?) {
            if a != b { result.append("\(name) \(a ?? "none") → \(b ?? "none")") }
        }
        compare("kind", old.kind, new.kind)
        compare("neurodata_type", old.neurodataType, new.neurodataType)
        compare("dtype", old.dtype, new.dtype)
        if let a = old.shape, let b = new.shape, a.count != b.count {
            result.append("rank \(a.count) → \(b.count) (shape \(a) → \(b))")
        }
        compare("link target", old.target, new.target)
        let oldAttributes = Dictionary((old.attributes ?? []).map { ($0.name, $0.dtype) }, uniquingKeysWith: { a, _ in a })
        let newAttributes = Dictionary((new.attributes ?? []).map { ($0.name, $0.dtype) }, uniquingKeysWith: { a, _ in a })
        for name in oldAttributes.keys.sorted() where newAttributes[name] == nil { result.append("attribute removed: \(name)") }
        for name in newAttributes.keys.sorted() where oldAttributes[name] == nil { result.append("attribute added: \(name)") }
        for name in oldAttributes.keys.sorted() {
            if let before = oldAttributes[name], let after = newAttributes[name], before != after,
                !isSameTextType(before, after)
            {
                result.append("attribute \(name) dtype \(before) → \(after)")
            }
        }
        return result
    }

    /// Fixed-length text of another length (`|S7` → `|S9`) is the same structure: the value's length changed.
    private static func isSameTextType(_ a: String, _ b: String) -> Bool {
        (a.hasPrefix("|S") && b.hasPrefix("|S")) || (a.hasPrefix("<U") && b.hasPrefix("<U"))
    }
}

/// The difference of two sets of files matched by relative path.
public struct CollectionDiff: Sendable, Codable, Equatable {
    public var files: [FileDiff]
    /// Relative paths found only on the first side.
    public var onlyInOld: [String]
    /// Relative paths found only on the second side.
    public var onlyInNew: [String]

    public init(files: [FileDiff], onlyInOld: [String], onlyInNew: [String]) {
        self.files = files
        self.onlyInOld = onlyInOld
        self.onlyInNew = onlyInNew
    }

    public var isEmpty: Bool { files.allSatisfy(\.isEmpty) && onlyInOld.isEmpty && onlyInNew.isEmpty }

    /// `--- old` / `+++ new` per differing file, a line per change (`+`, `-`, `~`, `!`), then the counts.
    public var text: String {
        var text = ""
        for path in onlyInOld { text += "only in the first: \(path)\n" }
        for path in onlyInNew { text += "only in the second: \(path)\n" }
        for diff in files where !diff.isEmpty {
            text += "--- \(diff.old)\n+++ \(diff.new)\n"
            for change in diff.changes {
                let mark =
                    switch change.kind {
                    case .added: "+"
                    case .removed: "-"
                    case .changed: "~"
                    case .file: "!"
                    }
                let inside = change.inside.map { " (and \($0) object\($0 == 1 ? "" : "s") inside)" } ?? ""
                text += "\(mark) \(change.path): \(change.detail)\(inside)\n"
            }
        }
        let differing = files.filter { !$0.isEmpty }.count
        text +=
            "\(files.count) file pair\(files.count == 1 ? "" : "s") compared, \(differing) differ\(differing == 1 ? "s" : ""), \(onlyInOld.count + onlyInNew.count) unmatched\n"
        return text
    }
}
