import NWBKit

/// Checks that brain locations are Allen Mouse Brain CCF terms, for mice (the table: `AllenCCFStructures`).
enum LocationChecks {
    /// Every acronym and name of the CCF structures.
    static let terms: Set<String> = {
        var terms = Set<String>()
        for line in AllenCCFStructures.table.split(separator: "\n") {
            for term in line.split(separator: "\t", omittingEmptySubsequences: false) { terms.insert(String(term)) }
        }
        return terms
    }()

    static let advice =
        "Please use either the full name or abbreviation from the Allen Mouse Brain Atlas (e.g., 'Primary visual area' or 'VISp'). This check can be ignored if Allen CCF terms do not meet your needs."

    static let all: [BestPracticeCheck] = [
        BestPracticeCheck(
            "check_electrodes_location_allen_ccf", .bestPracticeViolation,
            "a mouse's electrode location is not an Allen CCF term (one finding per location)", appliesTo: "NWBFile",
            use: .smallValues("the electrodes table's location column"), run: checkElectrodesLocationAllenCcf),
        DomainChecks.typed(
            "check_imaging_plane_location_allen_ccf", .bestPracticeViolation, "ImagingPlane",
            "a mouse's imaging plane location is not an Allen CCF term", checkImagingPlaneLocationAllenCcf),
        DomainChecks.typed(
            "check_intracellular_electrode_location_allen_ccf", .bestPracticeViolation, "IntracellularElectrode",
            "a mouse's intracellular electrode location is not an Allen CCF term",
            checkIntracellularElectrodeLocationAllenCcf),
    ]

    static func message(_ what: String, _ location: String) -> String {
        "\(what) location '\(location)' is not a term in the Allen Mouse Brain CCF ontology. \(advice)"
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension LocationChecks {
    /// `check_electrodes_location_allen_ccf`: flags each distinct electrode location that is not a CCF term.
    static func checkElectrodesLocationAllenCcf(_ file: SummaryIndex, _ data: CheckDataReader?) -> [CheckOutcome] {
        let path = "/general/extracellular_ephys/electrodes"
        guard file.subjectIsMouse, let data, let table = file.entry(path), file.columnNames(table).contains("location"),
            let column = file.member(path, "location"), column.kind == "dataset", (try? data.valueType(column))?.isText ?? false,
            let rows = column.shape?.first
        else { return [] }
        do throws(DataReadProblem) {
            var seen = Set<String>()
            var outcomes: [CheckOutcome] = []
            for location in try data.texts(column.path, .range(0..<rows)) where !terms.contains(location) {
                guard seen.insert(location).inserted else { continue }
                outcomes.append(.hit(CheckHit("/", "NWBFile", message("Electrode", location))))
            }
            return outcomes
        } catch {
            return [.note(CheckHit("/", "NWBFile", error.description))]
        }
    }

    /// `check_imaging_plane_location_allen_ccf`: flags an imaging plane location that is not a CCF term.
    static func checkImagingPlaneLocationAllenCcf(_ file: SummaryIndex, _ plane: ObjectEntry) -> String? {
        guard file.subjectIsMouse, let location = file.member(plane.path, "location")?.value?.text,
            !terms.contains(location)
        else { return nil }
        return message("ImagingPlane", location)
    }

    /// `check_intracellular_electrode_location_allen_ccf`: flags an intracellular electrode location that is
    /// not a CCF term.
    static func checkIntracellularElectrodeLocationAllenCcf(_ file: SummaryIndex, _ electrode: ObjectEntry) -> String? {
        guard file.subjectIsMouse, let location = file.member(electrode.path, "location")?.value?.text,
            !terms.contains(location)
        else { return nil }
        return message("IntracellularElectrode", location)
    }
}
