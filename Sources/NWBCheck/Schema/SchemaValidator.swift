import HDF5
import NWBKit

/// One way a file departs from its schema.
public struct SchemaViolation: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case missing, dtype, shape, value, quantity, link
    }
    public var kind: Kind
    /// The object's path in the file (`/` for the root).
    public var path: String
    /// The object's neurodata type, when it has one.
    public var objectType: String?
    /// What the schema expects and what the file has, in pynwb's words:
    /// `VectorIndex (units/spike_times_index): incorrect type - expected 'uint8', got 'int64'`.
    public var message: String
    /// The message without the spec's name: what is wrong at this place.
    var faultKey: String {
        guard let open = message.firstIndex(of: "(") else { return message }
        return String(message[open...])
    }
}

/// Validates a file's objects (its summary) against a `SchemaCatalog`, as hdmf's validator does: from the
/// root's type down, each group's children matched to the specs of its type (by name, then type, then
/// what is still missing), each object checked against its own type's spec, the spec it matched and
/// that spec's type; attributes, dtypes (hdmf's widenings), shapes, quantities, links and datetime time
/// zones. Reads nothing but the summary, and a string dataset's stored character set where the schema asks
/// for ASCII (`charset`).
public struct SchemaValidator {
    let catalog: SchemaCatalog
    let index: SummaryIndex
    /// The character set of a variable-length string dataset (`nil`: unknown); asked only where the
    /// schema wants ASCII.
    let charset: (String) -> HDF5.CharacterSet?

    public init(catalog: SchemaCatalog, index: SummaryIndex, charset: @escaping (String) -> HDF5.CharacterSet?) {
        self.catalog = catalog
        self.index = index
        self.charset = charset
    }

    /// Every violation, in the order hdmf finds them, each (path, message) once.
    public func violations() -> [SchemaViolation] {
        guard let root = index.entry("/"), let type = root.neurodataType, let spec = catalog.resolvedType(type) else {
            return []
        }
        var found: [SchemaViolation] = []
        var seen = Set<String>()
        var visited = Set<String>()
        validate(root, against: [spec], into: &found, visited: &visited)
        // One finding per violation: the same fault seen through two specs (the object's type and the spec
        // it matched) is said once, in the words of the first.
        return found.filter { seen.insert($0.path + "\u{0}" + $0.faultKey).inserted }
    }

    // MARK: objects

    /// Checks `entry` against each of `specs` (its type's, the matched spec's, that spec's type's); a group's
    /// children once, against the first spec, as hdmf's validators each do but with repeats removed.
    private func validate(
        _ entry: ObjectEntry, against specs: [SchemaStorage], into found: inout [SchemaViolation], visited: inout Set<String>
    ) {
        for spec in specs {
            checkAttributes(entry, spec, into: &found)
            if spec.kind == .dataset, entry.kind == "dataset" { checkDataset(entry, spec, into: &found) }
            if spec.kind == .group, entry.kind == "group" { checkChildren(entry, spec, into: &found, visited: &visited) }
        }
    }

    private func location(_ entry: ObjectEntry) -> String { entry.path == "/" ? "" : String(entry.path.dropFirst()) }

    private func violation(
        _ kind: SchemaViolation.Kind, _ entry: ObjectEntry, _ name: String, _ reason: String, suffix: String = ""
    ) -> SchemaViolation {
        SchemaViolation(
            kind: kind, path: entry.path, objectType: entry.neurodataType,
            message: "\(name) (\(location(entry))\(suffix)): \(reason)")
    }

    // MARK: attributes

