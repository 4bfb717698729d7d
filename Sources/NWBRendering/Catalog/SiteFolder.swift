import Foundation

/// Writes a site's pages into a folder as one step: into a new temporary folder beside it, renamed into
/// place when every page is written, so a run that stops leaves the old site (or none) and no half site.
/// A folder that is there already is replaced only when an earlier catalog wrote it (its marker file says
/// so) or it is empty: a folder of anything else is never deleted.
public enum SiteFolder {
    /// Why the site could not be written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The file that marks a folder as a site NWBKit wrote.
    public static let marker = ".nwbkit-catalog"

    /// Why writing the site to `folder` would lose an input: one of `inputs` lies inside it (the folder is
    /// replaced as a whole), or `nil`.
    public static func conflict(folder: String, inputs: [String]) -> String? {
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        for input in inputs where !input.contains("://") {
            let path = URL(fileURLWithPath: input).resolvingSymlinksInPath().standardizedFileURL.path
            if path == root || path.hasPrefix(root + "/") {
                return
                    "\(folder): the site's folder holds an input (\(input)), which replacing it would delete; give another --output"
            }
        }
        return nil
    }

    /// Where a site's files go while it is written: a new hidden folder beside the site's, renamed into
    /// place when `write` has had them all.
    public struct Writer {
        let root: URL

        /// Writes `bytes` as the file at `path` (relative to the site's folder; its folders are made).
        public func add(_ path: String, _ bytes: some Sequence<UInt8>) throws {
            let file = root.appending(path: path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }

        /// Writes `text` as UTF-8.
        public func add(_ path: String, text: String) throws { try add(path, Array(text.utf8)) }
    }

    /// Writes the site `fill` gives the writer (each file as soon as it is made: the site is never held
    /// whole) as the site in `folder`.
    public static func write(to folder: String, _ fill: (Writer) throws -> Void) throws(Failure) {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        var isFolder: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isFolder)
        if exists {
            guard isFolder.boolValue else { throw Failure(description: "\(folder): is a file, not a folder for the site") }
            let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
            guard contents.isEmpty || contents.contains(marker) else {
                throw Failure(
                    description:
                        "\(folder): the folder holds files no catalog wrote; give a new or empty folder (nothing was changed)")
            }
        }
        let parent = target.deletingLastPathComponent()
        let temporary = parent.appending(path: ".\(target.lastPathComponent).nwbkit-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            let writer = Writer(root: temporary)
            try fill(writer)
            try writer.add(marker, text: "Written by nwbkit catalog; the folder is replaced as a whole by the next run.\n")
            if exists {
                let old = parent.appending(path: ".\(target.lastPathComponent).nwbkit-old-\(UUID().uuidString)")
                try manager.moveItem(at: target, to: old)
                try manager.moveItem(at: temporary, to: target)
                try? manager.removeItem(at: old)
            } else {
                try manager.moveItem(at: temporary, to: target)
            }
        } catch let failure as Failure {
            try? manager.removeItem(at: temporary)
            throw failure
        } catch {
            try? manager.removeItem(at: temporary)
            throw Failure(description: "\(folder): cannot write the site: \(error.localizedDescription)")
        }
    }
}
