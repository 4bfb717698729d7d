import Foundation
import HDF5
import NWBDandi
import NWBJSON
import NWBKit

/// A static, offline HTML catalog of NWB files (`nwbkit catalog`): an index with one row per file, one
/// page per file and one per structural type, rendered through the `catalog-*.html` templates. Every
/// string from a file reaches the pages through Mustache's HTML escaping, or as JSON inside a
/// `<script type="application/json">` element with `<` written `\u003c`.
public struct CatalogSite: Sendable {
    /// One file's row of the index: what its columns show and its facets count.
    public struct Row: Sendable, Encodable {
        /// The file's page, relative to the index (`files/0001.html`).
        public var page: String
        public var path: String
        public var subject: String?
        public var species: String?
        public var sex: String?
        public var age: String?
        public var sessionStart: String?
        public var nwbVersion: String?
        public var bytes: Int
        /// `bytes` as a person reads it (`289 kB`, `56.1 MB`); the exact count stays in `bytes`.
        public var size: String
        public var objects: Int
        public var neurodataTypes: [String]
        public var units: Int
        public var rois: Int
        public var electrodes: Int
        /// DANDI's names, as `nwbkit assets --per-file` gives them.
        public var approaches: [String]
        public var techniques: [String]
        public var lab: String?
        public var institution: String?
        /// The structural type's number (as `nwbkit types` numbers them).
        public var structuralType: Int
        /// The structural type's name (`TypePage.name`).
        public var structuralTypeName: String = ""
        public var description: String?
        /// With `--checks`: `passed`, or the most important finding's level (`CRITICAL`, …); else `nil`.
        public var checks: String?
        /// With `--thumbnails`: the file's first preview, relative to the index (`previews/0001-1.png`).
        public var thumbnail: String?
    }

    /// One preview image of a file, written beside the pages.
    public struct Thumbnail: Sendable, Encodable {
        /// The PNG's path in the site (`previews/0001-1.png`).
        public var src: String
        /// What it shows, in words.
        public var caption: String
        public var width: Int
        public var height: Int
        /// The size shown on the file's page: small images enlarged by a whole factor to about 128
        /// pixels a side (drawn pixelated), so a 5 × 5 mask can be seen.
        public var displayWidth: Int
        public var displayHeight: Int
        /// `image`, `first frame` or `ROI masks`.
        public var kind: String
        /// The object drawn, and its anchor on the file's page.
        public var object: String
        public var anchor: String

        public init(src: String, caption: String, width: Int, height: Int, kind: String, object: String) {
            self.src = src
            self.caption = caption
            self.width = width
            self.height = height
            let factor = max(1, 128 / max(1, max(width, height)))
            displayWidth = width * factor
            displayHeight = height * factor
            self.kind = kind
            self.object = object
            anchor = ObjectTreeData.anchor(object)
        }
    }

    /// A file's previews on its page: the images, why others have none, and what reading them cost.
    public struct PreviewSection: Sendable, Encodable {
        public var thumbnails: [Thumbnail]
        /// Plots of the file's time series' first seconds, and spike rasters, ready to draw.
        public var signals: [SignalView]
        public var rasters: [RasterView]
        public var hasSignals: Bool
        public var notes: [String]
        public var bytesRead: Int
        public var allowance: Int
        /// Whether the file holds anything that could have a preview or a plot (the page then says what was
        /// read).
        public var hasImages: Bool

        public init(
            thumbnails: [Thumbnail], signals: [SignalView] = [], rasters: [RasterView] = [], notes: [String],
            bytesRead: Int, allowance: Int
        ) {
            self.thumbnails = thumbnails
            self.signals = signals
            self.rasters = rasters
            self.notes = notes
            self.bytesRead = bytesRead
            self.allowance = allowance
            hasSignals = !signals.isEmpty || !rasters.isEmpty
            hasImages = !thumbnails.isEmpty || !notes.isEmpty || hasSignals
        }
    }

    /// A `Units` table's spike raster as the page draws it (inline SVG, 560 wide): a row per unit, a tick per
    /// spike; time along x from the window's start.
    public struct RasterView: Sendable, Encodable {
        public var object: String
        public var anchor: String
        public var caption: String
        /// All ticks as one path.
        public var d: String
        public var height: Int
        public var axisY: Int
        public var labelY: Int
        public var xEnd: String
        public var units: [UnitLabel]

