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
