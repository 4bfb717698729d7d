import Yams

/// Turns a composed YAML document into rules, naming the line and column of anything it cannot use.
struct RulesReader {
    let source: String

    static let fileFields = [
        "identifier", "session_description", "session_start_time", "experimenter", "institution", "lab", "session_id",
        "experiment_description", "keywords", "related_publications",
    ]
    static let subjectFields = [
        "subject_id", "species", "sex", "age", "date_of_birth", "genotype", "strain", "weight", "description",
    ]
    static let dtypeKinds = ["int", "uint", "integer", "float", "number", "string", "bool", "compound"]
    private static let kindKeys = [
        "require_path", "forbid_path", "require_type", "forbid_type", "dataset", "member_of", "require_file_fields",
        "require_subject_fields",
    ]
    static let ruleKeys =
        kindKeys + [
            "id", "severity", "message", "description", "min", "max", "member", "dtype", "rank", "fields", "dimension",
            "required",
        ]

    func file(_ node: Node) throws(RulesError) -> RulesFile {
        let top = try mapping(node, "the rules file must be a mapping with a `rules` list")
        try allowOnly(["version", "rules"], in: top)
        if let version = top["version"] {
            guard try integer(version) == 1 else {
                throw error(version, "unsupported rules version (this NWBKit reads version 1)")
            }
        }
        guard let list = top["rules"] else { throw error(node, "missing `rules`: a list of rules") }
        guard case .sequence(let sequence) = list else { throw error(list, "`rules` must be a list") }
        var rules: [Rule] = []
        for item in sequence {
            let rule = try self.rule(item)
            if rules.contains(where: { $0.id == rule.id }) { throw error(item, "rule id '\(rule.id)' is used twice") }
            rules.append(rule)
        }
        return RulesFile(source: source, rules: rules)
    }

