import Foundation

/// The small PNG previews of one file's images (`nwbkit catalog --thumbnails`), and why an image that could
/// have one has none.
public struct FilePreviews: Sendable, Codable, Equatable {
    /// One preview.
    public struct Preview: Sendable, Codable, Equatable {
        /// What was drawn.
        public enum Kind: String, Sendable, Codable {
            /// A summary image (`GrayscaleImage`, `RGBImage`, `RGBAImage`, `Image`), as it is.
            case image
            /// The first frame of an `ImageSeries` (or a type that extends it).
            case firstFrame = "first frame"
            /// A `PlaneSegmentation`'s ROI masks in colour, over an image of the same size when the file
            /// holds one.
            case roiMasks = "ROI masks"
        }

        /// The object drawn: the image dataset, the series or the ROI table.
        public var object: String
        public var kind: Kind
        /// What the preview shows, in words (`mean: GrayscaleImage, 128 × 128 float64`).
        public var caption: String
        /// The PNG's size in pixels.
        public var width: Int
        public var height: Int
        /// Bytes of the file this preview's values cost (charged against the file's allowance).
        public var bytesRead: Int
        /// The PNG file's bytes.
        public var png: [UInt8]

        public init(object: String, kind: Kind, caption: String, width: Int, height: Int, bytesRead: Int, png: [UInt8]) {
            self.object = object
            self.kind = kind
            self.caption = caption
            self.width = width
            self.height = height
            self.bytesRead = bytesRead
            self.png = png
        }

        private enum CodingKeys: String, CodingKey {
            case object, kind, caption, width, height, bytesRead, png
        }

        /// The PNG is never in the JSON: it crosses the worker pipe (and the cache) as a binary frame after
        /// the JSON (`FileProduct.Frames`); an empty PNG is left out.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(object, forKey: .object)
            try container.encode(kind, forKey: .kind)
            try container.encode(caption, forKey: .caption)
            try container.encode(width, forKey: .width)
            try container.encode(height, forKey: .height)
            try container.encode(bytesRead, forKey: .bytesRead)
            if !png.isEmpty { try container.encode(Data(png).base64EncodedString(), forKey: .png) }
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            object = try container.decode(String.self, forKey: .object)
            kind = try container.decode(Kind.self, forKey: .kind)
            caption = try container.decode(String.self, forKey: .caption)
            width = try container.decode(Int.self, forKey: .width)
            height = try container.decode(Int.self, forKey: .height)
            bytesRead = try container.decode(Int.self, forKey: .bytesRead)
            if let text = try container.decodeIfPresent(String.self, forKey: .png) {
                guard let bytes = Data(base64Encoded: text) else {
                    throw DecodingError.dataCorruptedError(forKey: .png, in: container, debugDescription: "not base64")
                }
                png = [UInt8](bytes)
            } else {
                png = []
            }
        }
    }

    public var previews: [Preview]
    /// Plots of the file's time series' first seconds.
    public var signals: [SignalPlot] = []
    /// Spike rasters of the file's `Units` tables.
    public var rasters: [SpikeRaster] = []
    /// One line per image that has no preview, and why (over the allowance, unreadable, not an image).
    public var notes: [String]
    /// Bytes of the file all the previews' values cost; never more than `allowance`.
    public var bytesRead: Int
    /// The bytes of values the file's previews may read.
    public var allowance: Int

    public init(
        previews: [Preview], signals: [SignalPlot] = [], rasters: [SpikeRaster] = [], notes: [String], bytesRead: Int,
        allowance: Int
    ) {
        self.previews = previews
        self.signals = signals
        self.rasters = rasters
        self.notes = notes
        self.bytesRead = bytesRead
        self.allowance = allowance
    }
}

/// How previews are made.
public struct PreviewOptions: Sendable, Equatable {
    /// The bytes of values one file's previews may read by default: 8 MiB (a 1024 × 1024 float64 image,
    /// or a few ROI masks of that size).
    public static let defaultAllowance = 8 << 20

    /// Bytes of the file (as stored: a compressed chunk costs its stored size, read whole) that one file's
    /// previews may read.
    public var allowance: Int
    /// Previews per file at most.
    public var maximumPreviews: Int

    public init(allowance: Int = PreviewOptions.defaultAllowance, maximumPreviews: Int = 8) {
        self.allowance = max(0, allowance)
        self.maximumPreviews = max(0, maximumPreviews)
    }
}
