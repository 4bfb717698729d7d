import Foundation
import NWBDandi
import NWBKit

/// A folder of NWB files as a CryoET-Data-Portal-shaped catalogue (metadata schema v2.0.0 names):
/// one Dataset, a Run per file, an Annotation per ROI segmentation, spike-sorting (Units) table and epoch
/// table. Fields the portal requires but NWB cannot fill are `null`; NWB facts with no portal field are
/// under `nwb` keys.
public enum PortalRecords {
    public struct Term: Sendable, Codable, Equatable {
        public var name: String?
        public var id: String?
    }

    public struct Organism: Sendable, Codable, Equatable {
        public var name: String
        public var taxonomy_id: Int?
    }

    public struct Author: Sendable, Codable, Equatable {
        public var name: String
        public var primary_author_status: Bool
        public var corresponding_author_status: Bool
    }

    /// All three dates are required keys: unknown ones are written as `null`.
    public struct Dates: Sendable, Codable, Equatable {
        public var deposition_date: String?
        public var release_date: String?
        public var last_modified_date: String?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(deposition_date, forKey: .deposition_date)
            try container.encode(release_date, forKey: .release_date)
            try container.encode(last_modified_date, forKey: .last_modified_date)
        }
    }

    public struct CrossReferences: Sendable, Codable, Equatable {
        public var publications: String?
        public var related_database_links: String?
    }

    /// What the whole folder holds, for the catalogue's facets.
    public struct CollectionFacts: Sendable, Codable, Equatable {
        public var file_count: Int
        public var subject_count: Int
        public var species: [String]
        public var modalities: [String]
        public var neurodata_types: [String]
        public var devices: [String]
        public var brain_regions: [String]
    }

    public struct Dataset: Sendable, Codable, Equatable {
        public var dataset_identifier = 1
        public var dataset_title: String
        public var dataset_description: String
        public var dates: Dates
        public var authors: [Author]
        public var cross_references: CrossReferences?
        public var sample_type: String
        public var organism: Organism?
        public var tissue: Term?
        public var assay: Term
        public var development_stage: Term
        public var disease: Term
        public var sample_preparation: String?
        public var key_photos: String?
        public var deposition_id: Int?
        public var last_updated_at: Int?
        public var nwb: CollectionFacts

        /// Keys the portal requires are written even when NWB cannot fill them (`null`).
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(dataset_identifier, forKey: .dataset_identifier)
            try container.encode(dataset_title, forKey: .dataset_title)
            try container.encode(dataset_description, forKey: .dataset_description)
            try container.encode(dates, forKey: .dates)
            try container.encode(authors, forKey: .authors)
            try container.encodeIfPresent(cross_references, forKey: .cross_references)
            try container.encode(sample_type, forKey: .sample_type)
            try container.encodeIfPresent(organism, forKey: .organism)
            try container.encodeIfPresent(tissue, forKey: .tissue)
            try container.encode(assay, forKey: .assay)
            try container.encode(development_stage, forKey: .development_stage)
            try container.encode(disease, forKey: .disease)
            try container.encodeIfPresent(sample_preparation, forKey: .sample_preparation)
            try container.encode(key_photos, forKey: .key_photos)
            try container.encode(deposition_id, forKey: .deposition_id)
            try container.encode(last_updated_at, forKey: .last_updated_at)
            try container.encode(nwb, forKey: .nwb)
        }
    }

    /// What one session file holds.
    public struct RunFacts: Sendable, Codable, Equatable {
        public var file: String
        public var identifier: String?
        public var session_id: String?
        public var session_start_time: String?
        public var session_description: String?
        public var subject_id: String?
        public var species: String?
        public var sex: String?
        public var age: String?
        /// The kinds of data in the file (modalities, then neurodata types of processed results).
        public var data_available: [String]
        public var devices: [String]
    }

    public struct Run: Sendable, Codable, Equatable {
        public var run_name: String
        public var deposition_id: Int?
        public var last_updated_at: Int?
        public var nwb: RunFacts

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(run_name, forKey: .run_name)
            try container.encode(deposition_id, forKey: .deposition_id)
            try container.encode(last_updated_at, forKey: .last_updated_at)
            try container.encode(nwb, forKey: .nwb)
        }
    }

    public struct AnnotationObject: Sendable, Codable, Equatable {
        public var id: String?
        public var name: String
        public var description: String?

        /// `id` is required: `null` when no ontology term applies (an epoch table).
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encodeIfPresent(description, forKey: .description)
        }
    }

    public struct Source: Sendable, Codable, Equatable {
        public var file: String
        public var path: String
        public var neurodata_type: String?
    }

    public struct Annotation: Sendable, Codable, Equatable {
        public var annotation_method: String
        public var method_type: String
        public var annotation_object: AnnotationObject
        public var annotation_software: String?
        public var object_count: Int?
        public var authors: [Author]
        public var dates: Dates
        public var nwb_source: Source
    }
}

