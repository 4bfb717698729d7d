import HDF5
import NWBKit

/// Makes one file's previews: which images there are comes from its summary, their values from the open
/// file, and no read is made that would take the file past its allowance (each read's cost, the bytes
/// libhdf5 reads from the file for it, is known before it is made: `Object.fileBytes(of:)`).
public struct PreviewMaker {
    /// What in the file can have a preview (found once, from the summary).
    private let sources: [PreviewSource]
    private let file: File
    private let options: PreviewOptions
    private var spent = 0
    private var notes: [String] = []
    /// Grey images read so far, by dataset path: an ROI overlay's background is not read twice.
    /// In file order (the order previews are made in), so the same background is chosen every run.
    private var greyImages: [(path: String, raster: PreviewRaster)] = []
    /// The series a plot can be made of.
    private let signalSources: [(series: ObjectEntry, data: ObjectEntry)]
    private let index: SummaryIndex

    /// The previews of the file `summary` describes, read from `file` (open, read-only).
    public static func previews(of summary: FileSummary, file: File, options: PreviewOptions = PreviewOptions())
        -> FilePreviews
    {
        var maker = PreviewMaker(index: SummaryIndex(summary), file: file, options: options)
        return maker.make()
    }

    private init(index: SummaryIndex, file: File, options: PreviewOptions) {
        sources = PreviewSource.find(in: index)
        signalSources = Self.signalSources(in: index)
        self.index = index
        self.file = file
        self.options = options
    }

    /// Why a read was not made.
    private enum Refusal: Error {
        case overAllowance(needed: Int)
        case unreadable(String)
    }

    private mutating func make() -> FilePreviews {
        var previews: [FilePreviews.Preview] = []
        for (position, source) in sources.enumerated() {
            guard previews.count < options.maximumPreviews else {
                notes.append(
                    "\(sources.count - position) more images have no preview (at most \(options.maximumPreviews) per file)")
                break
            }
            let object = Self.path(of: source)
            do throws(Refusal) {
                if let preview = try preview(of: source) { previews.append(preview) }
            } catch {
                notes.append(note(error, object: object, made: "preview", read: "its values"))
            }
        }
        let signals = makeSignals()
        let rasters = makeRasters()
        return FilePreviews(
            previews: previews, signals: signals, rasters: rasters, notes: notes, bytesRead: spent, allowance: options.allowance)
    }

    /// The note for what was not made of `object`: the read it needed and the allowance left, or why it
    /// could not be read.
    private func note(_ refusal: Refusal, object: String, made: String, read: String) -> String {
        switch refusal {
        case .overAllowance(let needed):
            "\(object): no \(made); \(read) need \(Self.bytes(needed)), more than the \(Self.bytes(options.allowance - spent)) left of the file's \(Self.bytes(options.allowance)) preview allowance (--thumbnail-bytes)"
        case .unreadable(let reason): "\(object): no \(made); \(reason)"
        }
    }

    // MARK: Signals

    /// Plots of the first seconds of the file's time series, within what the images left of the allowance.
    private mutating func makeSignals() -> [SignalPlot] {
        let limits = SignalOptions()
        var plots: [SignalPlot] = []
        for (position, source) in signalSources.enumerated() {
            guard plots.count < limits.maximumPlots else {
                notes.append("\(signalSources.count - position) more time series have no plot (at most \(limits.maximumPlots) per file)")
                break
            }
            do throws(Refusal) {
                plots.append(try signal(source.series, source.data, limits))
            } catch {
                notes.append(note(error, object: source.series.path, made: "plot", read: "its first samples"))
            }
        }
        return plots
    }

    /// Rasters of the `Units` tables whose spike times are indexed (`spike_times` and `spike_times_index`).
    private mutating func makeRasters() -> [SpikeRaster] {
        var rasters: [SpikeRaster] = []
        for table in index.objects(ofType: "Units").prefix(2) {
            guard let times = index.member(table.path, "spike_times"), times.kind == "dataset", times.shape?.count == 1,
                let ends = index.member(table.path, "spike_times_index"), ends.kind == "dataset",
                let unitCount = ends.shape?.first, unitCount > 0
            else { continue }
            do throws(Refusal) {
                rasters.append(try raster(table, times: times, ends: ends, unitCount: unitCount))
            } catch {
                notes.append(note(error, object: table.path, made: "spike raster", read: "its first spikes"))
            }
        }
        return rasters
    }

