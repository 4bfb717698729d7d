import NWBDandi
import NWBKit

/// Checks of `/general/subject`, as nwbinspector's subject checks.
enum SubjectChecks {
    static let all: [BestPracticeCheck] = [
        BestPracticeCheck(
            "check_subject_age", .critical,
            "age and date_of_birth both missing, or age not an ISO 8601 duration (or a range of two)", run: checkSubjectAge),
        BestPracticeCheck(
            "check_subject_proper_age_range", .bestPracticeSuggestion, "an age range whose lower bound is not below its upper",
            run: checkSubjectProperAgeRange),
        BestPracticeCheck("check_subject_id_exists", .critical, "subject_id is missing", run: checkSubjectIdExists),
        BestPracticeCheck(
            "check_subject_weight", .critical, "weight is not '<number> <unit>' with unit kg, g, mg, ug, μg, ng or pg",
            run: checkSubjectWeight),
        BestPracticeCheck(
            "check_subject_sex", .critical, "sex is missing or not one of M, F, O, U (XO, XX for C. elegans)",
            run: checkSubjectSex),
        BestPracticeCheck(
            "check_subject_species_exists", .bestPracticeViolation, "species is missing", run: checkSubjectSpeciesExists),
        BestPracticeCheck(
            "check_subject_species_form", .bestPracticeViolation,
            "species is neither a Latin binomial ('Mus musculus') nor an NCBITaxon IRI", run: checkSubjectSpeciesForm),
        BestPracticeCheck(
            "check_subject_id_no_slashes", .bestPracticeViolation, "subject_id contains '/'", run: checkSubjectIdNoSlashes),
    ].map { $0.applying(to: "Subject") }

    static func hit(_ file: SummaryIndex, _ message: String) -> CheckHit {
        CheckHit("/general/subject", file.summary.subject?.neurodataType ?? "Subject", message)
    }
}

/// ISO 8601 durations as nwbinspector accepts them (`P1Y2M3W4DT5H6M7.5S`).
enum AgeDuration {
    /// True for a whole-match of nwbinspector's duration pattern.
    static func isDuration(_ text: String) -> Bool { seconds(text) != nil }

