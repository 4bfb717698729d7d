import Foundation
import HDF5
import TestSupport
import XCTest

@testable import NWBKit

/// Real files written by other software (`../shared/corpus`), against the reference tools' outputs.
final class CorpusTests: XCTestCase {
    nonisolated(unsafe) private static var cache: [String: Result<FileSummary, SummaryError>] = [:]

    private func corpus() throws -> (URL, [String]) {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let files = TestPaths.corpusFiles()
        XCTAssertGreaterThanOrEqual(files.count, 100, "the corpus should hold its 132 files")
        return (shared.appending(path: "corpus"), files)
    }

    private func summary(_ relative: String, in corpus: URL) -> Result<FileSummary, SummaryError> {
        if let cached = Self.cache[relative] { return cached }
        let result = Result { () throws(SummaryError) in try FileSummarizer.summarize(corpus.appending(path: relative).path) }
        Self.cache[relative] = result
        return result
    }

    func testEveryCorpusFileIsSummarizedWithoutError() throws {
        let (corpus, files) = try corpus()
        var failures: [String] = []
        for file in files {
            switch summary(file, in: corpus) {
            case .success(let summary):
                if !summary.problems.isEmpty { failures.append("\(file): problems \(summary.problems)") }
                if summary.nwbVersion == nil { failures.append("\(file): no NWB version found") }
            case .failure(let error): failures.append(error.description)
            }
        }
        XCTAssertEqual(failures, [])
    }

