import Foundation
import HDF5
import NWBDandi
import NWBKit
import NWBSupport
import Yams

/// A YAML value with its keys in the order written (Flexilims YAML is read by people too).
public indirect enum OrderedYAML: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case number(Double)
    case list([OrderedYAML])
    case map([(String, OrderedYAML)])

    public static func == (left: OrderedYAML, right: OrderedYAML) -> Bool { left.text == right.text }

    var node: Node {
        switch self {
        case .string(let text): Node(text, Tag(.str), Self.needsQuotes(text) ? .doubleQuoted : .any)
        case .integer(let value): Node(String(value), Tag(.int))
        case .number(let value): Node(PythonLiteralNumber.text(value), Tag(.float))
        case .list(let items): Node.sequence(.init(items.map(\.node)))
        case .map(let pairs): Node.mapping(.init(pairs.map { (Node($0.0), $0.1.node) }))
        }
    }

    /// The document as YAML text.
    public var text: String { (try? Yams.serialize(node: node, sortKeys: false)) ?? "" }

    /// Strings YAML would read as something else (numbers, booleans, null, dates, `yes`/`no`) are quoted.
    static func needsQuotes(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["yes", "no", "true", "false", "on", "off", "null", "~", ""].contains(lower) || Double(text) != nil
            || text.first.map { "0123456789".contains($0) } == true
    }
}

/// Numbers as Python prints them (`95.0`, `0.001`).
enum PythonLiteralNumber {
    static func text(_ value: Double) -> String { PythonRepr.float(value) }
}

/// Flexilims records for one NWB file: the v0.4 "tree" acquisition YAML that flexiznam's `upload_yaml` reads
/// (project → mouse → session → recording → dataset), with every key flexiznam checks.
public struct FlexilimsSession: Sendable, Equatable {
    public var mouse: String
    /// `S<YYYYMMDD>`, `S<YYYYMMDD>_1` for a second session of the mouse that day.
    public var session: String
    /// `R<HHMMSS>_<PROTOCOL>`.
    public var recording: String
    public var recordingType: String
    public var protocolName: String
    public var dataset: OrderedYAML
    public var yaml: OrderedYAML
    /// `raw`, `processed`, or nil when no roots were given.
    public var root: String?
}

/// NWB → flexiznam / Flexilims (export spec §5.2).
public enum FlexilimsExporter {
    /// The origin written when a file names no subject and `--mouse` is not given.
    public static let missingMouse = "XXERRORXX_NO_SUBJECT_ID"

    /// Flexilims attribute names must not contain these (the client raises on them).
    static let forbiddenNameCharacters = Set("',.@\"+=-!#$%^&*<>?/\\|}{~: ")
    static let reservedNames: Set<String> = [
        "id", "type", "name", "incrementalId", "createdBy", "dateCreated", "origin_id", "objects", "customEntities",
        "project", "dataset_type", "created", "path", "is_raw", "genealogy",
    ]

    /// The session records of every file, numbering sessions of one mouse on one day in start-time order.
    public static func sessions(_ files: [CatalogFacts], options: CatalogOptions) -> [Result<FlexilimsSession, ExportError>] {
        // Session index per (mouse, local date): order by start time, then path.
        var indexByPath: [String: Int] = [:]
        var groups: [String: [CatalogFacts]] = [:]
        for facts in files {
            guard let clock = facts.startClock else { continue }
            let mouse = facts.summary.subject?.subjectID ?? options.mouse ?? missingMouse
            groups["\(mouse)|\(clock[0])-\(clock[1])-\(clock[2])", default: []].append(facts)
        }
        for (_, members) in groups {
            let ordered = members.sorted { a, b in
                let left = a.startDate ?? .distantPast
                let right = b.startDate ?? .distantPast
                return left != right ? left < right : a.summary.path < b.summary.path
            }
            for (number, facts) in ordered.enumerated() { indexByPath[facts.summary.path] = number }
        }
        return files.map { facts in
            Result { () throws(ExportError) in try session(facts, index: indexByPath[facts.summary.path] ?? 0, options: options) }
        }
    }

