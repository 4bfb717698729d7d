import Foundation
import HDF5
import NWBKit
import RemoteReading

/// Checks of ecephys, ophys, icephys, ogen and processing-module objects from shapes, links and metadata.
enum DomainChecks {
    static let processingModuleNames = ["ophys", "ecephys", "icephys", "behavior", "misc", "ogen", "retinotopy"]

    static let all: [BestPracticeCheck] = [
        externalFileExists,
        typed(
            "check_processing_module_name", .bestPracticeSuggestion, "ProcessingModule",
            "a processing module has a non-schema name", checkProcessingModuleName),
        typed(
            "check_intracellular_electrode_cell_id_exists", .bestPracticeViolation, "IntracellularElectrode",
            "an intracellular electrode has no cell_id", checkIntracellularElectrodeCellIdExists),
        typed(
            "check_sweeptable_deprecated", .bestPracticeViolation, "SweepTable", "a SweepTable in an NWB file newer than 2.3.0",
            checkSweeptableDeprecated),
        typed(
            "check_excitation_lambda_in_nm", .bestPracticeViolation, "ImagingPlane", "excitation_lambda below 10 (not nm?)",
            checkExcitationLambdaInNm),
        typed(
            "check_emission_lambda_in_nm", .bestPracticeViolation, "OpticalChannel", "emission_lambda below 10 (not nm?)",
            checkEmissionLambdaInNm),
        typed(
            "check_electrical_series_dims", .critical, "ElectricalSeries",
            "data's second dimension differs from the number of electrodes", checkElectricalSeriesDims),
        typed(
            "check_roi_response_series_dims", .critical, "RoiResponseSeries",
            "data's second dimension differs from the number of ROIs", checkRoiResponseSeriesDims),
        typed(
            "check_roi_response_series_link_to_plane_segmentation", .bestPracticeViolation, "RoiResponseSeries",
            "rois does not point at a PlaneSegmentation", checkRoiResponseSeriesLinkToPlaneSegmentation),
        typed(
            "check_electrical_series_reference_electrodes_table", .bestPracticeViolation, "ElectricalSeries",
            "electrodes points at a table not named 'electrodes'", checkElectricalSeriesReferenceElectrodesTable),
        typed(
            "check_electrical_series_unscaled_data", .bestPracticeViolation, "ElectricalSeries",
            "integer data with conversion 1 and offset 0 (raw ADC counts, not volts)", checkElectricalSeriesUnscaledData),
        typed(
            "check_optogenetic_stimulus_site_has_optogenetic_series", .bestPracticeViolation, "OptogeneticStimulusSite",
            "a stimulus site no OptogeneticSeries links to", checkOptogeneticStimulusSiteHasOptogeneticSeries),
        typed(
            "check_index_series_points_to_image", .bestPracticeViolation, "IndexSeries",
            "an IndexSeries uses the deprecated indexed_timeseries link", checkIndexSeriesPointsToImage),
        typed(
            "check_image_series_external_file_relative", .bestPracticeViolation, "ImageSeries",
            "an external_file path is absolute", checkImageSeriesExternalFileRelative),
    ]

    /// nwbinspector's `check_image_series_external_file_valid`: relative external files that do not exist beside
    /// the NWB file (looked up when the check runs, relative to the summary's path).
    static let externalFileExists = BestPracticeCheck(
        "check_image_series_external_file_valid", .critical, "a relative external_file does not exist beside the NWB file",
        appliesTo: "ImageSeries", use: .none
    ) { file, _ in
        let remote = RemoteFile.isRemote(file.summary.path)
        let folder = URL(fileURLWithPath: file.summary.path).deletingLastPathComponent()
        return file.objects(ofType: "ImageSeries").flatMap { series -> [CheckOutcome] in
            let relative = (file.member(series.path, "external_file")?.value?.texts ?? []).filter { !$0.hasPrefix("/") }
            if remote {
                // Beside a URL there is no folder to look in: said, not guessed.
                return relative.map {
                    .note(
                        CheckHit(series.path, series.neurodataType, "the external file '\($0)' of a remote file is not looked up")
                    )
                }
            }
            return relative.filter { !FileManager.default.fileExists(atPath: folder.appending(path: $0).path) }.map {
                .hit(
                    CheckHit(
                        series.path, series.neurodataType,
                        "The external file '\($0)' does not exist. Please confirm the relative location to the NWBFile."))
            }
        }
    }