        public struct UnitLabel: Sendable, Encodable {
            public var text: String
            public var y: Int
        }

        public init(
            object: String, units: Int, totalUnits: Int, spikes: [[Double]], start: Double, seconds: Double, spikesRead: Int
        ) {
            self.object = object
            anchor = ObjectTreeData.anchor(object)
            let shown = spikes.reduce(0) { $0 + $1.count }
            caption =
                "Units: \(units) of \(totalUnits) unit\(totalUnits == 1 ? "" : "s"), \(shown) spike\(shown == 1 ? "" : "s") in \(SignalView.number(seconds)) s from \(SignalView.number(start)) s (of \(spikesRead) read)"
            let row = 12
            height = 10 + row * max(1, spikes.count) + 30
            axisY = 10 + row * max(1, spikes.count) + 14
            labelY = axisY + 13
            xEnd = "\(SignalView.number(seconds)) s"
            var path = ""
            for (unit, times) in spikes.enumerated() {
                let top = 10 + unit * row + 1
                for time in times {
                    let x = SignalView.number(70 + 480 * time / max(seconds, 1e-9))
                    path += (path.isEmpty ? "" : " ") + "M\(x) \(top) L\(x) \(top + row - 2)"
                }
            }
            d = path
            self.units = spikes.indices.filter { $0 % 5 == 0 }.map { UnitLabel(text: "\($0)", y: 10 + $0 * row + row - 2) }
        }
    }

    /// One time series' plot as the page draws it (inline SVG): each channel's envelope as a path, and the
    /// axes' labels in the series' unit and seconds.
    public struct SignalView: Sendable, Encodable {
        public var object: String
        /// The series' anchor on the file's page.
        public var anchor: String
        public var caption: String
        /// One path (`d`) per channel, with its colour.
        public var paths: [SignalPath]
        public var xStart: String
        public var xEnd: String
        public var yLow: String
        public var yHigh: String
        public var yUnit: String

        public struct SignalPath: Sendable, Encodable {
            public var d: String
            public var colour: String
        }

        static let colours = ["#1f5fbf", "#c0392b", "#2e8b57", "#8e44ad"]

        /// The plot area in the page's SVG (560 × 150): x from 70 to 550, y from 10 to 120.
        public init(
            object: String, type: String, unit: String?, rate: Double?, seconds: Double, channels: Int,
            totalChannels: Int, samples: Int, totalSamples: Int, envelopes: [[[Double]]]
        ) {
            self.object = object
            anchor = ObjectTreeData.anchor(object)
            let rateText = rate.map { rate in rate >= 1000 ? "\(Self.number(rate / 1000)) kHz" : "\(Self.number(rate)) Hz" }
            caption =
                "\(type): the first \(samples) of \(totalSamples) samples"
                + (rateText.map { " at \($0)" } ?? "") + ", \(channels) of \(totalChannels) channel"
                + (totalChannels == 1 ? "" : "s")
            let values = envelopes.flatMap { $0.flatMap { $0 } }
            var low = values.min() ?? 0
            var high = values.max() ?? 1
            if high <= low {
                low -= 1
                high += 1
            }
            let columns = max(1, envelopes.first?.count ?? 1)
            func x(_ column: Int) -> String { Self.number(70 + 480 * (Double(column) + 0.5) / Double(columns)) }
            func y(_ value: Double) -> String { Self.number(120 - 110 * (value - low) / (high - low)) }
            paths = envelopes.enumerated().map { channel, envelope in
                var d = ""
                for (column, pair) in envelope.enumerated() where pair.count == 2 {
                    d += (d.isEmpty ? "M" : " L") + "\(x(column)) \(y(pair[0])) L\(x(column)) \(y(pair[1]))"
                }
                return SignalPath(d: d, colour: Self.colours[channel % Self.colours.count])
            }
            xStart = "0 s"
            xEnd = "\(Self.number(seconds)) s"
            yLow = Self.number(low)
            yHigh = Self.number(high)
            yUnit = unit ?? "value"
        }

        /// Four significant digits, no trailing zeros.
        static func number(_ value: Double) -> String {
            guard value.isFinite else { return String(value) }
            if value == 0 { return "0" }
            let magnitude = abs(value)
            if magnitude >= 1e5 || magnitude < 1e-3 { return String(format: "%.3g", value) }
            var text = String(format: "%.4g", value)
            if text.contains(".") && !text.contains("e") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
    }

