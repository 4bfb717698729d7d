import NWBCheck
import NWBDandi
import NWBJSON
import NWBKit
import NWBRendering

/// What a command needs of each file's summary, made where the file is read: a worker renders the text,
/// computes the DANDI asset or the signature and sends only that, so the parent neither decodes a large
/// summary nor holds it (a 100,000-object file's summary is ~50 MB of JSON, its rendered text ~3 MB).
///
/// A product is named by the worker arguments that select it; the parent and the worker build it from
/// the same arguments (the parent from a command's options, the worker through `WorkerProducts.encoded`),
/// so both make the same value.
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
    /// The worker's arguments that select this product.
    public let workerArguments: [String]
    /// The product of one summary.
    public let make: @Sendable (FileSummary) throws -> Value
    /// How the product crosses the pipe.
    public let body: Body

    public init(
        name: String, workerArguments: [String], body: Body = .json, make: @escaping @Sendable (FileSummary) throws -> Value
    ) {
        self.name = name
        self.workerArguments = workerArguments
        self.body = body
        self.make = make
    }

    /// The product as a worker sends it: its text as it is, or compact JSON.
    public var encoded: AnyFileProduct {
        let make = self.make
        switch body {
        case .text:
            return AnyFileProduct(name: name, isRaw: true) { summary in
                guard let text = try make(summary) as? String else { throw WorkerProtocol.ReplyError(message: "not text") }
                return Array(text.utf8)
            }
        case .json:
            return AnyFileProduct(name: name, isRaw: false) { summary in
                try FastJSONEncoder(prettyPrinted: false).encode(make(summary))
            }
        }
    }

    /// The value a worker's reply body holds.
    func decode(_ bytes: [UInt8]) throws -> Value {
        switch body {
        case .text:
            guard let text = String(decoding: bytes, as: UTF8.self) as? Value else {
                throw WorkerProtocol.ReplyError(message: "the \(name) is not text")
            }
            return text
        case .json:
            return try FastJSONDecoder().decode(Value.self, from: bytes)
        }
    }
}

/// A product whose value is already encoded for the reply.
public struct AnyFileProduct: Sendable {
    public let name: String
    /// True when the body is the product's bytes as they are (they may hold newlines: the reply's header
    /// gives their length), false for one line of compact JSON.
    public let isRaw: Bool
    public let encode: @Sendable (FileSummary) throws -> [UInt8]
}

extension FileProduct where Value == String {
    /// The summary as `nwbkit summarize` prints it in text.
    public static var text: FileProduct {
        FileProduct(name: "text", workerArguments: ["--product", "text"], body: .text) { TextRendering.render($0) }
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
            name: "markdown", workerArguments: ["--product", "markdown"] + (templatePath.map { ["--template", $0] } ?? []),
            body: .text
        ) { try template.render($0) }
    }
}

extension FileProduct where Value == DandiAsset {
    /// The file's DANDI asset facts (with what could not be interpreted in `notes`).
    public static func asset(recogniseByteTypes: Bool) -> FileProduct {
        FileProduct(
            name: "asset", workerArguments: ["--product", "asset"] + (recogniseByteTypes ? ["--recognise-byte-types"] : [])
        ) { DandiAsset(summary: $0, recogniseByteTypes: recogniseByteTypes) }
    }
}

extension FileProduct where Value == [String] {
    /// The file's structural signature (`nwbkit types` groups files by it).
    public static var signature: FileProduct {
        FileProduct(name: "signature", workerArguments: ["--product", "signature"]) { $0.signature }
    }
}

extension FileProduct where Value == FileCheck {
    /// The findings of the checks in `options` on one file (weighed by the run, not here). The worker is
    /// started with `workerArguments`, from which it builds the same options.
    public static func check(options: CheckOptions, workerArguments: [String]) -> FileProduct {
        FileProduct(name: "check", workerArguments: workerArguments) { FileCheck(summary: $0, options: options) }
    }
}

/// The products a worker can be asked for, by name.
public enum WorkerProducts {
    /// Names of the products (`summary` is the whole summary, the default).
    public static let names = ["summary", "text", "markdown", "asset", "signature"]

    /// The product a worker started with `--product name` (and its options) makes; `nil` for the summary.
    public static func encoded(name: String, templatePath: String?, recogniseByteTypes: Bool) throws -> AnyFileProduct? {
        switch name {
        case "text": return FileProduct.text.encoded
        case "markdown": return try FileProduct.markdown(templatePath: templatePath).encoded
        case "asset": return FileProduct.asset(recogniseByteTypes: recogniseByteTypes).encoded
        case "signature": return FileProduct.signature.encoded
        default: return nil
        }
    }
}
