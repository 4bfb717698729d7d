import Foundation
import HDF5
import NWBKit
import NWBSupport
import Platform

/// Walks one file in several processes at once, for a run with more cores than files: libhdf5 runs one
/// call at a time in a process, so a 100,000-object file read by one process leaves the other cores idle.
/// This process walks part 0 while helpers (`nwbkit walk-part`) walk the others; `TreeMerge` puts the
/// parts together into exactly the tree a whole walk makes. When anything goes wrong with a helper or the
/// merge, the file is walked whole here: the answer is the same, only slower.
public struct SplitWalk: Sendable {
    /// Processes the walk is split across (this one included).
    public var parts: Int
    /// The executable whose `walk-part` command walks the other parts.
    public var executable: String
    /// Hard links a shared group needs to be dealt out (see `WalkPart`).
    public var minimumFanOut: Int
    /// Smaller files are walked whole: their walk takes less than starting a helper saves (a 300 KB
    /// SampleData file took 45 ms whole, 90 ms split).
    public var minimumFileBytes: Int

    public init(parts: Int, executable: String, minimumFanOut: Int = 64, minimumFileBytes: Int = 16 << 20) {
        self.parts = max(1, parts)
        self.executable = executable
        self.minimumFanOut = minimumFanOut
        self.minimumFileBytes = minimumFileBytes
    }

    /// The arguments of `nwbkit walk-part` for part `index` of the file at `path`.
    public func helperArguments(index: Int, path: String, options: SummaryOptions) -> [String] {
        [
            "walk-part", "--part", "\(index + 1)/\(parts)", "--fan-out", String(minimumFanOut), "--max-objects",
            String(options.limits.maxObjects), "--max-depth", String(options.limits.maxDepth), "--", path,
        ]
    }

    /// The whole tree of `file`, walked in `parts` processes when it can be.
    public func walk(_ file: File, options: SummaryOptions) throws -> ObjectTree {
        guard parts > 1, let status = RawPath.status(file.path), Int(status.st_size) >= minimumFileBytes else {
            return try TreeWalker.walk(file, limits: options.limits, values: options.values)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        var helpers: [ChildProcess] = []
        var received: [HandOff<PartialTree?>] = []
        defer {
            helpers.forEach { $0.killAndReap() }
            // No reading thread outlives the descriptor it reads (ended helpers give it end of file).
            received.forEach { _ = $0.take() }
        }
        for index in 1..<parts {
            guard
                let helper = try? ChildProcess(
                    executable: executable, arguments: helperArguments(index: index, path: file.path, options: options),
                    environment: environment)
            else { break }
            helper.closeInput()
            helpers.append(helper)
        }
        // Each helper's part is read and decoded on a thread of its own while this one walks (plain
        // bytes and Swift values: no libhdf5 call off this thread).
        received = helpers.map { Self.receive(from: $0.outputDescriptor) }
        let own = try TreeWalker.walk(
            file, part: WalkPart(index: 0, count: parts, minimumFanOut: minimumFanOut), limits: options.limits,
            values: options.values)
        // Nothing dealt out: every object was shared, and this part is the whole walk.
        if own.dealtGroups.isEmpty { return own.tree }
        var partials = [own]
        for (helper, pending) in zip(helpers, received) {
            guard let partial = pending.take() ?? nil, helper.wait() == .exited(0) else { break }
            partials.append(partial)
        }
        if partials.count == parts, let merged = TreeMerge.merge(consume partials, limits: options.limits) { return merged }
        return try TreeWalker.walk(file, limits: options.limits, values: options.values)
    }

    /// The fan-out the tests ask for (debug builds only; see `TestHooks`).
    public static var testFanOut: Int? { TestHooks.splitFanOut }

    /// The helper's job (`nwbkit walk-part`): walks `part` of the file at `path` and writes it, in
    /// binary, on standard output. Returns false when the file cannot be walked or written out (the
    /// worker then walks the file whole). The helper dies with the worker that started it.
    public static func serveHelper(part: WalkPart, path: String, options: SummaryOptions) -> Bool {
        guard ProcessLifetime.dieWithParent(expected: CurrentProcess.parentID) else { return false }
        TestHooks.failHelper()
        guard let file = try? File.open(path),
            let walked = try? TreeWalker.walk(file, part: part, limits: options.limits, values: options.values)
        else { return false }
        return (try? FileDescriptor.standardOutput.writeAll(PartialTreeCoding.encode(walked))) != nil
    }

    /// Starts reading and decoding a helper's part on another thread.
    private static func receive(from descriptor: FileDescriptor) -> HandOff<PartialTree?> {
        HandOff.onThread { readAll(descriptor).flatMap { try? PartialTreeCoding.decode($0) } }
    }

    /// Everything the helper writes until it closes its output; `nil` on a read error.
    private static func readAll(_ descriptor: FileDescriptor) -> [UInt8]? {
        descriptor.readToEnd()
    }
}
