import CZlib
import Foundation
import HDF5TestFiles
import TestSupport
import XCTest

/// `nwbkit catalog --thumbnails`: the PNGs decode (checked here with zlib, chunk by chunk), have the
/// expected sizes and the images' own values, and the bytes read per file stay within the stated
/// allowance, locally and over HTTP (counted by the server).
final class CatalogThumbnailTests: XCTestCase {
    /// A PNG file decoded: its size, colour type and samples (8-bit, no interlace, filter 0 rows).
    struct DecodedPNG {
        var width: Int
        var height: Int
        var channels: Int
        var samples: [UInt8]

        func pixel(row: Int, column: Int) -> [UInt8] {
            Array(samples[((row * width + column) * channels)..<((row * width + column + 1) * channels)])
        }
    }

    /// Decodes `bytes`, failing the test on a wrong signature, a chunk whose CRC does not match, or a
    /// stream zlib cannot inflate.
    private func decode(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> DecodedPNG {
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
        var offset = 8
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        var ended = false
        func number(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        while offset + 12 <= bytes.count {
            let length = number(offset)
            let typeAndData = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            let stored = number(offset + 8 + length)
            let computed = typeAndData.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, uInt($0.count))) }
            XCTAssertEqual(stored, computed, "CRC of chunk at \(offset)", file: file, line: line)
            let type = String(decoding: typeAndData.prefix(4), as: UTF8.self)
            let data = Array(typeAndData.dropFirst(4))
            if type == "IHDR" { header = data }
            if type == "IDAT" { compressed += data }
            if type == "IEND" { ended = true }
            offset += 12 + length
        }
        XCTAssertTrue(ended, "IEND", file: file, line: line)
        XCTAssertEqual(header.count, 13, file: file, line: line)
        let width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(header[8], 8, "bit depth", file: file, line: line)
        let channels = [0: 1, 2: 3, 6: 4][Int(header[9])] ?? 0
        var raw = [UInt8](repeating: 0, count: (width * channels + 1) * height)
        var rawLength = uLong(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { target in
            compressed.withUnsafeBufferPointer { uncompress(target.baseAddress, &rawLength, $0.baseAddress, uLong($0.count)) }
        }
        XCTAssertEqual(status, Z_OK, "zlib inflates the image", file: file, line: line)
        XCTAssertEqual(Int(rawLength), raw.count, file: file, line: line)
        var samples: [UInt8] = []
        for row in 0..<height {
            let start = row * (width * channels + 1)
            XCTAssertEqual(raw[start], 0, "row filter", file: file, line: line)
            samples += raw[(start + 1)..<(start + 1 + width * channels)]
        }
        return DecodedPNG(width: width, height: height, channels: channels, samples: samples)
    }

    /// An ROI's colour over a grey level as the overlay blends them: 40 % grey, 60 % colour.
    private func blended(_ grey: Int, _ colour: [Int]) -> [UInt8] {
        colour.map { UInt8((0.4 * Double(grey) + 0.6 * Double($0)).rounded()) }
    }

    /// A file with a 16 × 8 mean image (values row × 8 + column), an image series of 3 frames of 4 × 6
    /// (the first frame 0…23 × 10, the others 255), and 2 ROI masks of 16 × 8 over it; `extra` adds more.
    private func writeImagingFile(_ path: String, extra: (TestFileWriter) -> Void = { _ in }) throws {
        let writer = try TestFileWriter(path: path)
        writer.group("/processing")
        writer.group("/processing/ophys")
        writer.neurodataType("/processing/ophys", "ProcessingModule")
        writer.group("/processing/ophys/SummaryImages")
        writer.neurodataType("/processing/ophys/SummaryImages", "Images")
        writer.numberDataset("/processing/ophys/SummaryImages/mean", shape: [16, 8], values: (0..<128).map(Double.init))
        writer.neurodataType("/processing/ophys/SummaryImages/mean", "GrayscaleImage")
        writer.group("/processing/ophys/ImageSegmentation")
        writer.neurodataType("/processing/ophys/ImageSegmentation", "ImageSegmentation")
        let table = "/processing/ophys/ImageSegmentation/PlaneSegmentation"
        writer.group(table)
        writer.neurodataType(table, "PlaneSegmentation")
        var masks = [Double](repeating: 0, count: 2 * 16 * 8)
        masks[1 * 8 + 1] = 1
        masks[1 * 8 + 2] = 0.5
        masks[128 + 10 * 8 + 5] = 1
        writer.numberDataset(table + "/image_mask", shape: [2, 16, 8], values: masks)
        writer.group("/acquisition/movie")
        writer.neurodataType("/acquisition/movie", "ImageSeries")
        let frames = (0..<24).map { Double($0 * 10) } + [Double](repeating: 255, count: 48)
        writer.numberDataset("/acquisition/movie/data", shape: [3, 4, 6], values: frames, chunk: [1, 4, 6], gzip: 4)
        extra(writer)
        writer.close()
    }