    /// One check finding on a file's page.
    public struct FindingLine: Sendable, Encodable {
        public var importance: String
        public var check: String
        public var message: String
        public var location: String
        /// Ranks importance: the row shows the finding with the highest.
        public var rank: Int

        public init(importance: String, check: String, message: String, location: String, rank: Int) {
            self.importance = importance
            self.check = check
            self.message = message
            self.location = location
            self.rank = rank
        }
    }

    /// One structural type's page.
    public struct TypePage: Sendable, Encodable {
        public var number: Int
        public var page: String
        public var count: Int
        /// `1 file`, `12 files`.
        public var countText: String
        /// What sets the type apart, in its neurodata types (`ElectricalSeries + Units`); `Type N` when
        /// nothing does.
        public var name: String
        /// The representative's summary lines (DANDI style).
        public var lines: [String]
        public var files: [FileLink]
    }

    /// A file named on another page.
    public struct FileLink: Sendable, Encodable {
        public var path: String
        public var page: String
    }

    /// One file as its pages need it, its object list already turned into the tree's data: a worker makes
    /// it where it read the file, and the catalog holds the summaries without their objects.
    public struct File: Sendable, Codable {
        /// The summary without its `objects`.
        public var summary: FileSummary
        var objectCount: Int
        /// The object tree's data as the page's script reads it (JSON text); it crosses the worker pipe as a
        /// frame of its own, not escaped inside the entry's JSON.
        public var treeJSON: String
        var asset: DandiAsset

        public init(summary: FileSummary) {
            var slim = summary
            slim.objects = []
            self.summary = slim
            objectCount = summary.objects.count
            treeJSON = (try? CatalogSite.scriptJSON(ObjectTreeData(objects: summary.objects))) ?? "[]"
            asset = DandiAsset(summary: summary)
        }
    }

    public var title: String
    public var rows: [Row]
    public var types: [TypePage]
    private var files: [File]
    private var findings: [[FindingLine]]?
    private var checkNotes: [[String]]?
    private var previews: [PreviewSection]?

    /// The catalog of `summaries` (in the order given), with each file's check findings (and what its data
    /// checks could not finish, one line each) when checked, and its previews when they were made.
    public init(
        title: String, summaries: [FileSummary], findings: [[FindingLine]]? = nil, checkNotes: [[String]]? = nil,
        previews: [PreviewSection]? = nil
    ) {
        self.init(
            title: title, files: summaries.map(File.init), findings: findings, checkNotes: checkNotes, previews: previews)
    }

    /// The catalog of `files` (in the order given).
    public init(
        title: String, files: [File], findings: [[FindingLine]]? = nil, checkNotes: [[String]]? = nil,
        previews: [PreviewSection]? = nil
    ) {
        self.checkNotes = checkNotes
        self.title = title
        self.files = files
        self.findings = findings
        self.previews = previews
        let grouping = FileTypes(files: files.map { ($0.summary.path, $0.summary.signature) }, maxTypes: 0, maxFiles: 0)
        var typeOf: [String: Int] = [:]
        for type in grouping.types { for file in type.files { typeOf[file] = type.number } }
        let pages = Dictionary(
            files.enumerated().map { ($1.summary.path, "files/" + Self.padded($0 + 1) + ".html") },
            uniquingKeysWith: { a, _ in a })
        rows = files.map { file in
            let summary = file.summary
            let participant = file.asset.wasAttributedTo.first
            return Row(
                page: pages[summary.path] ?? "", path: summary.path, subject: summary.subject?.subjectID,
                species: participant?.species?.name ?? summary.subject?.species,
                sex: participant?.sex?.name ?? summary.subject?.sex,
                age: summary.subject?.age, sessionStart: summary.session.sessionStartTime, nwbVersion: summary.nwbVersion,
                bytes: summary.fileSize, size: ByteCountText.text(summary.fileSize), objects: file.objectCount,
                neurodataTypes: summary.neurodataTypes.map(\.type).sorted(),
                units: summary.units.reduce(0) { $0 + ($1.rows ?? 0) },
                rois: summary.roiTables.reduce(0) { $0 + ($1.roiCount ?? 0) },
                electrodes: summary.electrodes?.rows ?? 0, approaches: file.asset.approach.compactMap(\.name),
                techniques: file.asset.measurementTechnique.compactMap(\.name), lab: summary.session.lab,
                institution: summary.session.institution, structuralType: typeOf[summary.path] ?? 0,
                description: summary.session.sessionDescription, checks: nil, thumbnail: nil)
        }
        if let previews {
            for index in rows.indices where index < previews.count {
                rows[index].thumbnail = previews[index].thumbnails.first?.src
            }
        }
        if let findings {
            for index in rows.indices where index < findings.count {
                rows[index].checks = findings[index].max { $0.rank < $1.rank }?.importance ?? "passed"
            }
        }
        let byPath = Dictionary(files.map { ($0.summary.path, $0.summary) }, uniquingKeysWith: { a, _ in a })
        let names = Self.typeNames(
            grouping.types.map { (number: $0.number, signature: byPath[$0.representative]?.signature ?? []) })
        types = grouping.types.map { type in
            TypePage(
                number: type.number, page: "types/\(type.number).html", count: type.files.count,
                countText: type.files.count == 1 ? "1 file" : "\(type.files.count) files",
                name: names[type.number] ?? "Type \(type.number)",
                lines: byPath[type.representative]?.structureLines ?? [],
                files: type.files.map { FileLink(path: $0, page: pages[$0] ?? "") })
        }
        let typeName = Dictionary(types.map { ($0.number, $0.name) }, uniquingKeysWith: { first, _ in first })
        for index in rows.indices { rows[index].structuralTypeName = typeName[rows[index].structuralType] ?? "" }
    }

