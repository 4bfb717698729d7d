import NWBKit
import NWBSupport

/// A Python script that opens an NWB file with pynwb and reaches each neurodata object through pynwb's
/// API (`nwbfile.acquisition["…"]`, `nwbfile.processing["ophys"]["Fluorescence"]["…"]`, `nwbfile.units`,
/// …), with a comment giving each object's type, shape, dtype, unit, rate and description, and a table's
/// columns: what `nwbkit summarize --format pynwb` prints and the MCP tool `nwb_usage_script` returns, so
/// that code written from it runs. Made from the summary alone (no value is read).
///
/// Every line that reaches a dataset ends with `shape (…)` as Python prints a tuple: that is the shape
/// pynwb gives for it (the usage-script test runs each script and compares).
public struct UsageScript: Codable, Sendable, Equatable {
    /// Where the script opens the file.
    public enum Source: Sendable, Equatable {
        /// A local path, opened with `NWBHDF5IO(path)`.
        case local(String)
        /// An HTTP(S) URL (for an archive asset, its download URL), opened through remfile and h5py.
        case url(String)
    }

    /// A titled group of lines (one per object reached).
    public struct Section: Codable, Sendable, Equatable {
        public var title: String
        public var lines: [String]
    }

    /// The input as the user named it.
    public var path: String
    /// A Python literal of the local path, when the file is local.
    public var localPath: String?
    /// A Python literal of the URL, when the file is remote.
    public var url: String?
    public var nwbVersion: String?
    /// Said at the top when pynwb cannot read the file as it is (NWB 1.x).
    public var note: String?
    public var sections: [Section]
    public var version: String

    /// The script for `summary`, opening the file from `source`.
    public init(summary: FileSummary, source: Source) {
        path = summary.path
        switch source {
        case .local(let path): localPath = PythonRepr.string(path)
        case .url(let url): self.url = PythonRepr.string(url)
        }
        nwbVersion = summary.nwbVersion
        version = NWBKitVersion.current
        if let major = summary.nwbVersion?.split(separator: ".").first, major == "1" || major.hasPrefix("NWB-1") {
            note = "This is an NWB 1.x file: pynwb reads NWB 2 files only, so the lines below may not run."
        }
        var builder = UsageScriptBuilder(objects: summary.objects)
        sections = builder.sections()
    }

    /// The script through the bundled template (`usage-script.py`) or `template`.
    public func rendered(template: DocumentTemplate? = nil) throws -> String {
        try (template ?? DocumentTemplate.bundled("usage-script.py")).render(self)
    }
}

/// Builds a usage script's lines from the summary's objects: a pynwb expression for each typed group it
/// knows how pynwb reaches, the datasets pynwb exposes under it (`data`, `timestamps`, a table's columns and
/// ids), and a comment for the rest.
struct UsageScriptBuilder {
    private let objects: [ObjectEntry]
    private let byPath: [String: ObjectEntry]
    private var childrenOf: [String: [ObjectEntry]] = [:]
    private var expressions: [String: String] = [:]
    private var names: Set<String> = ["nwbfile", "io", "h5_file", "remote_file", "NWBHDF5IO", "h5py", "remfile"]

    /// pynwb's containers whose named children are reached with `container["name"]`
    /// (MultiContainerInterface and processing modules).
    static let indexable: Set<String> = [
        "ProcessingModule", "Fluorescence", "DfOverF", "ImageSegmentation", "Position", "CompassDirection",
        "BehavioralTimeSeries", "BehavioralEvents", "BehavioralEpochs", "PupilTracking", "EyeTracking",
        "FilteredEphys", "LFP", "EventWaveform", "MotionCorrection", "Images",
    ]