    private func checkAttributes(_ entry: ObjectEntry, _ spec: SchemaStorage, into found: inout [SchemaViolation]) {
        for attribute in spec.attributes {
            guard let stored = entry.attributes?.first(where: { $0.name == attribute.name }) else {
                if attribute.isRequired { found.append(violation(.missing, entry, attribute.path, "argument missing")) }
                continue
            }
            let suffix = "." + attribute.name
            guard let dtype = attribute.dtype else { continue }
            if case .reference(let target, _) = dtype {
                if let referenced = stored.value?.referencedPath {
                    if let targetType = index.entry(referenced)?.neurodataType, catalog.knows(targetType),
                        !catalog.isA(targetType, target)
                    {
                        found.append(
                            violation(
                                .dtype, entry, attribute.path, "incorrect data_type - expected '\(target)', got '\(targetType)'",
                                suffix: suffix))
                    }
                } else if let received = attributeType(stored) {
                    found.append(
                        violation(.dtype, entry, attribute.path, "incorrect type - expected '\(dtype)', got '\(received)'", suffix: suffix))
                }
            } else if case .primitive(let expected) = dtype, let received = attributeType(stored) {
                let strings = stored.value?.texts ?? []
                let iso = !strings.isEmpty && strings.allSatisfy(SchemaTypeRules.isISODatetime)
                if expected == "isodatetime", iso, strings.contains(where: { !SchemaTypeRules.hasTimezone($0) }) {
                    found.append(
                        violation(.value, entry, attribute.path, "Datetime is missing required timezone information.", suffix: suffix))
                }
                if !SchemaTypeRules.accepts(expected, received, isoDatetime: iso) {
                    found.append(
                        violation(.dtype, entry, attribute.path, "incorrect type - expected '\(expected)', got '\(received)'", suffix: suffix))
                }
            }
            if let shape = attribute.shape {
                if stored.shape.isEmpty {
                    found.append(
                        violation(
                            .shape, entry, attribute.path,
                            "incorrect shape - expected an array of shape '\(shape)', got non-array data '\(Self.plain(stored.value))'",
                            suffix: suffix))
                } else if !shape.allows(stored.shape) {
                    found.append(
                        violation(
                            .shape, entry, attribute.path, "incorrect shape - expected '\(shape)', got '\(Self.tuple(stored.shape))'",
                            suffix: suffix))
                }
            }
        }
    }

    /// The type hdmf sees in an attribute's value: a string is `utf` (h5py decodes attribute strings), an
    /// array of fixed-length bytes `ascii`, numbers by their numpy name; `nil` for an empty array (hdmf does
    /// not judge its type).
    private func attributeType(_ stored: AttributeEntry) -> String? {
        if stored.shape.contains(0) { return nil }
        if stored.value?.referencedPath != nil { return "object" }
        if stored.dtype == "object" { return "utf" }
        if stored.dtype.hasPrefix("|S") || stored.dtype.hasPrefix("S") { return stored.shape.isEmpty ? "utf" : "ascii" }
        return SchemaTypeRules.numericName(stored.dtype) ?? stored.dtype
    }

    // MARK: datasets

    private func checkDataset(_ entry: ObjectEntry, _ spec: SchemaStorage, into found: inout [SchemaViolation]) {
        let shape = entry.shape ?? []
        let empty = shape.contains(0)
        if let dtype = spec.dtype, !empty {
            switch dtype {
            case .primitive(let expected):
                if let received = datasetType(entry, expecting: expected) {
                    let strings = entry.value?.texts ?? []
                    let iso = !strings.isEmpty && strings.allSatisfy(SchemaTypeRules.isISODatetime)
                    if expected == "isodatetime", iso, strings.contains(where: { !SchemaTypeRules.hasTimezone($0) }) {
                        found.append(violation(.value, entry, spec.path, "Datetime is missing required timezone information."))
                    }
                    if !SchemaTypeRules.accepts(expected, received, isoDatetime: iso) {
                        found.append(violation(.dtype, entry, spec.path, "incorrect type - expected '\(expected)', got '\(received)'"))
                    }
                }
            case .reference(let target, _):
                if let received = datasetType(entry, expecting: "object"), received != "object" {
                    found.append(violation(.dtype, entry, spec.path, "incorrect type - expected '\(target) reference', got '\(received)'"))
                }
            case .compound(let fields):
                if let received = compoundTypes(entry), received.count >= fields.count {
                    let mismatch = zip(fields, received).contains { field, got in
                        guard case .primitive(let expected) = field.dtype else { return got != "object" }
                        return !SchemaTypeRules.accepts(expected, got, isoDatetime: false)
                    }
                    if mismatch {
                        found.append(
                            violation(
                                .dtype, entry, spec.path,
                                "incorrect type - expected '\(Self.list(fields.map(\.dtype.description)))', got '\(Self.list(received))'"))
                    }
                }
            }
        }
        guard let expectedShape = spec.shape else { return }
        if case .compound = spec.dtype ?? .primitive("") {
            // hdmf takes a compound dataset as one-dimensional (its rows).
            let rows = shape.isEmpty ? [] : [shape[0]]
            if !expectedShape.allows(rows) {
                found.append(violation(.shape, entry, spec.path, "incorrect shape - expected '\(expectedShape)', got '\(Self.tuple(rows))'"))
            }
            return
        }
        if shape.isEmpty, entry.dtype == "object" || (entry.dtype ?? "").hasPrefix("|S") {
            // A scalar string dataset is read as one string: not an array at all.
            found.append(
                violation(
                    .shape, entry, spec.path,
                    "incorrect shape - expected an array of shape '\(expectedShape)', got non-array data '\(Self.plain(entry.value))'"))
        } else if !expectedShape.allows(shape) {
            found.append(violation(.shape, entry, spec.path, "incorrect shape - expected '\(expectedShape)', got '\(Self.tuple(shape))'"))
        }
    }

