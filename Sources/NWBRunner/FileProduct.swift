import HDF5
import NWBCheck
import NWBDandi
import NWBJSON
import NWBKit
import NWBPreviews
import NWBRendering
import RemoteReading

/// What a command needs of each file's summary, made where the file is read: a worker renders the text,
/// computes the DANDI asset or the signature and sends only that, so the parent neither decodes a large
/// summary nor holds it (a 100,000-object file's summary is ~50 MB of JSON, its rendered text ~3 MB).
///
/// A product is named by the `WorkerProduct` request that selects it; the parent and the worker build it
/// from the same request (the parent from a command's options, the worker through
/// `WorkerProducts.encoded`), so both make the same value.
public struct FileProduct<Value: Codable & Sendable>: Sendable {
    /// How a product crosses the worker pipe.
    public enum Body: Sendable {
        /// Compact JSON of the value (the parent decodes it: assets, signatures, findings).
        case json
        /// The text's UTF-8 bytes as they are (rendered text and Markdown: the parent prints them).
        case text
    }

    /// Names what a reply body holds (`text`, `asset`, …).
    public let name: String
    /// What the worker is asked to make (sent in its configuration).
    public let request: WorkerProduct
    /// The product of one summary.
    public let make: @Sendable (FileSummary) throws -> Value
    /// For a product that reads values (previews, data checks): the product of a summary and the file it was made
    /// from, still open in the worker, so the file is not opened again (nor, when remote, its metadata
    /// fetched again). `make` opens the file itself when there is no open file (a summary from a merge).
    public let makeWithOpenFile: (@Sendable (FileSummary, File) throws -> Value)?
    /// How the product crosses the pipe.
    public let body: Body
    /// Binary parts of a JSON product (a catalog entry's PNGs) that cross as frames of their own after the
    /// JSON, never as base64 inside it: `detach` takes them out of the value before it is encoded, `attach`
    /// puts them back, in the same order, after it is decoded.
    public let frames: Frames?

    /// How a value's binary parts are taken out and put back.
    public struct Frames: Sendable {
        public var detach: @Sendable (inout Value) -> [[UInt8]]
        public var attach: @Sendable (inout Value, [[UInt8]]) throws -> Void

        public init(
            detach: @escaping @Sendable (inout Value) -> [[UInt8]], attach: @escaping @Sendable (inout Value, [[UInt8]]) throws -> Void
        ) {
            self.detach = detach
            self.attach = attach
        }
    }

    public init(
        name: String, request: WorkerProduct, body: Body = .json, frames: Frames? = nil,
        make: @escaping @Sendable (FileSummary) throws -> Value,
        makeWithOpenFile: (@Sendable (FileSummary, File) throws -> Value)? = nil
    ) {
        self.name = name
        self.request = request
        self.body = body
        self.frames = frames
        self.make = make
        self.makeWithOpenFile = makeWithOpenFile
    }

    /// The product as a worker sends it: its text as it is, or compact JSON.
    public var encoded: AnyFileProduct {
        let make = self.make
        let withFile = self.makeWithOpenFile
        let value: @Sendable (FileSummary, File?) throws -> Value = { summary, file in
            if let file, let withFile { return try withFile(summary, file) }
            return try make(summary)
        }
        let usesOpenFile = withFile != nil
        let frames = self.frames
        switch body {
        case .text:
            return AnyFileProduct(name: name, isRaw: true, usesOpenFile: usesOpenFile) { summary, file in
                guard let text = try value(summary, file) as? String else {
                    throw WorkerProtocol.ReplyError(message: "not text")
                }
                return EncodedProduct(body: Array(text.utf8))
            }
        case .json:
            return AnyFileProduct(name: name, isRaw: false, usesOpenFile: usesOpenFile) { summary, file in
                var made = try value(summary, file)
                let detached = frames?.detach(&made) ?? []
                return EncodedProduct(body: try FastJSONEncoder(prettyPrinted: false).encode(made), frames: detached)
            }
        }
    }

    /// The value a worker's reply body holds, its binary frames put back.
    func decode(_ bytes: [UInt8], frames received: [[UInt8]] = []) throws -> Value {
        switch body {
        case .text:
            guard let text = String(decoding: bytes, as: UTF8.self) as? Value else {
                throw WorkerProtocol.ReplyError(message: "the \(name) is not text")
            }
            return text
        case .json:
            var value = try FastJSONDecoder().decode(Value.self, from: bytes)
            if let frames { try frames.attach(&value, received) }
            return value
        }
    }
}