    private mutating func raster(_ table: ObjectEntry, times: ObjectEntry, ends: ObjectEntry, unitCount: Int) throws(Refusal)
        -> SpikeRaster
    {
        let before = spent
        let units = min(unitCount, SpikeRaster.maximumUnits)
        let boundaries = try read(ends.path, Block(start: [0], count: [units])).map { Int($0) }
        let total = times.shape?.first ?? 0
        let wanted = min(total, max(0, boundaries.last ?? 0), SpikeRaster.maximumSpikes)
        let values = wanted > 0 ? try read(times.path, Block(start: [0], count: [wanted])) : []
        var perUnit: [[Double]] = []
        var from = 0
        for end in boundaries {
            let upper = min(max(from, end), values.count)
            perUnit.append(from < upper ? Array(values[from..<upper]).filter(\.isFinite) : [])
            from = max(from, end)
        }
        let start = perUnit.compactMap { $0.min() }.min() ?? 0
        let window = SpikeRaster.window
        let shown = perUnit.map { unit in unit.map { $0 - start }.filter { $0 >= 0 && $0 <= window } }
        return SpikeRaster(
            object: table.path, units: units, totalUnits: unitCount, spikes: shown, start: start, seconds: window,
            spikesRead: values.count, bytesRead: spent - before)
    }

    private mutating func signal(_ series: ObjectEntry, _ data: ObjectEntry, _ limits: SignalOptions) throws(Refusal)
        -> SignalPlot
    {
        let before = spent
        let shape = data.shape ?? []
        let totalSamples = shape[0]
        let totalChannels = shape.count == 2 ? shape[1] : 1
        let rate = index.member(series.path, "starting_time")?.attribute("rate")?.number.flatMap { $0 > 0 ? $0 : nil }
        var samples = min(totalSamples, limits.maximumSamples)
        if let rate { samples = min(samples, max(2, Int((rate * limits.maximumSeconds).rounded(.up)))) }
        let channels = min(totalChannels, limits.maximumChannels)
        let block = Block(start: shape.map { _ in 0 }, count: shape.count == 2 ? [samples, channels] : [samples])
        let values = try read(data.path, block)
        // The window's length in seconds: from the rate, else from the first and last timestamps read.
        var seconds = rate.map { Double(samples) / $0 } ?? 0
        if rate == nil, let stamps = index.member(series.path, "timestamps"), stamps.kind == "dataset" {
            let times = try read(stamps.path, Block(start: [0], count: [samples]))
            if let first = times.first, let last = times.last { seconds = max(0, last - first) }
        }
        let conversion = data.attribute("conversion")?.number ?? 1
        let columns = min(SignalPlot.columns, samples)
        var envelopes: [[[Double]]] = []
        for channel in 0..<channels {
            var envelope: [[Double]] = []
            for column in 0..<columns {
                let from = column * samples / columns
                let to = max(from + 1, (column + 1) * samples / columns)
                var low = Double.infinity
                var high = -Double.infinity
                for sample in from..<to {
                    let value = values[sample * channels + channel] * conversion
                    if value.isFinite {
                        low = min(low, value)
                        high = max(high, value)
                    }
                }
                envelope.append(low <= high ? [low, high] : [])
            }
            envelopes.append(envelope)
        }
        return SignalPlot(
            object: series.path, type: series.neurodataType ?? "TimeSeries", unit: data.attribute("unit")?.text, rate: rate,
            seconds: seconds, channels: channels, totalChannels: totalChannels, samples: samples, totalSamples: totalSamples,
            envelopes: envelopes, bytesRead: spent - before)
    }

    private static func path(of source: PreviewSource) -> String {
        switch source {
        case .image(let object): object.path
        case .firstFrame(let series, _): series.path
        case .roiMasks(let table, _, _, _): table.path
        }
    }

