import Foundation
import NWBDandi
import NWBKit

/// BrainSTEM records for one NWB file, in the current API's shape (stem/session, modules/dataacquisition,
/// modules/manipulation, modules/behavior; December 2024 on). Records refer to each other by `local_id`
/// (`procedure/1`, …) until an uploader replaces them with server UUIDs; values the file cannot give
/// (setup, behavioural assay, strain, brain-region UUIDs) stay absent.
public struct BrainSTEMRecords: Sendable, Codable, Equatable {
    public struct NumberUnit: Sendable, Codable, Equatable {
        public var value: Double
        public var unit: String
    }

    public struct Session: Sendable, Codable, Equatable {
        public var name: String
        public var projects: [String]
        public var description: String?
        public var date_time: String?
        public var tags: [String]
        public var extra_fields: [String: String]
        /// Settable through the import tool's `session_name_in_data_storage` column (read-only in the API).
        public var name_used_in_storage: String
    }

    public struct Subject: Sendable, Codable, Equatable {
        public var local_id = "subject/1"
        public var name: String
        public var sex: String?
        public var birth_date: String?
        public var genotype: String?
        public var genetic_line: String?
        public var description: String?
        public var extra_fields: [String: String]
    }

    public struct Procedure: Sendable, Codable, Equatable {
        public var local_id: String
        public var type: String
        /// The region as the file names it (an acronym lookup turns it into a brain-region UUID).
        public var brain_region: String?
        public var coordinates_system = "Stereotaxic_BregmaBrainSurface"
        public var coordinates_details: [String: String] = [:]
        public var details: [String: String]
        public var notes: String?
        /// The NWB object it comes from.
        public var nwb_path: String
    }

    public struct DataAcquisition: Sendable, Codable, Equatable {
        public var local_id: String
        public var type: String
        public var procedures: [String]
        public var equipment: [String]
        public var notes: String?
        public var details: AcquisitionDetails
        public var type_schema_version = "1.1.0"
        public var order: Int
    }

    /// Schema 1.1.0 `details` fields the file can fill (others absent).
    public struct AcquisitionDetails: Sendable, Codable, Equatable {
        public var fileName: String
        public var format = "NWB (HDF5)"
        public var type: String?
        public var nChannels: Int?
        public var nSamples: Int?
        public var sr: NumberUnit?
        public var frameRate: NumberUnit?
        public var nFrames: Int?
        public var horizontalResolution: Int?
        public var verticalResolution: Int?
        public var excitationWavelength: NumberUnit?
        public var electrodeGroups: [ElectrodeGroup]?

        public struct ElectrodeGroup: Sendable, Codable, Equatable {
            public var label: String
        }
    }

    public struct Manipulation: Sendable, Codable, Equatable {
        public var local_id: String
        public var type: String
        public var procedures: [String]
        public var equipment: [String]
        public var notes: String?
        public var details: [ProtocolItem]
        public var type_schema_version = "1.1.0"
        public var order: Int
    }

    /// One protocol block; power, duration, repetitions and duty cycle come from the stimulus waveform,
    /// which NWBKit does not read, so they stay absent unless the file states them.
    public struct ProtocolItem: Sendable, Codable, Equatable {
        public var wavelength: NumberUnit?
        public var site: String?
    }

    public struct Behavior: Sendable, Codable, Equatable {
        public var local_id = "behavior/1"
        public var subjects: [String]
        public var notes: String
        public var order = 1
    }

    public struct Epoch: Sendable, Codable, Equatable {
        public var name: String
        /// `HH:MM:SS` from the session onset (start floored, end rounded up), as the import tool takes them.
        public var start: String
        public var end: String
        public var start_seconds: Double
        public var end_seconds: Double
        public var dataacquisition: [String]
        public var manipulation: [String]
        public var behavior: [String]
    }

    public struct Equipment: Sendable, Codable, Equatable {
        public var local_id: String
        public var name: String
        public var type: String
        public var notes: String?
        public var coordinates_system = "External_XYZ_Absolute"
    }

