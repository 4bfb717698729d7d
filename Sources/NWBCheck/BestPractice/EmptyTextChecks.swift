import NWBKit

/// nwbinspector's `check_empty_string_for_optional_attribute`: optional text fields written as ''.
enum EmptyTextChecks {
    static let all: [BestPracticeCheck] = [
        BestPracticeCheck(
            "check_empty_string_for_optional_attribute", .bestPracticeSuggestion,
            "an optional text field (pynwb's, e.g. a device's manufacturer) is stored as an empty string",
            appliesTo: "NWBContainer", run: checkEmptyStringForOptionalAttribute)
    ]

    /// The optional text fields of the nearest type (the object's own, or the closest it extends) pynwb lists.
    static func fields(_ file: SummaryIndex, _ type: String) -> [String]? {
        if let fields = PyNWBFields.optionalTextFields[type] { return fields }
        let candidates = PyNWBFields.optionalTextFields.keys.filter { file.isA(type, $0) }
        // The most specific: the candidate that extends the most others.
        return candidates.max { left, right in
            candidates.filter { file.isA(left, $0) }.count < candidates.filter { file.isA(right, $0) }.count
        }.flatMap { PyNWBFields.optionalTextFields[$0] }
    }

    /// The stored value of a field: NWBFile's live in /general, a series' unit and continuity on its data,
    /// others are an attribute of the object or a dataset in it.
    static func value(_ file: SummaryIndex, _ object: ObjectEntry, _ field: String) -> JSONValue? {
        if object.path == "/" {
            switch field {
            case "icephys_filtering": return file.member("/general/intracellular_ephys", "filtering")?.value
            case "source_script_file_name": return file.entry("/general/source_script")?.attribute("file_name")
            default: return file.member("/general", field)?.value
            }
        }
        if field == "unit" || field == "continuity", file.isA(object.neurodataType, "TimeSeries") {
            return file.member(object.path, "data")?.attribute(field)
        }
        return object.attribute(field) ?? file.member(object.path, field).flatMap { $0.kind == "dataset" ? $0.value : nil }
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension EmptyTextChecks {
    /// `check_empty_string_for_optional_attribute`: flags each optional text field stored as ''.
    static func checkEmptyStringForOptionalAttribute(_ file: SummaryIndex) -> [CheckHit] {
        file.typedObjects.flatMap { object -> [CheckHit] in
            guard let type = object.neurodataType, let fields = fields(file, type) else { return [] }
            return fields.filter { value(file, object, $0)?.text == "" }.map {
                CheckHit(
                    object.path, type,
                    "The attribute \"\($0)\" is optional and you have supplied an empty string. Improve my omitting this attribute (in MatNWB or PyNWB) or entering as None (in PyNWB)"
                )
            }
        }
    }
}
