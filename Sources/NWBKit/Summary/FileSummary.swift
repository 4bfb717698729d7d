import HDF5

/// Everything NWBKit reports about one NWB file. Codable; JSON keys are sorted so the same
/// input always gives byte-identical output. Schema: `Documentation/file-summary.schema.json`.
public struct FileSummary: Sendable, Codable, Equatable {
    /// Version of this model's JSON form.
    public static let schemaVersion = 1

    public var schemaVersion: Int = FileSummary.schemaVersion
    /// The path as given (or found under a given folder).
    public var path: String
    /// Size of the file in bytes.
    public var fileSize: Int
    /// `nwb_version` (a root attribute in 2.x, the `/nwb_version` dataset in 1.x).
    public var nwbVersion: String?
    /// NWBFile root fields and `/general` metadata.
    public var session: SessionInfo
    public var subject: SubjectInfo?
    public var devices: [DeviceInfo]
    public var electrodeGroups: [ElectrodeGroupInfo]
    public var electrodes: ElectrodesInfo?
    public var imagingPlanes: [ImagingPlaneInfo]
    public var roiTables: [ROITableInfo]
    public var units: [TableInfo]
    public var intervals: [TableInfo]
    public var acquisition: [ContainerEntry]
    public var stimulus: [ContainerEntry]
    public var processing: [ProcessingModuleInfo]
    /// Cached specifications: namespaces with their versions (extensions included).
    public var specifications: [SpecificationInfo]
    /// How many objects of each neurodata type, sorted by type.
    public var neurodataTypes: [TypeCount]
    /// Counts of groups, datasets, links and attributes.
    public var counts: ObjectCounts
    /// Every group, dataset, committed datatype and non-hard link, in path order.
    public var objects: [ObjectEntry]
    /// The DANDI dataset-description summary lines of this file.
    public var structureLines: [String]
    /// The DANDI structural signature (`PATH: TYPE` for every typed object), which defines file types.
    public var signature: [String]
    /// What could not be read or interpreted; the rest of the summary still stands.
    public var problems: [ObjectTree.Problem]
    /// True when a walk limit stopped before the end of the file.
    public var isIncomplete: Bool
    /// The rows of `/intervals/epochs` (start, stop, tags), when it has at most 4,096; absent when there is
    /// no epochs table (and in summaries written before NWBKit 0.2).
    public var epochs: [EpochInfo]? = nil
}

/// One row of the epochs table; times in seconds from `timestamps_reference_time`.
public struct EpochInfo: Sendable, Codable, Equatable {
    public var start: Double
    public var stop: Double
    public var tags: [String]

    public init(start: Double, stop: Double, tags: [String]) {
        self.start = start
        self.stop = stop
        self.tags = tags
    }
}

/// NWBFile root fields and `/general` metadata.
public struct SessionInfo: Sendable, Codable, Equatable {
    public var identifier: String?
    public var sessionDescription: String?
    public var sessionStartTime: String?
    public var timestampsReferenceTime: String?
    public var fileCreateDate: [String]
    public var experimenter: [String]
    public var institution: String?
    public var lab: String?
    public var sessionID: String?
    public var experimentDescription: String?
    public var keywords: [String]
    public var relatedPublications: [String]
    /// Other text fields directly under `/general` (notes, protocol, surgery, virus, …), by name.
    public var otherGeneral: [String: String]
}

/// `/general/subject`.
public struct SubjectInfo: Sendable, Codable, Equatable {
    public var subjectID: String?
    public var species: String?
    public var sex: String?
    public var age: String?
    /// The age's `reference` attribute (`birth` or `gestational`), when stored.
    public var ageReference: String?
    public var genotype: String?
    public var strain: String?
    public var weight: String?
    public var dateOfBirth: String?
    public var description: String?
    /// The neurodata type (Subject or an extension of it).
    public var neurodataType: String?
}

public struct DeviceInfo: Sendable, Codable, Equatable {
    public var path: String
    public var name: String
    public var neurodataType: String?
    public var description: String?
    public var manufacturer: String?
}

public struct ElectrodeGroupInfo: Sendable, Codable, Equatable {
    public var path: String
    public var name: String
    public var description: String?
    public var location: String?
    /// Path of the linked device.
    public var device: String?
}

/// The extracellular electrodes table.
public struct ElectrodesInfo: Sendable, Codable, Equatable {
    public var path: String
    public var rows: Int
    public var columns: [String]
    /// Distinct locations, in order of first appearance (empty when not read).
    public var locations: [String]
    /// Distinct electrode group names, in order of first appearance.
    public var groups: [String]
}