    private func rule(_ node: Node) throws(RulesError) -> Rule {
        let map = try mapping(node, "each rule must be a mapping with an `id` and one requirement")
        try allowOnly(Self.ruleKeys, in: map)
        guard let idNode = map["id"] else { throw error(node, "a rule needs an `id`") }
        let id = try string(idNode)
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw error(idNode, "a rule id uses letters, digits, '-', '_' and '.' only")
        }
        var severity = Importance.critical
        if let node = map["severity"] {
            let name = try string(node)
            guard let level = Importance(name: name) else {
                throw error(node, "unknown severity '\(name)' (CRITICAL, BEST_PRACTICE_VIOLATION or BEST_PRACTICE_SUGGESTION)")
            }
            severity = level
        }
        let message = try map["message"].map { node throws(RulesError) in try string(node) }
        let kinds = Self.kindKeys.filter { map[$0] != nil && $0 != "member_of" }
        let isMemberRule = map["member_of"] != nil
        guard kinds.count + (isMemberRule ? 1 : 0) == 1 else {
            throw error(
                node,
                "rule '\(id)' needs exactly one of require_path, forbid_path, require_type, forbid_type, dataset, member_of, require_file_fields, require_subject_fields"
            )
        }
        let requirement: Requirement
        if isMemberRule || kinds[0] == "dataset" {
            requirement = try datasetRequirement(map, memberRule: isMemberRule)
        } else {
            let value = map[kinds[0]]!
            switch kinds[0] {
            case "require_path": requirement = .path(PathPattern(try absolutePath(value)))
            case "forbid_path": requirement = .forbiddenPath(PathPattern(try absolutePath(value)))
            case "require_type":
                let minimum = try map["min"].map { node throws(RulesError) in try integer(node) } ?? 1
                let maximum = try map["max"].map { node throws(RulesError) in try integer(node) }
                if let maximum, maximum < minimum { throw error(map["max"]!, "`max` is below `min`") }
                requirement = .type(try string(value), min: minimum, max: maximum)
            case "forbid_type": requirement = .forbiddenType(try string(value))
            case "require_file_fields": requirement = .fileFields(try names(value, allowed: Self.fileFields))
            default: requirement = .subjectFields(try names(value, allowed: Self.subjectFields))
            }
        }
        let usesDatasetKeys = ["dtype", "rank", "fields", "dimension", "required", "member"].contains { map[$0] != nil }
        if usesDatasetKeys, case .dataset = requirement {
        } else if usesDatasetKeys {
            let key = ["dtype", "rank", "fields", "dimension", "required", "member"].first { map[$0] != nil }!
            throw error(map.keys.first { $0.string == key }!, "`\(key)` belongs to a `dataset` or `member_of` rule")
        }
        if map["min"] != nil || map["max"] != nil, case .type = requirement {
        } else if map["min"] != nil || map["max"] != nil {
            throw error(map["min"] ?? map["max"]!, "`min` and `max` belong to a `require_type` rule")
        }
        return Rule(id: id, severity: severity, message: message, requirement: requirement)
    }

    private func datasetRequirement(_ map: Node.Mapping, memberRule: Bool) throws(RulesError) -> Requirement {
        let selector: DatasetSelector
        if memberRule {
            guard let member = map["member"] else {
                throw error(map["member_of"]!, "`member_of` needs `member`: the dataset's name")
            }
            selector = .member(type: try string(map["member_of"]!), name: try string(member))
        } else {
            selector = .path(PathPattern(try absolutePath(map["dataset"]!)))
        }
        var constraints = DatasetConstraints()
        if let node = map["dtype"] {
            let dtype = try string(node)
            guard
                Self.dtypeKinds.contains(dtype) || dtype.first.map({ "<>|=".contains($0) }) == true
                    || dtype.wholeMatch(of: /u?int(8|16|32|64)|float(16|32|64)|complex(64|128)|bool|object/) != nil
            else {
                throw error(
                    node, "dtype is a kind (\(Self.dtypeKinds.joined(separator: ", "))) or a numpy dtype such as uint16 or <f4")
            }
            constraints.dtype = dtype
        }
        if let node = map["rank"] { constraints.rank = try integer(node) }
        if let node = map["fields"] { constraints.fields = try names(node, allowed: nil) }
        if let node = map["required"] { constraints.required = try bool(node) }
        if let node = map["dimension"] {
            let link = try mapping(node, "`dimension` is a mapping: {axis: 1, equals: rois, equals_axis: 0}")
            try allowOnly(["axis", "equals", "equals_axis"], in: link)
            guard let equals = link["equals"] else { throw error(node, "`dimension` needs `equals`: another dataset") }
            constraints.dimension = DimensionLink(
                axis: try link["axis"].map { node throws(RulesError) in try integer(node) } ?? 0, other: try string(equals),
                otherAxis: try link["equals_axis"].map { node throws(RulesError) in try integer(node) } ?? 0)
        }
        guard constraints != DatasetConstraints() else {
            throw error(map["dataset"] ?? map["member_of"]!, "a dataset rule needs dtype, rank, fields, dimension or required")
        }
        return .dataset(selector, constraints)
    }

    // MARK: Node helpers

    private func error(_ node: Node, _ message: String) -> RulesError { RulesError(node, source: source, message) }

    private func mapping(_ node: Node, _ message: String) throws(RulesError) -> Node.Mapping {
        guard case .mapping(let map) = node else { throw error(node, message) }
        return map
    }

    private func allowOnly(_ keys: [String], in map: Node.Mapping) throws(RulesError) {
        for key in map.keys where !keys.contains(key.string ?? "") {
            throw error(key, "unknown key '\(key.string ?? "\(key)")' (expected one of: \(keys.joined(separator: ", ")))")
        }
    }

    private func string(_ node: Node) throws(RulesError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "expected a text value") }
        return scalar.string
    }

    private func integer(_ node: Node) throws(RulesError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), value >= 0 else {
            throw error(node, "expected a whole number, 0 or more")
        }
        return value
    }

    private func bool(_ node: Node) throws(RulesError) -> Bool {
        guard case .scalar(let scalar) = node, let value = Bool.construct(from: scalar) else {
            throw error(node, "expected true or false")
        }
        return value
    }

    private func absolutePath(_ node: Node) throws(RulesError) -> String {
        let path = try string(node)
        guard path.hasPrefix("/") else { throw error(node, "paths start at the file's root: '/\(path)'") }
        return path
    }

    private func names(_ node: Node, allowed: [String]?) throws(RulesError) -> [String] {
        guard case .sequence(let sequence) = node else { throw error(node, "expected a list") }
        var names: [String] = []
        for item in sequence {
            let name = try string(item)
            if let allowed, !allowed.contains(name) {
                throw error(item, "unknown field '\(name)' (one of: \(allowed.joined(separator: ", ")))")
            }
            names.append(name)
        }
        return names
    }
}