    /// The type hdmf sees in a dataset's values: numbers by name, strings `utf` (or `ascii` for fixed-length
    /// bytes and ASCII variable-length strings), references `object`.
    private func datasetType(_ entry: ObjectEntry, expecting expected: String) -> String? {
        guard let dtype = entry.dtype else { return nil }
        if let numeric = SchemaTypeRules.numericName(dtype) { return numeric }
        if dtype.hasPrefix("|S") { return "ascii" }
        guard dtype == "object" else { return nil }
        if let value = entry.value {
            if value.referencedPath != nil || value.firstElement?.referencedPath != nil { return "object" }
        } else if entry.type == nil, (expected == "object" || expected.hasSuffix("reference")) {
            return nil  // a reference dataset whose values were not listed: nothing to judge
        }
        if case .variableLength = entry.type { return nil }
        // Variable-length strings: UTF-8 unless stored as ASCII, which only matters where ASCII is asked for.
        if SchemaTypeRules.allowed(expected) == SchemaTypeRules.allowed("ascii") {
            return charset(entry.path) == .ascii ? "ascii" : "utf"
        }
        return "utf"
    }

    /// The field types of a compound dataset, as hdmf reads its first row.
    private func compoundTypes(_ entry: ObjectEntry) -> [String]? {
        guard case .compound(_, let members) = entry.type else { return entry.dtype.flatMap(Self.fieldTypes) }
        return members.map { member in
            switch member.type {
            case .string(let length, let charset, _): length == nil && charset == .utf8 ? "utf" : (length == nil ? "utf" : "ascii")
            case .reference: "object"
            default: SchemaTypeRules.numericName(member.type.numpyDescription) ?? member.type.numpyDescription
            }
        }
    }

    /// The field types of a numpy structured dtype string, `[('x', '<u4'), ('weight', '<f4')]`.
    static func fieldTypes(_ numpy: String) -> [String]? {
        guard numpy.hasPrefix("[(") else { return nil }
        var types: [String] = []
        for field in numpy.dropFirst().split(separator: ")") {
            let quoted = field.split(separator: "'", omittingEmptySubsequences: false)
            guard quoted.count >= 4 else { continue }
            let code = String(quoted[3])
            if code == "O" || code == "|O" {
                types.append("object")
            } else if code.hasPrefix("S") || code.hasPrefix("|S") {
                types.append("ascii")
            } else {
                types.append(SchemaTypeRules.numericName(code) ?? code)
            }
        }
        return types.isEmpty ? nil : types
    }

    // MARK: groups