/// A product whose value is already encoded for the reply.
public struct AnyFileProduct: Sendable {
    public let name: String
    /// True when the body is the product's bytes as they are (they may hold newlines: the reply's header
    /// gives their length), false for one line of compact JSON.
    public let isRaw: Bool
    /// Whether the product reads the file after its summary (the worker then keeps it open for it; any
    /// other product gets the file closed first, its remote blocks freed).
    public let usesOpenFile: Bool
    /// The product's bytes, from the summary and, in a worker, the file still open.
    public let encode: @Sendable (FileSummary, File?) throws -> EncodedProduct
}

/// A product as it crosses the pipe: its body (text, or compact JSON), and binary frames after it.
public struct EncodedProduct: Sendable {
    public var body: [UInt8]
    public var frames: [[UInt8]] = []
}

extension FileProduct where Value == String {
    /// A pynwb usage script for the file (`UsageScript`), opening it where it was read: the local path, the
    /// URL (an `s3://` one as HTTPS), or an archive asset's download URL from `remote.locations` (never its
    /// credentials); through the template at `templatePath` when given.
    public static func usageScript(remote: RemoteOptions, templatePath: String? = nil) throws(DocumentTemplate.LoadError)
        -> FileProduct
    {
        let template = try templatePath.map { path throws(DocumentTemplate.LoadError) in try DocumentTemplate.file(path) }
        return FileProduct(name: "pynwb", request: .usageScript(template: templatePath), body: .text) { summary in
            let source: UsageScript.Source
            if let location = remote.locations[summary.path] {
                source = .url(location.url)
            } else if RemoteFile.isRemote(summary.path) {
                source = .url(remote.httpURL(for: summary.path))
            } else {
                source = .local(summary.path)
            }
            return try UsageScript(summary: summary, source: source).rendered(template: template)
        }
    }

    /// The summary as `nwbkit summarize` prints it in text.
    public static var text: FileProduct {
        FileProduct(name: "text", request: .text, body: .text) { TextRendering.render($0) }
    }

    /// The summary rendered with a Markdown template: the bundled one, or the file at `templatePath`.
    public static func markdown(templatePath: String?) throws(DocumentTemplate.LoadError) -> FileProduct {
        let template: DocumentTemplate
        if let templatePath {
            template = try DocumentTemplate.file(templatePath)
        } else {
            template = try DocumentTemplate.bundled("file-summary.md")
        }
        return FileProduct(
            name: "markdown", request: .markdown(template: templatePath), body: .text
        ) { try template.render($0) }
    }
}

extension FileProduct where Value == DandiAsset {
    /// The file's DANDI asset facts (with what could not be interpreted in `notes`).
    public static func asset(recogniseByteTypes: Bool) -> FileProduct {
        FileProduct(
            name: "asset", request: .asset(recogniseByteTypes: recogniseByteTypes)
        ) { DandiAsset(summary: $0, recogniseByteTypes: recogniseByteTypes) }
    }
}

extension FileProduct where Value == [String] {
    /// The file's structural signature (`nwbkit types` groups files by it).
    public static var signature: FileProduct {
        FileProduct(name: "signature", request: .signature) { $0.signature }
    }
}

extension FileProduct where Value == FileCheck {
    /// The findings of the checks in `options` (made from `request`) on one file, weighed by the run, not
    /// here. A worker gets `request` and builds the same options from it.
    public static func check(_ request: CheckRequest, options: CheckOptions) -> FileProduct {
        FileProduct(
            name: "check", request: .check(request), make: { FileCheck(summary: $0, options: options) },
            makeWithOpenFile: { FileCheck(summary: $0, options: options, openFile: $1) })
    }
}

/// A file as the catalog shows it: what its pages need (the summary without its objects, which are
/// already the tree's data), its previews when thumbnails were asked for, and what the checks found when
/// they were. Made where the file was read.
public struct CatalogFile: Sendable, Codable {
    public var page: CatalogSite.File
    public var previews: FilePreviews?
    public var check: FileCheck?

    public init(summary: FileSummary, previews: FilePreviews?, check: FileCheck? = nil) {
        page = CatalogSite.File(summary: summary)
        self.previews = previews
        self.check = check
    }

