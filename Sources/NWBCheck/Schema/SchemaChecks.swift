import HDF5
import NWBKit

/// Schema validation as a check (`nwbkit_schema`): every typed group and dataset against the
/// specification of its type in the namespaces the file carries under `/specifications`, as pynwb's
/// validator does (nwbinspector runs it before its best practices). Each violation is a CRITICAL
/// finding at the object.
enum SchemaChecks {
    static let id = "nwbkit_schema"

    static let all: [BestPracticeCheck] = [check(fallback: [:])]

    /// The check; `fallback` (namespaces from `--schema DIR`) validates files that carry no cached
    /// specification, and fills namespaces a file's cache lacks.
    static func check(fallback: [String: [String: [String: String]]]) -> BestPracticeCheck {
        let memo = SchemaCatalogMemo()
        return BestPracticeCheck(
            id, .critical,
            "An object that departs from its NWB schema (the file's cached specifications): a required part missing, a wrong dtype, shape or quantity, a datetime without a time zone, as pynwb's validator finds them.",
            appliesTo: "typed objects",
            use: .smallValues(
                "the cached specification documents under /specifications (at most 4 MiB each), and the character set of a string dataset where the schema asks for ASCII")
        ) { file, data in
            outcomes(file, data, fallback: fallback, memo: memo)
        }
    }

    static func outcomes(
        _ file: SummaryIndex, _ data: CheckDataReader?, fallback: [String: [String: [String: String]]],
        memo: SchemaCatalogMemo
    ) -> [CheckOutcome] {
        let summary = file.summary
        if let version = summary.nwbVersion, version.hasPrefix("1.") || version.hasPrefix("NWB-1.") {
            return [.note(CheckHit("/", "NWBFile", "an NWB \(version) file: NWB 1.x has no cached schema to validate against"))]
        }
        // /specifications/NAMESPACE/VERSION/DOCUMENT
        var paths: [(namespace: String, version: String, document: String, path: String)] = []
        for entry in summary.objects where entry.kind == "dataset" && entry.path.hasPrefix("/specifications/") {
            let parts = entry.path.split(separator: "/").map(String.init)
            guard parts.count == 4 else { continue }
            paths.append((parts[1], parts[2], parts[3], entry.path))
        }
        guard !paths.isEmpty || !fallback.isEmpty else {
            return [
                .note(
                    CheckHit(
                        "/", "NWBFile",
                        "no cached specification under /specifications: not validated against a schema (give one with --schema DIR)"))
            ]
        }
        guard let data else { return [] }
        var documents: [String: [String: [String: String]]] = [:]
        for item in paths {
            do {
                documents[item.namespace, default: [:]][item.version, default: [:]][item.document] = try data.wholeText(item.path)
            } catch {
                return [.note(CheckHit(item.path, nil, "the cached specification cannot be read (\(error)): not validated"))]
            }
        }
        // A namespace the file does not carry comes from --schema.
        for (namespace, versions) in fallback where documents[namespace] == nil { documents[namespace] = versions }
        guard let catalog = memo.catalog(for: documents) else {
            return [.note(CheckHit("/specifications", nil, "the cached specifications hold no readable namespace: not validated"))]
        }
        guard let rootType = file.entry("/")?.neurodataType, catalog.knows(rootType) else {
            return [.note(CheckHit("/", nil, "the root's type is not in the cached specifications: not validated"))]
        }
        let validator = SchemaValidator(catalog: catalog, index: file) { path in
            guard case .string(_, let charset, _)? = try? data.valueType(path) else { return nil }
            return charset
        }
        return validator.violations().map { .hit(CheckHit($0.path, $0.objectType, $0.message)) }
    }
}
