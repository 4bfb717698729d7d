import ArgumentParser
import Foundation
import NWBCheck
import NWBKit
import NWBPreviews
import NWBRendering
import NWBRunner

/// `nwbkit catalog PATH… --output DIR`: a static, offline HTML catalog of the files.
struct Catalog: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write a static, offline HTML catalog of NWB files: an index to search and filter, a page per file and per type.",
        discussion: """
            DIR/index.html lists every file (sortable columns, a search box, facets with counts; the filter \
            lives in the URL fragment), with a page per file (facts and object tree) and per structural type. \
            It works from file:// with the network off. Pages come from Templates/catalog-*.html.mustache; \
            --templates DIR replaces any of them. See Documentation/Catalog.md.
            """)

    @OptionGroup var input: InputOptions

    @Option(help: "The folder of the site (written as a whole, atomically; an earlier catalog there is replaced).")
    var output: String

    @Option(help: "The catalog's title (default: the paths given).")
    var title: String?

    @Flag(
        help:
            "Run the best-practice checks on each file, as `nwbkit check` does: a check-status column and facet, and the findings on each file's page."
    )
    var checks = false

    @Flag(help: "With --checks: skip the checks that read data values (as `nwbkit check --no-data-checks`).")
    var noDataChecks = false

    @Option(
        help: ArgumentHelp(
            "With --checks: the bytes of values the data checks may read per file (default 16 MiB).", valueName: "bytes"))
    var dataBytes: Int = CheckDataReader.defaultAllowance

    @Flag(
        help:
            "Draw small PNG previews of each file's summary images, ROI masks and first image-series frames, reading at most --thumbnail-bytes of values per file."
    )
    var thumbnails = false

    @Option(
        help: ArgumentHelp(
            "With --thumbnails: the bytes of the file one file's previews may read (default 8 MiB).", valueName: "bytes"))
    var thumbnailBytes: Int = PreviewOptions.defaultAllowance

    @Option(help: "A folder with your own catalog-index.html.mustache, catalog-file.html.mustache or catalog-type.html.mustache.")
    var templates: String?

    func validate() throws {
        if thumbnailBytes < 0 { throw ValidationError("--thumbnail-bytes must be 0 or more") }
        if dataBytes < 0 { throw ValidationError("--data-bytes must be 0 or more") }
    }

    func run() throws {
        if let conflict = SiteFolder.conflict(folder: output, inputs: input.paths) {
            Diagnostics.error(conflict)
            throw ExitCode(2)
        }
        let loaded: CatalogSite.Templates
        do { loaded = try CatalogSite.Templates.load(overrides: templates) } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        let reader = input.resolvedReader()
        var summaries: [FileSummary] = []
        var findings: [[CatalogSite.FindingLine]] = []
        var checkNotes: [[String]] = []
        var previews: [CatalogSite.PreviewSection] = []
        var images: [(path: String, bytes: [UInt8])] = []
        var checkOptions = CheckOptions()
        checkOptions.dataChecks = !noDataChecks
        checkOptions.dataAllowance = dataBytes
        checkOptions.remote = reader.summaryOptions.remote
        var run = CheckRun(options: checkOptions)
        let product = FileProduct.catalog(
            previews: thumbnails ? PreviewOptions(allowance: thumbnailBytes) : nil, checks: checks ? checkOptions : nil,
            remote: reader.summaryOptions.remote)
        let failures = try reader.eachProduct(product) { _, file in
            let summary = file.summary
            summaries.append(summary)
            if let made = file.previews {
                let number = summaries.count
                let thumbnails = made.previews.enumerated().map { position, preview in
                    let path = String(format: "previews/%04d-%d.png", number, position + 1)
                    images.append((path, preview.png))
                    return CatalogSite.Thumbnail(
                        src: path, caption: preview.caption, width: preview.width, height: preview.height,
                        kind: preview.kind.rawValue, object: preview.object)
                }
                previews.append(
                    CatalogSite.PreviewSection(
                        thumbnails: thumbnails, notes: made.notes, bytesRead: made.bytesRead, allowance: made.allowance))
            }
            guard checks else { return }
            let found = file.check.map { run.record(path: summary.path, $0) } ?? []
            checkNotes.append(
                (file.check?.notes ?? []).sorted(by: CheckNote.reportOrder).map {
                    "\($0.check) at \($0.location) not completed: \($0.reason)"
                })
            findings.append(
                found.map {
                    CatalogSite.FindingLine(
                        importance: $0.importance.description, check: $0.check, message: $0.message, location: $0.location,
                        rank: $0.importance.rawValue)
                })
        }
        let site = CatalogSite(
            title: title ?? input.paths.joined(separator: ", "), summaries: summaries, findings: checks ? findings : nil,
            checkNotes: checks ? checkNotes : nil, previews: thumbnails ? previews : nil)
        do {
            try SiteFolder.write(try site.pages(templates: loaded), files: images, to: output)
        } catch let failure as SiteFolder.Failure {
            Diagnostics.error(failure.description)
            throw ExitCode(2)
        }
        if !input.quiet {
            let drawn = thumbnails ? ", \(images.count) previews" : ""
            Diagnostics.note("\(summaries.count) files, \(site.types.count) types\(drawn): \(output)/index.html")
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
