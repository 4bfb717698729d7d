import HDF5
import NWBKit
import NWBSupport

/// How nwbinspector bounds most of its reads of data values: the first 200 elements.
let inspectorSampleSize = 200

/// Families of data checks: one registered per type, the body run on each object of the type.
enum DataCheck {
    /// A data check run once for every object of `type` (or an extension of it); the body reads through the
    /// file's reader and returns its messages (several for one object, or none).
    static func typed(
        _ id: String, _ importance: Importance, _ type: String, _ flags: String, reads: String,
        _ body: @escaping @Sendable (SummaryIndex, CheckDataReader, ObjectEntry) throws(DataReadProblem) -> [String]
    ) -> BestPracticeCheck {
        BestPracticeCheck(id, importance, flags, appliesTo: type, reads: reads) { file, data in
            file.objects(ofType: type).flatMap { object -> [CheckOutcome] in
                do throws(DataReadProblem) {
                    return try body(file, data, object).map { .hit(CheckHit(object.path, object.neurodataType, $0)) }
                } catch {
                    return [.note(CheckHit(object.path, object.neurodataType, error.description))]
                }
            }
        }
    }

    /// A data check with at most one message per object.
    static func single(
        _ id: String, _ importance: Importance, _ type: String, _ flags: String, reads: String,
        _ body: @escaping @Sendable (SummaryIndex, CheckDataReader, ObjectEntry) throws(DataReadProblem) -> String?
    ) -> BestPracticeCheck {
        typed(id, importance, type, flags, reads: reads) { file, data, object throws(DataReadProblem) in
            try body(file, data, object).map { [$0] } ?? []
        }
    }
}

/// One column of a DynamicTable as pynwb lists it in `table.columns`: a ragged column is its index
/// (a VectorIndex) followed by the data it indexes.
struct TableColumn {
    var name: String
    var entry: ObjectEntry
    var isIndex: Bool
    /// Rows (the first dimension).
    var length: Int { entry.shape?.first ?? 0 }
}

extension SummaryIndex {
    /// The names in a table's `colnames` attribute, in order.
    func columnNames(_ table: ObjectEntry) -> [String] {
        table.attribute("colnames")?.texts ?? []
    }

    /// A table's columns in pynwb's `table.columns` order (each ragged column's indexes, then its data).
    func columns(_ table: ObjectEntry) -> [TableColumn] {
        columnNames(table).flatMap { name -> [TableColumn] in
            var columns: [TableColumn] = []
            var indexName = name + "_index"
            var indexes: [TableColumn] = []
            while let index = member(table.path, indexName), index.kind == "dataset" {
                indexes.insert(TableColumn(name: indexName, entry: index, isIndex: true), at: 0)
                indexName += "_index"
            }
            columns += indexes
            if let data = member(table.path, name), data.kind == "dataset" {
                columns.append(TableColumn(name: name, entry: data, isIndex: false))
            }
            return columns
        }
    }

    /// The rows of a table (the length of its `id`).
    func rowCount(_ table: ObjectEntry) -> Int? {
        member(table.path, "id")?.shape?.first
    }

    /// True when the subject is a mouse, as nwbinspector's Allen CCF checks require.
    var subjectIsMouse: Bool {
        guard let species = summary.subject?.species else { return false }
        return ["Mus musculus", "Mouse", "mouse", "http://purl.obolibrary.org/obo/NCBITaxon_10090"].contains(species)
    }
}

extension DataType {
    /// True for floating-point values.
    var isFloat: Bool {
        if case .float = self { return true }
        return false
    }

    /// True for integer values (booleans stored as enumerations included).
    var isIntegerLike: Bool {
        switch self {
        case .integer, .enumeration: true
        default: false
        }
    }

    /// True for numbers (integers, floats, enumerations).
    var isNumber: Bool { isFloat || isIntegerLike }

    /// True for text.
    var isText: Bool {
        if case .string = self { return true }
        return false
    }

    /// True for variable-length text (h5py reads these as `str`, fixed-length ones as `bytes`).
    var isVariableLengthText: Bool {
        if case .string(nil, _, _) = self { return true }
        return false
    }
}

extension CheckDataReader {
    /// The first `count` rows (at most the dataset's length) of a numeric dataset, flattened.
    func head(_ entry: ObjectEntry, _ count: Int = inspectorSampleSize) throws(DataReadProblem) -> [Double] {
        let length = entry.shape?.first ?? 1
        return try numbers(entry.path, .range(0..<min(count, length)))
    }

    /// The last `count` rows of a numeric dataset, flattened.
    func tail(_ entry: ObjectEntry, _ count: Int = inspectorSampleSize) throws(DataReadProblem) -> [Double] {
        let length = entry.shape?.first ?? 1
        return try numbers(entry.path, .range(max(0, length - count)..<length))
    }

    /// As many leading rows of a numeric dataset as the allowance holds (all of them when it can), and
    /// whether that is every row: for the checks nwbinspector runs on whole arrays.
    func allOrHead(_ entry: ObjectEntry) throws(DataReadProblem) -> (values: [Double], complete: Bool) {
        guard let shape = entry.shape, let length = shape.first else { return (try numbers(entry.path, .range(0..<1)), true) }
        let perRow = max(1, shape.dropFirst().reduce(1) { $0 * max(0, $1) })
        let rows = min(length, remaining / (8 * perRow))
        if rows == 0 && length > 0 {
            throw .overAllowance(dataset: entry.path, needed: 8 * perRow * length, remaining: remaining, limit: allowance)
        }
        return (try numbers(entry.path, .range(0..<rows)), rows == length)
    }
}

/// Formatting as numpy and Python print values in messages.
enum NumpyText {
    /// A shape as a Python tuple: `(5, 5)`, `(3,)`, `()`.
    static func tuple(_ values: [Int]) -> String {
        "(" + values.map(String.init).joined(separator: ", ") + (values.count == 1 ? ",)" : ")")
    }

    /// `str()` of a numpy scalar read with `dtype` (integers without a fraction).
    static func scalar(_ value: Double, integer: Bool) -> String {
        integer && value.isFinite ? String(Int64(value)) : PythonRepr.float(value)
    }
}