public struct OpticalChannelInfo: Sendable, Codable, Equatable {
    public var name: String
    public var description: String?
    public var emissionLambda: Double?
}

public struct ImagingPlaneInfo: Sendable, Codable, Equatable {
    public var path: String
    public var name: String
    public var description: String?
    public var indicator: String?
    public var location: String?
    public var excitationLambda: Double?
    public var imagingRate: Double?
    public var device: String?
    public var opticalChannels: [OpticalChannelInfo]
}

/// A PlaneSegmentation (ROI table).
public struct ROITableInfo: Sendable, Codable, Equatable {
    public var path: String
    public var name: String
    public var roiCount: Int?
    /// `pixel`, `voxel`, `image`, or several joined by `+`; `nil` when no mask is stored.
    public var maskKind: String?
    /// Path of the linked imaging plane.
    public var imagingPlane: String?
}

/// A DynamicTable such as Units or TimeIntervals.
public struct TableInfo: Sendable, Codable, Equatable {
    public var path: String
    public var name: String
    public var neurodataType: String?
    public var description: String?
    public var rows: Int?
    public var columns: [String]
}

/// A named object inside acquisition, stimulus or a processing module.
public struct ContainerEntry: Sendable, Codable, Equatable {
    public var path: String
    public var name: String
    public var neurodataType: String?
    public var description: String?
}

public struct ProcessingModuleInfo: Sendable, Codable, Equatable {
    public var path: String
    public var name: String
    public var description: String?
    public var contents: [ContainerEntry]
}

public struct SpecificationInfo: Sendable, Codable, Equatable {
    public var namespace: String
    public var versions: [String]
}

public struct TypeCount: Sendable, Codable, Equatable {
    public var type: String
    public var count: Int
    /// The types it extends, nearest first (from the cached specifications, else the NWB core);
    /// absent in summaries written before NWBKit 0.3.
    public var bases: [String]?

    public init(type: String, count: Int, bases: [String]? = nil) {
        self.type = type
        self.count = count
        self.bases = bases
    }
}

public struct ObjectCounts: Sendable, Codable, Equatable {
    public var groups: Int
    public var datasets: Int
    public var committedDatatypes: Int
    public var softLinks: Int
    public var externalLinks: Int
    public var hardLinkAliases: Int
    /// Attributes read.
    public var attributes: Int
    /// Attributes the per-object cap left unread (absent when none).
    public var attributesNotRead: Int? = nil
}

/// One attribute with its type and (possibly truncated) value.
public struct AttributeEntry: Sendable, Codable, Equatable {
    public var name: String
    public var dtype: String
    public var shape: [Int]
    public var value: JSONValue?
    /// Elements stored, when more than were kept.
    public var totalCount: Int?
    /// Why the value was not read.
    public var unread: String?

    public init(
        name: String, dtype: String, shape: [Int], value: JSONValue?, totalCount: Int? = nil, unread: String? = nil
    ) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.value = value
        self.totalCount = totalCount
        self.unread = unread
    }
}

/// One object or link of the file.
public struct ObjectEntry: Sendable, Codable, Equatable {
    /// `group`, `dataset`, `datatype`, `soft_link`, `external_link`, `user_defined_link`.
    public var kind: String
    public var path: String
    public var neurodataType: String?
    public var namespace: String?
    public var objectID: String?
    public var description: String?
    // Datasets
    public var shape: [Int]?
    /// `null` entries are unlimited dimensions.
    public var maxShape: [Int?]?
    public var dtype: String?
    public var type: DataType?
    public var layout: String?
    public var chunks: [Int]?
    public var filters: [Filter]?
    public var storedBytes: Int?
    // Links
    /// Soft-link target path, or the object path inside an external file.
    public var target: String?
    /// External link's file.
    public var targetFile: String?
    /// False for a soft link whose target does not exist.
    public var resolved: Bool?
    /// Other paths of the same object (hard links).
    public var aliases: [String]?
    public var attributes: [AttributeEntry]?
    /// A small dataset's value (a scalar, or up to `ObjectEntry.maxListedElements` elements; every name of an
    /// ImageSeries' `external_file`), outside `/specifications`; bulk data is never read.
    public var value: JSONValue?

    /// The most elements of a dataset value listed in `value`.
    public static let maxListedElements = 16
}