    private mutating func preview(of source: PreviewSource) throws(Refusal) -> FilePreviews.Preview? {
        let before = spent
        let raster: PreviewRaster
        let caption: String
        let kind: FilePreviews.Preview.Kind
        switch source {
        case .image(let object):
            let shape = object.shape ?? []
            let values = try read(object.path, Block(start: shape.map { _ in 0 }, count: shape))
            raster = PreviewRaster(rows: shape[0], columns: shape[1], channels: shape.count == 3 ? shape[2] : 1, values: values)
            if raster.channels == 1 { greyImages.append((object.path, raster)) }
            kind = .image
            caption = "\(object.neurodataType ?? "image"), \(Self.shapeText(shape)) \(object.dtype ?? "")"
        case .firstFrame(let series, let data):
            let shape = data.shape ?? []
            var count = shape
            count[0] = 1
            // Rows × columns × 3 or 4 is colour; × depth otherwise, of which the first plane is drawn.
            let colour = shape.count == 4 && (shape[3] == 3 || shape[3] == 4)
            if shape.count == 4, !colour { count[3] = 1 }
            let values = try read(data.path, Block(start: shape.map { _ in 0 }, count: count))
            raster = PreviewRaster(rows: shape[1], columns: shape[2], channels: colour ? shape[3] : 1, values: values)
            kind = .firstFrame
            caption =
                "the first of \(shape[0]) frames, \(raster.rows) × \(raster.columns) \(data.dtype ?? "") (\(series.neurodataType ?? "ImageSeries"))"
        case .roiMasks(let table, let imageMask, let pixelMask, let pixelMaskIndex):
            guard let overlay = try roiOverlay(table: table, imageMask: imageMask, pixelMask: pixelMask, index: pixelMaskIndex)
            else { return nil }
            raster = overlay.raster
            kind = .roiMasks
            caption = overlay.caption
        }
        let small = raster.reduced()
        let channels: PNGEncoding.Channels = small.channels == 3 ? .rgb : small.channels == 4 ? .rgba : .gray
        let png: [UInt8]
        do {
            png = try PNGEncoding.png(width: small.columns, height: small.rows, channels: channels, samples: small.samples())
        } catch {
            throw .unreadable(error.description)
        }
        return FilePreviews.Preview(
            object: Self.path(of: source), kind: kind, caption: caption, width: small.columns, height: small.rows,
            bytesRead: spent - before, png: png)
    }

    // MARK: Reading within the allowance

    private func open(_ path: String) throws(Refusal) -> Object {
        do {
            let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
            return try file.root().openChild(relative, path: path)
        } catch let error as HDF5Error {
            throw .unreadable(error.message)
        } catch {
            throw .unreadable("\(error)")
        }
    }

    /// The most values one read holds in memory (a 4096 × 4096 image as doubles: 128 MiB), whatever the
    /// file's bytes: a compressed or never-written chunk costs few bytes of the file for many values.
    static let maximumValuesPerRead = 1 << 24

    /// Charges the bytes reading `block` of `object` costs, or refuses when they pass the allowance (or
    /// the values, `maximumValuesPerRead`).
    private mutating func charge(_ object: Object, _ block: Block) throws(Refusal) {
        guard block.elementCount <= Self.maximumValuesPerRead else {
            throw .unreadable(
                "it holds \(block.elementCount) values, more than the \(Self.maximumValuesPerRead) a preview reads at once")
        }
        let cost: Int
        do { cost = try object.fileBytes(of: block) } catch { throw .unreadable(error.message) }
        guard cost <= options.allowance - spent else { throw .overAllowance(needed: cost) }
        spent += cost
    }

    /// The values of `block` of the dataset at `path`, row-major.
    private mutating func read(_ path: String, _ block: Block) throws(Refusal) -> [Double] {
        let object = try open(path)
        // Values that are not numbers are refused before they cost anything.
        guard object.holdsNumbers() else { throw .unreadable("its values are not numbers") }
        try charge(object, block)
        do { return try object.readBlock(block) } catch { throw .unreadable(error.message) }
    }

    // MARK: ROI masks

