import Foundation
import HDF5
import NWBSupport

/// Options of a summary run.
public struct SummaryOptions: Sendable {
    public var limits: WalkLimits
    public var values: ValuePolicy
    /// How remote files (URLs, archive assets) are opened: `RemoteReading`'s `RemoteOptions`, or `nil` for
    /// local files only.
    public var remote: (any RemoteOpening)?

    public init(limits: WalkLimits = .standard, values: ValuePolicy = .metadata, remote: (any RemoteOpening)? = nil) {
        self.limits = limits
        self.values = values
        self.remote = remote
    }
}

/// Summarizes one file: checks the path, walks it read-only, interprets NWB.
public enum FileSummarizer {
    /// The summary of the NWB file at `path`, or the reason there is none.
    /// - Parameter walk: how the open file is walked (e.g. split across processes); a whole
    ///   `TreeWalker.walk` by default.
    public static func summarize(
        _ path: String, options: SummaryOptions = SummaryOptions(), walk: ((File, SummaryOptions) throws -> ObjectTree)? = nil
    ) throws(SummaryError) -> FileSummary {
        try summarizeKeepingFile(path, options: options, walk: walk).summary
    }

    /// The summary of the NWB file at `path` and the file, still open: a product that reads values after
    /// the summary (previews, data checks) reads through it, and for a remote file through the block cache
    /// that already holds its metadata, instead of opening it again.
    public static func summarizeKeepingFile(
        _ path: String, options: SummaryOptions = SummaryOptions(), walk: ((File, SummaryOptions) throws -> ObjectTree)? = nil
    ) throws(SummaryError) -> (summary: FileSummary, file: File) {
        let (file, size) = try FileOpening.open(path, remote: options.remote)
        let tree: ObjectTree
        do {
            if isCertainlyNotNWB(file) { throw SummaryError.notNWB(path: path) }
            if let walk {
                tree = try walk(file, options)
            } else {
                tree = try TreeWalker.walk(file, limits: options.limits, values: options.values)
            }
        } catch let error as SummaryError {
            throw error
        } catch let error as HDF5Error {
            throw FileOpening.failure(path, file: file, error.message)
        } catch {
            throw .unreadableHDF5(path: path, detail: "\(error)")
        }
        return (try summarize(tree: tree, path: path, fileSize: size), file)
    }

    /// True when the root alone shows the file is not NWB (no `nwb_version` attribute, no `neurodata_type`
    /// of `NWBFile`, no `/nwb_version` link): such a file is refused before its objects are walked — the
    /// same answer `NWBInterpreter.isNWB` gives after the walk, without the walk. Anything unreadable
    /// leaves the decision to the walk.
    static func isCertainlyNotNWB(_ file: File) -> Bool {
        guard let root = try? file.root() else { return false }
        let (attributes, attributeError) = root.attributes()
        guard attributeError == nil else { return false }
        if attributes.contains(where: { $0.name == "nwb_version" }) { return false }
        if let type = attributes.first(where: { $0.name == "neurodata_type" }) {
            if type.value.unreadReason != nil || ObjectTree.text(of: type) == "NWBFile" { return false }
        }
        return root.hasLink(named: "nwb_version") == false
    }

