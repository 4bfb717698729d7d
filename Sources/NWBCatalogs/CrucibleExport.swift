import Foundation
import NWBDandi
import NWBKit

/// A Crucible dataset record for one NWB file, in the shape an ingestor's worker JSON takes
/// (`crucible-ingestion`: dataset fields, `scientific_metadata`, `keywords`, `associated_files`) plus the
/// subject as a `Sample` and the parent/child links between files of the export. `unique_id` (an mfid the
/// client generates) and `owner_orcid` are left to the uploader.
public struct CrucibleRecord: Sendable, Codable, Equatable {
    public struct Dataset: Sendable, Codable, Equatable {
        public var dataset_name: String
        public var project_id: String
        public var measurement: String
        public var data_type: String
        public var data_format = "nwb"
        public var instrument_name: String?
        public var session_name: String?
        public var timestamp: String?
        public var size: Int
        public var sha256_hash_file_to_upload: String?
        public var file_to_upload: String
        public var source_folder: String
        public var `public` = false
    }

    public struct Sample: Sendable, Codable, Equatable {
        public var sample_name: String
        public var sample_type: String
        public var project_id: String
        public var description: String?
        /// The date of birth, when stored.
        public var timestamp: String?
        public var scientific_metadata: [String: JSONValue]
    }

    public struct AssociatedFile: Sendable, Codable, Equatable {
        public var filename: String
        public var size: Int?
        public var sha256_hash: String?
    }

    public var dataset: Dataset
    public var scientific_metadata: [String: JSONValue]
    public var keywords: [String]
    public var samples: [Sample]
    /// External files the NWB file names (behaviour videos): record-only associated files.
    public var associated_files: [AssociatedFile]
    /// `dataset_name`s of datasets this one derives from (files it links to externally) and of datasets
    /// deriving from it, within the export.
    public var parent_datasets: [String]
    public var child_datasets: [String]
}

/// NWB → Crucible (export spec §5.3): NWBKit as an NWB ingestor for Crucible.
public enum CrucibleExporter {
    /// The records of every file; parent/child links join files of the export through external links.
    public static func records(_ files: [CatalogFacts], options: CatalogOptions) -> [Result<CrucibleRecord, ExportError>] {
        guard let project = options.project else {
            return files.map { _ in .failure(ExportError(path: "", message: "--project is required for crucible")) }
        }
        var names = NameRegistry()
        var nameByPath: [String: String] = [:]
        for facts in files { nameByPath[canonical(facts.summary.path)] = names.unique(facts.fileStem) }
        // Parents: files this one reaches through external links (a processed file naming its raw source).
        var parents: [String: [String]] = [:]
        var children: [String: [String]] = [:]
        for facts in files {
            let folder = URL(fileURLWithPath: facts.summary.path).deletingLastPathComponent()
            let linked = Set(facts.summary.objects.compactMap { $0.kind == "external_link" ? $0.targetFile : nil })
            for file in linked.sorted() {
                let target = canonical(file.hasPrefix("/") ? file : folder.appending(path: file).path)
                guard let parent = nameByPath[target], let child = nameByPath[canonical(facts.summary.path)], parent != child
                else { continue }
                parents[child, default: []].append(parent)
                children[parent, default: []].append(child)
            }
        }
        return files.map { facts in
            Result { () throws(ExportError) in
                let name = nameByPath[canonical(facts.summary.path)]!
                return try record(
                    facts, name: name, project: project, options: options, parents: parents[name] ?? [],
                    children: children[name] ?? [])
            }
        }
    }