    /// The masks of a `PlaneSegmentation` in colour (each ROI its own, where its weight is above zero and
    /// the highest there) over a grey image of the same size the file holds, if any: as many ROIs as the
    /// allowance lets be read, first ones first.
    private mutating func roiOverlay(table: ObjectEntry, imageMask: ObjectEntry?, pixelMask: ObjectEntry?, index: ObjectEntry?)
        throws(Refusal) -> (raster: PreviewRaster, caption: String)?
    {
        if let imageMask, let shape = imageMask.shape, shape.count == 3, shape.allSatisfy({ $0 > 0 }) {
            let (rows, columns) = (shape[1], shape[2])
            try Self.requireDrawable(rows: rows, columns: columns)
            let background = try backgroundImage(rows: rows, columns: columns)
            var labels = [Int](repeating: -1, count: rows * columns)
            var best = [Double](repeating: 0, count: rows * columns)
            let object = try open(imageMask.path)
            guard object.holdsNumbers() else { throw .unreadable("its image_mask values are not numbers") }
            let perBatch = max(1, (256 << 10) / max(1, rows * columns * 8))
            var drawn = 0
            while drawn < shape[0] {
                let batch = Block(start: [drawn, 0, 0], count: [min(perBatch, shape[0] - drawn), rows, columns])
                do throws(Refusal) { try charge(object, batch) } catch {
                    guard case .overAllowance = error, drawn > 0 else { throw error }
                    break
                }
                let values: [Double]
                do { values = try object.readBlock(batch) } catch { throw .unreadable(error.message) }
                for roi in 0..<batch.count[0] {
                    for pixel in 0..<(rows * columns) {
                        let weight = values[roi * rows * columns + pixel]
                        if weight > best[pixel] {
                            best[pixel] = weight
                            labels[pixel] = drawn + roi
                        }
                    }
                }
                drawn += batch.count[0]
            }
            return (
                Self.overlay(labels: labels, rows: rows, columns: columns, background: background?.raster),
                Self.maskCaption(drawn: drawn, of: shape[0], source: "image_mask", background: background?.name)
            )
        }
        guard let pixelMask, let index, let pixelCount = pixelMask.shape?.first, let roiCount = index.shape?.first,
            pixelCount > 0, roiCount > 0
        else { return nil }
        // Which ROI each pixel row belongs to: the index holds each ROI's end.
        let ends = try read(index.path, Block(start: [0], count: [roiCount])).map(Self.whole)
        let object = try open(pixelMask.path)
        // As many pixel rows as the allowance leaves room for (halving until the cost fits).
        var take = min(pixelCount, Self.maximumValuesPerRead / 3)
        while true {
            let cost: Int
            do { cost = try object.fileBytes(of: Block(start: [0], count: [take])) } catch { throw .unreadable(error.message) }
            if cost <= options.allowance - spent { break }
            if take == 1 { throw .overAllowance(needed: cost) }
            take = max(1, take / 2)
        }
        try charge(object, Block(start: [0], count: [take]))
        let fields: [Double]
        do { fields = try object.readFields(["x", "y", "weight"], rows: 0..<take) } catch { throw .unreadable(error.message) }
        let pixels = stride(from: 0, to: fields.count, by: 3).map {
            (x: Self.whole(fields[$0]), y: Self.whole(fields[$0 + 1]), weight: fields[$0 + 2])
        }
        // The image's size: that of a grey image in the file, else what the pixels reach. NWB names a
        // pixel (x, y), as image_mask's dimensions are (x, y): x is the row.
        let reach = (
            rows: (pixels.map(\.x).max() ?? 0) + 1, columns: (pixels.map(\.y).max() ?? 0) + 1
        )
        let background: (name: String, raster: PreviewRaster)?
        if let sized = Self.preferred(greyImages.filter { $0.raster.rows >= reach.rows && $0.raster.columns >= reach.columns }) {
            background = (sized.path, sized.raster)
        } else {
            background = try backgroundImage(rows: reach.rows, columns: reach.columns)
        }
        let (rows, columns) = background.map { ($0.raster.rows, $0.raster.columns) } ?? reach
        try Self.requireDrawable(rows: rows, columns: columns)
        var labels = [Int](repeating: -1, count: rows * columns)
        var best = [Double](repeating: 0, count: rows * columns)
        var roi = 0
        for (row, pixel) in pixels.enumerated() {
            while roi < ends.count && row >= ends[roi] { roi += 1 }
            guard pixel.x >= 0, pixel.y >= 0, pixel.x < rows, pixel.y < columns, pixel.weight > 0 else { continue }
            let at = pixel.x * columns + pixel.y
            if pixel.weight > best[at] {
                best[at] = pixel.weight
                labels[at] = roi
            }
        }
        let drawn = take == pixelCount ? roiCount : (ends.firstIndex { $0 > take } ?? roiCount)
        return (
            Self.overlay(labels: labels, rows: rows, columns: columns, background: background?.raster),
            Self.maskCaption(drawn: drawn, of: roiCount, source: "pixel_mask", background: background?.name)
        )
    }

