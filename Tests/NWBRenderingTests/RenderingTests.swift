import TestSupport
import XCTest

@testable import NWBCatalogs
@testable import NWBJSON
@testable import NWBKit
@testable import NWBRendering
@testable import NWBRunner

final class RenderingTests: XCTestCase {
    private func summary(_ name: String) throws -> FileSummary {
        try FileSummarizer.summarize(TestPaths.sample(name))
    }

    func testJSONIsByteIdenticalAcrossRunsAndRoundTrips() throws {
        let first = try JSONRendering.pretty(SummaryDocument(summaries: [try summary("ecephys.nwb")], failures: []))
        let second = try JSONRendering.pretty(SummaryDocument(summaries: [try summary("ecephys.nwb")], failures: []))
        XCTAssertEqual(first, second)
        let decoded = try JSONDecoder().decode(SummaryDocument.self, from: Data(first.utf8))
        XCTAssertEqual(decoded.summaries.first?.electrodes?.rows, 8)
        XCTAssertEqual(try JSONRendering.pretty(decoded), first, "decoding and encoding again gives the same text")
    }

    func testFastEncoderParsesToTheSameValueAsFoundations() throws {
        for name in ["ophys.nwb", "ecephys.nwb", "icephys.nwb", "behavior.nwb", "images.nwb"] {
            let summary = try summary(name)
            let fast = try JSONRendering.prettyData(summary)
            let foundation = try JSONEncoder().encode(summary)
            let ours = try JSONSerialization.jsonObject(with: fast) as? NSDictionary
            let theirs = try JSONSerialization.jsonObject(with: foundation) as? NSDictionary
            XCTAssertEqual(ours, theirs, name)
        }
        let tricky = ["quote\"back\\slash/", "line\nfeed\u{01}", "µ and 😀"]
        let text = String(decoding: try FastJSONEncoder(prettyPrinted: false).encode(tricky), as: UTF8.self)
        XCTAssertEqual(text, #"["quote\"back\\slash/","line\nfeed\u0001","µ and 😀"]"#)
        XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(text.utf8)), tricky)
    }

    /// Hides a value's type from the encoder's direct writers, so it goes through its Codable conformance.
    private struct ThroughCodable<T: Encodable>: Encodable {
        let value: T
        func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    }

    func testDirectWritersGiveTheSameBytesAsTheCodablePath() throws {
        let encoder = FastJSONEncoder(prettyPrinted: true)
        var containers = 0
        for name in ["ophys.nwb", "ecephys.nwb", "icephys.nwb", "behavior.nwb", "images.nwb"] {
            let summary = try summary(name)
            let lists = [summary.structureLines, summary.signature, [], ["quote\"back\\slash/", "line\nfeed\u{01}"]]
            for compact in [false, true] {
                let encoder = FastJSONEncoder(prettyPrinted: !compact)
                for lines in lists {
                    XCTAssertEqual(try encoder.encode(lines), try encoder.encode(ThroughCodable(value: lines)), name)
                }
                let entries = summary.acquisition + summary.stimulus + summary.processing.flatMap(\.contents)
                containers += entries.count
                XCTAssertEqual(try encoder.encode(entries), try encoder.encode(entries.map { ThroughCodable(value: $0) }), name)
                XCTAssertEqual(try encoder.encode([ContainerEntry]()), try encoder.encode([ThroughCodable<ContainerEntry>]()))
            }
            for entry in summary.objects {
                XCTAssertEqual(try encoder.encode(entry), try encoder.encode(ThroughCodable(value: entry)), entry.path)
                for attribute in entry.attributes ?? [] {
                    XCTAssertEqual(
                        try encoder.encode(attribute), try encoder.encode(ThroughCodable(value: attribute)), attribute.name)
                }
            }
        }
        XCTAssertGreaterThan(containers, 10)
    }

    func testFastDecoderReadsBackWhatTheEncoderWrote() throws {
        for name in ["ophys.nwb", "ecephys.nwb", "icephys.nwb", "behavior.nwb", "images.nwb"] {
            let original = try JSONRendering.lineData(try summary(name))
            let decoded = try FastJSONDecoder().decode(FileSummary.self, from: [UInt8](original))
            XCTAssertEqual(try JSONRendering.lineData(decoded), original, name)
            XCTAssertEqual(decoded.roiTables, try summary(name).roiTables)
            XCTAssertEqual(decoded.session, try summary(name).session)
        }
        XCTAssertThrowsError(try FastJSONDecoder().decode(FileSummary.self, from: Array("{\"path\": 3}".utf8)))
        // Objects and attributes are read directly (not through `Decoder`): malformed ones still throw.
        let line = String(decoding: try JSONRendering.lineData(try summary("ophys.nwb")), as: UTF8.self)
        for (good, bad) in [
            ("\"kind\":\"group\"", "\"kind\":7"), ("\"kind\":\"group\"", "\"kinds\":\"group\""),
            ("\"storedBytes\":", "\"storedBytes\":\"x\",\"s\":"), ("\"dtype\":\"object\"", "\"dtype\":[]"),
            ("\"shape\":[]", "\"shape\":[\"a\"]"), ("\"attributes\":[{", "\"attributes\":[7,{"),
        ] {
            XCTAssertTrue(line.contains(good), good)
            let broken = Array(line.replacingOccurrences(of: good, with: bad).utf8)
            XCTAssertThrowsError(try FastJSONDecoder().decode(FileSummary.self, from: broken), bad)
        }
    }

    /// Every corpus file's summary reads back equal to itself (what workers, --cache and merges rely on).
    func testCorpusSummariesReadBackEqual() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        var checked = 0
        for file in TestPaths.corpusFiles() {
            guard let original = try? FileSummarizer.summarize(shared.appending(path: "corpus/" + file).path) else { continue }
            // Compared as written: a whole-number float reads back as an integer (JSON does not tell them apart).
            let line = try JSONRendering.lineData(original)
            let decoded = try FastJSONDecoder().decode(FileSummary.self, from: [UInt8](line))
            XCTAssertTrue(try JSONRendering.lineData(decoded) == line, file)
            XCTAssertEqual(decoded.objects.map(\.path), original.objects.map(\.path), file)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// Long strings full of escapes (a rendered text is sent from a worker as one JSON string) read back
    /// whole: newlines, quotes, control characters, `\u` escapes with surrogate pairs, invalid UTF-8 repaired.
    func testLongStringsWithEscapesReadBackExactly() throws {
        let line = "== /data/file.nwb ==\n\tgroup \"a\\b\" é 🧠 \u{01}\u{1F}\r"
        let text = String(repeating: line, count: 20_000)
        let encoded = try FastJSONEncoder(prettyPrinted: false).encode(text)
        XCTAssertEqual(try FastJSONDecoder().decode(String.self, from: encoded), text)
        let escaped = Array(#""A\u00e9\ud83e\udde0\n\/x""#.utf8)
        XCTAssertEqual(try FastJSONDecoder().decode(String.self, from: escaped), "Aé🧠\n/x")
        let invalid: [UInt8] = [0x22, 0x61, 0xFF, 0x5C, 0x6E, 0x62, 0x22]
        XCTAssertEqual(try FastJSONDecoder().decode(String.self, from: invalid), "a\u{FFFD}\nb")
    }

    func testReindentedCompactJSONEqualsThePrettyEncoding() throws {
        let summaries = try ["ophys.nwb", "ecephys.nwb", "icephys.nwb"].map(summary)
        let failures = [SummaryDocument.Failure(path: "x \"quoted\", {braces}: [1]", error: "not an HDF5 file")]
        let bodies = try summaries.map { try FastJSONEncoder(prettyPrinted: false).encode($0) }
        let fromBodies = try SummaryDocument.prettyDocument(summaryBodies: bodies, failures: failures)
        let fromModels = try JSONRendering.prettyData(SummaryDocument(summaries: summaries, failures: failures))
        XCTAssertEqual(Data(fromBodies), fromModels)
        XCTAssertEqual(
            Data(try SummaryDocument.prettyDocument(summaryBodies: [], failures: [])),
            try JSONRendering.prettyData(SummaryDocument(summaries: [], failures: [])))
        // Written piece by piece (what `summarize --format json` does): the same bytes, with and without failures.
        for (someBodies, someFailures) in [(bodies, failures), (bodies, []), ([], failures), ([], [])] {
            var streamed: [UInt8] = []
            try SummaryDocument.writePrettyDocument(summaryBodies: someBodies, failures: someFailures) { streamed += $0 }
            XCTAssertEqual(streamed, try SummaryDocument.prettyDocument(summaryBodies: someBodies, failures: someFailures))
        }
        var small: [UInt8] = []
        JSONReindent.pretty(bodies[0], depth: 0, chunkSize: 7) { small += $0 }
        XCTAssertEqual(small, JSONReindent.pretty(bodies[0]))
    }

    func testReindentKeepsStringsWithEscapesWhole() throws {
        // Quotes, backslashes and structural characters inside strings, backslashes just before a closing quote.
        let texts = ["a\\", "\\\"", "x\"y", "{[,:]}", "\\\\\"{", "", "end\\\\", "\u{01}\n\t"]
        let value: [String: JSONValue] = [
            "list": .array(texts.map { .string($0) }), "nested": .object(["k\"{": .array([]), "z": .object([:])]),
            "n": .integer(-12), "f": .number(0.5), "t": .bool(true), "none": .null,
        ]
        let compact = try FastJSONEncoder(prettyPrinted: false).encode(value)
        XCTAssertEqual(JSONReindent.pretty(compact), try FastJSONEncoder(prettyPrinted: true).encode(value))
        for chunkSize in [1, 3, 64] {
            var pieces: [UInt8] = []
            JSONReindent.pretty(compact, depth: 0, chunkSize: chunkSize) { pieces += $0 }
            XCTAssertEqual(pieces, JSONReindent.pretty(compact))
        }
        // Cut short (not what workers send, but it must not trap): the rest is copied as it is.
        _ = JSONReindent.pretty(Array(compact.prefix(compact.count / 2)) + Array("\"ab\\".utf8))
    }

    func testJSONKeysAreSorted() throws {
        let text = try JSONRendering.pretty(try summary("ophys.nwb"))
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        XCTAssertEqual(topKeys, topKeys.sorted())
        XCTAssertTrue(topKeys.contains("imagingPlanes"))
    }

    func testJSONLinesAreOneLineEach() throws {
        let line = try JSONRendering.line(try summary("behavior.nwb"))
        XCTAssertEqual(line.filter { $0 == "\n" }.count, 1)
        XCTAssertTrue(line.hasSuffix("}\n"))
    }

    func testTextStartsWithDandiLinesThenFacts() throws {
        let summary = try summary("ophys.nwb")
        let text = TextRendering.render(summary)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "== \(summary.path) ==")
        XCTAssertEqual(Array(lines[1...summary.structureLines.count]), summary.structureLines)
        XCTAssertEqual(lines[summary.structureLines.count + 1], "")
        XCTAssertTrue(text.contains("ImagingPlane: indicator GCaMP6f, location VISp, excitation 920 nm, 30 Hz"))
        XCTAssertTrue(text.contains("12 ROIs, pixel masks"))
    }

    func testBundledMarkdownTemplateRendersTheFacts() throws {
        let template = try DocumentTemplate.bundled("file-summary.md")
        let markdown = try template.render(try summary("ophys.nwb"))
        XCTAssertTrue(markdown.contains("| ImagingPlane | GCaMP6f | VISp | 920 | 30 | /general/devices/Microscope |"), markdown)
        XCTAssertTrue(markdown.contains("| `/processing/ophys/ImageSegmentation/PlaneSegmentation` | 12 | pixel |"))
        XCTAssertTrue(markdown.contains("### Subject"))
        XCTAssertFalse(markdown.contains("&"), "text templates must not HTML-escape")
    }

    func testEmbeddedTemplatesEqualTheFilesInTemplatesFolder() throws {
        let folder = TestPaths.packageRoot.appending(path: "Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let text = try String(contentsOf: folder.appending(path: name), encoding: .utf8)
            XCTAssertEqual(EmbeddedTemplates.all[String(name.dropLast(".mustache".count))], text, name)
        }
    }

    func testBrokenTemplateNamesTheLine() {
        XCTAssertThrowsError(try DocumentTemplate(text: "line one\n{{#section}}\nno end\n", source: "mine.mustache")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("mine.mustache:"), message)
            guard case .syntax(_, let line, _, _, _)? = error as? DocumentTemplate.LoadError else { return XCTFail(message) }
            XCTAssertGreaterThan(line, 0)
        }
        XCTAssertThrowsError(try DocumentTemplate.bundled("nope")) { error in
            XCTAssertTrue("\(error)".contains("file-summary.md"))
        }
    }
}