    /// Types that only hold or describe others: no name is made of them.
    static let plainTypes: Set<String> = [
        "NWBFile", "Device", "Subject", "ElectrodeGroup", "VectorData", "VectorIndex", "ElementIdentifiers",
        "DynamicTable", "DynamicTableRegion", "ProcessingModule", "TimeIntervals", "LabMetaData", "NWBContainer",
        "NWBDataInterface", "Container", "Data", "ElectrodesTable", "OpticalChannel", "Images",
    ]

    /// A name for each structural type from its signature (`PATH: Type` lines): its data types that the
    /// fewest other types have (up to three, rarest first, then by name), joined with ` + `. Two types
    /// that would get one name are told apart by their numbers.
    static func typeNames(_ types: [(number: Int, signature: [String])]) -> [Int: String] {
        var held: [Int: Set<String>] = [:]
        var frequency: [String: Int] = [:]
        for type in types {
            let names = Set(
                type.signature.compactMap { line -> String? in
                    guard let colon = line.range(of: ": ", options: .backwards) else { return nil }
                    let name = String(line[colon.upperBound...])
                    return plainTypes.contains(name) ? nil : name
                })
            held[type.number] = names
            for name in names { frequency[name, default: 0] += 1 }
        }
        var names: [Int: String] = [:]
        for type in types {
            let chosen = (held[type.number] ?? []).sorted {
                (frequency[$0] ?? 0, $0) < (frequency[$1] ?? 0, $1)
            }.prefix(3).sorted()
            if !chosen.isEmpty { names[type.number] = chosen.joined(separator: " + ") }
        }
        // A name two types share gets each type's number.
        var uses: [String: Int] = [:]
        for name in names.values { uses[name, default: 0] += 1 }
        for (number, name) in names where (uses[name] ?? 0) > 1 { names[number] = "\(name) (type \(number))" }
        return names
    }

    /// A file's number as its page is named (`0001`).
    public static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The templates the pages are rendered through.
    public struct Templates: Sendable {
        public var index: DocumentTemplate
        public var file: DocumentTemplate
        public var type: DocumentTemplate

        /// The bundled templates, each replaced by `NAME.mustache` in `folder` when that file exists.
        public static func load(overrides folder: String? = nil) throws(DocumentTemplate.LoadError) -> Templates {
            func one(_ name: String) throws(DocumentTemplate.LoadError) -> DocumentTemplate {
                if let folder {
                    let path = (folder as NSString).appendingPathComponent("\(name).mustache")
                    if FileManager.default.fileExists(atPath: path) { return try DocumentTemplate.file(path) }
                }
                return try DocumentTemplate.bundled(name)
            }
            return Templates(
                index: try one("catalog-index.html"), file: try one("catalog-file.html"), type: try one("catalog-type.html"))
        }
    }

