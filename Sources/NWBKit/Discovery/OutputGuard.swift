import HDF5
import NWBSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Refuses an output path that would overwrite one of a run's inputs.
///
/// An output is refused when it is the same file as an input or as a file discovered under an input folder
/// (compared by device and inode, so links, `..` and hard links are seen through), or when it does not exist
/// yet but would be discovered as an input (a matching name inside a folder being read). Checked before
/// anything is read, so a refused run changes nothing.
public struct OutputGuard: Sendable {
    private struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// The inputs as given on the command line.
    public let inputs: [String]
    /// How folders among the inputs are searched (the run's own discovery).
    public let discovery: FileDiscovery
    /// Each file the inputs name or hold (every shard's), by identity, with its path.
    private let inputFiles: [FileIdentity: String]

    /// Finds the inputs' files once (a folder listing, no file is opened).
    public init(inputs: [String], discovery: FileDiscovery) {
        self.inputs = inputs
        self.discovery = discovery
        var unsharded = discovery
        unsharded.shard = nil
        var files: [FileIdentity: String] = [:]
        for case .file(let path) in unsharded.items(for: inputs) {
            if let status = RawPath.status(path) {
                let identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
                if files[identity] == nil { files[identity] = path }
            }
        }
        inputFiles = files
    }

    /// Why `output` may not be written, or `nil` when it is safe.
    public func conflict(output: String) -> String? {
        let shown = RawPath.display(output)
        if let status = RawPath.status(output) {
            let type = status.st_mode & S_IFMT
            if type == S_IFDIR { return "\(shown) is a folder" }
            // Devices, FIFOs and sockets are written to, never replaced; they cannot be an input file.
            guard type == S_IFREG else { return nil }
            if let path = inputFiles[FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))] {
                return "\(shown) is an input (\(RawPath.display(path))): refusing to overwrite it"
            }
            return nil
        }
        // Not there yet: refused when a later run (or this one) would read it as an input.
        let name = Self.lastComponent(output)
        guard discovery.matches(name), let folder = Self.realFolder(of: output) else { return nil }
        for input in inputs {
            guard let status = RawPath.status(input), (status.st_mode & S_IFMT) == S_IFDIR,
                let root = RawPath.realPath(input)
            else { continue }
            if folder == root || folder.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                return "\(shown) would be written inside \(RawPath.display(input)), which is read as input: choose another path"
            }
        }
        return nil
    }

    private static func lastComponent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed.split(separator: "/", omittingEmptySubsequences: false).last ?? trimmed)
    }

    /// The real path of the folder `path` would be created in.
    private static func realFolder(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return RawPath.realPath(".") }
        let folder = String(path[..<slash])
        return RawPath.realPath(folder.isEmpty ? "/" : folder)
    }
}
