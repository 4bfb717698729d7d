import ArgumentParser
import Foundation
import NWBCheck
import NWBKit
import NWBRendering

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
            "Run the best-practice checks on each file (from its metadata and small values; no data checks): a check-status column and facet, and the findings on each file's page."
    )
    var checks = false

    @Option(help: "A folder with your own catalog-index.html.mustache, catalog-file.html.mustache or catalog-type.html.mustache.")
    var templates: String?

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
        var checkOptions = CheckOptions()
        checkOptions.dataChecks = false
        checkOptions.remote = reader.summaryOptions.remote
        var run = CheckRun(options: checkOptions)
        let failures = try reader.eachSummary { summary in
            summaries.append(summary)
            guard checks else { return }
            let found = run.record(path: summary.path, FileCheck(summary: summary, options: checkOptions))
            findings.append(
                found.map {
                    CatalogSite.FindingLine(
                        importance: $0.importance.description, check: $0.check, message: $0.message, location: $0.location,
                        rank: $0.importance.rawValue)
                })
        }
        let site = CatalogSite(
            title: title ?? input.paths.joined(separator: ", "), summaries: summaries, findings: checks ? findings : nil)
        do {
            try SiteFolder.write(try site.pages(templates: loaded), to: output)
        } catch let failure as SiteFolder.Failure {
            Diagnostics.error(failure.description)
            throw ExitCode(2)
        }
        if !input.quiet {
            Diagnostics.note("\(summaries.count) files, \(site.types.count) types: \(output)/index.html")
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
