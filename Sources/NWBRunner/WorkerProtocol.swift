import Foundation
import HDF5
import NWBJSON
import NWBKit
import NWBSupport
import Platform
import RemoteReading

/// A file's summary as a worker sent it (compact JSON, decoded only by those who need the model), or as
/// this process made it (the model, encoded only by those who print JSON): never encoded and decoded again
/// on the way from one to the other. A worker asked for a product (`FileProduct`) sends that instead.
public struct WorkerResult: Sendable {
    public let path: String
    /// The summary's warnings (dangling and external links, unreadable parts), one line each.
    public let warnings: [String]
    private let model: FileSummary?
    private let encoded: [UInt8]?
    /// The product `encoded` holds, or `nil` when it holds the summary.
    private let productName: String?
    /// Binary frames that came after the product's JSON (a catalog entry's PNGs).
    private let frames: [[UInt8]]

    /// Whether this holds what a product made rather than the summary.
    var holdsProduct: Bool { productName != nil }

    /// The summary model.
    public func summary() throws -> FileSummary {
        if let model { return model }
        if let productName { throw WorkerProtocol.ReplyError(message: "the worker sent its \(productName), not the summary") }
        return try FastJSONDecoder().decode(FileSummary.self, from: encoded ?? [])
    }

    /// The summary as compact JSON (sorted keys), exactly as `JSONRendering.lineData` writes it.
    public func body() throws -> [UInt8] {
        if let encoded, productName == nil { return encoded }
        let summary = try summary()
        return try FastJSONEncoder(prettyPrinted: false).encode(summary, capacity: Self.compactJSONSize(of: summary))
    }

    /// About how many bytes a summary's compact JSON takes: 600 per object (measured: 520 at 100,000).
    static func compactJSONSize(of summary: FileSummary) -> Int { (1 << 16) + summary.objects.count * 600 }

    /// What `product` makes of this file: as the worker sent it, or made here from the summary
    /// (a file read in this process, or a summary merged from shards).
    public func product<Value>(_ product: FileProduct<Value>) throws -> Value {
        if let encoded, productName == product.name { return try product.decode(encoded, frames: frames) }
        return try product.make(try summary())
    }

    /// Wraps a summary made in this process.
    public init(summary: FileSummary) {
        path = summary.path
        warnings = summary.warnings
        model = summary
        encoded = nil
        productName = nil
        frames = []
    }

    init(path: String, warnings: [String], body: [UInt8], productName: String?, frames: [[UInt8]] = []) {
        self.path = path
        self.warnings = warnings
        self.model = nil
        self.encoded = body
        self.productName = productName
        self.frames = frames
    }
}

/// What reading one file gave.
public enum FileOutcome: Sendable {
    case result(WorkerResult)
    case failure(RunFailure)
}

/// The protocol between `nwbkit` and its worker processes (`nwbkit worker`): the parent writes one JSON
/// string (a path) per line; the worker answers each with a JSON header on one line's start
/// (`{"failure": …}` and a newline, or `{"path": …, "warnings": […]}` and a tab), then the body and a
/// newline. The body is the summary's compact JSON (no raw tab or newline in it), or with
/// `"product": NAME` that product: compact JSON, or, when the header gives its `length`, its bytes as
/// they are (rendered text and Markdown cross unchanged, newlines and all, and are printed as they came).
public enum WorkerProtocol {
    /// Changes whenever replies or cache entries change form (part of the cache's key: an older cache is
    /// not misread, nor reported as damaged; 4: entries carry their length and checksum; 5: region references
    /// keep their selection, dimension scales' lists are read; 6: a failure is a `RunFailure`;
    /// 7: catalog previews carry signal plots; 8: a catalog entry's tree data and PNGs cross as frames after its JSON).
    public static let version = 8

    private struct Header: Codable {
        var path: String?
        var warnings: [String]?
        var product: String?
        var failure: RunFailure?
        /// About how many bytes the body will have (so the parent can make room once, not by doubling).
        var sizeHint: Int?
        /// The body's exact length, when it is raw bytes (which may hold newlines), or when binary frames
        /// follow it (then the JSON's and the frames' lengths together).
        var length: Int?
        /// The lengths of the binary frames after a JSON body (a catalog entry's PNGs, never base64).
        var frames: [Int]?
    }