    /// Writes every page of the site through `writer`: the index, the file pages (rendered on every core,
    /// 64 at a time, each written as soon as its batch is done: the site is never held whole) and the type
    /// pages.
    public func write(templates: Templates, to writer: SiteFolder.Writer) throws {
        try writer.add("index.html", text: try templates.index.render(try IndexContext(site: self)))
        let site = self
        var start = 0
        while start < rows.count {
            let batch = min(64, rows.count - start)
            let rendered = ConcurrentResults<Result<String, Error>>(count: batch)
            let first = start
            DispatchQueue.concurrentPerform(iterations: batch) { offset in
                let index = first + offset
                rendered.set(
                    offset,
                    Result {
                        try FileContext(
                            title: site.title, row: site.rows[index], file: site.files[index],
                            findings: site.findings?[index], checkNotes: site.checkNotes?[index] ?? [],
                            previews: site.previews?[index]
                        ).render(templates.file)
                    })
            }
            for offset in 0..<batch { try writer.add(rows[first + offset].page, text: try rendered.value(offset).get()) }
            start += batch
        }
        for type in types {
            try writer.add(type.page, text: try templates.type.render(TypeContext(title: title, type: type)))
        }
    }

    /// JSON for a `<script type="application/json">` element: `<`, `>` and `&` as `\u003c` and the like, so
    /// no string can end the element or open a comment.
    static func scriptJSON<T: Encodable>(_ value: T) throws -> String {
        let text = String(decoding: try FastJSONEncoder(prettyPrinted: false).encode(value), as: UTF8.self)
        return text.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    struct IndexContext: Encodable {
        var title: String
        var fileCount: Int
        var totalBytes: Int
        /// `totalBytes` in kB, MB, GB.
        var totalSize: String
        var typeCount: Int
        var types: [TypePage]
        /// The rows as JSON (escaped for a script element): the page builds its table from it.
        var rowsJSON: String
        /// Whether files have previews (the table then shows each file's first).
        var thumbnails: Bool
        /// Counts for the summary charts: files per species, and bytes per structural type.
        var speciesBars: [Bar]
        var typeBars: [Bar]
        /// The charts' heights in pixels.
        var speciesHeight: Int
        var typeHeight: Int
        /// The dataset in words: DANDI's `assetsSummary` of the files, one line per field it has.
        var dataset: [DatasetLine]

        init(site: CatalogSite) throws {
            title = site.title
            fileCount = site.rows.count
            totalBytes = site.rows.reduce(0) { $0 + $1.bytes }
            totalSize = ByteCountText.text(totalBytes)
            typeCount = site.types.count
            types = site.types
            rowsJSON = try CatalogSite.scriptJSON(site.rows)
            thumbnails = site.previews != nil
            var species: [String: Int] = [:]
            // As the species facet counts them: no species, or an empty one, is `(none)`.
            for row in site.rows { species[row.species.flatMap { $0.isEmpty ? nil : $0 } ?? "(none)", default: 0] += 1 }
            speciesBars = Bar.bars(species.map { ($0.key, $0.value) })
            var bytes: [Int: Int] = [:]
            for row in site.rows { bytes[row.structuralType, default: 0] += row.bytes }
            let named = Dictionary(site.types.map { ($0.number, $0.name) }, uniquingKeysWith: { first, _ in first })
            typeBars = Bar.bars(bytes.map { (named[$0.key] ?? "Type \($0.key)", $0.value) }, sizes: true)
            speciesHeight = speciesBars.count * 22 + 4
            typeHeight = typeBars.count * 22 + 4
            dataset = DatasetLine.lines(AssetsSummary(assets: site.files.map(\.asset)))
        }
    }

    /// One line of the dataset's summary (`Species`: its values).
    struct DatasetLine: Encodable {
        var label: String
        var values: [String]

        /// The `assetsSummary` as the index shows it: counts, then each list of terms by name.
        static func lines(_ summary: AssetsSummary) -> [DatasetLine] {
            var lines = [
                DatasetLine(label: "Files", values: [String(summary.numberOfFiles)]),
                DatasetLine(
                    label: "Size", values: ["\(ByteCountText.text(summary.numberOfBytes)) (\(summary.numberOfBytes) bytes)"]),
            ]
            let counts: [(String, Int?)] = [
                ("Subjects", summary.numberOfSubjects), ("Samples", summary.numberOfSamples), ("Cells", summary.numberOfCells),
            ]
            for (label, count) in counts { if let count { lines.append(DatasetLine(label: label, values: [String(count)])) } }
            let terms: [(String, [DandiTerm]?)] = [
                ("Species", summary.species), ("Approaches", summary.approach),
                ("Measurement techniques", summary.measurementTechnique), ("Data standards", summary.dataStandard),
            ]
            for (label, list) in terms {
                let names = (list ?? []).compactMap(\.name)
                if !names.isEmpty { lines.append(DatasetLine(label: label, values: names)) }
            }
            if let measured = summary.variableMeasured, !measured.isEmpty {
                lines.append(DatasetLine(label: "Variables measured", values: measured))
            }
            return lines
        }
    }

    /// One bar of an inline SVG chart (drawn by the template: `width` in pixels of at most 300; the value
    /// is written at `valueX`, just right of the bar).
    struct Bar: Encodable {
        var label: String
        var value: Int
        /// What the bar's end says: the count, or a size in units for a chart of bytes.
        var valueText: String
        var width: Int
        var valueX: Int
        var y: Int
        /// The most charted bars; the rest are summed in one bar ("N others").
        static let maximumBars = 12

        /// Bars for `values`, largest first (ties by label), at most `maximumBars`.
        static func bars(_ values: [(String, Int)], sizes: Bool = false) -> [Bar] {
            var values = values.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            if values.count > maximumBars {
                let rest = values[(maximumBars - 1)...]
                values = Array(values.prefix(maximumBars - 1)) + [("\(rest.count) others", rest.reduce(0) { $0 + $1.1 })]
            }
            let largest = max(1, values.map(\.1).max() ?? 1)
            return values.enumerated().map { index, entry in
                let width = max(1, entry.1 * 300 / largest)
                return Bar(
                    label: entry.0, value: entry.1, valueText: sizes ? ByteCountText.text(entry.1) : String(entry.1), width: width,
                    valueX: 250 + width + 4, y: index * 22)
            }
        }
    }

    /// A file page's findings of one importance.
    struct FindingGroup: Encodable {
        var importance: String
        var findings: [FindingLine]
        var countText = ""
        var cssClass = ""
        var open = false
    }

    /// A file page's context. The summary comes without its object list: the page's script draws the tree
    /// from `treeJSON` (`ObjectTreeData`), a group's members when it is unfolded, so a file of 100,000
    /// objects is not 100,000 rows of HTML.
    struct FileContext: Encodable {
        var title: String
        var row: Row
        var summary: FileSummary
        /// The objects for the page's script (escaped for a script element).
        var treeJSON: String
        var objectCount: Int
        /// Whether groups below the top two levels start folded (a tree of more than `foldingThreshold`
        /// objects).
        var startFolded: Bool
        static let foldingThreshold = 300
        /// Whether the file was checked, and what was found (most important first).
        var checked: Bool
        var findings: [FindingLine]
        /// The findings by importance, most important first, each group with its count.
        var findingGroups: [FindingGroup]
        /// What the data checks could not finish (within `--data-bytes`).
        var checkNotes: [String]
        /// With `--thumbnails`: the file's previews.
        var previews: PreviewSection?

        init(
            title: String, row: Row, file: File, findings: [FindingLine]?, checkNotes: [String], previews: PreviewSection?
        ) {
            self.checkNotes = checkNotes
            self.title = title
            self.previews = previews
            self.row = row
            summary = file.summary
            checked = findings != nil
            self.findings = (findings ?? []).sorted { $0.rank > $1.rank }
            var groups: [FindingGroup] = []
            for finding in self.findings {
                if groups.last?.importance == finding.importance {
                    groups[groups.count - 1].findings.append(finding)
                } else {
                    groups.append(FindingGroup(importance: finding.importance, findings: [finding]))
                }
            }
            for index in groups.indices {
                let count = groups[index].findings.count
                groups[index].countText = count == 1 ? "1 finding" : "\(count) findings"
                groups[index].cssClass = groups[index].importance.lowercased().replacingOccurrences(of: "_", with: "-")
                // The critical ones open; suggestions folded.
                groups[index].open = groups[index].importance != "BEST_PRACTICE_SUGGESTION"
            }
            findingGroups = groups
            treeJSON = file.treeJSON
            objectCount = file.objectCount
            startFolded = objectCount > Self.foldingThreshold
        }

        /// The page through `template`.
        func render(_ template: DocumentTemplate) throws -> String {
            try template.render(self)
        }
    }

    struct TypeContext: Encodable {
        var title: String
        var type: TypePage
    }
}

/// Results written by concurrent workers, each to its own slot.
private final class ConcurrentResults<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }
    func value(_ index: Int) -> Value { lock.withLock { values[index]! } }
}