/// Workers take the largest files first (outcomes are still reported in input order).
final class ReadingOrderTests: XCTestCase {
    func testLargestFilesAreReadFirstWithSeveralWorkers() {
        let names = ["behavior.nwb", "ecephys.nwb", "icephys.nwb", "images.nwb", "ophys.nwb", "ecephys.nwb"]
        let items = names.map { FileDiscovery.Item.file(TestPaths.sample($0)) }
        let size = { (index: Int) -> Int in
            (try? FileManager.default.attributesOfItem(atPath: TestPaths.sample(names[index]))[.size] as? Int) ?? 0
        }
        // A stack: the last is taken first.
        let taken = Array(ParallelSummaryRun.readingOrder(Array(items.indices), items: items, jobs: 2).reversed())
        XCTAssertEqual(taken.map(size), taken.map(size).sorted(by: >), "largest first")
        XCTAssertEqual(taken.filter { names[$0] == "ecephys.nwb" }, [1, 5], "equal sizes keep their input order")
        let single = Array(ParallelSummaryRun.readingOrder(Array(items.indices), items: items, jobs: 1).reversed())
        XCTAssertEqual(single, Array(items.indices), "one worker reads in input order")
    }
}

/// Sizes as a person reads them (the catalog's index formats alike in its script).
final class ByteCountTextTests: XCTestCase {
    func testSizesReadInDecimalUnitsWithThreeDigits() {
        XCTAssertEqual(ByteCountText.text(0), "0 bytes")
        XCTAssertEqual(ByteCountText.text(1), "1 byte")
        XCTAssertEqual(ByteCountText.text(999), "999 bytes")
        XCTAssertEqual(ByteCountText.text(1000), "1.00 kB")
        XCTAssertEqual(ByteCountText.text(289_288), "289 kB")
        XCTAssertEqual(ByteCountText.text(2_394_856), "2.39 MB")
        XCTAssertEqual(ByteCountText.text(56_075_215), "56.1 MB")
        XCTAssertEqual(ByteCountText.text(999_999), "1.00 MB", "rounding up crosses into the next unit")
        XCTAssertEqual(ByteCountText.text(140_512_345_678), "141 GB")
    }
}
