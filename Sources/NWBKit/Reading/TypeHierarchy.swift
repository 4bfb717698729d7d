import Foundation

/// Which neurodata type extends which: from the file's cached specifications when present,
/// else from the NWB core and hdmf-common types this table knows.
public struct TypeHierarchy: Sendable {
    /// Parent type of each type (`neurodata_type_inc` / `data_type_inc`).
    public private(set) var parents: [String: String]

    /// The NWB core and hdmf-common parents needed to recognise devices, planes, tables and series.
    public static let core = TypeHierarchy(parents: [
        "NWBContainer": "Container", "NWBDataInterface": "NWBContainer", "NWBData": "Data",
        "Device": "NWBContainer", "ElectrodeGroup": "NWBContainer", "ImagingPlane": "NWBContainer",
        "OpticalChannel": "NWBContainer", "IntracellularElectrode": "NWBContainer",
        "OptogeneticStimulusSite": "NWBContainer", "ProcessingModule": "NWBContainer",
        "Subject": "NWBContainer", "LabMetaData": "NWBContainer", "NWBFile": "NWBContainer",
        "DynamicTable": "Container", "AlignedDynamicTable": "DynamicTable", "TimeIntervals": "DynamicTable",
        "Units": "DynamicTable", "PlaneSegmentation": "DynamicTable", "ElectrodesTable": "DynamicTable",
        "SweepTable": "DynamicTable", "IntracellularRecordingsTable": "AlignedDynamicTable",
        "SimultaneousRecordingsTable": "DynamicTable", "SequentialRecordingsTable": "DynamicTable",
        "RepetitionsTable": "DynamicTable", "ExperimentalConditionsTable": "DynamicTable",
        "TimeSeries": "NWBDataInterface", "ElectricalSeries": "TimeSeries", "SpikeEventSeries": "ElectricalSeries",
        "PatchClampSeries": "TimeSeries", "CurrentClampSeries": "PatchClampSeries",
        "IZeroClampSeries": "CurrentClampSeries", "CurrentClampStimulusSeries": "PatchClampSeries",
        "VoltageClampSeries": "PatchClampSeries", "VoltageClampStimulusSeries": "PatchClampSeries",
        "ImageSeries": "TimeSeries", "ImageMaskSeries": "ImageSeries", "OpticalSeries": "ImageSeries",
        "TwoPhotonSeries": "ImageSeries", "OnePhotonSeries": "ImageSeries", "IndexSeries": "TimeSeries",
        "RoiResponseSeries": "TimeSeries", "OptogeneticSeries": "TimeSeries", "SpatialSeries": "TimeSeries",
        "AnnotationSeries": "TimeSeries", "IntervalSeries": "TimeSeries", "DecompositionSeries": "TimeSeries",
        "AbstractFeatureSeries": "TimeSeries",
        "Fluorescence": "NWBDataInterface", "DfOverF": "NWBDataInterface", "ImageSegmentation": "NWBDataInterface",
        "LFP": "NWBDataInterface", "FilteredEphys": "NWBDataInterface", "EventWaveform": "NWBDataInterface",
        "Position": "NWBDataInterface", "BehavioralEvents": "NWBDataInterface",
        "BehavioralTimeSeries": "NWBDataInterface", "BehavioralEpochs": "NWBDataInterface",
        "CompassDirection": "NWBDataInterface", "EyeTracking": "NWBDataInterface", "PupilTracking": "NWBDataInterface",
        "MotionCorrection": "NWBDataInterface", "Clustering": "NWBDataInterface", "FeatureExtraction": "NWBDataInterface",
        "EventDetection": "NWBDataInterface", "ClusterWaveforms": "NWBDataInterface",
        "VectorData": "Data", "VectorIndex": "VectorData", "ElementIdentifiers": "Data",
        "DynamicTableRegion": "VectorData",
    ])

    public init(parents: [String: String]) {
        self.parents = parents
    }

    /// True when `type` is `ancestor` or extends it.
    public func isA(_ type: String, _ ancestor: String) -> Bool {
        var current: String? = type
        var steps = 0
        while let name = current, steps < 64 {
            if name == ancestor { return true }
            current = parents[name]
            steps += 1
        }
        return false
    }

    /// The types `type` extends, nearest first (bounded, so a cycle in a crafted specification ends).
    public func bases(of type: String) -> [String] {
        var chain: [String] = []
        var current = parents[type]
        while let name = current, chain.count < 64, name != type, !chain.contains(name) {
            chain.append(name)
            current = parents[name]
        }
        return chain
    }

    /// Adds the parents declared in one cached specification document (JSON or YAML-as-JSON).
    mutating func addSpecification(_ text: String) {
        guard let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return }
        for key in ["groups", "datasets"] {
            for spec in object[key] as? [[String: Any]] ?? [] { addSpec(spec) }
        }
    }

    private mutating func addSpec(_ spec: [String: Any]) {
        let name = (spec["neurodata_type_def"] ?? spec["data_type_def"]) as? String
        let parent = (spec["neurodata_type_inc"] ?? spec["data_type_inc"]) as? String
        if let name, let parent, name != parent, parents[name] == nil { parents[name] = parent }
        for key in ["groups", "datasets"] {
            for nested in spec[key] as? [[String: Any]] ?? [] { addSpec(nested) }
        }
    }
}