    static func record(
        _ facts: CatalogFacts, name: String, project: String, options: CatalogOptions, parents: [String], children: [String]
    ) throws(ExportError) -> CrucibleRecord {
        let summary = facts.summary
        var hash: String?
        if options.checksums {
            do { hash = try options.digest(summary.path) } catch {
                throw ExportError(path: summary.path, message: "cannot read the file for its SHA-256: \(error)")
            }
        }
        let measurements = facts.modalities.map(measurement)
        let primaryDevice = facts.acquired.first.flatMap { series -> String? in
            let device =
                series.imagingPlane.flatMap { facts.index.entry($0 + "/device")?.target }
                ?? facts.index.entry(series.entry.path + "/electrode")?.target.flatMap {
                    facts.index.entry($0 + "/device")?.target
                }
            return device.flatMap { facts.index.entry($0)?.name }
        }
        let dataset = CrucibleRecord.Dataset(
            dataset_name: name, project_id: project,
            measurement: measurements.first
                ?? (facts.summary.processing.isEmpty ? "neurophysiology data" : "processed neurophysiology data"),
            data_type: "NWB \(summary.nwbVersion ?? "") file (HDF5)".replacingOccurrences(of: "  ", with: " "),
            instrument_name: primaryDevice ?? summary.devices.first?.name, session_name: summary.session.sessionID,
            timestamp: facts.startISO,
            size: summary.fileSize, sha256_hash_file_to_upload: hash, file_to_upload: facts.fileName,
            source_folder: (summary.path as NSString).deletingLastPathComponent)

        var keywords: [String] = []
        func keyword(_ text: String?) {
            guard let text, !text.isEmpty, !keywords.contains(text) else { return }
            keywords.append(text)
        }
        summary.session.keywords.forEach(keyword)
        keyword(facts.speciesName)
        measurements.dropFirst().forEach(keyword)
        facts.dandi.measurementTechnique.compactMap(\.name).forEach(keyword)
        summary.neurodataTypes.filter {
            !["NWBFile", "VectorData", "VectorIndex", "ElementIdentifiers", "DynamicTableRegion"].contains($0.type)
        }
        .prefix(20).forEach { keyword($0.type) }
        keyword(summary.session.lab)
        keyword(summary.session.sessionID)

        var samples: [CrucibleRecord.Sample] = []
        if let subject = summary.subject, let id = subject.subjectID {
            var metadata: [String: JSONValue] = [:]
            let fields: [(String, String?)] = [
                ("subject_id", id), ("species", facts.speciesName), ("sex", subject.sex), ("age", subject.age),
                ("date_of_birth", subject.dateOfBirth), ("genotype", subject.genotype), ("strain", subject.strain),
                ("weight", subject.weight),
            ]
            for (key, value) in fields { if let value { metadata[key] = .string(value) } }
            samples.append(
                CrucibleRecord.Sample(
                    sample_name: id, sample_type: "animal subject", project_id: project, description: subject.description,
                    timestamp: subject.dateOfBirth, scientific_metadata: metadata))
        }

        let folder = URL(fileURLWithPath: summary.path).deletingLastPathComponent()
        // A remote file's external files are not on this machine: named, with no size or checksum.
        let isRemote = summary.path.contains("://") || summary.path.range(of: #"^[A-Z][A-Z-]*:\d{6}"#, options: .regularExpression) != nil
        var associated: [CrucibleRecord.AssociatedFile] = []
        for file in facts.acquired.flatMap(\.externalFiles) + facts.stimuli.flatMap(\.externalFiles)
        where !associated.contains(where: { $0.filename == file }) {
            let path = file.hasPrefix("/") ? file : folder.appending(path: file).path
            let size = isRemote ? nil : (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            let digest = options.checksums && size != nil ? try? FileDigest.sha256(path) : nil
            associated.append(CrucibleRecord.AssociatedFile(filename: file, size: size, sha256_hash: digest))
        }

        return CrucibleRecord(
            dataset: dataset, scientific_metadata: scientificMetadata(facts), keywords: keywords, samples: samples,
            associated_files: associated, parent_datasets: parents, child_datasets: children)
    }

    /// The words an instrument scientist uses for each modality.
    static func measurement(_ modality: Modality) -> String {
        switch modality {
        case .extracellularEphys: "extracellular electrophysiology"
        case .intracellularEphys: "patch-clamp electrophysiology"
        case .twoPhoton: "two-photon calcium imaging"
        case .onePhoton: "one-photon calcium imaging"
        case .miniscope: "miniscope calcium imaging"
        case .fiberPhotometry: "fiber photometry"
        case .behaviorVideo: "behavioral video recording"
        case .behaviorTracking: "behavioral tracking"
        case .audio: "audio recording"
        case .timeSeries: "time series recording"
        }
    }

    /// The summary's facts as one flat (one level deep) object meant to be searched.
    static func scientificMetadata(_ facts: CatalogFacts) -> [String: JSONValue] {
        let summary = facts.summary
        let session = summary.session
        var metadata: [String: JSONValue] = [:]
        func put(_ key: String, _ value: String?) { if let value, !value.isEmpty { metadata[key] = .string(value) } }
        func putList(_ key: String, _ values: [String]) {
            if !values.isEmpty { metadata[key] = .array(values.map(JSONValue.string)) }
        }
        put("nwb_version", summary.nwbVersion)
        put("nwb_identifier", session.identifier)
        put("session_description", session.sessionDescription)
        put("experiment_description", session.experimentDescription)
        put("session_start_time", session.sessionStartTime)
        putList("experimenter", session.experimenter)
        put("institution", session.institution)
        put("lab", session.lab)
        putList("related_publications", session.relatedPublications)
        put("protocol", session.otherGeneral["protocol"])
        put("notes", session.otherGeneral["notes"])
        if let subject = summary.subject {
            put("subject_id", subject.subjectID)
            put("subject_species", facts.speciesName)
            put("subject_sex", subject.sex)
            put("subject_age", subject.age)
            put("subject_date_of_birth", subject.dateOfBirth)
            put("subject_genotype", subject.genotype)
            put("subject_strain", subject.strain)
        }
        func text(_ value: String?) -> JSONValue? { value.map(JSONValue.string) }
        func number(_ value: Double?) -> JSONValue? { value.map(JSONValue.number) }
        func deviceName(_ path: String?) -> JSONValue? { text(path.flatMap { facts.index.entry($0)?.name }) }
        /// `{name: {field: value, …}, …}` for a list of named things, absent values left out.
        func byName<Item>(_ key: String, _ items: [Item], _ name: (Item) -> String, _ fields: (Item) -> [(String, JSONValue?)]) {
            guard !items.isEmpty else { return }
            var result: [String: JSONValue] = [:]
            for item in items where result[name(item)] == nil {
                result[name(item)] = .object(
                    Dictionary(
                        fields(item).compactMap { field, value in value.map { (field, $0) } }, uniquingKeysWith: { a, _ in a }))
            }
            metadata[key] = .object(result)
        }
        byName("devices", summary.devices, \.name) {
            [("description", text($0.description)), ("manufacturer", text($0.manufacturer))]
        }
        if !summary.devices.isEmpty {
            putList(
                "device_list",
                summary.devices.map { device in device.manufacturer.map { "\(device.name) (\($0))" } ?? device.name })
        }
        if let electrodes = summary.electrodes { metadata["electrodes_count"] = .integer(Int64(electrodes.rows)) }
        byName("electrode_groups", summary.electrodeGroups, \.name) {
            [("location", text($0.location)), ("device", deviceName($0.device)), ("description", text($0.description))]
        }
        byName("imaging_planes", summary.imagingPlanes, \.name) {
            [
                ("location", text($0.location)), ("indicator", text($0.indicator)),
                ("excitation_lambda_nm", number($0.excitationLambda)), ("imaging_rate_Hz", number($0.imagingRate)),
                ("device", deviceName($0.device)),
            ]
        }
        byName("ogen_sites", facts.stimulusSites, \.name) {
            [
                ("location", text($0.location)), ("excitation_lambda_nm", number($0.excitationLambda)),
                ("device", deviceName($0.device)),
            ]
        }
        for (key, series) in [("acquisition", facts.acquired), ("stimulus", facts.stimuli)] {
            byName(key, series, \.entry.name) {
                [
                    ("neurodata_type", text($0.entry.neurodataType)),
                    ("shape", $0.shape.isEmpty ? nil : .array($0.shape.map { .integer(Int64($0)) })),
                    ("rate_Hz", number($0.rate)), ("unit", text($0.unit)),
                ]
            }
        }
        if !summary.processing.isEmpty {
            metadata["processing_modules"] = .object(
                Dictionary(
                    summary.processing.map { module in
                        (module.name, JSONValue.array(module.contents.map { .string($0.neurodataType ?? $0.name) }))
                    }, uniquingKeysWith: { a, _ in a }))
        }
        putList("brain_regions", facts.brainRegions)
        putList("modalities", facts.modalities.map(\.rawValue))
        putList("neurodata_types", summary.neurodataTypes.map(\.type))
        if let epochs = summary.epochs {
            metadata["epochs_count"] = .integer(Int64(epochs.count))
            metadata["epochs"] = .array(
                epochs.prefix(100).map {
                    .object([
                        "start_time": .number($0.start), "stop_time": .number($0.stop),
                        "tags": .array($0.tags.map(JSONValue.string)),
                    ])
                })
        }
        if let trials = summary.intervals.first(where: { $0.name == "trials" })?.rows {
            metadata["trials_count"] = .integer(Int64(trials))
        }
        if !summary.units.isEmpty { metadata["units_count"] = .integer(Int64(summary.units.compactMap(\.rows).reduce(0, +))) }
        return metadata
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Problems Crucible would refuse (empty when valid).
    public static func validate(_ record: CrucibleRecord) -> [String] {
        var problems: [String] = []
        if record.dataset.dataset_name.isEmpty { problems.append("dataset_name is empty") }
        if record.dataset.project_id.isEmpty { problems.append("project_id is empty") }
        if let hash = record.dataset.sha256_hash_file_to_upload, hash.wholeMatch(of: /[0-9a-f]{64}/) == nil {
            problems.append("sha256 must be 64 lower-case hex digits")
        }
        if record.keywords.contains(where: \.isEmpty) { problems.append("keywords must be non-empty strings") }
        if let timestamp = record.dataset.timestamp, ISODate.parse(timestamp) == nil {
            problems.append("timestamp is not ISO 8601")
        }
        return problems
    }
}
