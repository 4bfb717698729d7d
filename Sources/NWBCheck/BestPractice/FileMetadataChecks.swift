import Foundation
import NWBDandi
import NWBKit

/// Checks of the NWBFile's own fields (`/` and `/general`), as nwbinspector's `_nwbfile_metadata` checks.
enum FileMetadataChecks {
    static let all: [BestPracticeCheck] = [
        BestPracticeCheck(
            "check_session_start_time_old_date", .bestPracticeSuggestion,
            "session_start_time is on or before 1980-01-01 (probably a placeholder)", run: checkSessionStartTimeOldDate),
        BestPracticeCheck(
            "check_session_start_time_future_date", .critical, "session_start_time lies in the future",
            run: checkSessionStartTimeFutureDate),
        BestPracticeCheck(
            "nwbkit_session_start_time_timezone", .bestPracticeViolation,
            "session_start_time has no time zone (readers then guess one)", run: nwbkitSessionStartTimeTimezone),
        BestPracticeCheck(
            "check_experimenter_exists", .bestPracticeSuggestion, "/general/experimenter is empty or absent",
            run: checkExperimenterExists),
        BestPracticeCheck(
            "check_experimenter_form", .bestPracticeSuggestion, "an experimenter is not written 'Last, First' (DANDI's form)",
            run: checkExperimenterForm),
        BestPracticeCheck(
            "check_experiment_description", .bestPracticeSuggestion, "/general/experiment_description is missing",
            run: checkExperimentDescription),
        BestPracticeCheck("check_institution", .bestPracticeSuggestion, "/general/institution is missing", run: checkInstitution),
        BestPracticeCheck("nwbkit_lab_exists", .bestPracticeSuggestion, "/general/lab is missing", run: nwbkitLabExists),
        BestPracticeCheck("check_keywords", .bestPracticeSuggestion, "/general/keywords is missing or empty", run: checkKeywords),
        BestPracticeCheck("check_subject_exists", .critical, "/general/subject is absent", run: checkSubjectExists),
        BestPracticeCheck(
            "check_doi_publications", .bestPracticeSuggestion,
            "a related publication is not a DOI ('doi:…', 'https://doi.org/…')", run: checkDoiPublications),
        BestPracticeCheck(
            "check_session_id_no_slashes", .bestPracticeViolation, "session_id contains '/'", run: checkSessionIdNoSlashes),
        BestPracticeCheck(
            "check_file_extension", .bestPracticeSuggestion, "the file name does not end in .nwb or .nwb.h5",
            run: checkFileExtension),
    ].map { $0.applying(to: "NWBFile") }

    static func root(_ file: SummaryIndex, _ message: String) -> CheckHit {
        CheckHit("/", "NWBFile", message)
    }

    /// `str(datetime)` as pynwb reads the time (a naive time gets the local zone; UTC on the machines measured).
    static func pythonText(_ start: String) -> String {
        (ISODate.pythonISOFormat(start, naiveAsUTC: true) ?? start).replacingOccurrences(of: "T", with: " ")
    }

    static func extensionMessage(_ suffixes: String) -> String {
        "The file extension '\(suffixes)' does not follow the recommended naming convention. HDF5 NWB files should use one of the following file name extensions: .nwb, .nwb.h5."
    }

    /// Python's falsiness for an optional string: absent or empty.
    static func isBlankOrAbsent(_ text: String?) -> Bool { text?.isEmpty ?? true }