    public var nwb_file: String
    public var session: Session
    public var subject: Subject?
    public var procedures: [Procedure]
    public var dataacquisition: [DataAcquisition]
    public var manipulations: [Manipulation]
    public var behaviors: [Behavior]
    public var epochs: [Epoch]
    public var equipment: [Equipment]
    /// NWB facts with no BrainSTEM field (they are in `extra_fields` where a value fits there).
    public var unmapped: [String]
}

/// NWB → BrainSTEM (export spec §5.1).
public enum BrainSTEMExporter {
    /// The records of one file. `names` keeps session names unique within the export.
    public static func records(_ facts: CatalogFacts, project: String, names: inout NameRegistry) -> BrainSTEMRecords {
        let summary = facts.summary
        let session = summary.session
        let subjectID = summary.subject?.subjectID
        var baseName: String
        if let subjectID, let sessionID = session.sessionID {
            baseName = "\(subjectID)_\(sessionID)"
        } else if let subjectID, let clock = facts.startClock {
            baseName = "\(subjectID)_" + compactStamp(clock)
        } else {
            baseName = session.sessionID ?? facts.fileStem
        }
        baseName = String(
            baseName.map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || "_.-".contains($0) ? $0 : "_" })
        let name = names.unique(baseName, limit: 100)

        var extra: [String: String] = [:]
        extra["nwb_identifier"] = session.identifier
        extra["nwb_version"] = summary.nwbVersion
        extra["nwb_file"] = facts.fileName
        if !session.experimenter.isEmpty { extra["experimenter"] = session.experimenter.joined(separator: "; ") }
        extra["institution"] = session.institution
        extra["lab"] = session.lab
        if !session.relatedPublications.isEmpty {
            extra["related_publications"] = session.relatedPublications.joined(separator: "; ")
        }
        for (key, value) in session.otherGeneral where ["protocol", "notes", "data_collection", "stimulus"].contains(key) {
            extra["nwb_" + key] = value
        }
        if let reference = session.timestampsReferenceTime, reference != session.sessionStartTime {
            extra["timestamps_reference_time"] = reference
        }
        if !summary.units.isEmpty { extra["n_units"] = String(summary.units.compactMap(\.rows).reduce(0, +)) }

        var paragraphs = [session.sessionDescription, session.experimentDescription].compactMap { $0 }.filter { !$0.isEmpty }
        paragraphs = paragraphs.map { "<p>\(htmlEscaped($0))</p>" }
        var tags: [String] = []
        for keyword in session.keywords where !tags.contains(keyword) { tags.append(keyword) }

        let sessionRecord = BrainSTEMRecords.Session(
            name: name, projects: [project], description: paragraphs.isEmpty ? nil : paragraphs.joined(),
            date_time: facts.startDate.map(utcStamp), tags: tags, extra_fields: extra,
            name_used_in_storage: facts.fileStem)

        // Equipment: every device.
        var equipment: [BrainSTEMRecords.Equipment] = []
        var equipmentByPath: [String: String] = [:]
        for (number, device) in summary.devices.enumerated() {
            let id = "equipment/\(number + 1)"
            equipmentByPath[device.path] = id
            let notes = [device.description, device.manufacturer.map { "manufacturer: \($0)" }].compactMap { $0 }
            equipment.append(
                BrainSTEMRecords.Equipment(
                    local_id: id, name: device.name, type: equipmentType(device, facts: facts),
                    notes: notes.isEmpty ? nil : clip(notes.joined(separator: "; "), 500)))
        }