    private func checkChildren(
        _ entry: ObjectEntry, _ spec: SchemaStorage, into found: inout [SchemaViolation], visited: inout Set<String>
    ) {
        // Each group's children are matched once (the first spec that reaches it: its own type's).
        guard visited.insert(entry.path + "\u{0}" + spec.path).inserted else { return }
        enum ChildSpec {
            case storage(SchemaStorage)
            case link(SchemaLink)
            var name: String? {
                switch self {
                case .storage(let spec): spec.name
                case .link(let link): link.name
                }
            }
            var dataType: String? {
                switch self {
                case .storage(let spec): spec.dataType
                case .link(let link): link.targetType
                }
            }
            var quantity: SchemaQuantity {
                switch self {
                case .storage(let spec): spec.quantity
                case .link(let link): link.quantity
                }
            }
        }
        let childSpecs: [ChildSpec] = spec.datasets.map { .storage($0) } + spec.groups.map { .storage($0) } + spec.links.map { .link($0) }
        var matches = Array(repeating: [ObjectEntry](), count: childSpecs.count)
        var targets: [String: ObjectEntry] = [:]
        for child in index.members(entry.path) {
            // A soft link stands for its target; an external link or a dangling one is not followed.
            var object = child
            if child.kind == "soft_link" {
                guard let target = child.target.flatMap(index.entry) else { continue }
                object = target
                targets[child.path] = target
            } else if child.kind != "group" && child.kind != "dataset" {
                continue
            }
            let name = child.name
            let candidates = childSpecs.indices.filter { position in
                let candidate = childSpecs[position]
                if let required = candidate.name, required != name { return false }
                guard let type = candidate.dataType else {
                    if case .storage(let storage) = candidate { return storage.kind == (object.kind == "group" ? .group : .dataset) }
                    return true
                }
                guard let own = object.neurodataType else { return false }
                return catalog.isA(own, type)
            }
            guard !candidates.isEmpty else { continue }
            let unsatisfied = candidates.filter { position in
                let quantity = childSpecs[position].quantity
                if quantity.isRequired && matches[position].isEmpty { return true }
                if case .exactly(let count) = quantity, matches[position].count < count { return true }
                return false
            }
            matches[(unsatisfied.first ?? candidates[0])].append(child)
        }
        for (position, childSpec) in childSpecs.enumerated() {
            let matched = matches[position]
            let quantity = childSpec.quantity
            if matched.isEmpty && quantity.isRequired {
                if let type = childSpec.dataType {
                    let named = childSpec.name.map { " (\($0))" } ?? ""
                    found.append(violation(.missing, entry, spec.path, "missing data type \(type)\(named)"))
                } else if case .storage(let storage) = childSpec {
                    found.append(violation(.missing, entry, storage.path, "argument missing"))
                }
            } else if (!quantity.allowsMany && matched.count > 1) || (quantity.exactCount.map { matched.count != $0 } ?? false) {
                found.append(
                    violation(
                        .quantity, entry, spec.path,
                        "expected a quantity of \(quantity) for data type \(childSpec.dataType ?? "None"), received \(matched.count)"))
            }
            for child in matched {
                let object = targets[child.path] ?? child
                if child.kind == "soft_link", case .storage(let storage) = childSpec, !storage.isLinkable {
                    found.append(
                        violation(.link, entry, storage.path, "illegal use of link (linked object will not be validated)"))
                    continue
                }
                // A linked object is validated where it lives, not again through the link.
                if child.kind == "soft_link" { continue }
                var specs: [SchemaStorage] = []
                if let own = object.neurodataType, let ownSpec = catalog.resolvedType(own) { specs.append(ownSpec) }
                if case .storage(let storage) = childSpec {
                    if let type = storage.dataType, type != object.neurodataType, let typeSpec = catalog.resolvedType(type) {
                        specs.append(typeSpec)
                    }
                    specs.append(catalog.resolvedInline(storage))
                }
                validate(object, against: specs, into: &found, visited: &visited)
            }
        }
    }

    // MARK: words

    /// A Python tuple: `(10,)`, `(3, 4)`, `()`.
    static func tuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// `['uint32', 'uint32', 'float32']`.
    static func list(_ names: [String]) -> String { "[" + names.map { "'\($0)'" }.joined(separator: ", ") + "]" }

    /// A value as Python's `str` shows a scalar: the text itself, a number as written.
    static func plain(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .unsigned(let number): String(number)
        case .number(let number): String(number)
        case .bool(let flag): flag ? "True" : "False"
        case .array(let items) where items.count == 1: plain(items[0])
        default: "…"
        }
    }
}

extension SchemaQuantity {
    /// The exact count a number asks for (`nil` for `?`, `*`, `+`).
    var exactCount: Int? {
        if case .exactly(let count) = self { return count }
        return nil
    }
}

extension JSONValue {
    /// The path a reference value (`{"reference": PATH}`) names.
    var referencedPath: String? {
        guard case .object(let fields) = self, case .string(let path) = fields["reference"] else { return nil }
        return path
    }

    /// The first element of an array.
    var firstElement: JSONValue? {
        if case .array(let items) = self { return items.first }
        return nil
    }
}
