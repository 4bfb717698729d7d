import Foundation
import NWBKit

/// A named DANDI vocabulary entry: `{schemaKey, identifier?, name?}`.
public struct DandiTerm: Sendable, Codable, Equatable, Hashable {
    public var schemaKey: String
    public var identifier: String?
    public var name: String?

    public init(schemaKey: String, identifier: String? = nil, name: String? = nil) {
        self.schemaKey = schemaKey
        self.identifier = identifier
        self.name = name
    }
}

/// `{schemaKey: "PropertyValue", value}` (variableMeasured, age reference).
public struct DandiPropertyValue: Sendable, Codable, Equatable {
    public var schemaKey = "PropertyValue"
    public var value: String
}

/// An age: `{schemaKey, value, unitText, valueReference}`.
public struct DandiAge: Sendable, Codable, Equatable {
    public var schemaKey = "PropertyValue"
    public var value: String
    public var unitText = "ISO-8601 duration"
    public var valueReference: DandiPropertyValue
}

/// The subject of a file, as DANDI's `Participant`.
public struct DandiParticipant: Sendable, Codable, Equatable {
    public var schemaKey = "Participant"
    public var identifier: String?
    public var species: DandiTerm?
    public var sex: DandiTerm?
    public var age: DandiAge?
    public var genotype: String?
    public var strain: DandiTerm?
    public var cellLine: String?
}

/// The recording session, as DANDI's `Session`.
public struct DandiSession: Sendable, Codable, Equatable {
    public var schemaKey = "Session"
    public var identifier: String?
    public var name: String
    public var description: String?
    public var startDate: String?
}

/// A related resource (`dcite:IsDescribedBy` for DOIs in related_publications).
public struct DandiResource: Sendable, Codable, Equatable {
    public var schemaKey = "Resource"
    public var identifier: String
    public var relation = "dcite:IsDescribedBy"
}

/// What DANDI's `nwb2asset` says of one file, on the fields NWBKit can fill from metadata alone,
/// with what it could not interpret listed in `notes` instead of failing.
public struct DandiAsset: Sendable, Codable, Equatable {
    public var schemaKey = "BareAsset"
    public var schemaVersion = DandiTables.schemaVersion
    public var path: String
    public var contentSize: Int
    public var encodingFormat = "application/x-nwb"
    public var keywords: [String]?
    public var relatedResource: [DandiResource]?
    public var approach: [DandiTerm]
    public var measurementTechnique: [DandiTerm]
    public var variableMeasured: [DandiPropertyValue]
    public var wasAttributedTo: [DandiParticipant]
    public var wasGeneratedBy: [DandiSession]
    /// What NWBKit could not interpret (an age, a species, …), one sentence each. Not a DANDI field.
    public var notes: [String]
}