        // Procedures: implants implied by electrode groups, imaging planes and stimulus sites.
        var procedures: [BrainSTEMRecords.Procedure] = []
        var procedureByPath: [String: String] = [:]
        func addProcedure(_ type: String, region: String?, path: String, details: [String: String], notes: String?) {
            let id = "procedure/\(procedures.count + 1)"
            procedureByPath[path] = id
            procedures.append(
                BrainSTEMRecords.Procedure(
                    local_id: id, type: type, brain_region: region.flatMap { $0.isEmpty ? nil : $0 }, details: details,
                    notes: notes.map { clip($0, 500) }, nwb_path: path))
        }
        for group in summary.electrodeGroups {
            addProcedure(
                "SiliconProbeImplant", region: group.location, path: group.path,
                details: group.device.map { ["probeId": facts.index.entry($0)?.name ?? $0] } ?? [:], notes: group.description)
        }
        for plane in summary.imagingPlanes {
            let device = plane.device.flatMap { facts.index.entry($0)?.name } ?? ""
            let isMiniscope = ["miniscope", "inscopix", "nvista", "grin"].contains { device.lowercased().contains($0) }
            addProcedure(
                isMiniscope ? "GrinLensImplant" : "CranialWindow", region: plane.location, path: plane.path, details: [:],
                notes: plane.description)
        }
        for site in facts.stimulusSites {
            addProcedure("OpticFiberImplant", region: site.location, path: site.path, details: [:], notes: site.description)
        }

        // Data acquisitions: one per raw series (patch-clamp sweeps of one electrode together).
        var acquisitions: [BrainSTEMRecords.DataAcquisition] = []
        var acquisitionSpans: [(id: String, span: ClosedRange<Double>?)] = []
        var sweepsByElectrode: [String: Int] = [:]
        for series in facts.acquired {
            let electrode = facts.index.entry(series.entry.path + "/electrode")?.target
            if series.modality == .intracellularEphys, let electrode, let existing = sweepsByElectrode[electrode] {
                acquisitions[existing].details.nSamples =
                    (acquisitions[existing].details.nSamples ?? 0) + (series.shape.first ?? 0)
                continue
            }
            let id = "dataacquisition/\(acquisitions.count + 1)"
            let details = acquisitionDetails(series, facts: facts)
            let devicePath =
                series.imagingPlane.flatMap { facts.index.entry($0 + "/device")?.target }
                ?? electrode.flatMap { facts.index.entry($0 + "/device")?.target }
                ?? facts.index.entry(series.entry.path + "/electrodes").flatMap { _ in summary.electrodeGroups.first?.device }
            let linkedProcedures =
                [series.imagingPlane, series.site].compactMap { $0.flatMap { procedureByPath[$0] } }
                + (series.modality == .extracellularEphys ? summary.electrodeGroups.compactMap { procedureByPath[$0.path] } : [])
            acquisitions.append(
                BrainSTEMRecords.DataAcquisition(
                    local_id: id, type: acquisitionType(series.modality), procedures: linkedProcedures,
                    equipment: devicePath.flatMap { equipmentByPath[$0] }.map { [$0] } ?? [],
                    notes: meaningful(series.entry.description).map { clip($0, 500) }, details: details,
                    order: acquisitions.count + 1))
            if series.modality == .intracellularEphys, let electrode { sweepsByElectrode[electrode] = acquisitions.count - 1 }
            acquisitionSpans.append((id, span(of: series, in: facts)))
        }

