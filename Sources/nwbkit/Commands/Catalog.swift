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
        let checkRequest = CheckRequest(dataChecks: !noDataChecks, dataBytes: dataBytes)
        var checkOptions = try CheckOptions(checkRequest)
        checkOptions.remote = reader.remoteOptions
        var collection = CatalogCollection(withPreviews: thumbnails, checks: checks ? checkOptions : nil)
        let product = try FileProduct.catalog(
            thumbnailBytes: thumbnails ? thumbnailBytes : nil, checks: checks ? checkRequest : nil,
            remote: reader.remoteOptions)
        let failures = try reader.eachProduct(product) { _, file in collection.add(file) }
        let site = collection.site(title: title ?? input.paths.joined(separator: ", "))
        let images = collection.images
        let written = Result { () throws(SiteFolder.Failure) in
            try SiteFolder.write(to: output) { writer in
                try site.write(templates: loaded, to: writer)
                for image in images { try writer.add(image.path, image.bytes) }
            }
        }
        if case .failure(let failure) = written {
            Diagnostics.error(failure.description)
            throw ExitCode(2)
        }
        if !input.quiet {
            let drawn = thumbnails ? ", \(images.count) previews" : ""
            Diagnostics.note("\(collection.count) files, \(site.types.count) types\(drawn): \(output)/index.html")
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