    init(objects: [ObjectEntry]) {
        self.objects = objects.sorted { $0.path < $1.path }
        var byPath: [String: ObjectEntry] = [:]
        for object in objects { byPath[object.path] = object }
        self.byPath = byPath
        for object in self.objects where object.path != "/" {
            childrenOf[Self.parent(of: object.path), default: []].append(object)
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func name(of path: String) -> String {
        String(path[path.index(after: path.lastIndex(of: "/") ?? path.startIndex)...])
    }

    mutating func sections() -> [UsageScript.Section] {
        var order: [String] = []
        var lines: [String: [String]] = [:]
        // A blank line sets apart an object with lines of its own (data, columns) from its neighbours.
        var previousBlockLines: [String: Int] = [:]
        for object in objects where object.kind == "group" && object.neurodataType != nil && object.path != "/" {
            if object.path.hasPrefix("/specifications") { continue }
            let title = Self.sectionTitle(object.path)
            var block = statements(for: object)
            guard !block.isEmpty else { continue }
            if lines[title] == nil { order.append(title) }
            let count = block.count
            if !(lines[title] ?? []).isEmpty, count > 1 || (previousBlockLines[title] ?? 0) > 1 { block.insert("", at: 0) }
            previousBlockLines[title] = count
            lines[title, default: []] += block
        }
        return order.map { UsageScript.Section(title: $0, lines: lines[$0] ?? []) }
    }

    static func sectionTitle(_ path: String) -> String {
        let parts = path.split(separator: "/")
        switch parts.first {
        case "acquisition": return "Acquisition"
        case "stimulus": return "Stimulus"
        case "processing": return parts.count > 1 ? "Processing module \(parts[1])" : "Processing"
        case "analysis": return "Analysis"
        case "units": return "Units"
        case "intervals": return "Intervals"
        case "scratch": return "Scratch"
        case "general": return "Metadata (general)"
        default: return "Other objects"
        }
    }

    /// The lines for a typed group: reaching it, then what pynwb exposes of it.
    private mutating func statements(for object: ObjectEntry) -> [String] {
        let type = object.neurodataType ?? "?"
        var about = [type]
        if let description = object.description.map(Self.oneLine), !description.isEmpty, description != "no description" {
            about.append(description)
        }
        guard let expression = expression(for: object) else {
            return ["# \(object.path): \(about.joined(separator: ": ")) (pynwb gives no path to it here)"]
        }
        let variable = variableName(for: object.path)
        // By object id: `None` when pynwb builds no object for the group (an extension's type it does not
        // read), so nothing is reached through it.
        let byObjectID = expression.hasPrefix("nwbfile.objects.get(")
        if byObjectID { about.append("by object id; None when pynwb does not read this type") }
        var result = ["\(variable) = \(expression)  # \(about.joined(separator: ": "))"]
        guard !byObjectID else { return result }
        // Its children are reached through the variable.
        expressions[object.path] = variable
        let children = childrenOf[object.path] ?? []
        if let columns = Self.stringList(object.attributes?.first { $0.name == "colnames" }?.value) {
            result += tableLines(variable: variable, table: object, columns: columns)
        } else {
            for field in ["data", "timestamps"] {
                guard let dataset = children.first(where: { Self.name(of: $0.path) == field }), dataset.kind == "dataset",
                    let shape = dataset.shape
                else { continue }
                var notes = ["shape \(Self.tuple(shape))"]
                if let dtype = dataset.dtype { notes.append(dtype) }
                if let unit = Self.attributeText(dataset, "unit") { notes.append("unit \(unit)") }
                if field == "data", let rate = children.first(where: { Self.name(of: $0.path) == "starting_time" }),
                    let value = Self.attributeText(rate, "rate")
                {
                    notes.append("rate \(value) Hz")
                }
                result.append("\(variable)_\(field) = \(variable).\(field)  # \(notes.joined(separator: ", "))")
            }
        }
        return result
    }

    /// A DynamicTable's columns, each through `table["name"]` (a ragged column's values through its index's
    /// `target`), and its ids.
    private mutating func tableLines(variable: String, table: ObjectEntry, columns: [String]) -> [String] {
        var result = ["# columns: \(columns.joined(separator: ", "))"]
        if let ids = byPath[table.path + "/id"], ids.kind == "dataset", let shape = ids.shape {
            result.append("\(variable)_ids = \(variable).id.data  # shape \(Self.tuple(shape))")
        }
        for column in columns {
            guard let dataset = byPath[table.path + "/" + column], dataset.kind == "dataset", let shape = dataset.shape else {
                continue
            }
            let index = byPath[table.path + "/" + column + "_index"]
            if byPath[table.path + "/" + column + "_index_index"] != nil { continue }
            let access = index == nil ? "\(variable)[\(PythonRepr.string(column))].data" : "\(variable)[\(PythonRepr.string(column))].target.data"
            let columnVariable = variableName(for: table.path + "/" + column, prefix: variable + "_")
            var notes = ["shape \(Self.tuple(shape))"]
            if let dtype = dataset.dtype { notes.append(dtype) }
            if index != nil { notes.append("ragged: rows through \(variable)[\(PythonRepr.string(column))][i]") }
            if let description = dataset.description.map(Self.oneLine), !description.isEmpty, description != "no description" {
                notes.append(description)
            }
            result.append("\(columnVariable) = \(access)  # \(notes.joined(separator: ", "))")
        }
        return result
    }

    /// How pynwb reaches the group at `object.path`, or `nil` when it does not by a path this knows.
    private func expression(for object: ObjectEntry) -> String? {
        let parts = object.path.split(separator: "/").map(String.init)
        let quoted = parts.map { PythonRepr.string($0) }
        switch parts.count {
        case 1:
            switch parts[0] {
            case "units": return "nwbfile.units"
            default: break
            }
        case 2:
            switch parts[0] {
            case "acquisition": return "nwbfile.acquisition[\(quoted[1])]"
            case "processing": return "nwbfile.processing[\(quoted[1])]"
            case "analysis": return "nwbfile.analysis[\(quoted[1])]"
            case "scratch": return "nwbfile.scratch[\(quoted[1])]"
            case "intervals":
                switch parts[1] {
                case "trials": return "nwbfile.trials"
                case "epochs": return "nwbfile.epochs"
                case "invalid_times": return "nwbfile.invalid_times"
                default: return "nwbfile.intervals[\(quoted[1])]"
                }
            case "general":
                switch parts[1] {
                case "subject": return "nwbfile.subject"
                // Lab metadata, or an extension's group pynwb keeps elsewhere: by its object id when it has one.
                default:
                    return object.objectID.map { "nwbfile.objects.get(\(PythonRepr.string($0)))" }
                        ?? "nwbfile.lab_meta_data[\(quoted[1])]"
                }
            default: break
            }
        case 3:
            switch (parts[0], parts[1]) {
            case ("stimulus", "presentation"): return "nwbfile.stimulus[\(quoted[2])]"
            case ("stimulus", "templates"): return "nwbfile.stimulus_template[\(quoted[2])]"
            case ("general", "devices"): return "nwbfile.devices[\(quoted[2])]"
            case ("general", "extracellular_ephys"):
                return parts[2] == "electrodes" ? "nwbfile.electrodes" : "nwbfile.electrode_groups[\(quoted[2])]"
            case ("general", "optophysiology"): return "nwbfile.imaging_planes[\(quoted[2])]"
            case ("general", "optogenetics"): return "nwbfile.ogen_sites[\(quoted[2])]"
            case ("general", "intracellular_ephys"):
                switch parts[2] {
                case "intracellular_recordings", "sweep_table":
                    return "nwbfile.\(parts[2])"
                // Not every NWBFile class has these (an extension's icephys file does not): by object id first.
                case "simultaneous_recordings", "sequential_recordings", "repetitions", "experimental_conditions":
                    return object.objectID.map { "nwbfile.objects.get(\(PythonRepr.string($0)))" } ?? "nwbfile.\(parts[2])"
                default: return "nwbfile.icephys_electrodes[\(quoted[2])]"
                }
            default: break
            }
        default: break
        }
        // A named child of a container pynwb indexes by name.
        let parentPath = Self.parent(of: object.path)
        if let parent = byPath[parentPath], let parentType = parent.neurodataType, Self.indexable.contains(parentType),
            let parentExpression = expressions[parentPath]
        {
            return "\(parentExpression)[\(PythonRepr.string(Self.name(of: object.path)))]"
        }
        if let id = object.objectID { return "nwbfile.objects.get(\(PythonRepr.string(id)))" }
        return nil
    }

    /// A Python identifier from the object's name, unique in the script.
    private mutating func variableName(for path: String, prefix: String = "") -> String {
        var base = prefix + Self.identifier(Self.name(of: path))
        if base.first?.isNumber == true { base = "_" + base }
        if Self.keywords.contains(base) { base += "_" }
        var name = base
        var number = 2
        while names.contains(name) {
            name = "\(base)_\(number)"
            number += 1
        }
        names.insert(name)
        return name
    }

    static func identifier(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("_") {
                result += "_"
            }
        }
        if result.hasSuffix("_"), result.count > 1 { result.removeLast() }
        return result.isEmpty ? "obj" : result
    }

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "id", "type", "print", "object",
    ]

    /// Python's printing of a shape tuple: `()`, `(3,)`, `(3, 4)`.
    static func tuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
        return flat.count > 100 ? String(flat.prefix(99)) + "…" : flat
    }

    static func stringList(_ value: JSONValue?) -> [String]? {
        switch value {
        case .array(let items)?:
            return items.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
        case .string(let text)?: return [text]
        default: return nil
        }
    }

    static func attributeText(_ object: ObjectEntry, _ name: String) -> String? {
        switch object.attributes?.first(where: { $0.name == name })?.value {
        case .string(let text)?: return oneLine(text)
        case .number(let value)?: return PythonRepr.float(value)
        case .integer(let value)?: return String(value)
        case .unsigned(let value)?: return String(value)
        default: return nil
        }
    }
}
