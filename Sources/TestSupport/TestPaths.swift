import Foundation

/// Where tests find their inputs: the package's SampleData, and `../shared` (corpus, edge cases)
/// beside the checkout when it is there (override with `NWBKIT_SHARED`).
public enum TestPaths {
    /// The package root, found from this source file's location.
    public static let packageRoot: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// `SampleData/` of the package.
    public static var sampleData: URL { packageRoot.appending(path: "SampleData") }

    /// A SampleData file by name.
    public static func sample(_ name: String) -> String { sampleData.appending(path: name).path }

    /// `shared/` beside the checkout, or `nil` (with the reason printed once) when absent.
    public static var shared: URL? {
        if let override = ProcessInfo.processInfo.environment["NWBKIT_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        let candidate = packageRoot.deletingLastPathComponent().appending(path: "shared")
        return FileManager.default.fileExists(atPath: candidate.appending(path: "corpus").path) ? candidate : nil
    }

    /// The message tests skip with when `shared/` is absent.
    public static let sharedMissing =
        "../shared (corpus and edge cases) is not beside this checkout; set NWBKIT_SHARED to run these tests"

    /// Every `.nwb` file of the corpus, relative paths in byte order.
    public static func corpusFiles() -> [String] {
        guard let corpus = shared?.appending(path: "corpus") else { return [] }
        let enumerator = FileManager.default.enumerator(atPath: corpus.path)
        var files: [String] = []
        while let item = enumerator?.nextObject() as? String {
            if item.hasSuffix(".nwb"), !item.hasPrefix("reference/") { files.append(item) }
        }
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The names of SampleData's five NWB files (its `bad/` folder left out).
    public static let sampleNames = ["behavior.nwb", "ecephys.nwb", "icephys.nwb", "images.nwb", "ophys.nwb"]

    /// SampleData's five NWB files, as full paths.
    public static var samples: [String] { sampleNames.map(sample) }

    /// The five SampleData files and (when `shared/` is there) every corpus file, as full paths.
    public static func sampleAndCorpusPaths() -> [String] {
        guard let shared else { return samples }
        return samples + corpusFiles().map { shared.appending(path: "corpus/" + $0).path }
    }

    /// The reference file name for a corpus file: `dir/name.nwb` → `dir__name.nwb.SUFFIX`.
    public static func reference(for relativePath: String, suffix: String) -> URL? {
        shared?.appending(path: "corpus/reference/" + relativePath.replacingOccurrences(of: "/", with: "__") + "." + suffix)
    }

    /// Every file of `hdf5-edge/` but its manifest, relative paths in byte order.
    public static func edgeFiles() -> [String] {
        guard let edge = shared?.appending(path: "hdf5-edge") else { return [] }
        let enumerator = FileManager.default.enumerator(atPath: edge.path)
        var files: [String] = []
        while let item = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: edge.appending(path: item).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, item != "MANIFEST.md" { files.append(item) }
        }
        return files.sorted()
    }

    /// The built `nwbkit` binary next to the test bundle.
    public static var binary: URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appending(path: "nwbkit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appending(path: ".build/debug/nwbkit")
    }
}

/// What a run of the built `nwbkit` printed and how it ended.
public struct CommandRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Runs the built binary with `arguments` (in `folder`, default the temporary folder) and waits.
    /// `environment` adds to (or, with an empty value, removes from) this process's environment.
    public static func nwbkit(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws
        -> CommandRun
    {
        try run(TestPaths.binary, arguments, in: folder, environment: environment)
    }

    /// Runs a bash `script` in which `$0` is the built binary and `$1`… are `arguments` (for redirections
    /// and limits: `exec "$0" summarize "$1" > /dev/full`).
    public static func bash(_ script: String, _ arguments: [String] = [], in folder: URL? = nil) throws -> CommandRun {
        try run(URL(fileURLWithPath: "/bin/bash"), ["-c", script, TestPaths.binary.path] + arguments, in: folder)
    }

    private static func run(_ executable: URL, _ arguments: [String], in folder: URL?, environment: [String: String] = [:])
        throws -> CommandRun
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value.isEmpty ? nil : value }
            process.environment = merged
        }
        process.currentDirectoryURL = folder ?? FileManager.default.temporaryDirectory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read stderr on another thread: a run that writes more than a pipe holds to stderr would otherwise
        // block while this thread waits for the end of stdout.
        nonisolated(unsafe) var stderr = Data()
        let stderrDone = DispatchSemaphore(value: 0)
        Thread {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            stderrDone.signal()
        }.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        stderrDone.wait()
        process.waitUntilExit()
        return CommandRun(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension CommandRun {
    /// `body` of each of `inputs`, as many at a time as there are cores, the answers in the inputs' order
    /// (for tests that start one process per input and wait on each: the cores stay busy).
    public static func each<Answer: Sendable>(
        _ inputs: [String], _ body: @escaping @Sendable (String) throws -> Answer
    ) throws -> [Answer] {
        let answers = ConcurrentAnswers<Answer>()
        let width = max(1, min(inputs.count, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while true {
                let index: Int? = answers.lock.withLock {
                    defer { answers.next += 1 }
                    return answers.next < inputs.count ? answers.next : nil
                }
                guard let index else { return }
                let answer = Result { try body(inputs[index]) }
                answers.lock.withLock { answers.kept[index] = answer }
            }
        }
        return try inputs.indices.map { try answers.kept[$0]!.get() }
    }
}

/// The answers `CommandRun.each` gathers from its threads, under one lock.
private final class ConcurrentAnswers<Answer>: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var kept: [Int: Result<Answer, Error>] = [:]
}