    /// A check run once for every object of `type` (or an extension of it).
    static func typed(
        _ id: String, _ importance: Importance, _ type: String, _ flags: String,
        _ body: @escaping @Sendable (SummaryIndex, ObjectEntry) -> String?
    ) -> BestPracticeCheck {
        BestPracticeCheck(id, importance, flags, appliesTo: type) { file in
            file.objects(ofType: type).compactMap { object in
                body(file, object).map { CheckHit(object.path, object.neurodataType, $0) }
            }
        }
    }

    /// The table a DynamicTableRegion member of `series` points at.
    static func regionTable(_ file: SummaryIndex, _ series: ObjectEntry, _ region: String) -> String? {
        guard case .object(let reference)? = file.member(series.path, region)?.attribute("table"),
            case .string(let path)? = reference["reference"]
        else { return nil }
        return path
    }

    /// nwbinspector's message when data's second dimension is not the length of the `region` member.
    static func regionMismatch(_ file: SummaryIndex, _ series: ObjectEntry, region: String, threeDimensional: Bool) -> String? {
        guard let shape = file.member(series.path, "data")?.shape, let count = file.member(series.path, region)?.shape?.first,
            shape.count == (threeDimensional ? 3 : 2), shape[1] != count
        else { return nil }
        return shape[0] == count
            ? "The second dimension of data does not match the length of \(region), but instead the first does. Data is oriented incorrectly and should be transposed."
            : "The second dimension of data does not match the length of \(region). Your data may be transposed."
    }
}

/// A dotted version compared number by number (`2.10.0` > `2.9.1`).
struct SchemaVersion: Comparable {
    let parts: [Int]

    init(_ text: String) {
        parts = text.split(whereSeparator: { $0 == "." || $0 == "-" }).map { Int($0.prefix { $0.isNumber }) ?? 0 }
    }