    /// The duration in seconds (a year as 365.25 days, a month as a twelfth of that), or nil when not a duration.
    static func seconds(_ text: String) -> Double? {
        guard
            let match = text.wholeMatch(
                of:
                    /P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?/
            )
        else { return nil }
        let day = 86_400.0
        let parts: [(Substring?, Double)] = [
            (match.1, 365.25 * day), (match.2, 365.25 * day / 12), (match.3, 7 * day), (match.4, day), (match.5, 3_600),
            (match.6, 60), (match.7, 1),
        ]
        return parts.reduce(0.0) { total, part in total + (part.0.flatMap { Double($0) } ?? 0) * part.1 }
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension SubjectChecks {
    /// `check_subject_age`: flags when age and date_of_birth both missing, or age not an ISO 8601 duration (or a range of two).
    static func checkSubjectAge(_ file: SummaryIndex) -> [CheckHit] {
        guard let subject = file.summary.subject else { return [] }
        guard let age = subject.age else {
            return subject.dateOfBirth == nil
                ? [
                    hit(
                        file,
                        "Subject is missing age and date_of_birth. Please specify at least one of these fields.")
                ] : []
        }
        if AgeDuration.isDuration(age) { return [] }
        let bounds = age.split(separator: "/", omittingEmptySubsequences: false)
        if bounds.count == 2, bounds.allSatisfy({ $0.isEmpty || AgeDuration.isDuration(String($0)) }) { return [] }
        return [
            hit(
                file,
                "Subject age, '\(age)', does not follow ISO 8601 duration format, e.g. 'P2Y' for 2 years or 'P23W' for 23 weeks. You may also specify a range using a '/' separator, e.g., 'P1D/P3D' for an age range somewhere from 1 to 3 days. If you cannot specify the upper bound of the range, you may leave the right side blank, e.g., 'P90Y/' means 90 years old or older."
            )
        ]
    }

    /// `check_subject_proper_age_range`: flags when an age range whose lower bound is not below its upper.
    static func checkSubjectProperAgeRange(_ file: SummaryIndex) -> [CheckHit] {
        guard let age = file.summary.subject?.age else { return [] }
        let bounds = age.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count == 2, let lower = AgeDuration.seconds(bounds[0]), let upper = AgeDuration.seconds(bounds[1]),
            lower >= upper
        else { return [] }
        return [
            hit(
                file,
                "The durations of the Subject age range, '\(age)', are not strictly increasing. The upper (right) bound should be a longer duration than the lower (left) bound."
            )
        ]
    }

    /// `check_subject_id_exists`: flags when subject_id is missing.
    static func checkSubjectIdExists(_ file: SummaryIndex) -> [CheckHit] {
        guard let subject = file.summary.subject, subject.subjectID == nil else { return [] }
        return [hit(file, "subject_id is missing.")]
    }

    /// `check_subject_weight`: flags when weight is not '<number> <unit>' with unit kg, g, mg, ug, μg, ng or pg.
    static func checkSubjectWeight(_ file: SummaryIndex) -> [CheckHit] {
        guard let weight = file.summary.subject?.weight,
            weight.wholeMatch(of: /(?i)\d+(\.\d+)? (kg|g|mg|ug|μg|ng|pg)/) == nil
        else { return [] }
        return [
            hit(
                file,
                "Subject weight '\(weight)' does not follow the expected form '[numeric] [unit]'. For example, '2.3 kg'. Without a unit, the weight is ambiguous. Valid units are: 'kg', 'g', 'mg', 'ug', 'μg', 'ng', 'pg'."
            )
        ]
    }

    /// `check_subject_sex`: flags when sex is missing or not one of M, F, O, U (XO, XX for C. elegans).
    static func checkSubjectSex(_ file: SummaryIndex) -> [CheckHit] {
        guard let subject = file.summary.subject else { return [] }
        guard let sex = subject.sex, !sex.isEmpty else { return [hit(file, "Subject.sex is missing.")] }
        if ["Caenorhabditis elegans", "C. elegans"].contains(subject.species ?? "") {
            return ["XO", "XX"].contains(sex)
                ? [] : [hit(file, "For C. elegans, Subject.sex should be 'XO' (male) or 'XX' (hermaphrodite).")]
        }
        return ["M", "F", "O", "U"].contains(sex)
            ? []
            : [hit(file, "Subject.sex should be one of: 'M' (male), 'F' (female), 'O' (other), or 'U' (unknown).")]
    }

    /// `check_subject_species_exists`: flags when species is missing.
    static func checkSubjectSpeciesExists(_ file: SummaryIndex) -> [CheckHit] {
        guard let subject = file.summary.subject, subject.species?.isEmpty ?? true else { return [] }
        return [hit(file, "Subject species is missing.")]
    }

    /// `check_subject_species_form`: flags when species is neither a Latin binomial ('Mus musculus') nor an NCBITaxon IRI.
    static func checkSubjectSpeciesForm(_ file: SummaryIndex) -> [CheckHit] {
        guard let species = file.summary.subject?.species, !species.isEmpty,
            species.wholeMatch(of: /([A-Z][a-z]* [a-z]+)|(http:\/\/purl\.obolibrary\.org\/obo\/NCBITaxon_\d+)/) == nil
        else { return [] }
        return [
            hit(
                file,
                "Subject species '\(species)' should either be in Latin binomial form (e.g., 'Mus musculus' and 'Homo sapiens') or be a NCBI taxonomy link (e.g., 'http://purl.obolibrary.org/obo/NCBITaxon_280675')."
            )
        ]
    }

    /// `check_subject_id_no_slashes`: flags when subject_id contains '/'.
    static func checkSubjectIdNoSlashes(_ file: SummaryIndex) -> [CheckHit] {
        guard let id = file.summary.subject?.subjectID, id.contains("/") else { return [] }
        return [
            hit(
                file,
                "The subject_id '\(id)' contains slash character(s) '/', which can cause problems when constructing paths in DANDI. Please replace slashes with another character (e.g., '-' or '_')."
            )
        ]
    }
}
