import HDF5
import NWBCheck
import NWBKit
import RemoteReading

/// Which object of a file `nwb_object` describes, and which of its values it reads: rows `start..<start +
/// count` of the first dimension, within `maxBytes` of values.
public struct ObjectRequest: Codable, Sendable, Equatable {
    public var path: String
    public var start: Int
    public var count: Int
    public var maxBytes: Int

    /// The most a call may read, whatever it asks: 1 MiB of values.
    public static let largestBudget = 1 << 20
    /// What a call reads when it names no budget: 64 KiB.
    public static let defaultBudget = 64 << 10

    public init(path: String, start: Int = 0, count: Int = 100, maxBytes: Int = ObjectRequest.defaultBudget) {
        self.path = path
        self.start = max(0, start)
        self.count = max(0, count)
        self.maxBytes = min(max(0, maxBytes), Self.largestBudget)
    }
}

/// One object of a file: what the summary knows of it (kind, type, attributes, shape, dtype, chunking), its
/// members when it is a group, and for a dataset a bounded slice of its values, with what bounded it.
public struct ObjectSlice: Codable, Sendable, Equatable {
    /// The values read and what bounded them.
    public struct Values: Codable, Sendable, Equatable {
        /// The first row read, and how many rows (of the first dimension) were read and asked for.
        public var start: Int
        public var rows: Int
        public var rowsAsked: Int
        /// The slice's shape: `rows` and the dataset's other dimensions.
        public var shape: [Int]
        /// The values, nested as the slice's shape (a scalar's value as it is).
        public var data: JSONValue
        /// True when fewer rows than asked were read because of the byte budget or the dataset's end.
        public var cut: Bool
        /// The byte budget of this call, and the bytes of values read (8 per number, the text of strings).
        public var budgetBytes: Int
        public var bytesRead: Int
        /// Why values are missing or fewer than asked, in words.
        public var note: String?
    }

    public var entry: ObjectEntry?
    /// A group's members' names (at most `maximumMembers`), and how many it has.
    public var members: [String]?
    public var memberCount: Int?
    public var values: Values?
    /// Why the object could not be described (not in the file).
    public var problem: String?

    /// The most member names listed.
    public static let maximumMembers = 200

    /// Describes `request.path` of the file `summary` was read from, reading values through `file` (open in
    /// the worker) within the request's budget.
    public static func make(_ request: ObjectRequest, summary: FileSummary, file: File?, remote: RemoteOptions) -> ObjectSlice {
        let wanted = request.path.hasPrefix("/") ? request.path : "/" + request.path
        guard let entry = summary.objects.first(where: { $0.path == wanted || ($0.aliases ?? []).contains(wanted) }) else {
            return ObjectSlice(problem: "no object at \(wanted) in \(summary.path)")
        }
        var slice = ObjectSlice(entry: entry)
        if entry.kind == "group" {
            let prefix = entry.path == "/" ? "/" : entry.path + "/"
            let names = summary.objects.lazy.filter { $0.path.hasPrefix(prefix) && !$0.path.dropFirst(prefix.count).contains("/") }
                .map { String($0.path.dropFirst(prefix.count)) }
            let all = Array(names)
            slice.members = Array(all.prefix(maximumMembers))
            slice.memberCount = all.count
        }
        if entry.kind == "dataset" {
            slice.values = values(of: entry, request: request, summary: summary, file: file, remote: remote)
        }
        return slice
    }

    private static func values(
        of entry: ObjectEntry, request: ObjectRequest, summary: FileSummary, file: File?, remote: RemoteOptions
    ) -> Values {
        let shape = entry.shape ?? []
        var result = Values(
            start: request.start, rows: 0, rowsAsked: request.count, shape: [], data: .null, cut: false,
            budgetBytes: request.maxBytes, bytesRead: 0)
        guard !shape.isEmpty else {
            // A scalar: the summary holds its value (small values are read with the metadata).
            result.data = entry.value ?? .null
            result.rows = entry.value == nil ? 0 : 1
            result.rowsAsked = 1
            if entry.value == nil { result.note = "a scalar of this type is not read" }
            return result
        }
        let length = shape[0]
        let perRow = shape.dropFirst().reduce(1) { $0.multipliedReportingOverflow(by: max(0, $1)).partialValue }
        let first = min(request.start, length)
        var rows = min(request.count, length - first)
        let elementBytes = 8
        let rowBytes = max(1, perRow.multipliedReportingOverflow(by: elementBytes).partialValue)
        if rows > request.maxBytes / rowBytes {
            rows = request.maxBytes / rowBytes
            result.note =
                "cut to \(rows) rows by the byte budget (\(request.maxBytes) bytes; a row is \(rowBytes) bytes): ask again with start \(first + rows)"
        } else if request.start + request.count > length {
            result.note = "the dataset has \(length) rows"
        }
        result.start = first
        result.cut = rows < request.count
        result.shape = [rows] + shape.dropFirst()
        guard rows > 0 else { return result }
        let reader = CheckDataReader(path: summary.path, allowance: request.maxBytes, remote: remote, openFile: file)
        let selection = RowSelection.range(first..<(first + rows))
        do {
            // The summary keeps the numpy name; the stored type is a header read.
            let type = try entry.type ?? reader.valueType(entry.path)
            switch type {
            case .integer, .enumeration, .bitfield:
                let numbers = try reader.integers(entry.path, selection)
                result.data = nested(numbers.map { JSONValue.integer($0) }, shape: result.shape)
            case .float:
                // float32 values as float32 prints them (0.92975384, not 0.929753839969635).
                let single = entry.dtype == "float32"
                let numbers = try reader.numbers(entry.path, selection).map { single ? Double(String(Float($0))) ?? $0 : $0 }
                result.data = nested(numbers.map { $0.isFinite ? JSONValue.number($0) : .string(String($0)) }, shape: result.shape)
            case .string:
                let texts = try reader.texts(entry.path, selection)
                result.data = nested(texts.map { JSONValue.string($0) }, shape: result.shape)
            default:
                result.rows = 0
                result.shape = []
                result.note = "values of type \(entry.dtype ?? "?") are not read here (numbers and strings only)"
                return result
            }
            result.rows = rows
            result.bytesRead = reader.bytesRead
        } catch {
            result.rows = 0
            result.shape = []
            result.note = "\(error)"
        }
        return result
    }

    /// Row-major `flat` values nested as `shape`.
    static func nested(_ flat: [JSONValue], shape: [Int]) -> JSONValue {
        guard shape.count > 1 else { return .array(flat) }
        let inner = Array(shape.dropFirst())
        let step = inner.reduce(1) { $0 * max(1, $1) }
        var rows: [JSONValue] = []
        var index = 0
        while index < flat.count {
            rows.append(nested(Array(flat[index..<min(flat.count, index + step)]), shape: inner))
            index += step
        }
        return .array(rows)
    }
}
