import Foundation
import NWBDandi
import NWBKit

/// A recording modality, as the catalogs name kinds of data.
public enum Modality: String, Sendable, Codable, CaseIterable {
    case extracellularEphys = "extracellular electrophysiology"
    case intracellularEphys = "intracellular electrophysiology"
    case twoPhoton = "two-photon imaging"
    case onePhoton = "one-photon imaging"
    case miniscope = "miniscope imaging"
    case fiberPhotometry = "fiber photometry"
    case behaviorVideo = "behavioral video"
    case behaviorTracking = "behavioral tracking"
    case audio = "audio"
    case timeSeries = "other time series"
}

/// One raw acquisition object and what kind of data it is.
public struct AcquiredSeries: Sendable, Equatable {
    public var entry: ObjectEntry
    public var modality: Modality
    /// `data`'s shape (empty when the data lives in external files).
    public var shape: [Int]
    public var dtype: String?
    /// Samples per second: `starting_time`'s `rate`, else the imaging plane's `imaging_rate`.
    public var rate: Double?
    public var unit: String?
    public var externalFiles: [String]
    /// Linked objects: the imaging plane, electrodes table, stimulus site, device (paths).
    public var imagingPlane: String?
    public var site: String?
}

/// An optogenetic stimulus site (`/general/optogenetics/*`).
public struct StimulusSite: Sendable, Equatable {
    public var path: String
    public var name: String
    public var description: String?
    public var location: String?
    public var excitationLambda: Double?
    public var device: String?
}

/// The facts every catalog export reads, gathered once per file from its summary (§A of the export spec):
/// no target's logic here, and nothing the summary does not hold.
public struct CatalogFacts: Sendable {
    public let summary: FileSummary
    public let index: SummaryIndex
    /// DANDI's reading of the same file (species normalized, approaches, techniques).
    public let dandi: DandiAsset
    /// Raw data in `/acquisition`, in path order.
    public let acquired: [AcquiredSeries]
    /// Stimulus series in `/stimulus/presentation`, in path order.
    public let stimuli: [AcquiredSeries]
    public let stimulusSites: [StimulusSite]

    public init(_ summary: FileSummary) {
        self.summary = summary
        let index = SummaryIndex(summary)
        self.index = index
        dandi = DandiAsset(summary: summary, recogniseByteTypes: true)
        acquired = Self.series(under: "/acquisition", in: index)
        stimuli = Self.series(under: "/stimulus/presentation", in: index)
        stimulusSites = index.objects(ofType: "OptogeneticStimulusSite").map { site in
            StimulusSite(
                path: site.path, name: site.name,
                description: site.description ?? index.member(site.path, "description")?.value?.text,
                location: index.member(site.path, "location")?.value?.text,
                excitationLambda: index.member(site.path, "excitation_lambda")?.value?.number,
                device: index.entry(site.path + "/device")?.target)
        }
    }

    /// The file's name without folders.
    public var fileName: String { (summary.path as NSString).lastPathComponent }

    /// The file name without `.nwb` (and `.h5`).
    public var fileStem: String {
        var stem = fileName
        for suffix in [".h5", ".nwb"] where stem.hasSuffix(suffix) { stem.removeLast(suffix.count) }
        return stem
    }

    /// The distinct modalities of the raw data, in the order first seen.
    public var modalities: [Modality] {
        var seen: [Modality] = []
        for series in acquired where !seen.contains(series.modality) { seen.append(series.modality) }
        if seen.isEmpty, !summary.processing.filter({ $0.name == "behavior" }).isEmpty { seen.append(.behaviorTracking) }
        return seen
    }

    /// Brain regions named by electrode groups, imaging planes and stimulus sites (distinct, in that order).
    public var brainRegions: [String] {
        var regions: [String] = []
        let named =
            summary.electrodeGroups.compactMap(\.location) + summary.imagingPlanes.compactMap(\.location)
            + stimulusSites.compactMap(\.location)
        for region in named where !region.isEmpty && !regions.contains(region) && region.lowercased() != "unknown" {
            regions.append(region)
        }
        return regions
    }

    /// Whether `/acquisition` holds data (the file is raw rather than processed).
    public var holdsRawData: Bool { !acquired.isEmpty }

    /// The Latin species name, as DANDI normalizes it, else as written.
    public var speciesName: String? {
        // DANDI names species `Mus musculus - House mouse`: the Latin name is the part before ` - `.
        let name = dandi.wasAttributedTo.first?.species?.name ?? summary.subject?.species
        return name.map { $0.components(separatedBy: " - ").first ?? $0 }
    }