/// NWB → CryoET Data Portal shape (export spec §5.4).
public enum PortalExporter {
    /// The documents of the whole export: `1/dataset_metadata.json`, `1/<run>/run_metadata.json`,
    /// `1/<run>/Annotations/<n>-<name>.json`.
    public static func documents(_ files: [CatalogFacts], options: CatalogOptions, title: String) -> [ExportDocument] {
        guard !files.isEmpty else { return [] }
        var documents: [ExportDocument] = []
        let first = files[0].summary
        let experimenters = unique(files.flatMap(\.summary.session.experimenter))
        let authors = experimenters.enumerated().map { index, name in
            PortalRecords.Author(name: personName(name), primary_author_status: index == 0, corresponding_author_status: false)
        }
        let species = unique(files.compactMap(\.speciesName))
        let regions = unique(files.flatMap(\.brainRegions))
        let dois = unique(files.flatMap(\.summary.session.relatedPublications)).compactMap(doi)
        let lastModified = files.compactMap { $0.summary.session.fileCreateDate.first.flatMap(ISODate.wallClock) }.max {
            $0.lexicographicallyPrecedes($1)
        }
        let dates = PortalRecords.Dates(
            deposition_date: nil, release_date: nil,
            last_modified_date: lastModified.map { String(format: "%04d-%02d-%02d", $0[0], $0[1], $0[2]) })
        let taxon = files.first { $0.speciesName == species.first }?.taxonomyID
        // Slices (`/general/slices`) mean tissue; otherwise the files record whole animals.
        let sampleType = files.contains { $0.summary.session.otherGeneral["slices"] != nil } ? "tissue" : "organism"
        let preparation = unique(
            files.flatMap { facts in
                ["surgery", "virus", "pharmacology"].compactMap { facts.summary.session.otherGeneral[$0] }
            }
        ).joined(separator: "\n")
        let dataset = PortalRecords.Dataset(
            dataset_title: title,
            dataset_description: first.session.experimentDescription ?? first.session.sessionDescription ?? title,
            dates: dates, authors: authors,
            cross_references: dois.isEmpty
                ? nil : PortalRecords.CrossReferences(publications: dois.joined(separator: ","), related_database_links: nil),
            sample_type: sampleType, organism: species.first.map { PortalRecords.Organism(name: $0, taxonomy_id: taxon) },
            tissue: regions.isEmpty ? nil : PortalRecords.Term(name: "brain", id: "UBERON:0000955"),
            assay: PortalRecords.Term(name: files.flatMap(\.modalities).first.map(\.rawValue) ?? "neurophysiology", id: nil),
            development_stage: PortalRecords.Term(name: "unknown", id: "unknown"),
            disease: PortalRecords.Term(name: "normal", id: "PATO:0000461"),
            sample_preparation: preparation.isEmpty ? nil : preparation, key_photos: nil, deposition_id: nil,
            last_updated_at: nil,
            nwb: PortalRecords.CollectionFacts(
                file_count: files.count, subject_count: unique(files.compactMap(\.summary.subject?.subjectID)).count,
                species: species, modalities: unique(files.flatMap { $0.modalities.map(\.rawValue) }),
                neurodata_types: unique(files.flatMap { $0.summary.neurodataTypes.map(\.type) }).sorted(),
                devices: unique(files.flatMap { $0.summary.devices.map(\.name) }), brain_regions: regions))
        documents.append(ExportDocument(relativePath: "1/dataset_metadata.json", contents: ExportJSON.data(dataset)))

        var runNames = NameRegistry()
        for facts in files {
            let summary = facts.summary
            let runName = runNames.unique(SafePath.component(summary.session.sessionID ?? facts.fileStem))
            let processed = summary.processing.flatMap { $0.contents.compactMap(\.neurodataType) }
            let run = PortalRecords.Run(
                run_name: runName, deposition_id: nil, last_updated_at: nil,
                nwb: PortalRecords.RunFacts(
                    file: summary.path, identifier: summary.session.identifier, session_id: summary.session.sessionID,
                    session_start_time: summary.session.sessionStartTime, session_description: summary.session.sessionDescription,
                    subject_id: summary.subject?.subjectID, species: facts.speciesName, sex: summary.subject?.sex,
                    age: summary.subject?.age, data_available: unique(facts.modalities.map(\.rawValue) + processed),
                    devices: summary.devices.map(\.name)))
            documents.append(ExportDocument(relativePath: "1/\(runName)/run_metadata.json", contents: ExportJSON.data(run)))
            for (number, annotation) in annotations(facts, authors: authors, dates: dates).enumerated() {
                let name = SafePath.component(
                    annotation.nwb_source.path.split(separator: "/").last.map(String.init) ?? "annotation")
                documents.append(
                    ExportDocument(
                        relativePath: "1/\(runName)/Annotations/\(number + 1)-\(name).json", contents: ExportJSON.data(annotation)
                    ))
            }
        }
        return documents
    }

