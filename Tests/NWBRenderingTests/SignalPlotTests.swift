import Foundation
import HDF5
import TestSupport
import XCTest

@testable import NWBKit
@testable import NWBPreviews
@testable import NWBRendering

/// The catalog's plots of time series: what is read (the first samples of the first channels, charged
/// to the previews' allowance before the read) and what is drawn (each column's lowest and highest value).
final class SignalPlotTests: XCTestCase {
    func testTheFirstSamplesOfTheFirstChannelsAreReadAndTheirEnvelopeDrawn() throws {
        let (summary, file) = try FileSummarizer.summarizeKeepingFile(TestPaths.sample("ecephys.nwb"))
        let previews = PreviewMaker.previews(of: summary, file: file)
        XCTAssertEqual(previews.signals.map(\.object), ["/acquisition/ElectricalSeries", "/processing/ecephys/LFP/LFP"])
        let raw = try XCTUnwrap(previews.signals.first)
        XCTAssertEqual(raw.type, "ElectricalSeries")
        XCTAssertEqual(raw.unit, "volts")
        XCTAssertEqual(raw.rate, 30_000)
        XCTAssertEqual([raw.samples, raw.totalSamples, raw.channels, raw.totalChannels], [3000, 3000, 4, 8])
        XCTAssertEqual(raw.seconds, 0.1, accuracy: 1e-12)
        // 3000 samples × 4 channels of float32, contiguous: 48,000 bytes, charged to the allowance.
        XCTAssertEqual(raw.bytesRead, 48_000)
        XCTAssertEqual(raw.envelopes.count, 4)
        XCTAssertTrue(raw.envelopes.allSatisfy { $0.count == SignalPlot.columns })
        // Each column is its samples' lowest and highest value, as read independently here.
        let data = try file.root().openChild("acquisition/ElectricalSeries/data", path: "/acquisition/ElectricalSeries/data")
        let values = try data.readBlock(Block(start: [0, 0], count: [3000, 8]))
        for (channel, column) in [(0, 0), (3, 299), (2, 150)] {
            let samples = (column * 10..<(column + 1) * 10).map { values[$0 * 8 + channel] }
            XCTAssertEqual(raw.envelopes[channel][column], [samples.min()!, samples.max()!], "channel \(channel), column \(column)")
        }
        // The page's view: a path per channel inside the plot area, axes in the series' unit and seconds.
        let view = CatalogSite.SignalView(
            object: raw.object, type: raw.type, unit: raw.unit, rate: raw.rate, seconds: raw.seconds, channels: raw.channels,
            totalChannels: raw.totalChannels, samples: raw.samples, totalSamples: raw.totalSamples, envelopes: raw.envelopes)
        XCTAssertEqual(view.paths.count, 4)
        XCTAssertEqual(view.yUnit, "volts")
        XCTAssertEqual([view.xStart, view.xEnd], ["0 s", "0.1 s"])
        XCTAssertEqual(view.caption, "ElectricalSeries: the first 3000 of 3000 samples at 30 kHz, 4 of 8 channels")
    }

    func testAPlotOverTheAllowanceIsNotReadAndSaysSo() throws {
        let (summary, file) = try FileSummarizer.summarizeKeepingFile(TestPaths.sample("ecephys.nwb"))
        let previews = PreviewMaker.previews(of: summary, file: file, options: PreviewOptions(allowance: 40_000))
        XCTAssertEqual(previews.signals.map(\.object), ["/processing/ecephys/LFP/LFP"], "the LFP's 250 samples fit; the raw data's do not")
        XCTAssertLessThanOrEqual(previews.bytesRead, 40_000)
        XCTAssertTrue(
            previews.notes.contains { $0.hasPrefix("/acquisition/ElectricalSeries: no plot; its first samples need ") }, "\(previews.notes)")
    }

    func testAUnitsTableGetsASpikeRasterOfItsFirstSeconds() throws {
        let (summary, file) = try FileSummarizer.summarizeKeepingFile(TestPaths.sample("ecephys.nwb"))
        let raster = try XCTUnwrap(PreviewMaker.previews(of: summary, file: file).rasters.first)
        XCTAssertEqual(raster.object, "/units")
        XCTAssertEqual([raster.units, raster.totalUnits, raster.spikesRead], [5, 5, 110])
        // The index (5 × uint8) and the spike times (110 × float64), each a chunk: 5 + 880 bytes.
        XCTAssertEqual(raster.bytesRead, 5 + 880)
        // Each unit's spikes, as the index cuts the times (read independently here), from the earliest.
        let ends = try file.root().openChild("units/spike_times_index", path: "/units/spike_times_index")
            .readBlock(Block(start: [0], count: [5])).map { Int($0) }
        let times = try file.root().openChild("units/spike_times", path: "/units/spike_times").readBlock(Block(start: [0], count: [110]))
        let start = times.min()!
        var from = 0
        for (unit, end) in ends.enumerated() {
            let expected = times[from..<end].map { $0 - start }.filter { $0 <= SpikeRaster.window }
            XCTAssertEqual(raster.spikes[unit], expected, "unit \(unit)")
            from = end
        }
        XCTAssertEqual(raster.start, start)
        let view = CatalogSite.RasterView(
            object: raster.object, units: raster.units, totalUnits: raster.totalUnits, spikes: raster.spikes,
            start: raster.start, seconds: raster.seconds, spikesRead: raster.spikesRead)
        XCTAssertEqual(view.d.components(separatedBy: "M").count - 1, raster.spikes.reduce(0) { $0 + $1.count }, "a tick per spike")
    }
}