    static func session(_ facts: CatalogFacts, index: Int, options: CatalogOptions) throws(ExportError) -> FlexilimsSession {
        let path = facts.summary.path
        guard let project = options.project else { throw ExportError(path: "", message: "--project is required for flexilims") }
        // Sessions hang from a mouse: without a subject_id the YAML carries flexiznam's own error marker,
        // which its validity check refuses until someone fills in the mouse (`--mouse` does it for a run).
        let mouse = facts.summary.subject?.subjectID.flatMap { $0.isEmpty ? nil : $0 } ?? options.mouse ?? missingMouse
        guard let clock = facts.startClock else {
            throw ExportError(path: path, message: "no readable session_start_time: Flexilims names sessions by date")
        }
        let date = String(format: "%04d%02d%02d", clock[0], clock[1], clock[2])
        let sessionName = "S" + date + (index == 0 ? "" : "_\(index)")
        let protocolName = protocolOf(facts)
        let recordingName = String(format: "R%02d%02d%02d_", clock[3], clock[4], clock[5]) + protocolName
        let recordingType = recordingTypeOf(facts)

        // Where the file lies: under the raw root, the processed root, or (no roots given) as given.
        var datasetPath = URL(fileURLWithPath: path).standardizedFileURL.path
        var isRaw = facts.holdsRawData
        var root: String?
        if options.rawRoot != nil || options.processedRoot != nil {
            if let raw = options.rawRoot, let relative = relativePath(path, under: raw) {
                datasetPath = relative
                isRaw = true
                root = "raw"
            } else if let processed = options.processedRoot, let relative = relativePath(path, under: processed) {
                datasetPath = relative
                isRaw = false
                root = "processed"
            } else {
                let roots = [
                    options.rawRoot.map { "the raw root \($0)" }, options.processedRoot.map { "the processed root \($0)" },
                ]
                .compactMap { $0 }.joined(separator: " nor ")
                throw ExportError(path: path, message: "lies under neither \(roots)")
            }
        } else if !path.hasPrefix("/") {
            datasetPath = path
        }

        let genealogySession = [mouse, sessionName]
        let genealogyRecording = genealogySession + [recordingName]
        let genealogyDataset = genealogyRecording + ["nwb_0"]
        func folder(_ genealogy: [String]) -> OrderedYAML { .string(([project] + genealogy).joined(separator: "/")) }

        var dataset: [(String, OrderedYAML)] = [
            ("type", .string("dataset")), ("dataset_type", .string("nwb")), ("path", .string(datasetPath)),
            ("is_raw", .string(isRaw ? "yes" : "no")),
        ]
        if let created = facts.summary.session.fileCreateDate.first.flatMap(ISODate.wallClock) {
            dataset.append(
                (
                    "created",
                    .string(
                        String(
                            format: "%04d-%02d-%02d %02d:%02d:%02d", created[0], created[1], created[2], created[3], created[4],
                            created[5]))
                ))
        }
        dataset.append(("genealogy", .list(genealogyDataset.map(OrderedYAML.string))))
        dataset.append(("extra_attributes", .map(extraAttributes(facts))))

        var recording: [(String, OrderedYAML)] = [
            ("type", .string("recording")), ("protocol", .string(protocolName)), ("recording_type", .string(recordingType)),
            ("genealogy", .list(genealogyRecording.map(OrderedYAML.string))), ("path", folder(genealogyRecording)),
        ]
        let acquisition = facts.acquired.map { series -> OrderedYAML in
            var item: [(String, OrderedYAML)] = [
                ("name", .string(series.entry.name)), ("neurodata_type", .string(series.entry.neurodataType ?? "")),
            ]
            if let rate = series.rate { item.append(("rate", .number(rate))) }
            if !series.shape.isEmpty { item.append(("shape", .list(series.shape.map(OrderedYAML.integer)))) }
            return .map(item)
        }
        if !acquisition.isEmpty { recording.append(("nwb_acquisition", .list(acquisition))) }
        if let epochs = facts.summary.epochs, !epochs.isEmpty {
            recording.append(
                (
                    "epochs",
                    .list(
                        epochs.map {
                            .map([
                                ("start_time", .number($0.start)), ("stop_time", .number($0.stop)),
                                ("tags", .list($0.tags.map(OrderedYAML.string))),
                            ])
                        })
                ))
        }
        if let trials = facts.summary.intervals.first(where: { $0.name == "trials" })?.rows {
            recording.append(("n_trials", .integer(trials)))
        }
        if !facts.stimuli.isEmpty { recording.append(("stimulus_series", .list(facts.stimuli.map { .string($0.entry.name) }))) }
        recording.append(("children", .map([("nwb_0", .map(dataset))])))

        var session: [(String, OrderedYAML)] = [
            ("type", .string("session")), ("date", .string(date)),
            ("genealogy", .list(genealogySession.map(OrderedYAML.string))), ("path", folder(genealogySession)),
        ]
        let info = facts.summary.session
        if let notes = info.sessionDescription, !notes.isEmpty { session.append(("notes", .string(notes))) }
        let texts: [(String, String?)] = [
            ("nwb_identifier", info.identifier), ("nwb_session_id", info.sessionID), ("institution", info.institution),
            ("lab", info.lab), ("experiment_description", info.experimentDescription),
            ("nwb_protocol", info.otherGeneral["protocol"]), ("pharmacology", info.otherGeneral["pharmacology"]),
            ("surgery", info.otherGeneral["surgery"]), ("virus", info.otherGeneral["virus"]),
        ]
        for (key, value) in texts { if let value, !value.isEmpty { session.append((key, .string(value))) } }
        for (key, values) in [
            ("experimenter", info.experimenter), ("keywords", info.keywords), ("related_publications", info.relatedPublications),
        ]
        where !values.isEmpty {
            session.append((key, .list(values.map(OrderedYAML.string))))
        }
        session.append(("children", .map([(recordingName, .map(recording))])))

        let rootFolder = [options.rawRoot ?? ".", project, mouse].joined(separator: "/")
        let yaml = OrderedYAML.map([
            ("project", .string(project)), ("origin_name", .string(mouse)), ("root_folder", .string(rootFolder)),
            ("children", .map([(sessionName, .map(session))])),
        ])
        return FlexilimsSession(
            mouse: mouse, session: sessionName, recording: recordingName, recordingType: recordingType,
            protocolName: protocolName, dataset: .map(dataset), yaml: yaml, root: root)
    }

