import NWBKit

/// Files grouped into DANDI structural "types": files with identical signatures (the list of
/// `PATH: neurodata_type` of their typed objects) form one type.
public struct FileTypes: Sendable, Codable, Equatable {
    /// One type: its files in path order; the first is the representative.
    public struct FileType: Sendable, Codable, Equatable {
        /// 1-based position in the document's order.
        public var number: Int
        public var files: [String]
        public var representative: String { files[0] }
    }

    /// The kept types, in the order the original generator lists them.
    public var types: [FileType]
    /// Files considered (after the file cap), in path order.
    public var filesConsidered: Int
    /// Files of the kept types (what "Dandiset … has N NWB files" says).
    public var filesInKeptTypes: Int
    /// Types found before the type cap.
    public var typesFound: Int

    /// Groups `files` (path and signature). `maxFiles` and `maxTypes` cap as the original does
    /// (100 and 5); `0` means no cap. Types are ordered as CPython iterates the set of labels
    /// (label = 1 + index of the type's first file), which is what the original's output follows.
    public init(files: [(path: String, signature: [String])], maxTypes: Int = 5, maxFiles: Int = 100) {
        var sorted = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        if maxFiles > 0, sorted.count > maxFiles { sorted = Array(sorted.prefix(maxFiles)) }
        var firstIndex: [[String]: Int] = [:]
        var labels: [Int] = []
        var members: [Int: [String]] = [:]
        for (index, file) in sorted.enumerated() {
            let first = firstIndex[file.signature] ?? index
            firstIndex[file.signature] = first
            let label = first + 1
            labels.append(label)
            members[label, default: []].append(file.path)
        }
        var order = PythonSetOrder.iterationOrder(of: labels)
        typesFound = order.count
        if maxTypes > 0, order.count > maxTypes { order = Array(order.prefix(maxTypes)) }
        types = order.enumerated().map { FileType(number: $0.offset + 1, files: members[$0.element] ?? []) }
        filesConsidered = sorted.count
        filesInKeptTypes = types.reduce(0) { $0 + $1.files.count }
    }
}

/// The iteration order of a CPython 3.11 `set` of small non-negative integers inserted in a given
/// order (open addressing, linear probes of up to 9 slots, perturbation, resize at 3/5 full).
public enum PythonSetOrder {
    public static func iterationOrder(of keys: [Int]) -> [Int] {
        var table = [Int?](repeating: nil, count: 8)
        var used = 0
        func insert(_ key: Int, into table: inout [Int?]) {
            let mask = table.count - 1
            var index = key & mask
            var perturb = key
            while true {
                if index + 9 <= mask {
                    for slot in index...(index + 9) {
                        if table[slot] == nil || table[slot] == key {
                            table[slot] = key
                            return
                        }
                    }
                } else if table[index] == nil || table[index] == key {
                    table[index] = key
                    return
                }
                perturb >>= 5
                index = (index * 5 + 1 + perturb) & mask
            }
        }
        var seen = Set<Int>()
        for key in keys where seen.insert(key).inserted {
            insert(key, into: &table)
            used += 1
            let mask = table.count - 1
            if used * 5 >= mask * 3 {
                var size = 8
                while size <= used * 4 { size *= 2 }
                let old = table
                table = [Int?](repeating: nil, count: size)
                for case let entry? in old { insert(entry, into: &table) }
            }
        }
        return table.compactMap { $0 }
    }
}
