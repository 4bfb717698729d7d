import NWBCheck
import NWBKit
import NWBPreviews
import NWBRendering

/// Gathers the files of a catalog as the workers send them (`FileProduct.catalog`), in input order: each
/// file as its pages need it (`CatalogSite.File`: the summary without its object list, which the worker
/// already made the tree's data), its previews as PNG files of the site (`previews/NNNN-K.png`), and, when checked,
/// its findings weighed by one `CheckRun` across all files. `site(title:)` then makes the `CatalogSite`.
public struct CatalogCollection {
    /// Whether the files were checked, and with which options (the run weighs findings across files).
    private var run: CheckRun?
    private var files: [CatalogSite.File] = []
    private var findings: [[CatalogSite.FindingLine]] = []
    private var checkNotes: [[String]] = []
    private var previews: [CatalogSite.PreviewSection] = []
    private let withPreviews: Bool
    /// The previews' PNG files, by their path in the site.
    public private(set) var images: [(path: String, bytes: [UInt8])] = []

    /// A collection of files made with previews when `withPreviews`, checked under `checks` when given.
    public init(withPreviews: Bool, checks: CheckOptions?) {
        self.withPreviews = withPreviews
        run = checks.map { CheckRun(options: $0) }
    }

    /// Files added so far.
    public var count: Int { files.count }

    /// Adds the next file.
    public mutating func add(_ file: CatalogFile) {
        files.append(file.page)
        if withPreviews {
            let number = files.count
            let made = file.previews ?? FilePreviews(previews: [], notes: [], bytesRead: 0, allowance: 0)
            let thumbnails = made.previews.enumerated().map { position, preview in
                let path = "previews/" + CatalogSite.padded(number) + "-\(position + 1).png"
                images.append((path, preview.png))
                return CatalogSite.Thumbnail(
                    src: path, caption: preview.caption, width: preview.width, height: preview.height,
                    kind: preview.kind.rawValue, object: preview.object)
            }
            let signals = made.signals.map { plot in
                CatalogSite.SignalView(
                    object: plot.object, type: plot.type, unit: plot.unit, rate: plot.rate, seconds: plot.seconds,
                    channels: plot.channels, totalChannels: plot.totalChannels, samples: plot.samples,
                    totalSamples: plot.totalSamples, envelopes: plot.envelopes)
            }
            let rasters = made.rasters.map { raster in
                CatalogSite.RasterView(
                    object: raster.object, units: raster.units, totalUnits: raster.totalUnits, spikes: raster.spikes,
                    start: raster.start, seconds: raster.seconds, spikesRead: raster.spikesRead)
            }
            previews.append(
                CatalogSite.PreviewSection(
                    thumbnails: thumbnails, signals: signals, rasters: rasters, notes: made.notes,
                    bytesRead: made.bytesRead, allowance: made.allowance))
        }
        guard run != nil else { return }
        let found = file.check.map { run!.record(path: file.page.summary.path, $0) } ?? []
        findings.append(
            found.map {
                CatalogSite.FindingLine(
                    importance: $0.importance.description, check: $0.check, message: $0.message, location: $0.location,
                    rank: $0.importance.rawValue)
            })
        checkNotes.append(
            (file.check?.notes ?? []).sorted(by: CheckNote.reportOrder).map {
                "\($0.check) at \($0.location) not completed: \($0.reason)"
            })
    }

    /// The catalog of the files added.
    public func site(title: String) -> CatalogSite {
        CatalogSite(
            title: title, files: files, findings: run == nil ? nil : findings, checkNotes: run == nil ? nil : checkNotes,
            previews: withPreviews ? previews : nil)
    }

}
