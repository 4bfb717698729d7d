import Foundation
import NWBDandi
import NWBJSON
import NWBKit
import NWBSupport

/// The context of the dataset-description templates (`Templates/dandiset-*.mustache`).
public struct DandisetDocument: Sendable, Encodable {
    /// One structural type of file.
    public struct TypeBlock: Sendable, Encodable {
        /// 1-based, in the original generator's order.
        public var number: Int
        /// How many files are of this type.
        public var count: Int
        /// The representative file's summary lines (DANDI style), one per line.
        public var lines: [String]
        /// The files of this type, in path order (the first is the representative).
        public var files: [String]
        /// The representative's full summary, for report templates.
        public var representative: FileSummary?
        /// Distinct subject ids and species over the files of this type.
        public var subjects: [String]
        public var species: [String]
    }

    /// The six digits of the dandiset id (`DANDI:000683/draft` → `000683`).
    public var dandisetNumber: String
    /// Files in the kept types.
    public var fileCount: Int
    /// How many types are listed.
    public var typeCount: Int
    /// `KEY: VALUE` for `id`, `name`, `contributor`, `description`, `assetsSummary` in the metadata's order.
    public var metadataLines: [String]
    public var types: [TypeBlock]

    /// The keys of the dandiset metadata the document prints.
    public static let printedKeys: Set<String> = ["id", "name", "contributor", "description", "assetsSummary"]

    public init(dandisetNumber: String, metadata: OrderedJSON, types: [TypeBlock]) {
        self.dandisetNumber = dandisetNumber
        self.types = types
        self.fileCount = types.reduce(0) { $0 + $1.count }
        self.typeCount = types.count
        if case .object(let members) = metadata {
            metadataLines = members.filter { Self.printedKeys.contains($0.key) }.map {
                "\($0.key): \(PythonLiteral.str($0.value))"
            }
        } else {
            metadataLines = []
        }
    }

    /// The document for `summaries` grouped into types (capped as the original: `maxTypes`, `maxFiles`; 0 = all).
    public init(metadata: OrderedJSON, dandisetNumber: String, summaries: [FileSummary], maxTypes: Int = 5, maxFiles: Int = 100) {
        let grouping = FileTypes(files: summaries.map { ($0.path, $0.signature) }, maxTypes: maxTypes, maxFiles: maxFiles)
        let byPath = Dictionary(summaries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let blocks = grouping.types.map { type -> TypeBlock in
            let members = type.files.compactMap { byPath[$0] }
            func distinct(_ values: [String?]) -> [String] {
                var seen = Set<String>()
                return values.compactMap { $0 }.filter { seen.insert($0).inserted }
            }
            return TypeBlock(
                number: type.number, count: type.files.count, lines: byPath[type.representative]?.structureLines ?? [],
                files: type.files, representative: byPath[type.representative],
                subjects: distinct(members.map { $0.subject?.subjectID }), species: distinct(members.map { $0.subject?.species }))
        }
        self.init(dandisetNumber: dandisetNumber, metadata: metadata, types: blocks)
    }

    /// The digits of a DANDI id (`DANDI:000683/draft`, `000683`), or `nil`.
    public static func number(fromID id: String) -> String? {
        // Any instance's prefix: `DANDI:`, `DANDI-SANDBOX:`, a development server's `DEV-DANDI:`.
        var text = Substring(id)
        if let colon = text.firstIndex(of: ":"),
            text[..<colon].allSatisfy({ ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "-" || $0 == "_" })
        {
            text = text[text.index(after: colon)...]
        }
        let digits = text.prefix { $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }
}

extension OrderedJSON {
    /// The JSON form of an `Encodable` value (through its sorted-key JSON), for metadata NWBKit computes.
    public static func from<T: Encodable>(_ value: T) throws -> OrderedJSON {
        let text = String(decoding: try FastJSONEncoder(prettyPrinted: false).encode(value), as: UTF8.self)
        do {
            return try OrderedJSON.parse(text)
        } catch {
            throw error
        }
    }
}