    /// The recording's protocol: the first epoch tag, else the first stimulus series, else the first keyword,
    /// else `nwb`; letters, digits and `-` only.
    static func protocolOf(_ facts: CatalogFacts) -> String {
        let candidates = [
            facts.summary.epochs?.first?.tags.first, facts.stimuli.first?.entry.name, facts.summary.session.keywords.first,
        ]
        for candidate in candidates.compactMap({ $0 }) {
            let cleaned = String(candidate.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
                .split(separator: "-").joined(separator: "-")
            if !cleaned.isEmpty { return cleaned }
        }
        return "nwb"
    }

    /// `ephys`, `two_photon`, `widefield`, `behaviour` or `unspecified`, from the largest raw series.
    static func recordingTypeOf(_ facts: CatalogFacts) -> String {
        let largest = facts.acquired.max { $0.shape.saturatingProduct < $1.shape.saturatingProduct }
        switch largest?.modality {
        case .extracellularEphys?, .intracellularEphys?: return "ephys"
        case .twoPhoton?: return "two_photon"
        case .onePhoton?: return "widefield"
        case .behaviorVideo?, .behaviorTracking?: return "behaviour"
        case nil: return facts.summary.processing.contains { $0.name == "behavior" } ? "behaviour" : "unspecified"
        default: return "unspecified"
        }
    }

    static func extraAttributes(_ facts: CatalogFacts) -> [(String, OrderedYAML)] {
        let summary = facts.summary
        var attributes: [(String, OrderedYAML)] = []
        if let version = summary.nwbVersion { attributes.append(("nwb_version", .string(version))) }
        if let identifier = summary.session.identifier { attributes.append(("nwb_identifier", .string(identifier))) }
        attributes.append(("neurodata_types", .list(summary.neurodataTypes.map { .string($0.type) })))
        attributes.append(("size_bytes", .integer(summary.fileSize)))
        if let rows = summary.electrodes?.rows { attributes.append(("n_electrodes", .integer(rows))) }
        if !summary.units.isEmpty { attributes.append(("n_units", .integer(summary.units.compactMap(\.rows).reduce(0, +)))) }
        func describe(_ pairs: [(String, String?)]) -> OrderedYAML {
            .map(pairs.compactMap { key, value in value.map { (key, OrderedYAML.string($0)) } })
        }
        if !summary.devices.isEmpty {
            attributes.append(
                (
                    "devices",
                    .map(
                        summary.devices.map {
                            (
                                attributeName($0.name),
                                describe([("description", $0.description), ("manufacturer", $0.manufacturer)])
                            )
                        })
                ))
        }
        if !summary.imagingPlanes.isEmpty {
            attributes.append(
                (
                    "imaging_planes",
                    .map(
                        summary.imagingPlanes.map { plane in
                            var fields: [(String, OrderedYAML)] = []
                            if let location = plane.location { fields.append(("location", .string(location))) }
                            if let indicator = plane.indicator { fields.append(("indicator", .string(indicator))) }
                            if let lambda = plane.excitationLambda { fields.append(("excitation_lambda", .number(lambda))) }
                            if let rate = plane.imagingRate { fields.append(("imaging_rate", .number(rate))) }
                            return (attributeName(plane.name), .map(fields))
                        })
                ))
        }
        if !facts.stimulusSites.isEmpty {
            attributes.append(
                (
                    "ogen_sites",
                    .map(
                        facts.stimulusSites.map { site in
                            var fields: [(String, OrderedYAML)] = []
                            if let location = site.location { fields.append(("location", .string(location))) }
                            if let lambda = site.excitationLambda { fields.append(("excitation_lambda", .number(lambda))) }
                            return (attributeName(site.name), .map(fields))
                        })
                ))
        }
        return attributes
    }

    /// A name Flexilims accepts: lower case, forbidden characters as `_`, reserved names prefixed `nwb_`.
    static func attributeName(_ text: String) -> String {
        let cleaned = String(text.lowercased().map { forbiddenNameCharacters.contains($0) || $0.isNewline ? "_" : $0 })
        return reservedNames.contains(cleaned) ? "nwb_" + cleaned : cleaned
    }

    /// `path` relative to `root` (POSIX), when it lies under it.
    static func relativePath(_ path: String, under root: String) -> String? {
        let file = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var base = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        if !base.hasSuffix("/") { base += "/" }
        return file.hasPrefix(base) ? String(file.dropFirst(base.count)) : nil
    }

    /// Problems flexiznam or Flexilims would refuse (empty when valid).
    public static func validate(_ session: FlexilimsSession) -> [String] {
        var problems: [String] = []
        if session.mouse == missingMouse {
            problems.append("the file names no subject_id: set the mouse (--mouse) before upload")
        }
        if session.session.wholeMatch(of: /S\d{8}(_\d+)?/) == nil {
            problems.append("session name \(session.session) is not S<YYYYMMDD>[_n]")
        }
        if session.recording.wholeMatch(of: /R\d{6}_[A-Za-z0-9-]+/) == nil {
            problems.append("recording name \(session.recording) is not R<HHMMSS>_<PROTOCOL>")
        }
        if !["two_photon", "widefield", "intrinsic", "ephys", "behaviour", "unspecified"].contains(session.recordingType) {
            problems.append("recording_type \(session.recordingType) is not a Flexilims value")
        }
        guard case .map(let dataset) = session.dataset else { return problems + ["the dataset is not a mapping"] }
        let keys = dataset.map(\.0)
        for required in ["type", "dataset_type", "path", "is_raw", "genealogy"] where !keys.contains(required) {
            problems.append("the dataset has no \(required)")
        }
        if let isRaw = dataset.first(where: { $0.0 == "is_raw" })?.1, isRaw != .string("yes") && isRaw != .string("no") {
            problems.append("is_raw must be yes or no")
        }
        if case .string(let created)? = dataset.first(where: { $0.0 == "created" })?.1,
            created.wholeMatch(of: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/) == nil
        {
            problems.append("created must be YYYY-MM-DD HH:MM:SS")
        }
        if case .string(let path)? = dataset.first(where: { $0.0 == "path" })?.1, path.contains("\\") {
            problems.append("paths are POSIX")
        }
        if case .map(let extra)? = dataset.first(where: { $0.0 == "extra_attributes" })?.1 {
            for (key, _) in extra
            where key.contains(where: { forbiddenNameCharacters.contains($0) }) || reservedNames.contains(key) {
                problems.append("attribute name '\(key)' is not allowed in Flexilims")
            }
        }
        return problems
    }
}
