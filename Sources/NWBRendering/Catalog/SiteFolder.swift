import Foundation
import Platform

/// Writes a site's pages into a folder as one step: into a new temporary folder beside it, renamed into
/// place when every page is written, so a run that stops leaves the old site (or none) and no half site.
/// A folder that is there already is replaced only when it is empty or holds exactly what an earlier
/// catalog wrote: its marker file lists every file that catalog wrote, and a folder holding anything else
/// (a user's notes, a link, a file of an older catalog's that no list names) is refused and left as it is.
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

    /// What the marker holds: the files the catalog wrote, relative to its folder.
    struct Marker: Codable {
        var writtenBy = "nwbkit catalog; the folder is replaced as a whole by the next run, if it holds only these files"
        var files: [String]
    }

    /// Where a site's files go while it is written: a new hidden folder beside the site's, renamed into
    /// place when `write` has had them all.
    public final class Writer {
        let root: URL
        /// Every file written so far, relative to the site's folder.
        private(set) var written: [String] = []

        init(root: URL) { self.root = root }

        /// Writes `bytes` as the file at `path` (relative to the site's folder; its folders are made).
        public func add(_ path: String, _ bytes: some Sequence<UInt8>) throws {
            let file = root.appending(path: path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file, options: .withoutOverwriting)
            written.append(path)
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
            if let stranger = stranger(in: target) {
                throw Failure(
                    description:
                        "\(folder): the folder holds \(stranger), which no catalog wrote; give a new or empty folder (nothing was changed)"
                )
            }
        }
        let parent = target.deletingLastPathComponent()
        let temporary = parent.appending(path: ".\(target.lastPathComponent).nwbkit-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            let writer = Writer(root: temporary)
            try fill(writer)
            let list = Marker(files: writer.written.sorted())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try writer.add(marker, try encoder.encode(list) + Data("\n".utf8))
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

    /// The first thing in the existing site folder `root` that its marker does not list (a file, a link, a
    /// folder that holds no listed file), named relative to it; `nil` when the folder is empty or holds
    /// only what the marker lists.
    static func stranger(in root: URL) -> String? {
        let manager = FileManager.default
        guard let entries = try? manager.subpathsOfDirectory(atPath: root.path) else { return "files that cannot be listed" }
        if entries.isEmpty { return nil }
        guard let data = manager.contents(atPath: root.appending(path: marker).path),
            let listed = try? JSONDecoder().decode(Marker.self, from: data)
        else { return entries.contains(marker) ? "a marker that lists no files (an older catalog's)" : entries.sorted()[0] }
        let files = Set(listed.files + [marker])
        var folders = Set<String>()
        for file in files {
            var parent = (file as NSString).deletingLastPathComponent
            while !parent.isEmpty {
                folders.insert(parent)
                parent = (parent as NSString).deletingLastPathComponent
            }
        }
        for entry in entries.sorted() {
            guard let info = try? FileSystem.linkStatus(root.appending(path: entry).path) else { return entry }
            if FileSystem.isRegularFile(info) && files.contains(entry) { continue }
            if FileSystem.isFolder(info) && folders.contains(entry) { continue }
            return entry
        }
        return nil
    }
}