    /// dandischema's person-name pattern `^([\w\s\-\.']+),\s+([\w\s\-\.']+)$`.
    static func isPersonName(_ text: String) -> Bool {
        text.wholeMatch(of: /[\w\s\-\.']+,\s+[\w\s\-\.']+/) != nil
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension FileMetadataChecks {
    /// `check_session_start_time_old_date`: flags when session_start_time is on or before 1980-01-01 (probably a placeholder).
    static func checkSessionStartTimeOldDate(_ file: SummaryIndex) -> [CheckHit] {
        guard let start = file.summary.session.sessionStartTime, let clock = ISODate.wallClock(start) else { return [] }
        guard clock.lexicographicallyPrecedes([1980, 1, 1, 0, 0, 0, 1]) else { return [] }
        return [
            root(file, "The session_start_time (\(pythonText(start))) may not be set to the true date of the recording.")
        ]
    }

    /// `check_session_start_time_future_date`: flags when session_start_time lies in the future.
    static func checkSessionStartTimeFutureDate(_ file: SummaryIndex) -> [CheckHit] {
        guard let start = file.summary.session.sessionStartTime, let date = ISODate.parse(start), date >= Date() else {
            return []
        }
        return [root(file, "The session_start_time (\(pythonText(start))) is set to a future date and time.")]
    }

    /// `nwbkit_session_start_time_timezone`: flags when session_start_time has no time zone (readers then guess one).
    static func nwbkitSessionStartTimeTimezone(_ file: SummaryIndex) -> [CheckHit] {
        guard let start = file.summary.session.sessionStartTime, !ISODate.hasTimeZone(start) else { return [] }
        return [
            root(
                file,
                "The session_start_time (\(start)) has no time zone; readers assume their own local time. Store it with an offset, e.g. 2024-05-01T09:30:00-04:00."
            )
        ]
    }

    /// `check_experimenter_exists`: flags when /general/experimenter is empty or absent.
    static func checkExperimenterExists(_ file: SummaryIndex) -> [CheckHit] {
        file.summary.session.experimenter.isEmpty ? [root(file, "Experimenter is missing.")] : []
    }

    /// `check_experimenter_form`: flags when an experimenter is not written 'Last, First' (DANDI's form).
    static func checkExperimenterForm(_ file: SummaryIndex) -> [CheckHit] {
        file.summary.session.experimenter.filter { !isPersonName($0) }.map {
            root(
                file,
                "The name of experimenter '\($0)' does not match any of the accepted DANDI forms: 'LastName, Firstname', 'LastName, FirstName MiddleInitial.' or 'LastName, FirstName, MiddleName'."
            )
        }
    }

    /// `check_experiment_description`: flags when /general/experiment_description is missing.
    static func checkExperimentDescription(_ file: SummaryIndex) -> [CheckHit] {
        isBlankOrAbsent(file.summary.session.experimentDescription)
            ? [root(file, "Experiment description is missing.")] : []
    }

    /// `check_institution`: flags when /general/institution is missing.
    static func checkInstitution(_ file: SummaryIndex) -> [CheckHit] {
        isBlankOrAbsent(file.summary.session.institution)
            ? [root(file, "Metadata /general/institution is missing.")] : []
    }

    /// `nwbkit_lab_exists`: flags when /general/lab is missing.
    static func nwbkitLabExists(_ file: SummaryIndex) -> [CheckHit] {
        isBlankOrAbsent(file.summary.session.lab) ? [root(file, "Metadata /general/lab is missing.")] : []
    }

    /// `check_keywords`: flags when /general/keywords is missing or empty.
    static func checkKeywords(_ file: SummaryIndex) -> [CheckHit] {
        file.summary.session.keywords.isEmpty ? [root(file, "Metadata /general/keywords is missing.")] : []
    }

    /// `check_subject_exists`: flags when /general/subject is absent.
    static func checkSubjectExists(_ file: SummaryIndex) -> [CheckHit] {
        file.summary.subject == nil ? [root(file, "Subject is missing.")] : []
    }

    /// `check_doi_publications`: flags when a related publication is not a DOI ('doi:…', 'https://doi.org/…').
    static func checkDoiPublications(_ file: SummaryIndex) -> [CheckHit] {
        let starts = ["doi:", "http://dx.doi.org/", "https://doi.org/"]
        return file.summary.session.relatedPublications.filter { text in !starts.contains { text.hasPrefix($0) } }.map {
            root(
                file,
                "Metadata /general/related_publications '\($0)' does not start with 'doi: ###' and is not an external 'doi' link."
            )
        }
    }

    /// `check_session_id_no_slashes`: flags when session_id contains '/'.
    static func checkSessionIdNoSlashes(_ file: SummaryIndex) -> [CheckHit] {
        guard let id = file.summary.session.sessionID, id.contains("/") else { return [] }
        return [
            root(
                file,
                "The session_id '\(id)' contains slash character(s) '/', which can cause problems when constructing paths in DANDI. Please replace slashes with another character (e.g., '-' or '_')."
            )
        ]
    }

    /// `check_file_extension`: flags when the file name does not end in .nwb or .nwb.h5.
    static func checkFileExtension(_ file: SummaryIndex) -> [CheckHit] {
        let name = (file.summary.path as NSString).lastPathComponent
        guard let dot = name.firstIndex(of: ".") else {
            return [root(file, extensionMessage(""))]
        }
        let suffixes = String(name[dot...])
        return suffixes.hasSuffix(".nwb") || suffixes.hasSuffix(".nwb.h5") ? [] : [root(file, extensionMessage(suffixes))]
    }
}
