import Foundation
import HDF5
import NWBKit

/// A small plot of a time series' first seconds (`nwbkit catalog --thumbnails`): a few channels, each as the
/// minimum and maximum of its samples in each of at most `SignalPlot.columns` columns, so the plot keeps
/// every spike's extent however many samples the window holds.
public struct SignalPlot: Sendable, Codable, Equatable {
    /// The series (`/acquisition/ElectricalSeries`) and its neurodata type.
    public var object: String
    public var type: String
    /// The data's unit (`volts`), when the file says it.
    public var unit: String?
    /// Samples per second, when the series is regular.
    public var rate: Double?
    /// Seconds the plot covers, from the series' first sample.
    public var seconds: Double
    /// Channels drawn, of how many the series has.
    public var channels: Int
    public var totalChannels: Int
    /// Samples drawn per channel, of how many the series has.
    public var samples: Int
    public var totalSamples: Int
    /// Per channel, per column: the lowest and the highest value (`[[min, max], …]`), in the file's units
    /// times `conversion`.
    public var envelopes: [[[Double]]]
    /// Bytes of the file the plot's values cost (charged against the previews' allowance).
    public var bytesRead: Int

    /// The most columns a plot has.
    public static let columns = 300
}

/// Which series get a plot and how much of each is read.
public struct SignalOptions: Sendable, Equatable {
    /// Plots per file at most.
    public var maximumPlots = 6
    /// Channels per plot at most (the first ones).
    public var maximumChannels = 4
    /// Seconds from the start at most, and samples at most, whichever is fewer.
    public var maximumSeconds = 2.0
    public var maximumSamples = 20_000

    public init() {}
}

extension PreviewMaker {
    /// The series a plot can be made of: typed `TimeSeries` (image series excepted: they have frames), whose
    /// `data` is a numeric dataset of one or two dimensions with samples along the first.
    static func signalSources(in index: SummaryIndex) -> [(series: ObjectEntry, data: ObjectEntry)] {
        index.objects(ofType: "TimeSeries").compactMap { series in
            guard !index.isA(series.neurodataType, "ImageSeries"), let data = index.member(series.path, "data"),
                data.kind == "dataset", let shape = data.shape, (1...2).contains(shape.count), shape[0] > 1,
                shape.allSatisfy({ $0 > 0 }), let dtype = data.dtype,
                dtype.hasPrefix("float") || dtype.hasPrefix("int") || dtype.hasPrefix("uint")
            else { return nil }
            return (series, data)
        }
    }
}

/// A spike raster of a `Units` table (`nwbkit catalog --thumbnails`): a row per unit (the first ones), a tick
/// per spike in the first seconds after the earliest spike drawn.
public struct SpikeRaster: Sendable, Codable, Equatable {
    /// The table (`/units`).
    public var object: String
    /// Units drawn, of how many the table has.
    public var units: Int
    public var totalUnits: Int
    /// Per unit drawn, its spikes' times in seconds from `start`, within `seconds`.
    public var spikes: [[Double]]
    /// The window: its first second (the earliest spike read) and its length.
    public var start: Double
    public var seconds: Double
    /// Spikes read (of the units drawn), and bytes of the file they cost.
    public var spikesRead: Int
    public var bytesRead: Int

    /// Units per raster at most, spikes read at most, and the window's length.
    public static let maximumUnits = 20
    public static let maximumSpikes = 20_000
    public static let window = 10.0
}