    /// The background among `images`: a mean image (its name says `mean`) when there is one, as ROIs are
    /// usually drawn over it, else the first.
    private static func preferred(_ images: [(path: String, raster: PreviewRaster)]) -> (path: String, raster: PreviewRaster)? {
        images.first { name($0.path).lowercased().contains("mean") } ?? images.first
    }

    /// Refuses an overlay larger than one read may be (its labels are held per pixel).
    private static func requireDrawable(rows: Int, columns: Int) throws(Refusal) {
        let (pixels, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, pixels <= maximumValuesPerRead else {
            throw .unreadable("its masks are \(rows) × \(columns) pixels, more than a preview draws (\(maximumValuesPerRead))")
        }
    }

    /// A grey image of the file that is `rows × columns`: one read already, else the first such image,
    /// read now if the allowance lets it (an overlay without a background is still drawn).
    private mutating func backgroundImage(rows: Int, columns: Int) throws(Refusal) -> (name: String, raster: PreviewRaster)? {
        if let known = Self.preferred(greyImages.filter { $0.raster.rows == rows && $0.raster.columns == columns }) {
            return (known.path, known.raster)
        }
        for case .image(let object) in sources where object.shape == [rows, columns] {
            guard let values = try? read(object.path, Block(start: [0, 0], count: [rows, columns])) else { continue }
            let raster = PreviewRaster(rows: rows, columns: columns, channels: 1, values: values)
            greyImages.append((object.path, raster))
            return (object.path, raster)
        }
        return nil
    }

    /// ROI colours (ten that tell apart), cycled.
    private static let palette: [(Double, Double, Double)] = [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75), (227, 119, 194),
        (127, 127, 127), (188, 189, 34), (23, 190, 207),
    ].map { ($0.0 / 255, $0.1 / 255, $0.2 / 255) }

    /// RGB values within 0–1: each labelled pixel its ROI's colour over the background at 40 %.
    private static func overlay(labels: [Int], rows: Int, columns: Int, background: PreviewRaster?) -> PreviewRaster {
        let grey = background.map { $0.samples().map { Double($0) / 255 } }
        var values = [Double](repeating: 0, count: rows * columns * 3)
        for pixel in 0..<(rows * columns) {
            let base = grey?[pixel] ?? 0
            if labels[pixel] >= 0 {
                let colour = palette[labels[pixel] % palette.count]
                values[pixel * 3] = 0.4 * base + 0.6 * colour.0
                values[pixel * 3 + 1] = 0.4 * base + 0.6 * colour.1
                values[pixel * 3 + 2] = 0.4 * base + 0.6 * colour.2
            } else {
                values[pixel * 3] = base
                values[pixel * 3 + 1] = base
                values[pixel * 3 + 2] = base
            }
        }
        return PreviewRaster(rows: rows, columns: columns, channels: 3, values: values)
    }

    private static func maskCaption(drawn: Int, of total: Int, source: String, background: String?) -> String {
        let count =
            drawn == total
            ? "\(total) ROI" + (total == 1 ? "" : "s") : "the first \(drawn) of \(total) ROIs (the allowance stopped the rest)"
        return "\(count) from \(source)" + (background.map { " over \(name($0))" } ?? "")
    }

    /// A stored coordinate or index as a whole number: `-1` for one that is not finite or is negative,
    /// at most 2³¹ (a file's values are never trusted to fit).
    private static func whole(_ value: Double) -> Int {
        guard value.isFinite, value >= 0 else { return -1 }
        return Int(min(value, Double(Int32.max)))
    }

    private static func name(_ path: String) -> String { String(path.split(separator: "/").last ?? "/") }

    private static func shapeText(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: " × ") }

    static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) bytes" }
        let value = Double(count) / Double(count < 1 << 20 ? 1024 : 1 << 20)
        let text = value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
        return "\(text) \(count < 1 << 20 ? "KiB" : "MiB")"
    }
}