        // Manipulations: optogenetic series with their sites; visual and auditory stimulus series.
        var manipulations: [BrainSTEMRecords.Manipulation] = []
        var manipulationSpans: [(id: String, span: ClosedRange<Double>?)] = []
        for series in facts.stimuli + facts.acquired.filter({ facts.index.isA($0.entry.neurodataType, "OptogeneticSeries") }) {
            let type: String
            var items: [BrainSTEMRecords.ProtocolItem] = []
            var procedureIDs: [String] = []
            var equipmentIDs: [String] = []
            let entryType = series.entry.neurodataType
            if facts.index.isA(entryType, "OptogeneticSeries") {
                type = "OptogeneticStimulation"
                if let site = facts.stimulusSites.first(where: { $0.path == series.site }) {
                    items.append(
                        BrainSTEMRecords.ProtocolItem(
                            wavelength: site.excitationLambda.map { .init(value: $0, unit: "nm") }, site: site.name))
                    procedureIDs = procedureByPath[site.path].map { [$0] } ?? []
                    equipmentIDs = site.device.flatMap { equipmentByPath[$0] }.map { [$0] } ?? []
                }
            } else if facts.index.isA(entryType, "PatchClampSeries") {
                continue  // part of the recording protocol (see the IntracellularEphys notes)
            } else if facts.index.isA(entryType, "ImageSeries") || facts.index.isA(entryType, "IndexSeries") {
                type = "VisualStimulation"
            } else if (series.entry.description ?? "").lowercased().contains("sound") || series.modality == .audio {
                type = "AuditoryStimulation"
            } else {
                continue
            }
            let id = "manipulation/\(manipulations.count + 1)"
            manipulations.append(
                BrainSTEMRecords.Manipulation(
                    local_id: id, type: type, procedures: procedureIDs, equipment: equipmentIDs,
                    notes: clip(
                        ([series.entry.name] + [meaningful(series.entry.description)].compactMap { $0 }).joined(separator: ": "),
                        500),
                    details: items,
                    order: manipulations.count + 1))
            manipulationSpans.append((id, span(of: series, in: facts)))
        }

        // Behavior: one record when the file holds behavioural data.
        var behaviors: [BrainSTEMRecords.Behavior] = []
        if let module = summary.processing.first(where: { $0.name == "behavior" }) {
            let contents = module.contents.map { "\($0.name) (\($0.neurodataType ?? "untyped"))" }.joined(separator: ", ")
            behaviors.append(
                BrainSTEMRecords.Behavior(
                    subjects: summary.subject == nil ? [] : ["subject/1"], notes: clip("processing/behavior: " + contents, 500)))
        }

        // Epochs, linked to what they overlap (each data acquisition to one epoch only, as BrainSTEM requires).
        var epochs: [BrainSTEMRecords.Epoch] = []
        var epochNames = NameRegistry()
        var assigned = Set<String>()
        let offset = referenceOffset(facts)
        for (row, epoch) in (summary.epochs ?? []).enumerated() {
            let start = epoch.start + offset
            let end = epoch.stop + offset
            let range = min(start, end)...max(start, end)
            let name = epochNames.unique(epoch.tags.isEmpty ? "epoch_\(row + 1)" : epoch.tags.joined(separator: "+"), limit: 100)
            var linked: [String] = []
            for (id, span) in acquisitionSpans where !assigned.contains(id) && (span?.overlaps(range) ?? true) {
                linked.append(id)
                assigned.insert(id)
            }
            epochs.append(
                BrainSTEMRecords.Epoch(
                    name: name, start: clock(start, roundUp: false), end: clock(end, roundUp: true), start_seconds: start,
                    end_seconds: end, dataacquisition: linked,
                    manipulation: manipulationSpans.filter { $0.span?.overlaps(range) ?? true }.map(\.id),
                    behavior: behaviors.map(\.local_id)))
        }

