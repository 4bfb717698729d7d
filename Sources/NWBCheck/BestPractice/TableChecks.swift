import NWBKit

/// Checks of DynamicTables from their shapes and attributes.
enum TableChecks {
    static let all: [BestPracticeCheck] = [
        table("check_empty_table", .bestPracticeViolation, "a table has no rows", checkEmptyTable),
        table("check_single_row", .bestPracticeSuggestion, "a table has one row (Units and electrodes excepted)", checkSingleRow),
        table("check_units_table_has_spikes", .critical, "a Units table has no spike_times column", checkUnitsTableHasSpikes),
        table(
            "check_units_resolution_is_set", .bestPracticeViolation, "spike_times has no positive resolution",
            checkUnitsResolutionIsSet),
        table(
            "check_units_resolution_is_valid", .bestPracticeViolation, "spike_times resolution above 0.01 s",
            checkUnitsResolutionIsValid),
    ]

    /// A check run once for every DynamicTable with its row count (the length of `id`).
    static func table(
        _ id: String, _ importance: Importance, _ flags: String,
        _ body: @escaping @Sendable (SummaryIndex, ObjectEntry, Int?) -> String?
    ) -> BestPracticeCheck {
        BestPracticeCheck(id, importance, flags, appliesTo: "DynamicTable") { file in
            file.objects(ofType: "DynamicTable").compactMap { table in
                let rows = file.member(table.path, "id")?.shape?.first
                return body(file, table, rows).map { CheckHit(table.path, table.neurodataType, $0) }
            }
        }
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension TableChecks {
    /// `check_empty_table`: flags when a table has no rows.
    static func checkEmptyTable(_ file: SummaryIndex, _ table: ObjectEntry, _ rows: Int?) -> String? {
        rows == 0 ? "This table has no data added to it." : nil
    }

    /// `check_single_row`: flags when a table has one row (Units and electrodes excepted).
    static func checkSingleRow(_ file: SummaryIndex, _ table: ObjectEntry, _ rows: Int?) -> String? {
        guard rows == 1, !file.isA(table.neurodataType, "Units"), table.name != "electrodes" else { return nil }
        return "This table has only a single row; it may be better represented by another data type."
    }

    /// `check_units_table_has_spikes`: flags when a Units table has no spike_times column.
    static func checkUnitsTableHasSpikes(_ file: SummaryIndex, _ table: ObjectEntry, _ rows: Int?) -> String? {
        guard file.isA(table.neurodataType, "Units"), file.member(table.path, "spike_times") == nil else { return nil }
        return
            "This Units table does not have a spike_times column. A Units table without spike times is likely an error or misuse of the neurodata type."
    }

    /// `check_units_resolution_is_set`: flags when spike_times has no positive resolution.
    static func checkUnitsResolutionIsSet(_ file: SummaryIndex, _ table: ObjectEntry, _ rows: Int?) -> String? {
        guard file.isA(table.neurodataType, "Units"), let spikes = file.member(table.path, "spike_times") else {
            return nil
        }
        let resolution = spikes.attribute("resolution")?.number
        if let resolution, resolution > 0 { return nil }
        let detail =
            resolution.map {
                $0.isNaN
                    ? "Units table has spike_times but resolution is not set."
                    : "Units table has spike_times but resolution is set to an invalid value (\(PythonNumber.text($0)))."
            }
            ?? "Units table has spike_times but resolution is not set."
        return detail
            + " Resolution indicates the smallest possible difference between two spike times and should be a positive float equal to 1/sampling_rate of the recording system (e.g., Units(resolution=1/30000) for a 30 kHz system). This information is needed to assess the precision of spike timing data."
    }

    /// `check_units_resolution_is_valid`: flags when spike_times resolution above 0.01 s.
    static func checkUnitsResolutionIsValid(_ file: SummaryIndex, _ table: ObjectEntry, _ rows: Int?) -> String? {
        guard file.isA(table.neurodataType, "Units"),
            let resolution = file.member(table.path, "spike_times")?.attribute("resolution")?.number, resolution > 0.01
        else { return nil }
        return
            "Units table resolution is \(PythonNumber.text(resolution)), which is unexpectedly large. Resolution should be 1/sampling_rate (e.g., 1/30000 for a 30 kHz system), not the sampling rate itself."
    }
}
