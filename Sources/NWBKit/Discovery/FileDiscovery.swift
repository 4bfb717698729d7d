import Foundation
import HDF5
import NWBSupport

/// Finds the files a run will read: files given by name, and under folders (recursively) the files
/// whose name ends in `.nwb` or matches an `--include` glob. Byte-ordered, each file once.
public struct FileDiscovery: Sendable {
    /// One input: a file to read, or why a given path gives none.
    public enum Item: Sendable, Equatable {
        case file(String)
        case failure(SummaryError)
    }

    /// Extra glob patterns (matched against file names) for HDF5 files not named `*.nwb`.
    public var includePatterns: [String]
    /// Keep only shard `index` (1-based) of `count`: a file belongs to the shard its path hashes to, so
    /// the split is deterministic and stays put when files are added elsewhere in the tree.
    public var shard: (index: Int, count: Int)?

    public init(includePatterns: [String] = [], shard: (index: Int, count: Int)? = nil) {
        self.includePatterns = includePatterns
        self.shard = shard
    }

    /// The shard (1-based, of `count`) a path belongs to: FNV-1a 64 of its bytes, modulo `count`.
    public static func shard(of path: String, count: Int) -> Int {
        Int(StableHash.fnv1a(path) % UInt64(max(1, count))) + 1
    }

    /// The description of what folders are searched for, for error messages.
    public var patternDescription: String {
        (["*.nwb"] + includePatterns).joined(separator: ", ")
    }

    /// True when a file name found in a folder is one to read.
    public func matches(_ name: String) -> Bool {
        if name.hasSuffix(".nwb") { return true }
        return includePatterns.contains { fnmatch($0, name, 0) == 0 }
    }

    /// The items for `paths`, in the order given; folders expand in byte order of their entries.
    /// With a shard, only that shard's files (failures of the paths themselves go to shard 1).
    public func items(for paths: [String]) -> [Item] {
        let all = allItems(for: paths)
        guard let shard else { return all }
        return all.filter { item in
            switch item {
            case .file(let path): return Self.shard(of: path, count: shard.count) == shard.index
            case .failure: return shard.index == 1
            }
        }
    }

    private func allItems(for paths: [String]) -> [Item] {
        var items: [Item] = []
        var seen = Set<String>()
        func add(_ path: String) {
            let key = RawPath.realPath(path) ?? path
            if seen.insert(key).inserted { items.append(.file(path)) }
        }
        for path in paths {
            // A URL is read as it is (its server answers for it), never looked up on disk.
            if RemotePaths.isRemote(path) {
                if seen.insert(path).inserted { items.append(.file(path)) }
                continue
            }
            guard let status = RawPath.status(path) else {
                items.append(.failure(.unreachable(path, errno: errno)))
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                var found: [String] = []
                var failed = false
                walkFolder(
                    path, add: { found.append($0) },
                    failures: {
                        items.append(.failure($0))
                        failed = true
                    })
                found.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                // A folder whose files could not all be reached already said why.
                if found.isEmpty && !failed { items.append(.failure(.noNWBFiles(path: path, pattern: patternDescription))) }
                found.forEach(add)
            } else {
                add(path)
            }
        }
        return items
    }

    /// Iterative walk; symbolic links to folders are not followed (no loops), links to files are.
    private func walkFolder(_ root: String, add: (String) -> Void, failures: (SummaryError) -> Void) {
        var stack = [root]
        while let folder = stack.popLast() {
            guard let directory = RawPath.withCString(folder, { opendir($0) }) else {
                failures(.unreachable(folder, errno: errno))
                continue
            }
            var names: [(name: String, isFolder: Bool)] = []
            let base = folder.hasSuffix("/") ? folder : folder + "/"
            while let entry = readdir(directory) {
                // Names keep every byte (RawPath): one that is not UTF-8 is found and opened like any other.
                let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: UInt8.self, capacity: 256) { bytes in
                        RawPath.string(
                            fromBytes: Array(
                                UnsafeBufferPointer(
                                    start: bytes, count: strlen(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self)))))
                    }
                }
                if name == "." || name == ".." { continue }
                names.append((name, entry.pointee.d_type == UInt8(DT_DIR)))
            }
            closedir(directory)
            names.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            var subfolders: [String] = []
            for (name, isFolder) in names {
                let path = base + name
                guard let linkStatus = RawPath.status(path, followLinks: false) else {
                    // Gone since the folder was listed, or not reachable (a path too long to open): say so if
                    // it would have been read, or searched.
                    let code = errno
                    if matches(name) || (isFolder && code == ENAMETOOLONG) { failures(.unreachable(path, errno: code)) }
                    continue
                }
                let type = linkStatus.st_mode & S_IFMT
                if type == S_IFDIR {
                    subfolders.append(path)
                } else if matches(name) {
                    if type == S_IFLNK {
                        if let target = RawPath.status(path), (target.st_mode & S_IFMT) == S_IFDIR { continue }
                    }
                    add(path)
                }
            }
            stack.append(contentsOf: subfolders.reversed())
        }
    }
}
