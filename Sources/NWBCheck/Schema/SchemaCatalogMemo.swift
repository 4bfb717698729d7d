import Foundation
import NWBSupport

/// The catalogs of the specification sets already read in this check run: files written by one tool share
/// their cached namespaces, and parsing and resolving them is most of the schema check's cost. Holds the
/// last few sets (found by their namespaces and versions, then compared whole); safe to share between
/// threads.
final class SchemaCatalogMemo: @unchecked Sendable {
    typealias Documents = [String: [String: [String: String]]]
    private let lock = NSLock()
    private var entries: [(key: UInt64, documents: Documents, catalog: SchemaCatalog?)] = []
    private let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    /// The catalog of `documents`, made once per distinct set (`nil` when they hold no namespace).
    func catalog(for documents: Documents) -> SchemaCatalog? {
        // The namespaces and versions first (cheap), then the texts themselves.
        var key: UInt64 = 0
        for (namespace, versions) in documents {
            for version in versions.keys { key ^= StableHash.fnv1a(namespace + "\u{0}" + version) }
        }
        let hash = key
        lock.lock()
        if let entry = entries.first(where: { $0.key == hash && $0.documents == documents }) {
            lock.unlock()
            return entry.catalog
        }
        lock.unlock()
        let made = SchemaCatalog(documents: documents)
        lock.lock()
        entries.append((hash, documents, made))
        if entries.count > capacity { entries.removeFirst() }
        lock.unlock()
        return made
    }
}
