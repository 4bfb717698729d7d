/// An image's values as read (doubles, row-major, `channels` per pixel), made small and 8-bit for a
/// preview: averaged down in whole blocks to at most `PreviewRaster.maximumSide` pixels a side, then
/// stretched to 0–255.
struct PreviewRaster {
    /// The longest side of a preview, in pixels.
    static let maximumSide = 256

    var rows: Int
    var columns: Int
    var channels: Int
    var values: [Double]

    /// The raster averaged over `factor × factor` blocks, `factor` the smallest whole number that brings
    /// both sides within `maximumSide` (a last partial block averages what it holds).
    func reduced() -> PreviewRaster {
        let factor = max(1, (max(rows, columns) + Self.maximumSide - 1) / Self.maximumSide)
        guard factor > 1 else { return self }
        let newRows = (rows + factor - 1) / factor
        let newColumns = (columns + factor - 1) / factor
        var sums = [Double](repeating: 0, count: newRows * newColumns * channels)
        var counts = [Int](repeating: 0, count: newRows * newColumns)
        for row in 0..<rows {
            for column in 0..<columns {
                let target = (row / factor) * newColumns + column / factor
                var finite = true
                for channel in 0..<channels where !values[(row * columns + column) * channels + channel].isFinite {
                    finite = false
                }
                guard finite else { continue }
                counts[target] += 1
                for channel in 0..<channels {
                    sums[target * channels + channel] += values[(row * columns + column) * channels + channel]
                }
            }
        }
        for pixel in 0..<(newRows * newColumns) {
            for channel in 0..<channels {
                sums[pixel * channels + channel] =
                    counts[pixel] > 0 ? sums[pixel * channels + channel] / Double(counts[pixel]) : .nan
            }
        }
        return PreviewRaster(rows: newRows, columns: newColumns, channels: channels, values: sums)
    }

    /// 8-bit samples. Values already within 0–255 and whole (an 8-bit image), or within 0–1 (a float
    /// image), keep their brightness; anything else is stretched between its 0.5th and 99.5th
    /// percentiles, so a few hot pixels do not leave the rest black. Values that are not finite are 0.
    func samples() -> [UInt8] {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return [UInt8](repeating: 0, count: values.count) }
        let scale: (Double) -> Double
        if low >= 0, high <= 255, high > 1, finite.allSatisfy({ $0 == $0.rounded() }) {
            scale = { $0 }
        } else if low >= 0, high <= 1, channels > 1 {
            scale = { $0 * 255 }
        } else {
            // Percentiles of at most 65,536 values, evenly taken (an overlay's background is full size).
            let step = max(1, finite.count / 65_536)
            let sorted = stride(from: 0, to: finite.count, by: step).map { finite[$0] }.sorted()
            let bottom = sorted[Int((Double(sorted.count - 1) * 0.005).rounded())]
            let top = sorted[Int((Double(sorted.count - 1) * 0.995).rounded())]
            if top > bottom {
                // In halves: the span of two extremes of doubles does not overflow.
                let span = top / 2 - bottom / 2
                scale = { ($0 / 2 - bottom / 2) / span * 255 }
            } else {
                // One value throughout: a flat image, shown mid-grey (black when it is zero).
                scale = { _ in bottom == 0 ? 0 : 128 }
            }
        }
        return values.map { value in
            guard value.isFinite else { return 0 }
            let scaled = scale(value)
            // A range too wide for doubles gives an infinite step; NaN never reaches UInt8.
            guard !scaled.isNaN else { return 0 }
            return UInt8(max(0, min(255, scaled.rounded())))
        }
    }
}