    /// ROI segmentations, spike-sorting tables and the epoch table of one file.
    static func annotations(_ facts: CatalogFacts, authors: [PortalRecords.Author], dates: PortalRecords.Dates) -> [PortalRecords
        .Annotation]
    {
        let summary = facts.summary
        var result: [PortalRecords.Annotation] = []
        let neuron = PortalRecords.AnnotationObject(id: "CL:0000540", name: "neuron", description: nil)
        for table in summary.roiTables {
            let module = table.path.split(separator: "/").dropFirst().first.map(String.init) ?? ""
            result.append(
                PortalRecords.Annotation(
                    annotation_method: "ROI segmentation" + (table.maskKind.map { " (\($0) masks)" } ?? ""),
                    method_type: "automated",
                    annotation_object: PortalRecords.AnnotationObject(
                        id: neuron.id, name: neuron.name,
                        description: "regions of interest in \(table.imagingPlane ?? "an imaging plane")"),
                    annotation_software: software(in: [
                        summary.processing.first { $0.name == module }?.description, facts.index.entry(table.path)?.description,
                    ]),
                    object_count: table.roiCount,
                    authors: authors, dates: dates,
                    nwb_source: PortalRecords.Source(file: summary.path, path: table.path, neurodata_type: "PlaneSegmentation")))
        }
        for table in summary.units {
            result.append(
                PortalRecords.Annotation(
                    annotation_method: "spike sorting", method_type: "automated",
                    annotation_object: PortalRecords.AnnotationObject(
                        id: neuron.id, name: neuron.name, description: "sorted units"),
                    annotation_software: software(in: [table.description]), object_count: table.rows, authors: authors,
                    dates: dates,
                    nwb_source: PortalRecords.Source(file: summary.path, path: table.path, neurodata_type: table.neurodataType)))
        }
        if let epochs = summary.intervals.first(where: { $0.path == "/intervals/epochs" }) {
            result.append(
                PortalRecords.Annotation(
                    annotation_method: "epoch table", method_type: "manual",
                    annotation_object: PortalRecords.AnnotationObject(id: nil, name: "epoch", description: epochs.description),
                    annotation_software: nil, object_count: epochs.rows, authors: authors, dates: dates,
                    nwb_source: PortalRecords.Source(file: summary.path, path: epochs.path, neurodata_type: epochs.neurodataType))
            )
        }
        return result
    }

    /// A segmentation or sorting program named in a description (suite2p, CaImAn, …); nil when none is named.
    static func software(in texts: [String?]) -> String? {
        let known = [
            "suite2p", "CaImAn", "CNMF-E", "CNMF", "EXTRACT", "Cellpose", "Kilosort", "SpyKING CIRCUS", "MountainSort",
            "IronClust", "HDSort", "Tridesclous", "Minian", "Inscopix",
        ]
        for text in texts.compactMap({ $0?.lowercased() }) {
            if let name = known.first(where: { text.contains($0.lowercased()) }) { return name }
        }
        return nil
    }

    /// "Last, First" → "First Last".
    static func personName(_ text: String) -> String {
        let parts = text.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.count == 2 && !parts[1].isEmpty ? "\(parts[1]) \(parts[0])" : text
    }

    /// A DOI (`10.…`) from `doi:10.…`, `https://doi.org/10.…`; nil for other references.
    static func doi(_ text: String) -> String? {
        guard let range = text.range(of: "10.") else { return nil }
        let prefix = text[..<range.lowerBound].lowercased()
        guard prefix.isEmpty || prefix.hasSuffix("doi:") || prefix.hasSuffix("doi.org/") || prefix.hasSuffix("doi: ") else {
            return nil
        }
        return String(text[range.lowerBound...])
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: [String] = []
        for value in values where !value.isEmpty && !seen.contains(value) { seen.append(value) }
        return seen
    }

    /// Problems the portal schema would refuse (empty when valid).
    public static func validate(_ dataset: PortalRecords.Dataset) -> [String] {
        var problems: [String] = []
        let sampleTypes = [
            "cell_line", "in_silico", "in_vitro", "organelle", "organism", "organoid", "other", "primary_cell_culture", "tissue",
            "virus",
        ]
        if !sampleTypes.contains(dataset.sample_type) {
            problems.append("sample_type \(dataset.sample_type) is not a portal value")
        }
        if dataset.dataset_title.isEmpty { problems.append("dataset_title is empty") }
        if let date = dataset.dates.last_modified_date, date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil {
            problems.append("dates are YYYY-MM-DD")
        }
        if let publications = dataset.cross_references?.publications,
            !publications.split(separator: ",").allSatisfy({ $0.hasPrefix("10.") })
        {
            problems.append("publications are comma-separated DOIs")
        }
        if let id = dataset.tissue?.id, id.wholeMatch(of: /(BTO|CL|WBbt|ZFA|FBbt|UBERON):\d+/) == nil {
            problems.append("tissue id pattern")
        }
        return problems
    }
}