extension DandiAsset {
    /// The asset facts of a summarized file.
    ///
    /// - Parameter recogniseByteTypes: the dandi tool compares `str(attribute)` with its table, so a
    ///   `neurodata_type` stored as fixed-length bytes (`b'VoltageClampSeries'`, MIES and other writers)
    ///   or as a one-element array (MatNWB) matches nothing. By default NWBKit does the same, for parity,
    ///   and says so in `notes`; `true` counts those types too.
    public init(summary: FileSummary, recogniseByteTypes: Bool = false) {
        var notes: [String] = []
        // Group types only (dandi's scan never looks at datasets), NWBFile excluded.
        var groupTypes = Set<String>()
        var hiddenTypes = Set<String>()
        for entry in summary.objects where entry.kind == "group" {
            guard let type = entry.neurodataType, type != "NWBFile" else { continue }
            let attribute = entry.attributes?.first { $0.name == "neurodata_type" }
            if recogniseByteTypes || (attribute?.dtype == "object" && attribute?.shape.isEmpty == true) {
                groupTypes.insert(type)
            } else {
                hiddenTypes.insert(type)
            }
        }
        let missed = DandiTables.neurodataTypes.map(\.type).filter { hiddenTypes.contains($0) && !groupTypes.contains($0) }
        if !missed.isEmpty {
            notes.append(
                "neurodata_type stored as fixed-length bytes or a 1-element array: like the dandi tool, not counted: "
                    + missed.joined(separator: ", ") + " (--recognise-byte-types counts them)")
        }
        var approaches: [String] = []
        var techniques: [String] = []
        var variables: [String] = []
        for (type, facts) in DandiTables.neurodataTypes where groupTypes.contains(type) {
            if let approach = facts.approach, !approaches.contains(approach) { approaches.append(approach) }
            if let technique = facts.technique, !techniques.contains(technique) { techniques.append(technique) }
            variables.append(type)
        }

        var participant = DandiParticipant()
        if let subject = summary.subject {
            participant.identifier = subject.subjectID.flatMap { $0.isEmpty ? nil : $0 }
            if let raw = subject.species, !raw.isEmpty {
                do {
                    let species = try DandiNormalization.species(raw)
                    participant.species = DandiTerm(schemaKey: "SpeciesType", identifier: species.identifier, name: species.name)
                } catch { notes.append("species: \(error.message)") }
            }
            if let raw = subject.sex, !raw.isEmpty {
                do {
                    let sex = try DandiNormalization.sex(raw)
                    participant.sex = DandiTerm(schemaKey: "SexType", identifier: sex.identifier, name: sex.name)
                } catch { notes.append("sex: \(error.message)") }
            }
            var age: DandiNormalization.Age?
            if let birth = subject.dateOfBirth, let start = summary.session.sessionStartTime {
                age = DandiNormalization.age(dateOfBirth: birth, sessionStart: start)
            }
            if age == nil, let raw = subject.age {
                do { age = try DandiNormalization.age(raw) } catch { notes.append("age: \(error.message)") }
            }
            if let age {
                participant.age = DandiAge(
                    value: age.value,
                    valueReference: DandiPropertyValue(
                        value: age.gestational ? "dandi:GestationalReference" : "dandi:BirthReference"))
            }
            participant.genotype = subject.genotype
            if let strain = subject.strain {
                if strain.lowercased().hasPrefix("cellline:") {
                    participant.cellLine = strain.dropFirst("cellline:".count).trimmingCharacters(in: .whitespaces)
                } else {
                    participant.strain = DandiTerm(schemaKey: "StrainType", name: strain)
                }
            }
        }
        let hasParticipant = participant != DandiParticipant()

        let session = summary.session
        let sessionID = session.sessionID.flatMap { $0.isEmpty ? nil : $0 }
        var startDate: String?
        if let start = session.sessionStartTime {
            startDate = ISODate.pythonISOFormat(start, utcAsZ: true)
            if startDate == nil {
                // pynwb reads a date-time without a zone as local time; on the reference machine that was UTC.
                startDate = ISODate.pythonISOFormat(start, utcAsZ: true, naiveAsUTC: true)
                notes.append(
                    startDate == nil
                        ? "session_start_time: not an ISO 8601 date-time: \(start)"
                        : "session_start_time has no time zone: read as UTC")
            }
        }
        let resources = session.relatedPublications.compactMap { text -> DandiResource? in
            guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)), url.scheme == "http" || url.scheme == "https",
                url.host == "doi.org"
            else { return nil }
            return DandiResource(identifier: text.trimmingCharacters(in: .whitespaces))
        }
        self.init(
            path: summary.path, contentSize: summary.fileSize,
            keywords: summary.session.keywords.isEmpty ? nil : summary.session.keywords,
            relatedResource: resources.isEmpty ? nil : resources,
            approach: approaches.map { DandiTerm(schemaKey: "ApproachType", name: $0) },
            measurementTechnique: techniques.map { DandiTerm(schemaKey: "MeasurementTechniqueType", name: $0) },
            variableMeasured: variables.map { DandiPropertyValue(value: $0) },
            wasAttributedTo: hasParticipant ? [participant] : [],
            wasGeneratedBy: [
                DandiSession(
                    identifier: sessionID, name: sessionID ?? "Acquisition session", description: session.sessionDescription,
                    startDate: startDate)
            ],
            notes: notes)
    }
}
