import CZlib

/// An 8-bit image as a PNG file: gray, RGB or RGBA samples, row-major, deflated by zlib.
public struct PNGEncoding {
    /// Samples per pixel: 1 (gray), 3 (RGB) or 4 (RGBA).
    public enum Channels: Int, Sendable {
        case gray = 1, rgb = 3, rgba = 4

        /// PNG's colour type for the samples.
        var colourType: UInt8 {
            switch self {
            case .gray: 0
            case .rgb: 2
            case .rgba: 6
            }
        }
    }

    /// Why no PNG was made.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The PNG file of `samples` (`width × height × channels` bytes, row-major).
    public static func png(width: Int, height: Int, channels: Channels, samples: [UInt8]) throws(Failure) -> [UInt8] {
        guard width > 0, height > 0, width <= 1 << 16, height <= 1 << 16 else {
            throw Failure(description: "an image of \(width) × \(height) pixels cannot be a preview")
        }
        let rowBytes = width * channels.rawValue
        guard samples.count == rowBytes * height else {
            throw Failure(description: "\(samples.count) samples for \(width) × \(height) × \(channels.rawValue)")
        }
        // Each row starts with its filter byte: 0, no filter (previews are small; zlib does the work).
        var raw = [UInt8]()
        raw.reserveCapacity((rowBytes + 1) * height)
        for row in 0..<height {
            raw.append(0)
            raw.append(contentsOf: samples[(row * rowBytes)..<((row + 1) * rowBytes)])
        }
        var header = [UInt8]()
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, channels.colourType, 0, 0, 0]
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", header)
        file += chunk("IDAT", try deflated(raw))
        file += chunk("IEND", [])
        return file
    }

    /// zlib's stream of `bytes` (level 6, zlib's default).
    static func deflated(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &length, source.baseAddress, uLong(bytes.count), 6)
            }
        }
        guard status == Z_OK else { throw Failure(description: "zlib could not compress the image (status \(status))") }
        output.removeSubrange(Int(length)...)
        return output
    }

    /// One PNG chunk: length, type, data and the CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        return bigEndian(UInt32(data.count)) + typed + bigEndian(UInt32(truncatingIfNeeded: crc))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
