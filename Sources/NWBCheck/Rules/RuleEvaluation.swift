import NWBKit

extension RulesFile {
    /// The findings of every rule in `file` (check id `rule:<id>`).
    public func findings(in file: SummaryIndex) -> [Finding] {
        rules.flatMap { rule in
            rule.failures(in: file).map { failure in
                Finding(
                    check: "rule:\(rule.id)", importance: rule.severity,
                    message: rule.message.map { "\($0) (\(failure.message))" } ?? failure.message, file: file.summary.path,
                    location: failure.location, objectType: failure.objectType)
            }
        }
    }
}

extension Rule {
    /// Where and how `file` breaks this rule.
    func failures(in file: SummaryIndex) -> [CheckHit] {
        let objects = file.summary.objects
        switch requirement {
        case .path(let pattern):
            return objects.contains { pattern.matches($0.path) } ? [] : [CheckHit("/", nil, "no object matches \(pattern)")]
        case .forbiddenPath(let pattern):
            return objects.filter { pattern.matches($0.path) }.map {
                CheckHit($0.path, $0.neurodataType, "\($0.path) matches the forbidden path \(pattern)")
            }
        case .type(let type, let minimum, let maximum):
            let count = file.objects(ofType: type).count
            if count < minimum {
                return [
                    CheckHit("/", nil, "\(count) object\(count == 1 ? "" : "s") of type \(type); at least \(minimum) required")
                ]
            }
            if let maximum, count > maximum {
                return [CheckHit("/", nil, "\(count) objects of type \(type); at most \(maximum) allowed")]
            }
            return []
        case .forbiddenType(let type):
            return file.objects(ofType: type).map {
                CheckHit($0.path, $0.neurodataType, "\($0.path) is a \($0.neurodataType ?? type), a forbidden type")
            }
        case .dataset(let selector, let constraints):
            let selected = datasets(selector, in: file)
            if selected.isEmpty && constraints.required {
                return [CheckHit("/", nil, "no dataset matches \(selector.text)")]
            }
            return selected.flatMap { constraints.failures(of: $0, in: file) }
        case .fileFields(let fields):
            return fields.filter { !file.summary.session.has($0) }.map {
                CheckHit("/", "NWBFile", "the file has no \($0) (required by the rules)")
            }
        case .subjectFields(let fields):
            guard let subject = file.summary.subject else {
                return [
                    CheckHit(
                        "/general/subject", "Subject",
                        "the file has no subject; required fields: \(fields.joined(separator: ", "))")
                ]
            }
            return fields.filter { !subject.has($0) }.map {
                CheckHit(
                    "/general/subject", subject.neurodataType ?? "Subject", "the subject has no \($0) (required by the rules)")
            }
        }
    }

    private func datasets(_ selector: DatasetSelector, in file: SummaryIndex) -> [ObjectEntry] {
        switch selector {
        case .path(let pattern):
            return file.summary.objects.filter { $0.kind == "dataset" && pattern.matches($0.path) }
        case .member(let type, let name):
            return file.objects(ofType: type).compactMap { file.member($0.path, name) }.filter { $0.kind == "dataset" }
        }
    }
}

extension DatasetSelector {
    var text: String {
        switch self {
        case .path(let pattern): pattern.description
        case .member(let type, let name): "\(type)/\(name)"
        }
    }
}

extension DatasetConstraints {
    /// How `dataset` breaks these constraints.
    func failures(of dataset: ObjectEntry, in file: SummaryIndex) -> [CheckHit] {
        var messages: [String] = []
        let dtypeText = dataset.dtype ?? "?"
        if let dtype, !Self.dtype(dtypeText, matches: dtype) {
            messages.append("dtype is \(dtypeText), expected \(dtype)")
        }
        let shape = dataset.shape ?? []
        if let rank, shape.count != rank {
            messages.append("rank is \(shape.count) (shape \(shape)), expected \(rank)")
        }
        if let fields {
            let present = Self.fieldNames(dataset)
            let missing = fields.filter { !present.contains($0) }
            if !missing.isEmpty {
                messages.append(
                    "compound fields \(missing.joined(separator: ", ")) missing (has \(present.joined(separator: ", ")))")
            }
        }
        if let dimension {
            let otherPath =
                dimension.other.hasPrefix("/") ? dimension.other : SummaryIndex.parent(of: dataset.path) + "/" + dimension.other
            if let other = file.member(SummaryIndex.parent(of: otherPath), String(otherPath.split(separator: "/").last ?? "")),
                let otherShape = other.shape
            {
                if dimension.axis >= shape.count || dimension.otherAxis >= otherShape.count {
                    messages.append(
                        "no axis \(dimension.axis) in shape \(shape) or axis \(dimension.otherAxis) in \(other.path)'s shape \(otherShape)"
                    )
                } else if shape[dimension.axis] != otherShape[dimension.otherAxis] {
                    messages.append(
                        "shape[\(dimension.axis)] is \(shape[dimension.axis]), but \(other.path) has \(otherShape[dimension.otherAxis]) along axis \(dimension.otherAxis)"
                    )
                }
            } else {
                messages.append("\(otherPath), whose dimension it must match, does not exist")
            }
        }
        return messages.map { CheckHit(dataset.path, dataset.neurodataType, $0) }
    }

    /// True when a numpy dtype string is of the kind named (or is exactly the dtype named).
    static func dtype(_ numpy: String, matches expected: String) -> Bool {
        // numpy writes native little-endian numbers by name (`int16`, `float32`, `bool`) and others by code (`>i2`).
        let code = NumpyDtype.kind(numpy)
        switch expected {
        case "int": return code == "i"
        case "uint": return code == "u"
        case "integer": return code == "i" || code == "u"
        case "float": return code == "f"
        case "number": return code == "i" || code == "u" || code == "f"
        case "bool": return code == "b"
        case "string": return code == "S" || code == "U" || numpy == "object"  // variable-length text is `object`
        case "compound": return numpy.hasPrefix("[")
        default: return numpy == expected
        }
    }

    /// The field names of a compound dtype (`[('x', '<u4'), ('y', '<u4')]`).
    static func fieldNames(_ dataset: ObjectEntry) -> [String] {
        guard let dtype = dataset.dtype, dtype.hasPrefix("[") else { return [] }
        return dtype.matches(of: /\('([^']*)',/).map { String($0.1) }
    }
}

extension SessionInfo {
    /// True when the NWBFile field is present and not empty.
    func has(_ field: String) -> Bool {
        switch field {
        case "identifier": !(identifier ?? "").isEmpty
        case "session_description": !(sessionDescription ?? "").isEmpty
        case "session_start_time": !(sessionStartTime ?? "").isEmpty
        case "experimenter": !experimenter.isEmpty
        case "institution": !(institution ?? "").isEmpty
        case "lab": !(lab ?? "").isEmpty
        case "session_id": !(sessionID ?? "").isEmpty
        case "experiment_description": !(experimentDescription ?? "").isEmpty
        case "keywords": !keywords.isEmpty
        case "related_publications": !relatedPublications.isEmpty
        default: false
        }
    }
}

extension SubjectInfo {
    /// True when the subject field is present and not empty.
    func has(_ field: String) -> Bool {
        let value: String? =
            switch field {
            case "subject_id": subjectID
            case "species": species
            case "sex": sex
            case "age": age
            case "date_of_birth": dateOfBirth
            case "genotype": genotype
            case "strain": strain
            case "weight": weight
            case "description": description
            default: nil
            }
        return !(value ?? "").isEmpty
    }
}