    /// The previews of a site's first file page: PNGs by their caption's object, and the bytes it says it read.
    private func previews(_ site: URL, page: String = "files/0001.html") throws -> (
        images: [String: DecodedPNG], bytesRead: Int, html: String
    ) {
        let html = try String(contentsOf: site.appending(path: page), encoding: .utf8)
        var images: [String: DecodedPNG] = [:]
        let figure = try NSRegularExpression(
            pattern: ##"<img src="\.\./(previews/[0-9-]+\.png)"[^>]*><figcaption><a href="#[^"]*">([^<]*)</a>"##)
        for match in figure.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let src = String(html[Range(match.range(at: 1), in: html)!])
            let object = String(html[Range(match.range(at: 2), in: html)!])
            images[object] = try decode([UInt8](try Data(contentsOf: site.appending(path: src))))
        }
        let read = try NSRegularExpression(pattern: #"The previews read ([0-9]+) bytes"#)
        let bytes = read.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)).map {
            Int(html[Range($0.range(at: 1), in: html)!]) ?? -1
        }
        return (images, bytes ?? 0, html)
    }

    func testPreviewsDecodeAtTheirSizesWithTheImagesValues() throws {
        let folder = try temporaryFolder("thumbnails")
        let path = folder.appending(path: "imaging.nwb").path
        try writeImagingFile(path)
        let site = folder.appending(path: "site")
        let run = try InProcessCommand.nwbkit(["catalog", "--thumbnails", "--output", site.path, path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("3 previews"), run.stderr)
        let (images, bytesRead, html) = try previews(site)

        // The mean image as it is: 8 wide, 16 high, each pixel its value (whole values within 0-255 keep their brightness).
        let mean = try XCTUnwrap(images["/processing/ophys/SummaryImages/mean"])
        XCTAssertEqual([mean.width, mean.height, mean.channels], [8, 16, 1])
        for row in 0..<16 {
            for column in 0..<8 { XCTAssertEqual(mean.pixel(row: row, column: column), [UInt8(row * 8 + column)]) }
        }

        // The series' first frame only (the others are 255 throughout).
        let frame = try XCTUnwrap(images["/acquisition/movie"])
        XCTAssertEqual([frame.width, frame.height, frame.channels], [6, 4, 1])
        XCTAssertEqual(frame.samples, (0..<24).map { UInt8($0 * 10) })

        // The ROI masks in colour over the mean: ROI 0 at (1, 1) and (1, 2), ROI 1 at (10, 5), elsewhere the mean in grey.
        let overlay = try XCTUnwrap(images["/processing/ophys/ImageSegmentation/PlaneSegmentation"])
        XCTAssertEqual([overlay.width, overlay.height, overlay.channels], [8, 16, 3])
        XCTAssertEqual(overlay.pixel(row: 1, column: 1), blended(9, [31, 119, 180]))
        XCTAssertEqual(overlay.pixel(row: 1, column: 2), blended(10, [31, 119, 180]))
        XCTAssertEqual(overlay.pixel(row: 10, column: 5), blended(85, [255, 127, 14]))
        XCTAssertEqual(overlay.pixel(row: 0, column: 7), [7, 7, 7])
        XCTAssertTrue(html.contains("2 ROIs from image_mask over mean"), "the caption says what is drawn")

        // Read: the mean (1 KiB, once: the overlay reuses it), the masks (2 KiB) and the frame's one compressed chunk.
        XCTAssertGreaterThan(bytesRead, 3072)
        XCTAssertLessThan(bytesRead, 3072 + 192)
        // The index shows the first preview in its row.
        let index = try String(contentsOf: site.appending(path: "index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains(#""thumbnail":"previews/0001-1.png""#))
        // Without --thumbnails nothing beyond metadata is read and no preview is written.
        let plain = folder.appending(path: "plain")
        XCTAssertEqual(try InProcessCommand.nwbkit(["catalog", "--output", plain.path, path]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain.appending(path: "previews").path))
        XCTAssertFalse(try String(contentsOf: plain.appending(path: "files/0001.html"), encoding: .utf8).contains("Previews"))
    }

    /// A 600 × 600 float64 image (2.7 MiB, contiguous) beside the small ones, and a 512 × 512 one stored in
    /// deflated 128 × 128 chunks.
    private func writeLargeImagesFile(_ path: String) throws {
        try writeImagingFile(path) { writer in
            writer.numberDataset(
                "/processing/ophys/SummaryImages/large", shape: [600, 600], values: (0..<360_000).map { Double($0 % 600) })
            writer.neurodataType("/processing/ophys/SummaryImages/large", "GrayscaleImage")
            writer.numberDataset(
                "/processing/ophys/SummaryImages/chunked", shape: [512, 512], values: (0..<262_144).map { Double($0 / 512) },
                chunk: [128, 128], gzip: 6)
            writer.neurodataType("/processing/ophys/SummaryImages/chunked", "GrayscaleImage")
        }
    }

    func testPreviewsStayWithinTheirAllowance() throws {
        let folder = try temporaryFolder("thumbnail-bound")
        let path = folder.appending(path: "large.nwb").path
        try writeLargeImagesFile(path)
        let allowance = 1 << 20
        let site = folder.appending(path: "site")
        let run = try InProcessCommand.nwbkit(["catalog", "--thumbnails", "--thumbnail-bytes", String(allowance), "--output", site.path, path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let bounded = try previews(site)
        XCTAssertLessThanOrEqual(bounded.bytesRead, allowance)
        XCTAssertNil(bounded.images["/processing/ophys/SummaryImages/large"], "the large image is over the allowance")
        XCTAssertTrue(
            bounded.html.contains(
                "/processing/ophys/SummaryImages/large: no preview; its values need 2.7 MiB, more than the"),
            bounded.html)
        // The chunked image costs its compressed chunks (far less than its 2 MiB of values), and is drawn halved.
        let chunked = try XCTUnwrap(bounded.images["/processing/ophys/SummaryImages/chunked"])
        XCTAssertEqual([chunked.width, chunked.height], [256, 256])
        XCTAssertNotNil(bounded.images["/processing/ophys/SummaryImages/mean"])

        // With the default allowance (8 MiB) the large image is drawn, averaged down to 200 × 200.
        let wide = folder.appending(path: "wide")
        XCTAssertEqual(try InProcessCommand.nwbkit(["catalog", "--thumbnails", "--output", wide.path, path]).status, 0)
        let all = try previews(wide)
        let large = try XCTUnwrap(all.images["/processing/ophys/SummaryImages/large"])
        XCTAssertEqual([large.width, large.height], [200, 200])
        XCTAssertGreaterThan(all.bytesRead, 2_880_000)
        XCTAssertLessThanOrEqual(all.bytesRead, 8 << 20)
        // Values 0…599 along each row, stretched between their 0.5th and 99.5th percentiles: dark on the left, bright on the right.
        XCTAssertLessThan(large.pixel(row: 100, column: 0)[0], 10)
        XCTAssertGreaterThan(large.pixel(row: 100, column: 199)[0], 245)
    }

    func testRemotePreviewsFetchNoMoreThanTheAllowanceAndACachedRunFetchesNoneOfTheFile() throws {
        let folder = try temporaryFolder("thumbnail-remote")
        try writeLargeImagesFile(folder.appending(path: "large.nwb").path)
        let server = try StandInServer(root: folder)
        let url = server.url("files/large.nwb")
        let allowance = 1 << 20
        // The metadata alone, then with previews within 1 MiB: what the server sends beyond the metadata.
        XCTAssertEqual(try InProcessCommand.nwbkit(["catalog", "--output", folder.appending(path: "plain").path, url]).status, 0)
        let metadata = try server.stats().bytes
        try server.resetStats()
        let cache = folder.appending(path: "cache").path
        let site = folder.appending(path: "site").path
        let arguments = [
            "catalog", "--thumbnails", "--thumbnail-bytes", String(allowance), "--cache", cache, "--output", site, url,
        ]
        let first = try InProcessCommand.nwbkit(arguments)
        XCTAssertEqual(first.status, 0, first.stderr)
        let withPreviews = try server.stats().bytes
        let charged = try previews(URL(fileURLWithPath: site)).bytesRead
        XCTAssertLessThanOrEqual(charged, allowance)
        // The server's count includes block alignment (64 KiB blocks) around each read: within 256 KiB of what was charged.
        XCTAssertLessThanOrEqual(
            withPreviews - metadata, charged + (256 << 10), "\(withPreviews) bytes with previews, \(metadata) without")
        XCTAssertLessThan(withPreviews - metadata, 2 << 20, "the 2.7 MiB image was not fetched")
        // Again with the cache: the file is unchanged, nothing of it is fetched, and the previews are the same.
        try server.resetStats()
        let firstPNGs = try FileManager.default.contentsOfDirectory(atPath: site + "/previews").sorted().map {
            try Data(contentsOf: URL(fileURLWithPath: site + "/previews/" + $0))
        }
        let second = try InProcessCommand.nwbkit(arguments)
        XCTAssertEqual(second.status, 0, second.stderr)
        // Only the cache's one-byte request that asks the file's size and ETag.
        let again = try server.stats()
        XCTAssertEqual(again.bytes, 1)
        XCTAssertEqual(again.requests, 1)
        let secondPNGs = try FileManager.default.contentsOfDirectory(atPath: site + "/previews").sorted().map {
            try Data(contentsOf: URL(fileURLWithPath: site + "/previews/" + $0))
        }
        XCTAssertEqual(firstPNGs, secondPNGs)
        XCTAssertEqual(firstPNGs.count, 4)
    }

    func testPixelMasksAndColourImages() throws {
        let folder = try temporaryFolder("thumbnail-pixels")
        let path = folder.appending(path: "pixels.nwb").path
        try writeImagingFile(path) { writer in
            let table = "/processing/ophys/ImageSegmentation/PixelSegmentation"
            writer.group(table)
            writer.neurodataType(table, "PlaneSegmentation")
            // ROI 0 at (x 2, y 3) and (2, 4); ROI 1 at (12, 6); a weight of 0 draws nothing.
            writer.pixelMaskDataset(table + "/pixel_mask", [(2, 3, 1), (2, 4, 0.5), (12, 6, 1), (0, 0, 0)])
            writer.numberDataset(table + "/pixel_mask_index", shape: [2], values: [2, 4])
            writer.neurodataType(table + "/pixel_mask_index", "VectorIndex")
            writer.numberDataset(
                "/processing/ophys/SummaryImages/colour", shape: [2, 2, 3], values: [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30])
            writer.neurodataType("/processing/ophys/SummaryImages/colour", "RGBImage")
        }
        let site = folder.appending(path: "site")
        let run = try InProcessCommand.nwbkit(["catalog", "--thumbnails", "--output", site.path, path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let found = try previews(site)
        XCTAssertEqual(found.images.count, 5)
        // An 8-bit RGB image keeps its colours.
        let colour = try XCTUnwrap(found.images["/processing/ophys/SummaryImages/colour"])
        XCTAssertEqual([colour.width, colour.height, colour.channels], [2, 2, 3])
        XCTAssertEqual(colour.samples, [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30])
        // Pixel masks drawn over the mean image (x is the row).
        let masks = try XCTUnwrap(found.images["/processing/ophys/ImageSegmentation/PixelSegmentation"])
        XCTAssertEqual([masks.width, masks.height, masks.channels], [8, 16, 3])
        XCTAssertEqual(masks.pixel(row: 2, column: 3), blended(19, [31, 119, 180]))
        XCTAssertEqual(masks.pixel(row: 2, column: 4), blended(20, [31, 119, 180]))
        XCTAssertEqual(masks.pixel(row: 12, column: 6), blended(102, [255, 127, 14]))
        XCTAssertEqual(masks.pixel(row: 0, column: 0), [0, 0, 0])
        XCTAssertTrue(found.html.contains("2 ROIs from pixel_mask over mean"), found.html)
    }

    func testHostileImagesGetANoteNotACrash() throws {
        let folder = try temporaryFolder("thumbnail-hostile")
        let path = folder.appending(path: "hostile.nwb").path
        try writeImagingFile(path) { writer in
            // Declared 100,000 × 100,000 in chunks never written: few bytes of the file, 10^10 values.
            writer.emptyChunkedDataset("/processing/ophys/SummaryImages/vast", shape: [100_000, 100_000], chunk: [1000, 1000])
            writer.neurodataType("/processing/ophys/SummaryImages/vast", "GrayscaleImage")
            // Values no image has: NaN, infinities and the extremes of doubles.
            writer.numberDataset(
                "/processing/ophys/SummaryImages/wild", shape: [2, 3],
                values: [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0])
            writer.neurodataType("/processing/ophys/SummaryImages/wild", "GrayscaleImage")
            // An "image" of strings: refused before it is charged anything.
            writer.stringArrayDataset("/processing/ophys/SummaryImages/words", ["a", "b", "c", "d"], shape: [2, 2])
            writer.neurodataType("/processing/ophys/SummaryImages/words", "GrayscaleImage")
        }
        let site = folder.appending(path: "site")
        let run = try InProcessCommand.nwbkit(["catalog", "--thumbnails", "--output", site.path, path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let found = try previews(site)
        XCTAssertNil(found.images["/processing/ophys/SummaryImages/vast"])
        XCTAssertTrue(
            found.html.contains(
                "/processing/ophys/SummaryImages/vast: no preview; it holds 10000000000 values, more than the 16777216 a preview reads at once"
            ),
            found.html)
        XCTAssertTrue(found.html.contains("/processing/ophys/SummaryImages/words: no preview; its values are not numbers"))
        let wild = try XCTUnwrap(found.images["/processing/ophys/SummaryImages/wild"])
        XCTAssertEqual([wild.width, wild.height], [3, 2])
        // Not finite is black; the two finite extremes are the ends of the range.
        XCTAssertEqual(wild.samples[0], 0)
        XCTAssertEqual(wild.samples[1], 0)
        XCTAssertEqual(wild.samples[3], 255)
        XCTAssertEqual(wild.samples[4], 0)
    }

    func testCorpusPreviewsOfRealFiles() throws {
        guard let corpus = TestPaths.shared?.appending(path: "corpus") else { throw XCTSkip(TestPaths.sharedMissing) }
        let inputs = [
            "catalystneuro__neuroconv/nwb_test.nwb", "MetaCell__nwb-explorer/test_PlaneSegmentation.nwb",
            "matnwb/test_output.nwb",
        ].map { corpus.appending(path: $0).path }
        let site = try temporaryFolder("thumbnail-corpus").appending(path: "site")
        let run = try InProcessCommand.nwbkit(["catalog", "--thumbnails", "--output", site.path] + inputs)
        XCTAssertEqual(run.status, 0, run.stderr)
        // neuroconv's suite2p-style file: two 128 × 128 summary images and its 15 ROI masks over the mean.
        let neuroconv = try previews(site, page: "files/0001.html")
        XCTAssertEqual(
            Set(neuroconv.images.keys),
            [
                "/processing/ophys/SegmentationImages/correlation", "/processing/ophys/SegmentationImages/mean",
                "/processing/ophys/ImageSegmentation/PlaneSegmentation",
            ])
        for image in neuroconv.images.values { XCTAssertEqual([image.width, image.height], [128, 128]) }
        XCTAssertTrue(neuroconv.html.contains("15 ROIs from image_mask over mean"))
        // 128 × 128 float32 and float64 images and 15 float64 masks: 64 KiB + 128 KiB + 1,920 KiB; and its three
        // fluorescence plots: the first 2 s (20 samples at 10 Hz) of 4 of 15 ROIs, float32: 3 × 320 bytes.
        XCTAssertEqual(neuroconv.bytesRead, 65_536 + 131_072 + 1_966_080 + 3 * 320)
        XCTAssertTrue(neuroconv.html.contains("RoiResponseSeries: the first 20 of 250 samples at 10 Hz, 4 of 15 channels"))
        // nwb-explorer's test file: 2 ROIs of 5 × 5 (no image of that size to draw them over).
        let metacell = try previews(site, page: "files/0002.html")
        let masks = try XCTUnwrap(metacell.images["/processing/plane_seg_test_module/ImageSegmentation/test_plane_seg_name"])
        XCTAssertEqual([masks.width, masks.height, masks.channels], [5, 5, 3])
        // matnwb's camera: the first of 24 frames of 30 × 24 uint16.
        let matnwb = try previews(site, page: "files/0003.html")
        let frame = try XCTUnwrap(matnwb.images["/acquisition/Camera input"])
        XCTAssertEqual([frame.width, frame.height, frame.channels], [24, 30, 1])
        XCTAssertEqual(matnwb.bytesRead, 30 * 24 * 2)
        // The same site again, one file at a time, and read in this process (no worker, no open file handed
        // over): every page and image byte for byte.
        let names = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: site.path)).sorted()
        for jobs in ["1", "0"] {
            let again = site.deletingLastPathComponent().appending(path: "jobs-" + jobs)
            XCTAssertEqual(try InProcessCommand.nwbkit(["catalog", "--thumbnails", "--jobs", jobs, "--output", again.path] + inputs).status, 0)
            XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: again.path).sorted(), names)
            for name in names where name.hasSuffix(".png") || name.hasSuffix(".html") {
                XCTAssertEqual(
                    try Data(contentsOf: site.appending(path: name)), try Data(contentsOf: again.appending(path: name)),
                    "\(name), --jobs \(jobs)")
            }
        }
    }
}