    /// The NCBI taxonomy number of the species, when DANDI's table knows it.
    public var taxonomyID: Int? {
        guard let identifier = dandi.wasAttributedTo.first?.species?.identifier,
            let number = identifier.split(separator: "_").last.flatMap({ Int($0) })
        else { return nil }
        return number
    }

    /// The wall-clock fields of session_start_time as written (its own time zone): year … second.
    /// NWB 1.x writers also stored C's `ctime` form (`Wed Jan 20 10:24:01 2016`), read here as well.
    public var startClock: [Int]? {
        guard let text = summary.session.sessionStartTime else { return nil }
        return ISODate.wallClock(text) ?? Self.ctimeClock(text)
    }

    /// session_start_time as a date (a time without zone read as UTC).
    public var startDate: Date? {
        guard let text = summary.session.sessionStartTime else { return nil }
        if let date = ISODate.parse(text) { return date }
        return startClock.flatMap { clock in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 0)!
            return calendar.date(
                from: DateComponents(
                    year: clock[0], month: clock[1], day: clock[2], hour: clock[3], minute: clock[4], second: clock[5]))
        }
    }

    /// session_start_time in ISO 8601: as stored when it is ISO, else built from the `ctime` fields (no zone).
    public var startISO: String? {
        guard let text = summary.session.sessionStartTime else { return nil }
        if let iso = ISODate.pythonISOFormat(text) ?? (ISODate.wallClock(text) != nil ? text : nil) { return iso }
        return startClock.map { String(format: "%04d-%02d-%02dT%02d:%02d:%02d", $0[0], $0[1], $0[2], $0[3], $0[4], $0[5]) }
    }

    /// `Wed Jan 20 10:24:01 2016` → [2016, 1, 20, 10, 24, 1, 0].
    static func ctimeClock(_ text: String) -> [Int]? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5, let month = months.firstIndex(of: String(parts[1])), let day = Int(parts[2]),
            let year = Int(parts[4])
        else { return nil }
        let time = parts[3].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        return [year, month + 1, day, time[0], time[1], time[2], 0]
    }

    private static func series(under folder: String, in index: SummaryIndex) -> [AcquiredSeries] {
        index.members(folder).compactMap { entry -> AcquiredSeries? in
            guard entry.kind == "group", let type = entry.neurodataType, index.isA(type, "TimeSeries") else { return nil }
            let data = index.member(entry.path, "data")
            let plane = index.entry(entry.path + "/imaging_plane")?.target
            let planeRate = plane.flatMap { index.member($0, "imaging_rate")?.value?.number }
            let devices = plane.flatMap { index.entry($0 + "/device")?.target }.map { index.entry($0)?.name ?? $0 } ?? ""
            let externalFiles = index.member(entry.path, "external_file")?.value?.texts ?? []
            return AcquiredSeries(
                entry: entry,
                modality: modality(type, entry: entry, device: devices, index: index),
                shape: data?.shape ?? [], dtype: data?.dtype,
                rate: index.member(entry.path, "starting_time")?.attribute("rate")?.number ?? planeRate,
                unit: data?.attribute("unit")?.text, externalFiles: externalFiles, imagingPlane: plane,
                site: index.entry(entry.path + "/site")?.target)
        }
    }

    /// The modality of a series from its type (and, for one-photon data, its device's name).
    static func modality(_ type: String, entry: ObjectEntry, device: String, index: SummaryIndex) -> Modality {
        let text = (type + " " + device + " " + (entry.description ?? "")).lowercased()
        if index.isA(type, "ElectricalSeries") { return .extracellularEphys }
        if index.isA(type, "PatchClampSeries") { return .intracellularEphys }
        if index.isA(type, "TwoPhotonSeries") { return .twoPhoton }
        if index.isA(type, "OnePhotonSeries") {
            return ["miniscope", "inscopix", "nvista", "grin"].contains { text.contains($0) } ? .miniscope : .onePhoton
        }
        if text.contains("fiberphotometry") || text.contains("fiber photometry") { return .fiberPhotometry }
        if text.contains("acousticwaveform") || text.contains("audio") || text.contains("sound") { return .audio }
        if index.isA(type, "ImageSeries") { return .behaviorVideo }
        if index.isA(type, "SpatialSeries") || text.contains("pose") { return .behaviorTracking }
        return .timeSeries
    }
}