        var unmapped = [
            "data arrays and timestamps", "/units (spike sorting has no BrainSTEM model; the unit count is extra_fields.n_units)",
            "processing results (LFP, ROI segmentation, fluorescence)", "electrode coordinates, impedance, filtering",
            "imaging plane indicator and optical channels", "/intervals tables other than epochs",
            "behavior setup and behavioural assay (configuration, not in the file)",
        ]
        if !manipulations.isEmpty {
            unmapped.append(
                "stimulation power, pulse duration, duty cycle and repetitions (derived from stimulus data, which NWBKit does not read)"
            )
        }
        return BrainSTEMRecords(
            nwb_file: summary.path, session: sessionRecord, subject: subject(facts), procedures: procedures,
            dataacquisition: acquisitions, manipulations: manipulations, behaviors: behaviors, epochs: epochs,
            equipment: equipment, unmapped: unmapped)
    }

    /// Problems a BrainSTEM server would refuse (empty when the records are valid).
    public static func validate(_ records: BrainSTEMRecords) -> [String] {
        var problems: [String] = []
        if records.session.name.isEmpty || records.session.name.count > 100 {
            problems.append("session name must be 1–100 characters")
        }
        if records.session.projects.isEmpty { problems.append("a session needs at least one project") }
        for key in records.session.extra_fields.keys where key.wholeMatch(of: /[A-Za-z][A-Za-z0-9_]*/) == nil {
            problems.append("extra_fields key '\(key)' must start with a letter and hold letters, digits and _ only")
        }
        if let sex = records.subject?.sex, !["M", "F", "U"].contains(sex) { problems.append("subject sex must be M, F or U") }
        if let date = records.subject?.birth_date, date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil {
            problems.append("birth_date must be YYYY-MM-DD")
        }
        let notes =
            records.dataacquisition.compactMap(\.notes) + records.manipulations.compactMap(\.notes)
            + records.procedures.compactMap(\.notes) + records.behaviors.map(\.notes)
        if notes.contains(where: { $0.count > 500 }) { problems.append("notes are at most 500 characters") }
        var epochNames = Set<String>()
        var usedAcquisitions = Set<String>()
        for epoch in records.epochs {
            if epoch.name.isEmpty || epoch.name.count > 100 || !epochNames.insert(epoch.name).inserted {
                problems.append("epoch name '\(epoch.name)' must be 1–100 characters and unique in the session")
            }
            for id in epoch.dataacquisition where !usedAcquisitions.insert(id).inserted {
                problems.append("data acquisition \(id) is in more than one epoch")
            }
        }
        return problems
    }

    static func subject(_ facts: CatalogFacts) -> BrainSTEMRecords.Subject? {
        guard let subject = facts.summary.subject, let id = subject.subjectID else { return nil }
        var extra: [String: String] = [:]
        extra["species"] = facts.speciesName
        extra["age"] = subject.age
        extra["weight"] = subject.weight
        extra["strain"] = subject.strain
        var sex: String? = subject.sex.map { ["M", "F", "U"].contains($0) ? $0 : "U" }
        if let raw = subject.sex, !["M", "F", "U"].contains(raw) { extra["sex_nwb"] = raw }
        if subject.sex == nil { sex = nil }
        var birth = subject.dateOfBirth.flatMap { $0.count >= 10 ? String($0.prefix(10)) : nil }
        if birth == nil, let age = subject.age, subject.ageReference ?? "birth" == "birth", let start = facts.startClock,
            let days = exactDays(age)
        {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 0)!
            if let sessionDay = calendar.date(from: DateComponents(year: start[0], month: start[1], day: start[2])),
                let born = calendar.date(byAdding: .day, value: -days, to: sessionDay)
            {
                let parts = calendar.dateComponents([.year, .month, .day], from: born)
                birth = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            }
        }
        return BrainSTEMRecords.Subject(
            name: id, sex: sex, birth_date: birth, genotype: subject.genotype.map { clip($0, 200) },
            genetic_line: subject.strain.map { clip($0, 100) }, description: subject.description, extra_fields: extra)
    }

    /// `P95D` → 95, `P4W` → 28; nil for anything else (months and years are not exact).
    static func exactDays(_ age: String) -> Int? {
        if let match = age.wholeMatch(of: /P(\d+)D/) { return Int(match.1) }
        if let match = age.wholeMatch(of: /P(\d+)W/) { return Int(match.1).map { $0 * 7 } }
        return nil
    }

    static func acquisitionType(_ modality: Modality) -> String {
        switch modality {
        case .extracellularEphys: "ExtracellularEphys"
        case .intracellularEphys: "IntracellularEphys"
        case .twoPhoton: "TwoPhotonMicroscopy"
        case .onePhoton: "SinglePhotonMicroscopy"
        case .miniscope: "Miniscope"
        case .fiberPhotometry: "FiberPhotometry"
        case .behaviorVideo: "VideoTracking"
        case .behaviorTracking: "BehavioralTracking"
        case .audio: "Audio"
        case .timeSeries: "GeneralTimeSeries"
        }
    }

    static func acquisitionDetails(_ series: AcquiredSeries, facts: CatalogFacts) -> BrainSTEMRecords.AcquisitionDetails {
        var details = BrainSTEMRecords.AcquisitionDetails(fileName: facts.fileName + "#" + series.entry.path)
        details.type = series.dtype.map(NumpyDtype.name)
        let rate = series.rate.map { BrainSTEMRecords.NumberUnit(value: $0, unit: "Hz") }
        switch series.modality {
        case .twoPhoton, .onePhoton, .miniscope, .fiberPhotometry, .behaviorVideo, .behaviorTracking:
            details.frameRate = rate
            details.nFrames = series.shape.first
            if series.shape.count >= 3, series.modality != .behaviorTracking {
                details.verticalResolution = series.shape[1]
                details.horizontalResolution = series.shape[2]
            }
            if series.modality == .behaviorVideo, let file = series.externalFiles.first {
                details.fileName = file
                details.format = (file as NSString).pathExtension.isEmpty ? "external" : (file as NSString).pathExtension
            }
            if series.modality == .twoPhoton || series.modality == .onePhoton || series.modality == .fiberPhotometry,
                let plane = series.imagingPlane, let lambda = facts.index.member(plane, "excitation_lambda")?.value?.number
            {
                details.excitationWavelength = .init(value: lambda, unit: "nm")
            }
        default:
            details.sr = rate
            details.nSamples = series.shape.first
            details.nChannels = series.shape.count >= 2 ? series.shape[1] : (series.shape.isEmpty ? nil : 1)
            if series.modality == .extracellularEphys {
                details.electrodeGroups = facts.summary.electrodeGroups.map { .init(label: $0.name) }
            }
        }
        return details
    }

    static func equipmentType(_ device: DeviceInfo, facts: CatalogFacts) -> String {
        let text = (device.name + " " + (device.description ?? "")).lowercased()
        if facts.summary.imagingPlanes.contains(where: { $0.device == device.path }) {
            return ["miniscope", "inscopix", "nvista"].contains { text.contains($0) } ? "Miniscope" : "TwoPhotonMicroscope"
        }
        if facts.stimulusSites.contains(where: { $0.device == device.path }) {
            return text.contains("led") ? "LightEmitter" : "Laser"
        }
        if facts.summary.electrodeGroups.contains(where: { $0.device == device.path }) { return "DataAcquisitionSystem" }
        if text.contains("camera") { return "Camera" }
        if text.contains("amplifier") { return "Amplifier" }
        return "Other"
    }

    /// When a series runs, in seconds from the session onset; nil when only timestamps (not read) would say.
    static func span(of series: AcquiredSeries, in facts: CatalogFacts) -> ClosedRange<Double>? {
        guard let rate = series.rate, rate > 0, let samples = series.shape.first else { return nil }
        let start = (facts.index.member(series.entry.path, "starting_time")?.value?.number ?? 0) + referenceOffset(facts)
        return start...(start + Double(max(samples - 1, 0)) / rate)
    }

    /// timestamps_reference_time − session_start_time, in seconds (0 in almost every file).
    static func referenceOffset(_ facts: CatalogFacts) -> Double {
        guard let reference = facts.summary.session.timestampsReferenceTime.flatMap(ISODate.parse), let start = facts.startDate
        else { return 0 }
        return reference.timeIntervalSince(start)
    }

    static func clock(_ seconds: Double, roundUp: Bool) -> String {
        let total = max(0, Int(roundUp ? seconds.rounded(.up) : seconds.rounded(.down)))
        return String(format: "%02d:%02d:%02d", total / 3600, total % 3600 / 60, total % 60)
    }

    static func compactStamp(_ clock: [Int]) -> String {
        String(format: "%04d%02d%02dT%02d%02d%02d", clock[0], clock[1], clock[2], clock[3], clock[4], clock[5])
    }

    static func utcStamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }

    /// A description worth copying: not empty and not a placeholder such as pynwb's `no description`.
    static func meaningful(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty, !PlaceholderText.isPlaceholder(text) else {
            return nil
        }
        return text
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