    /// Takes the binary parts out (they cross the pipe as frames of their own, never escaped inside the
    /// JSON): the object tree's script data first (JSON text made for the page), then the previews' PNGs in
    /// preview order.
    mutating func detachFrames() -> [[UInt8]] {
        var frames = [Array(page.treeJSON.utf8)]
        page.treeJSON = ""
        if var previews {
            for index in previews.previews.indices {
                frames.append(previews.previews[index].png)
                previews.previews[index].png = []
            }
            self.previews = previews
        }
        return frames
    }

    /// Puts back what `detachFrames` took out, in order.
    mutating func attachFrames(_ frames: [[UInt8]]) throws {
        let images = frames.dropFirst()
        guard let tree = frames.first, (previews?.previews.count ?? 0) == images.count else {
            throw WorkerProtocol.ReplyError(
                message: "the catalog entry has \(previews?.previews.count ?? 0) previews and \(frames.count) frames")
        }
        page.treeJSON = String(decoding: tree, as: UTF8.self)
        for (index, image) in images.enumerated() { previews?.previews[index].png = image }
    }
}

extension FileProduct where Value == CatalogFile {
    /// The summary, with the file's previews made within `previews`' allowance and its findings under
    /// `checks` when given (nothing beyond metadata is read without them). A worker reads the previews
    /// and the data checks' values through the file it summarized.
    public static func catalog(thumbnailBytes: Int?, checks request: CheckRequest? = nil, remote: RemoteOptions) throws
        -> FileProduct
    {
        let previews = thumbnailBytes.map { PreviewOptions(allowance: $0) }
        let checks = try request.map { request in
            var options = try CheckOptions(request)
            options.remote = remote
            return options
        }
        let withOpenFile: @Sendable (FileSummary, File) throws -> CatalogFile = { summary, file in
            CatalogFile(
                summary: summary, previews: previews.map { PreviewMaker.previews(of: summary, file: file, options: $0) },
                check: checks.map { FileCheck(summary: summary, options: $0, openFile: file) })
        }
        return FileProduct(
            name: "catalog", request: .catalog(thumbnailBytes: thumbnailBytes, checks: request),
            frames: .init(detach: { $0.detachFrames() }, attach: { try $0.attachFrames($1) }),
            make: { summary in
                var file = CatalogFile(
                    summary: summary, previews: nil, check: checks.map { FileCheck(summary: summary, options: $0) })
                guard let previews else { return file }
                do throws(SummaryError) {
                    let opened = try FileOpening.open(summary.path, remote: remote).file
                    file.previews = PreviewMaker.previews(of: summary, file: opened, options: previews)
                } catch {
                    file.previews = FilePreviews(
                        previews: [], notes: ["no previews: \(error.description)"], bytesRead: 0, allowance: previews.allowance)
                }
                return file
            },
            // Without previews or checks nothing beyond the summary is read: the file is closed first.
            makeWithOpenFile: previews == nil && checks == nil ? nil : withOpenFile)
    }
}

/// The products a worker can be asked for.
public enum WorkerProducts {
    /// The product `request` asks a worker for, built as the parent builds it; `nil` for the summary.
    public static func encoded(_ request: WorkerProduct, remote: RemoteOptions = RemoteOptions()) throws -> AnyFileProduct? {
        switch request {
        case .summary: return nil
        case .text: return FileProduct.text.encoded
        case .markdown(let template): return try FileProduct.markdown(templatePath: template).encoded
        case .usageScript(let template): return try FileProduct.usageScript(remote: remote, templatePath: template).encoded
        case .object(let request): return FileProduct.object(request, remote: remote).encoded
        case .asset(let recogniseByteTypes): return FileProduct.asset(recogniseByteTypes: recogniseByteTypes).encoded
        case .signature: return FileProduct.signature.encoded
        case .check(let checkRequest):
            var options = try CheckOptions(checkRequest)
            options.remote = remote
            return FileProduct.check(checkRequest, options: options).encoded
        case .catalog(let thumbnailBytes, let checks):
            return try FileProduct.catalog(thumbnailBytes: thumbnailBytes, checks: checks, remote: remote).encoded
        }
    }
}

extension FileProduct where Value == ObjectSlice {
    /// One object of the file and a bounded slice of its values, read through the file the summary was
    /// read from (a remote file's blocks are not fetched again).
    public static func object(_ request: ObjectRequest, remote: RemoteOptions) -> FileProduct {
        FileProduct(
            name: "object", request: .object(request),
            make: { ObjectSlice.make(request, summary: $0, file: nil, remote: remote) },
            makeWithOpenFile: { ObjectSlice.make(request, summary: $0, file: $1, remote: remote) })
    }
}