    /// The summary of an already walked tree (pure; used by tests and by `summarize(_:)`).
    ///
    /// The tree is consumed: once everything that reads it across objects is done, the object list
    /// takes each object's attributes and value out of it as it lists them, so a large file's
    /// attributes are never held twice (tree and summary).
    public static func summarize(tree: consuming ObjectTree, path: String, fileSize: Int) throws(SummaryError) -> FileSummary {
        var summary: FileSummary
        let types: [String?]
        do {
            // A large tree's structure lines and signature are made on another thread meanwhile.
            let structure = tree.nodes.count >= 4096 ? Self.structureInBackground(copy tree) : nil
            let nwb = NWBInterpreter(tree: copy tree)
            guard nwb.isNWB else {
                if let found = nwb.foreignVersionText { throw .notNWBVersion(path: path, found: found) }
                throw .notNWB(path: path)
            }
            types = (0..<tree.nodes.count).map(nwb.neurodataType)
            summary = FileSummary(
                path: path, fileSize: fileSize, nwbVersion: nwb.nwbVersion, session: nwb.session(), subject: nwb.subject(),
                devices: nwb.devices(), electrodeGroups: nwb.electrodeGroups(), electrodes: nwb.electrodes(),
                imagingPlanes: nwb.imagingPlanes(), roiTables: nwb.roiTables(), units: nwb.units(), intervals: nwb.intervals(),
                acquisition: nwb.entries("/acquisition"), stimulus: nwb.stimulus(), processing: nwb.processing(),
                specifications: nwb.specifications(), neurodataTypes: nwb.typeCounts(),
                counts: ObjectCounts(
                    groups: 0, datasets: 0, committedDatatypes: 0, softLinks: 0, externalLinks: 0, hardLinkAliases: 0,
                    attributes: 0),
                objects: [], structureLines: [], signature: [],
                problems: tree.problems, isIncomplete: tree.isIncomplete)
            summary.epochs = nwb.epochs()
            // Taken before the listing below changes the tree: the other thread's copy is gone by then.
            (summary.structureLines, summary.signature) =
                structure?.take() ?? DandiStructure.linesAndSignature(tree)
        }
        let attributeCount = tree.nodes.reduce(0) { $0 + $1.attributes.count }
        let attributesNotRead = tree.nodes.reduce(0) { $0 + $1.omittedAttributes }
        let objects = ObjectListing.entries(taking: &tree, types: types)
        BackgroundRelease.release(tree)
        // Counted in place: a filtered copy of the list was the run's peak of memory.
        func count(_ kind: String) -> Int { objects.reduce(0) { $1.kind == kind ? $0 + 1 : $0 } }
        summary.counts = ObjectCounts(
            groups: count("group"), datasets: count("dataset"), committedDatatypes: count("datatype"),
            softLinks: count("soft_link"), externalLinks: count("external_link"), hardLinkAliases: count("hard_link"),
            attributes: attributeCount, attributesNotRead: attributesNotRead > 0 ? attributesNotRead : nil)
        summary.objects = objects
        return summary
    }

    /// `DandiStructure`'s lines and signature of `tree`, made on another thread. The thread lets go of
    /// its copy of the tree before it hands them over, so the tree is not shared once they are taken.
    private static func structureInBackground(_ tree: consuming ObjectTree) -> HandOff<([String], [String])> {
        final class Holder: @unchecked Sendable {
            var tree: ObjectTree?
            init(_ tree: consuming ObjectTree) { self.tree = tree }
        }
        let holder = Holder(tree)
        return HandOff.onThread {
            let tree = holder.tree.take()!
            return DandiStructure.linesAndSignature(tree)
        }
    }

    /// Size of the regular, readable file at `path`.
    static func checkReadableFile(_ path: String) throws(SummaryError) -> Int {
        guard let status = RawPath.status(path) else {
            throw .unreachable(path, errno: errno)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
        guard RawPath.isReadable(path) else { throw .permissionDenied(path: path) }
        return Int(status.st_size)
    }
}

extension FileSummary {
    /// Warnings a user should see: dangling soft links, external links not followed, unreadable parts.
    public var warnings: [String] {
        var lines: [String] = []
        for entry in objects {
            if entry.kind == "soft_link", entry.resolved == false {
                lines.append("\(entry.path): soft link to \(entry.target ?? "") does not resolve (dangling)")
            } else if entry.kind == "external_link" {
                lines.append("\(entry.path): external link to \(entry.targetFile ?? ""):\(entry.target ?? "") not followed")
            }
        }
        for problem in problems { lines.append("\(problem.path): \(problem.message)") }
        return lines
    }
}
