import Foundation
import NWBRendering
import HDF5TestFiles
import TestSupport
import XCTest

/// `nwbkit catalog`: a row and a page for every file, facets that count what `assets` and `types` say,
/// strings from files escaped, the folder written as a whole and never over other files.
final class CatalogCommandTests: XCTestCase {
    /// The rows of a catalog's index (the JSON its script reads).
    private func rows(_ site: URL) throws -> [[String: Any]] {
        let html = try String(contentsOf: site.appending(path: "index.html"), encoding: .utf8)
        let start = try XCTUnwrap(html.range(of: "<script type=\"application/json\" id=\"rows\">"))
        let end = try XCTUnwrap(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    private func catalog(_ inputs: [String], name: String) throws -> (URL, CommandRun) {
        let site = try temporaryFolder("catalog-" + name).appending(path: "site")
        let run = try InProcessCommand.nwbkit(["catalog", "--output", site.path] + inputs)
        return (site, run)
    }

    private func check(_ inputs: [String], name: String) throws {
        let (site, run) = try catalog(inputs, name: name)
        XCTAssertTrue(run.status == 0 || run.status == 1, run.stderr)
        let rows = try rows(site)
        // One row and one page per file `assets --per-file` reads.
        let perFile = try InProcessCommand.nwbkit(["assets", "--per-file"] + inputs).stdout.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(rows.count, perFile.count)
        for (row, asset) in zip(rows, perFile) {
            XCTAssertEqual(row["path"] as? String, asset["path"] as? String)
            let page = try XCTUnwrap(row["page"] as? String)
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.appending(path: page).path), page)
            let participant = (asset["wasAttributedTo"] as? [[String: Any]])?.first
            let species = (participant?["species"] as? [String: Any])?["name"] as? String
            if let species { XCTAssertEqual(row["species"] as? String, species) }
            let approaches = (asset["approach"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            XCTAssertEqual(row["approaches"] as? [String] ?? [], approaches)
        }
        // The dataset in words is `assets`'s assetsSummary: every count and every term's name, in its order.
        let summary = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(try InProcessCommand.nwbkit(["assets"] + inputs).stdout.utf8)) as? [String: Any])
        let index = try String(contentsOf: site.appending(path: "index.html"), encoding: .utf8)
        func line(_ label: String, _ values: [String]) -> String {
            "<tr><th>\(label)</th><td>" + values.map { "<span class=\"term\">\(escaped($0))</span>" }.joined() + "</td></tr>"
        }
        XCTAssertTrue(index.contains(line("Files", [String(summary["numberOfFiles"] as? Int ?? -1)])))
        // The size in units, with the exact count beside it.
        let bytes = summary["numberOfBytes"] as? Int ?? -1
        XCTAssertTrue(index.contains(line("Size", ["\(ByteCountText.text(bytes)) (\(bytes) bytes)"])))
        if let subjects = summary["numberOfSubjects"] as? Int {
            XCTAssertTrue(index.contains(line("Subjects", [String(subjects)])))
        }
        for (label, key) in [
            ("Species", "species"), ("Approaches", "approach"), ("Measurement techniques", "measurementTechnique"),
        ] {
            let names = (summary[key] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            if !names.isEmpty { XCTAssertTrue(index.contains(line(label, names)), label) }
        }
        let measured = summary["variableMeasured"] as? [String] ?? []
        if !measured.isEmpty { XCTAssertTrue(index.contains(line("Variables measured", measured))) }
        // The structural types are `types`'s: the same files under the same numbers.
        let types = try XCTUnwrap(
            JSONSerialization.jsonObject(
                with: Data(
                    try InProcessCommand.nwbkit(["types", "--format", "json", "--max-types", "0", "--max-files", "0"] + inputs).stdout.utf8))
                as? [String: Any])
        for type in types["types"] as? [[String: Any]] ?? [] {
            let number = try XCTUnwrap(type["number"] as? Int)
            let files = Set(type["files"] as? [String] ?? [])
            XCTAssertEqual(
                Set(rows.filter { $0["structuralType"] as? Int == number }.compactMap { $0["path"] as? String }), files)
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.appending(path: "types/\(number).html").path))
        }
    }

    /// Text as Mustache's HTML escaping writes it.
    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    func testSampleDataHasARowAndAPageForEveryFileAndFacetsAsAssetsAndTypes() throws {
        try check([TestPaths.sampleData.path], name: "sample")
    }

    func testTheCorpusCatalog() throws {
        guard let corpus = TestPaths.shared?.appending(path: "corpus") else { throw XCTSkip(TestPaths.sharedMissing) }
        try check([corpus.path], name: "corpus")
    }

    func testStringsFromFilesAreEscaped() throws {
        let folder = try temporaryFolder("catalog-hostile")
        let path = folder.appending(path: "hostile.nwb").path
        let hostile = "</script><script>alert(1)</script> </details> `tick` {{mustache}} {{{triple}}} & <b>bold</b>"
        let writer = try TestFileWriter(path: path, sessionDescription: hostile)
        let device = "/general/devices/<details><img src=x onerror=alert(2)>"
        writer.group("/general/devices")
        writer.group(device)
        writer.stringAttribute(device, "neurodata_type", "Device")
        writer.stringAttribute(device, "namespace", "core")
        writer.stringAttribute(device, "description", hostile)
        writer.close()
        let (site, run) = try catalog([path], name: "hostile")
        XCTAssertEqual(run.status, 0, run.stderr)
        for page in ["index.html", "files/0001.html", "types/1.html"] {
            let html = try String(contentsOf: site.appending(path: page), encoding: .utf8)
            XCTAssertFalse(html.contains("<script>alert"), page)
            XCTAssertFalse(html.contains("<img src=x"), page)
            XCTAssertFalse(html.contains("<b>bold"), page)
        }
        let file = try String(contentsOf: site.appending(path: "files/0001.html"), encoding: .utf8)
        XCTAssertTrue(file.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "the description shows as text")
        XCTAssertTrue(file.contains("{{mustache}} {{{triple}}}"), "braces from a file are text, never a template")
        XCTAssertTrue(file.contains("`tick`"))
        XCTAssertTrue(file.contains("&lt;details&gt;&lt;img src=x onerror=alert(2)&gt;"), "the device's name shows as text")
        // In the index the rows are JSON inside a script element: no `<` can end it.
        XCTAssertEqual(try rows(site).first?["description"] as? String, hostile)
    }

    func testFilePagesShowSmallValuesReferencesAndCompression() throws {
        let folder = try temporaryFolder("catalog-values")
        let path = folder.appending(path: "values.nwb").path
        let writer = try TestFileWriter(path: path)
        writer.group("/acquisition/series")
        writer.neurodataType("/acquisition/series", "TimeSeries")
        writer.stringAttribute("/acquisition/series", "comments", "<b>kept as text</b>")
        writer.numberDataset("/acquisition/series/data", shape: [64], values: (0..<64).map(Double.init), chunk: [16], gzip: 4)
        writer.referenceAttribute("/acquisition/series", "source", targets: ["/acquisition/series/data"])
        writer.close()
        let (site, run) = try catalog([path], name: "values")
        XCTAssertEqual(run.status, 0, run.stderr)
        let page = try String(contentsOf: site.appending(path: "files/0001.html"), encoding: .utf8)
        // The tree's data: a dataset's filters, a small value (the session description), an attribute's
        // value, and a reference with the path it names (the page's script links it).
        let start = try XCTUnwrap(page.range(of: "<script type=\"application/json\" id=\"tree\">"))
        let end = try XCTUnwrap(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let tree = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [[String: Any]])
        let names = tree.map { $0["n"] as? String ?? "" }
        let series = try XCTUnwrap(names.firstIndex(of: "series"))
        let data = try XCTUnwrap(tree.first { $0["n"] as? String == "data" && $0["p"] as? Int == series })
        XCTAssertEqual(data["f"] as? String, "gzip(4)")
        XCTAssertEqual(tree.first { $0["n"] as? String == "session_description" }?["v"] as? String, "made by a test")
        let attributes = try XCTUnwrap(tree[series]["a"] as? [[Any]])
        let comments = try XCTUnwrap(attributes.first { $0[0] as? String == "comments" })
        XCTAssertEqual(comments[3] as? String, "<b>kept as text</b>")
        let source = try XCTUnwrap(attributes.first { $0[0] as? String == "source" })
        XCTAssertEqual(source[3] as? String, "[/acquisition/series/data]", "a list of one reference, as the attribute holds it")
        XCTAssertEqual(source[4] as? String, "/acquisition/series/data")
        // In the page the data is JSON no string can leave: `<` is written \u003c.
        XCTAssertFalse(page.contains("<b>kept as text"))
        XCTAssertTrue(page.contains("\\u003cb\\u003ekept as text"))
    }

    func testTheSiteIsWrittenAsAWholeAndNeverOverOtherFiles() throws {
        let folder = try temporaryFolder("catalog-atomic")
        let site = folder.appending(path: "site")
        XCTAssertEqual(try InProcessCommand.nwbkit(["catalog", "--output", site.path, TestPaths.sample("ecephys.nwb")]).status, 0)
        // A second run replaces the first catalog (one file now two).
        XCTAssertEqual(
            try InProcessCommand.nwbkit(["catalog", "--output", site.path, TestPaths.sample("ecephys.nwb"), TestPaths.sample("ophys.nwb")]).status,
            0)
        XCTAssertEqual(try rows(site).count, 2)
        // A folder of other files is refused and left as it was.
        let other = folder.appending(path: "other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: other.appending(path: "notes.txt"))
        let refused = try InProcessCommand.nwbkit(["catalog", "--output", other.path, TestPaths.sample("ecephys.nwb")])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("the folder holds notes.txt, which no catalog wrote"), refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: other.path), ["notes.txt"])
        // A site folder that holds an input is refused (replacing it would delete the input).
        let inside = site.appending(path: "ecephys.nwb")
        try FileManager.default.copyItem(atPath: TestPaths.sample("ecephys.nwb"), toPath: inside.path)
        let holdsInput = try InProcessCommand.nwbkit(["catalog", "--output", site.path, inside.path])
        XCTAssertEqual(holdsInput.status, 2)
        XCTAssertTrue(holdsInput.stderr.contains("holds an input"), holdsInput.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: inside.path))
        try FileManager.default.removeItem(at: inside)
        // No temporary folders are left beside the site.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["other", "site"])
        // Users' templates replace the bundled ones.
        let templates = folder.appending(path: "templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("<p>{{fileCount}} files called {{title}}</p>".utf8).write(
            to: templates.appending(path: "catalog-index.html.mustache"))
        XCTAssertEqual(
            try InProcessCommand.nwbkit([
                "catalog", "--output", site.path, "--title", "<Mine>", "--templates", templates.path,
                TestPaths.sample("ophys.nwb"),
            ]).status, 0)
        XCTAssertEqual(
            try String(contentsOf: site.appending(path: "index.html"), encoding: .utf8), "<p>1 files called &lt;Mine&gt;</p>")
    }

    /// `--checks`: each row's status is the most important finding `check --no-data-checks` reports for the
    /// file (or `passed`), and the findings are on its page.
    func testChecksGiveEachFileItsStatusAndFindings() throws {
        // With the data checks (read through the file each worker summarized), and without them; with the
        // corpus, two of its files where the data checks find what the others do not.
        let corpus = TestPaths.shared?.appending(path: "corpus")
        let found = ["dandi-cli/sub-anm369963_ses-20170228.nwb", "matnwb/ecephys_tutorial.nwb"].compactMap {
            corpus?.appending(path: $0).path
        }
        try checkStatuses(dataChecks: true, inputs: [TestPaths.sampleData.path] + found)
        try checkStatuses(dataChecks: false, inputs: [TestPaths.sampleData.path] + found)
    }

    /// Every file's status and findings as `nwbkit check` reports them.
    private func checkStatuses(dataChecks: Bool, inputs: [String]) throws {
        let site = try temporaryFolder("catalog-checks").appending(path: "site")
        let noData = dataChecks ? [] : ["--no-data-checks"]
        let run = try InProcessCommand.nwbkit(["catalog", "--checks", "--output", site.path] + noData + inputs)
        XCTAssertTrue(run.status == 0 || run.status == 1, run.stderr)
        let report = try XCTUnwrap(
            JSONSerialization.jsonObject(
                with: Data(try InProcessCommand.nwbkit(["check", "--format", "json"] + noData + inputs).stdout.utf8))
                as? [String: Any])
        var messages: [String: Set<String>] = [:]
        for finding in report["findings"] as? [[String: Any]] ?? [] {
            messages[finding["file"] as? String ?? "", default: []].insert(finding["message"] as? String ?? "")
        }
        let levels = ["BEST_PRACTICE_SUGGESTION", "BEST_PRACTICE_VIOLATION", "CRITICAL"]
        var worst: [String: String] = [:]
        for finding in report["findings"] as? [[String: Any]] ?? [] {
            let file = try XCTUnwrap(finding["file"] as? String)
            let importance = try XCTUnwrap(finding["importance"] as? String)
            if (levels.firstIndex(of: importance) ?? 0) >= (worst[file].flatMap { levels.firstIndex(of: $0) } ?? -1) {
                worst[file] = importance
            }
        }
        let rows = try rows(site)
        XCTAssertEqual(rows.count, 5 + inputs.count - 1)
        for row in rows {
            let path = try XCTUnwrap(row["path"] as? String)
            XCTAssertEqual(row["checks"] as? String, worst[path] ?? "passed", path)
            let page = try String(contentsOf: site.appending(path: try XCTUnwrap(row["page"] as? String)), encoding: .utf8)
            XCTAssertTrue(page.contains("<h2>Checks</h2>"))
            // Grouped by importance, the worst first, each group counted.
            if let level = worst[path] {
                XCTAssertTrue(page.contains("<summary><span class=\"level\">\(level)</span> "), path)
                let first = try XCTUnwrap(page.range(of: "<span class=\"level\">"), path)
                XCTAssertTrue(page[first.upperBound...].hasPrefix(level + "</span>"), "\(path): the worst group comes first")
            }
            for message in messages[path] ?? [] { XCTAssertTrue(page.contains(escaped(message)), "\(path): \(message)") }
        }
        // What the data checks could not finish within --data-bytes is on the file's page, as check reports it.
        let starved = try temporaryFolder("catalog-starved").appending(path: "site")
        XCTAssertLessThanOrEqual(
            try InProcessCommand.nwbkit(["catalog", "--checks", "--data-bytes", "0", "--output", starved.path] + inputs).status, 1)
        let starvedReport = try XCTUnwrap(
            JSONSerialization.jsonObject(
                with: Data(try InProcessCommand.nwbkit(["check", "--format", "json", "--data-bytes", "0"] + inputs).stdout.utf8))
                as? [String: Any])
        let notes = starvedReport["notes"] as? [[String: Any]] ?? []
        XCTAssertFalse(notes.isEmpty)
        let pages = Dictionary(
            uniqueKeysWithValues: try self.rows(starved).map { ($0["path"] as? String ?? "", $0["page"] as? String ?? "") })
        for note in notes {
            let page = try String(
                contentsOf: starved.appending(path: try XCTUnwrap(pages[note["file"] as? String ?? ""])), encoding: .utf8)
            let line = "\(note["check"] ?? "") at \(note["location"] ?? "") not completed: \(note["reason"] ?? "")"
            XCTAssertTrue(page.contains(line.replacingOccurrences(of: "'", with: "&#39;")), line)
        }
        // Without --checks there is no status.
        let (plain, _) = try catalog(inputs, name: "no-checks")
        XCTAssertTrue(try self.rows(plain).allSatisfy { $0["checks"] == nil || $0["checks"] is NSNull })
    }
}