    /// The DANDI-style lines equal the original generator's (via lindi) byte for byte.
    func testStructureLinesEqualReferenceSummaries() throws {
        let (corpus, files) = try corpus()
        var compared = 0
        var mismatches: [String] = []
        for file in files {
            guard let url = TestPaths.reference(for: file, suffix: "summary.txt"),
                let reference = try? String(contentsOf: url, encoding: .utf8), !reference.isEmpty,
                case .success(let summary) = summary(file, in: corpus)
            else { continue }
            compared += 1
            let ours = summary.structureLines.joined(separator: "\n") + "\n"
            if ours != reference {
                let theirs = reference.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let first = zip(summary.structureLines, theirs).enumerated().first { $0.element.0 != $0.element.1 }
                mismatches.append(
                    "\(file): first difference at line \((first?.offset ?? 0) + 1): ours \(first?.element.0 ?? "(end)") | reference \(first?.element.1 ?? "(end)")"
                )
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 120)
        XCTAssertEqual(mismatches, [])
    }

    /// Kinds, shapes, maxshapes, dtypes, chunks, compression, link targets and neurodata types equal h5py's view.
    func testObjectsEqualH5pyReference() throws {
        let (corpus, files) = try corpus()
        var mismatches: [String] = []
        var compared = 0
        for file in files {
            guard let url = TestPaths.reference(for: file, suffix: "objects.json"),
                let text = try? String(contentsOf: url, encoding: .utf8),
                // Python's json writes NaN bare; JSON has no such token.
                let reference = try JSONSerialization.jsonObject(
                    with: Data(text.replacingOccurrences(of: ": NaN", with: ": null").utf8)) as? [[String: Any]],
                case .success(let summary) = summary(file, in: corpus)
            else { continue }
            compared += 1
            let ours = Dictionary(summary.objects.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            let theirsPaths = Set(reference.compactMap { $0["path"] as? String })
            let extra = Set(ours.keys).subtracting(theirsPaths)
            if !extra.isEmpty { mismatches.append("\(file): paths h5py does not list: \(extra.sorted().prefix(3))") }
            for object in reference {
                guard let path = object["path"] as? String else { continue }
                guard var entry = ours[path] else {
                    mismatches.append("\(file): \(path) missing")
                    continue
                }
                if entry.kind == "hard_link", let target = entry.target, let canonical = ours[target] {
                    entry = canonical  // h5py sees a second hard link as the object itself
                }
                let difference = Self.compare(entry, object)
                if let difference { mismatches.append("\(file): \(path): \(difference)") }
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 130)
        XCTAssertEqual(Array(mismatches.prefix(40)), [], "\(mismatches.count) mismatches")
    }

    static func compare(_ entry: ObjectEntry, _ object: [String: Any]) -> String? {
        let kind = object["kind"] as? String ?? ""
        if kind != entry.kind { return "kind \(entry.kind) vs \(kind)" }
        switch kind {
        case "soft_link":
            if entry.target != object["target"] as? String {
                return "target \(entry.target ?? "nil") vs \(object["target"] ?? "nil")"
            }
        case "external_link":
            if entry.target != object["target"] as? String || entry.targetFile != object["file"] as? String {
                return "external \(entry.targetFile ?? ""):\(entry.target ?? "")"
            }
        case "dataset":
            let shape = object["shape"] as? [Int] ?? []
            if entry.shape != shape { return "shape \(entry.shape ?? []) vs \(shape)" }
            if entry.dtype != object["dtype"] as? String { return "dtype \(entry.dtype ?? "nil") vs \(object["dtype"] ?? "nil")" }
            if let maxShape = object["maxshape"] as? [Int] {
                let ours = (entry.maxShape ?? []).map { $0 ?? -1 }
                if ours != maxShape { return "maxshape \(ours) vs \(maxShape)" }
            }
            let chunks = object["chunks"] as? [Int]
            if entry.chunks != chunks { return "chunks \(entry.chunks ?? []) vs \(chunks ?? [])" }
            let gzip = (object["compression"] as? String) == "gzip"
            if gzip != (entry.filters ?? []).contains(where: { $0.id == 1 }) { return "compression differs" }
        default:
            break
        }
        let attributes = object["attributes"] as? [String: Any] ?? [:]
        if let type = attributes["neurodata_type"] {
            let theirs = (type as? String) ?? (type as? [String])?.first
            if theirs != entry.neurodataType { return "neurodata_type \(entry.neurodataType ?? "nil") vs \(theirs ?? "nil")" }
        }
        if kind == "group" || kind == "dataset" {
            let names = Set(attributes.keys)
            let ours = Set((entry.attributes ?? []).map(\.name))
            if names != ours { return "attribute names \(ours.sorted()) vs \(names.sorted())" }
        }
        return nil
    }

    /// Every file of `hdf5-edge` gets an answer: a summary or one typed error. None crashes or hangs the run.
    func testEveryEdgeCaseFileGetsAClearAnswer() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let files = TestPaths.edgeFiles()
        XCTAssertGreaterThan(files.count, 50)
        var answered = 0
        for file in files {
            let path = shared.appending(path: "hdf5-edge/" + file).path
            do {
                let summary = try FileSummarizer.summarize(path)
                XCTAssertFalse(summary.objects.isEmpty, file)
                answered += 1
            } catch {
                XCTAssertFalse(error.reason.isEmpty, file)
                XCTAssertFalse(error.description.contains("\n"), "one line per failure: \(error.description)")
                answered += 1
            }
        }
        XCTAssertEqual(answered, files.count)
    }

    /// The root-only check that refuses a non-NWB HDF5 file before its walk agrees with the full
    /// interpretation on every edge-case file libhdf5 opens (and every corpus file passes it: see
    /// `testEveryCorpusFileIsSummarizedWithoutError`, which goes through it).
    func testRefusingNonNWBFilesEarlyAgreesWithTheWholeWalk() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        var refusedEarly: [String] = []
        for file in TestPaths.edgeFiles() {
            let path = shared.appending(path: "hdf5-edge/" + file).path
            guard File.isHDF5(path), let opened = try? File.open(path) else { continue }
            guard FileSummarizer.isCertainlyNotNWB(opened) else { continue }
            refusedEarly.append(file)
            guard let tree = try? TreeWalker.walk(opened, limits: .standard, values: .metadata) else { continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            XCTAssertThrowsError(try FileSummarizer.summarize(tree: tree, path: path, fileSize: size), file) { error in
                XCTAssertEqual(error as? SummaryError, .notNWB(path: path), file)
            }
        }
        XCTAssertFalse(refusedEarly.isEmpty, "the edge cases hold HDF5 files that are not NWB")
    }
}