    static func < (left: SchemaVersion, right: SchemaVersion) -> Bool {
        let count = max(left.parts.count, right.parts.count)
        let a = left.parts + Array(repeating: 0, count: count - left.parts.count)
        let b = right.parts + Array(repeating: 0, count: count - right.parts.count)
        return a.lexicographicallyPrecedes(b)
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension DomainChecks {
    /// `check_processing_module_name`: flags when a processing module has a non-schema name.
    static func checkProcessingModuleName(_ file: SummaryIndex, _ module: ObjectEntry) -> String? {
        processingModuleNames.contains(module.name)
            ? nil
            : "Processing module is named \(module.name). It is recommended to use the schema module names: \(processingModuleNames.joined(separator: ", "))"
    }

    /// `check_intracellular_electrode_cell_id_exists`: flags when an intracellular electrode has no cell_id.
    static func checkIntracellularElectrodeCellIdExists(_ file: SummaryIndex, _ electrode: ObjectEntry) -> String? {
        file.member(electrode.path, "cell_id") == nil
            ? "Please include a unique cell_id associated with this IntracellularElectrode." : nil
    }

    /// `check_sweeptable_deprecated`: flags when a SweepTable in an NWB file newer than 2.3.0.
    static func checkSweeptableDeprecated(_ file: SummaryIndex, _ object: ObjectEntry) -> String? {
        guard let version = file.summary.nwbVersion, SchemaVersion(version) > SchemaVersion("2.3.0") else { return nil }
        return
            "SweepTable is deprecated since NWB 2.4.0. Use the IntracellularRecordingsTable instead. See also the tutorial on intracellular electrophysiology."
    }

    /// `check_excitation_lambda_in_nm`: flags when excitation_lambda below 10 (not nm?).
    static func checkExcitationLambdaInNm(_ file: SummaryIndex, _ plane: ObjectEntry) -> String? {
        guard let lambda = file.member(plane.path, "excitation_lambda")?.value?.number, lambda < 10 else { return nil }
        return "excitation lambda of \(PythonNumber.text(lambda)) should be in units of nm."
    }

    /// `check_emission_lambda_in_nm`: flags when emission_lambda below 10 (not nm?).
    static func checkEmissionLambdaInNm(_ file: SummaryIndex, _ channel: ObjectEntry) -> String? {
        guard let lambda = file.member(channel.path, "emission_lambda")?.value?.number, lambda < 10 else { return nil }
        return "emission lambda of \(PythonNumber.text(lambda)) should be in units of nm."
    }

    /// `check_electrical_series_dims`: flags when data's second dimension differs from the number of electrodes.
    static func checkElectricalSeriesDims(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        regionMismatch(
            file, series, region: "electrodes", threeDimensional: file.isA(series.neurodataType, "SpikeEventSeries"))
    }

    /// `check_roi_response_series_dims`: flags when data's second dimension differs from the number of ROIs.
    static func checkRoiResponseSeriesDims(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        regionMismatch(file, series, region: "rois", threeDimensional: false)
    }

    /// `check_roi_response_series_link_to_plane_segmentation`: flags when rois does not point at a PlaneSegmentation.
    static func checkRoiResponseSeriesLinkToPlaneSegmentation(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let table = regionTable(file, series, "rois"), !file.isA(file.entry(table)?.neurodataType, "PlaneSegmentation")
        else { return nil }
        return "rois field does not point to a PlaneSegmentation table."
    }

    /// `check_electrical_series_reference_electrodes_table`: flags when electrodes points at a table not named 'electrodes'.
    static func checkElectricalSeriesReferenceElectrodesTable(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let table = regionTable(file, series, "electrodes"), file.entry(table)?.name != "electrodes" else {
            return nil
        }
        return "electrodes does not  reference an electrodes table."
    }

    /// `check_electrical_series_unscaled_data`: flags when integer data with conversion 1 and offset 0 (raw ADC counts, not volts).
    static func checkElectricalSeriesUnscaledData(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let data = file.member(series.path, "data"), let dtype = data.dtype, data.elementCount ?? 0 > 0,
            DatasetConstraints.dtype(dtype, matches: "integer")
        else { return nil }
        let conversion = data.attribute("conversion")?.number ?? 1
        let offset = data.attribute("offset")?.number ?? 0
        guard conversion == 1, offset == 0 else { return nil }
        if let channels = file.member(series.path, "channel_conversion") {
            // Values are listed for up to 16 channels; a longer one is taken as stating the scaling.
            guard case .array(let values)? = channels.value, values.allSatisfy({ abs(($0.number ?? 0) - 1) <= 1e-8 })
            else { return nil }
        }
        return
            "ElectricalSeries '\(series.name)' has data with dtype '\(NumpyDtype.name(dtype))' and conversion=\(PythonNumber.text(conversion)) and offset=\(PythonNumber.text(offset)). This suggests the data is in raw acquisition units which is not in Volts. Please set the 'conversion' and/or 'offset' fields to convert the data to Volts, or use 'channel_conversion' for per-channel conversion factors."
    }

    /// `check_optogenetic_stimulus_site_has_optogenetic_series`: flags when a stimulus site no OptogeneticSeries links to.
    static func checkOptogeneticStimulusSiteHasOptogeneticSeries(_ file: SummaryIndex, _ site: ObjectEntry) -> String? {
        let linked = file.objects(ofType: "OptogeneticSeries").contains { series in
            let link = file.entry(series.path + "/site")
            return link?.target == site.path || (link?.kind == "group" && link?.path == site.path)
        }
        return linked ? nil : "OptogeneticStimulusSite is not referenced by any OptogeneticSeries."
    }

    /// `check_index_series_points_to_image`: flags when an IndexSeries uses the deprecated indexed_timeseries link.
    static func checkIndexSeriesPointsToImage(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        file.entry(series.path + "/indexed_timeseries") == nil
            ? nil
            : "Pointing an IndexSeries to an ImageSeries will be deprecated. Please point to an Images container instead."
    }

    /// `check_image_series_external_file_relative`: flags when an external_file path is absolute.
    static func checkImageSeriesExternalFileRelative(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        let paths = file.member(series.path, "external_file")?.value?.texts ?? []
        guard
            let absolute = paths.first(where: {
                $0.hasPrefix("/") || $0.range(of: #"^[A-Za-z]:[\\/]"#, options: .regularExpression) != nil
            })
        else { return nil }
        return
            "The external file '\(absolute)' is not a relative path. Please adjust the absolute path to be relative to the location of the NWBFile."
    }
}
