import NWBKit

/// Checks that apply to every typed object: names and descriptions.
enum ObjectChecks {
    /// Types whose pynwb class has a `description` field (the check skips the others).
    static let describedTypes = [
        "TimeSeries", "VectorData", "DynamicTable", "Device", "Subject", "Image", "Images", "ImagingPlane",
        "OpticalChannel", "ElectrodeGroup", "ProcessingModule", "IntracellularElectrode", "OptogeneticStimulusSite",
    ]

    static let all: [BestPracticeCheck] = [
        BestPracticeCheck("check_name_slashes", .critical, "an object's name contains '/' or '\\'", run: checkNameSlashes),
        BestPracticeCheck("check_name_colons", .bestPracticeSuggestion, "an object's name contains ':'", run: checkNameColons),
        BestPracticeCheck(
            "check_description", .bestPracticeSuggestion,
            "a description is missing, blank or a placeholder ('no description', 'none', …)", run: checkDescription),
    ].map { $0.applying(to: "typed objects") }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension ObjectChecks {
    /// `check_name_slashes`: flags when an object's name contains '/' or '\'.
    static func checkNameSlashes(_ file: SummaryIndex) -> [CheckHit] {
        file.typedObjects.filter { $0.name.contains("\\") }.map {
            CheckHit($0.path, $0.neurodataType, "Object name contains slashes.")
        }
    }

    /// `check_name_colons`: flags when an object's name contains ':'.
    static func checkNameColons(_ file: SummaryIndex) -> [CheckHit] {
        file.typedObjects.filter { $0.name.contains(":") }.map {
            CheckHit($0.path, $0.neurodataType, "Object name contains colons.")
        }
    }

    /// `check_description`: flags when a description is missing, blank or a placeholder ('no description', 'none', …).
    static func checkDescription(_ file: SummaryIndex) -> [CheckHit] {
        file.typedObjects.compactMap { entry -> CheckHit? in
            guard let type = entry.neurodataType, !file.isA(type, "VectorIndex"),
                describedTypes.contains(where: { file.isA(type, $0) })
            else {
                return nil
            }
            var description = entry.description ?? file.member(entry.path, "description")?.value?.text
            if description == nil, file.isA(type, "TimeSeries"), entry.namespace == "core" {
                description = "no description"  // pynwb's default for the core series
            }
            guard let text = description, !text.allSatisfy({ $0 == " " }) else {
                return CheckHit(entry.path, type, "Description is missing.")
            }
            return PlaceholderText.isPlaceholder(text)
                ? CheckHit(entry.path, type, "Description ('\(text)') is a placeholder.") : nil
        }
    }
}