    /// How a reply's header frames its body: the exact length of a raw body, and a size hint.
    struct Framing {
        var length: Int?
        var sizeHint: Int?
    }

    /// The framing a complete header (the bytes before its tab) announces; `nil` when it is not a header.
    static func framing(ofHeader bytes: ArraySlice<UInt8>) -> Framing? {
        guard let header = try? FastJSONDecoder().decode(Header.self, from: Array(bytes)) else { return nil }
        return Framing(length: header.length, sizeHint: header.sizeHint)
    }

    /// A reply that does not hold what was asked for.
    public struct ReplyError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Serves requests from standard input until it closes, or until the parent stops reading (the
    /// worker's main loop): each file's summary, or what `product` makes of it.
    /// With `split`, each file's walk is split across that many processes (see `SplitWalk`). With
    /// `deadline`, a file that takes longer ends this process (SIGALRM), parent or no parent.
    public static func serve(
        options: SummaryOptions, product: AnyFileProduct? = nil, split: SplitWalk? = nil, deadline: Double? = nil
    ) {
        let walk = split.map { split in { (file: File, options: SummaryOptions) in try split.walk(file, options: options) } }
        var output = ReplyOutput()
        while !output.parentIsGone, let line = readLine(strippingNewline: true) {
            guard let path = (try? OrderedJSON.parse(line))?.stringValue else { continue }
            answer(path, options: options, product: product, walk: walk, deadline: deadline, output: &output)
        }
    }

    /// Serves a session (`WorkerConfiguration.session`, the MCP server's worker): each line is a
    /// `WorkerTask`, a file and what to make of it, answered as `serve` answers a path. Remote files stay
    /// open between tasks (`RemoteFileShelf`): a second task on a file asks the server nothing for the
    /// blocks the first fetched.
    public static func serveSession(reading: WorkerReading, remote: RemoteOptions, deadline: Double? = nil) {
        var remote = remote
        remote.shelf = RemoteFileShelf()
        var output = ReplyOutput()
        let lastFile = SessionFile()
        while !output.parentIsGone, let line = readLine(strippingNewline: true) {
            guard let task = try? FastJSONDecoder().decode(WorkerTask.self, from: Array(line.utf8)) else { continue }
            var taskRemote = remote
            if let location = task.location { taskRemote.locations[task.path] = location }
            let taskOptions = reading.summaryOptions(remote: taskRemote)
            let product: AnyFileProduct?
            do {
                product = try WorkerProducts.encoded(task.product, remote: taskRemote)
            } catch {
                output.write(encode(Header(failure: .worker(path: task.path, detail: "\(error)"))) + [UInt8(ascii: "\n")])
                continue
            }
            answer(
                task.path, options: taskOptions, product: product, walk: nil, deadline: deadline, output: &output,
                session: (lastFile, SessionFile.key(of: task.path, location: task.location)))
        }
    }

    /// Reads one file and writes its reply: the summary, or what `product` makes of it.
    /// With `session`, the file is read through the session's last file when it is the same (`key`).
    private static func answer(
        _ path: String, options: SummaryOptions, product: AnyFileProduct?,
        walk: ((File, SummaryOptions) throws -> ObjectTree)?, deadline: Double?, output: inout ReplyOutput,
        session: (lastFile: SessionFile, key: String?)? = nil
    ) {
        ProcessLifetime.setDeadline(seconds: deadline)
        defer { ProcessLifetime.setDeadline(seconds: nil) }
        TestHooks.fail(on: path)
        // Header, tab and body are written one after the other, the body in 1 MiB pieces as it is
        // encoded: a large summary's JSON is never held whole.
        do {
            if let product {
                // A product that reads values does so through the file the summary was read from.
                let (summary, file): (FileSummary, File?) =
                    if let session {
                        try session.lastFile.read(path, key: session.key, options: options)
                    } else if product.usesOpenFile {
                        try FileSummarizer.summarizeKeepingFile(path, options: options, walk: walk)
                    } else {
                        (try FileSummarizer.summarize(path, options: options, walk: walk), nil)
                    }
                // Made before the header is written, so a failure can still be a clean line.
                let made = try product.encode(summary, file)
                let frameLengths = made.frames.map(\.count)
                let header = Header(
                    path: summary.path, warnings: summary.warnings, product: product.name,
                    length: product.isRaw || !made.frames.isEmpty ? made.body.count + frameLengths.reduce(0, +) : nil,
                    frames: made.frames.isEmpty ? nil : frameLengths)
                output.write(encode(header) + [UInt8(ascii: "\t")] + made.body + made.frames.flatMap { $0 } + [UInt8(ascii: "\n")])
                if session == nil { BackgroundRelease.release(summary) }
                return
            }
            let summary =
                if let session {
                    try session.lastFile.read(path, key: session.key, options: options).summary
                } else {
                    try FileSummarizer.summarize(path, options: options, walk: walk)
                }
            let sizeHint = summary.objects.count >= 10_000 ? WorkerResult.compactJSONSize(of: summary) : nil
            let header =
                encode(Header(path: summary.path, warnings: summary.warnings, sizeHint: sizeHint)) + [UInt8(ascii: "\t")]
            var headerWritten = false
            // The encoder throws, if at all, before its first piece: the header is written with that piece.
            // The newline ends the last piece: the parent has its answer before anything is freed here.
            try FastJSONEncoder(prettyPrinted: false).encode(summary, chunkSize: 1 << 20, trailer: [UInt8(ascii: "\n")]) {
                piece in
                if !headerWritten {
                    output.write(header)
                    headerWritten = true
                }
                output.write(piece)
            }
            if session == nil { BackgroundRelease.release(summary) }
            return
        } catch let error as SummaryError {
            output.write(encode(Header(failure: .file(error))))
        } catch {
            output.write(
                encode(
                    Header(
                        failure: .worker(
                            path: path, detail: "could not encode the \(product?.name ?? "summary"): \(error)"))))
        }
        output.write([UInt8(ascii: "\n")])
    }

    /// Standard output of a worker (the parent reads until the newline); once a write fails the parent
    /// is gone, nothing more is written and `serve` returns.
    private struct ReplyOutput {
        private(set) var parentIsGone = false

        mutating func write(_ bytes: [UInt8]) {
            guard !parentIsGone else { return }
            if (try? FileDescriptor.standardOutput.writeAll(bytes)) == nil { parentIsGone = true }
        }
    }

    private static func encode(_ header: Header) -> [UInt8] {
        (try? FastJSONEncoder(prettyPrinted: false).encode(header)) ?? Array(#"{}"#.utf8)
    }

    /// The outcome a reply line (without its newline) carries, or `nil` when it is not one. The line's
    /// bytes become the body (the header cut off in place: a large summary is not copied).
    static func decode(_ line: consuming [UInt8]) -> FileOutcome? {
        var bytes = line
        let tab = bytes.firstIndex(of: UInt8(ascii: "\t"))
        guard let header = try? FastJSONDecoder().decode(Header.self, from: Array(bytes[..<(tab ?? bytes.endIndex)])) else {
            return nil
        }
        if let failure = header.failure { return .failure(failure) }
        guard let tab, let path = header.path else { return nil }
        bytes.removeSubrange(...tab)
        // Binary frames end the body: cut off from its end, in order.
        var frames: [[UInt8]] = []
        if let lengths = header.frames {
            let total = lengths.reduce(0) { $0 + max(0, $1) }
            guard lengths.allSatisfy({ $0 >= 0 }), total <= bytes.count else { return nil }
            var start = bytes.count - total
            for length in lengths {
                frames.append(Array(bytes[start..<(start + length)]))
                start += length
            }
            bytes.removeLast(total)
        }
        return .result(
            WorkerResult(path: path, warnings: header.warnings ?? [], body: bytes, productName: header.product, frames: frames))
    }
}
