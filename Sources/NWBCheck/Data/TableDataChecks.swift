import Foundation
import HDF5
import NWBKit
import NWBSupport

/// Checks of DynamicTable column values (nwbinspector's subsets: the first 200 rows of a column).
enum TableDataChecks {
    static let all: [BestPracticeCheck] = [
        DataCheck.single(
            "check_dynamic_table_region_data_validity", .critical, "DynamicTableRegion",
            "a region's first 200 indices exceed its table's length or are negative", reads: "the first 200 indices",
            checkDynamicTableRegionDataValidity),
        DataCheck.single(
            "check_ids_unique", .critical, "DynamicTable", "the first 200 ids of a table repeat", reads: "the first 200 ids",
            checkIdsUnique),
        DataCheck.typed(
            "check_column_binary_capability", .bestPracticeSuggestion, "DynamicTable",
            "a user column's first 200 values take just two values such as 0/1 or yes/no (could be boolean)",
            reads: "the first value and the first 200 of each user column", checkColumnBinaryCapability),
        DataCheck.typed(
            "check_table_values_for_dict", .bestPracticeViolation, "DynamicTable",
            "one of a text column's first 200 values holds a dictionary ('{…:…}')",
            reads: "the first value and the first 200 of each text column", checkTableValuesForDict),
        DataCheck.typed(
            "check_col_not_nan", .bestPracticeSuggestion, "DynamicTable",
            "a float column is all NaN (its first 200 values, then 200 spread over it)",
            reads: "the first 200 values and about 200 spread over each float column", checkColNotNan),
        DataCheck.typed(
            "check_table_time_columns_are_not_negative", .bestPracticeSuggestion, "DynamicTable",
            "the first value of a '*_time' column is negative", reads: "the first row of each '*_time' column",
            checkTableTimeColumnsAreNotNegative),
        DataCheck.single(
            "check_time_intervals_start_time_not_constant", .critical, "TimeIntervals",
            "the first 200 start times are all the same", reads: "the first 200 start times",
            checkTimeIntervalsStartTimeNotConstant),
        DataCheck.single(
            "check_time_interval_time_columns", .bestPracticeViolation, "TimeIntervals",
            "the first 200 start times decrease somewhere", reads: "the first 200 start times",
            checkTimeIntervalTimeColumns),
        DataCheck.single(
            "check_time_intervals_stop_after_start", .bestPracticeViolation, "TimeIntervals",
            "one of the first 200 intervals stops at or before it starts", reads: "the first 200 start and stop times",
            checkTimeIntervalsStopAfterStart),
        DataCheck.single(
            "check_time_intervals_duration", .critical, "TimeIntervals", "the intervals span more than a year",
            reads: "the first and last 200 values of each '*_time' column", checkTimeIntervalsDuration),
    ]

    /// The columns nwbinspector looks at by value: not an index, of a table's data.
    static func valueColumns(_ file: SummaryIndex, _ table: ObjectEntry) -> [TableColumn] {
        file.columns(table).filter { !$0.isIndex }
    }

    /// The columns pynwb defines for the table's type (and the types it extends); pynwb reads a table at
    /// /general/extracellular_ephys/electrodes as an ElectrodesTable.
    static func predefinedColumns(_ file: SummaryIndex, _ table: ObjectEntry) -> Set<String> {
        var names = Set<String>()
        for (type, columns) in PyNWBFields.predefinedColumns where file.isA(table.neurodataType, type) {
            names.formUnion(columns)
        }
        if table.path == "/general/extracellular_ephys/electrodes" {
            names.formUnion(PyNWBFields.predefinedColumns["ElectrodesTable"] ?? [])
        }
        return names
    }

    /// A column of the table by its name.
    static func column(_ file: SummaryIndex, _ table: ObjectEntry, _ name: String) -> ObjectEntry? {
        guard let column = file.member(table.path, name), column.kind == "dataset" else { return nil }
        return column
    }

    /// True when a line of `text` has '{', then at least one character, ':', at least one character and '}'
    /// (nwbinspector's `({.+:.+})`; `.` matches anything but a line break). The earliest '{' and the
    /// earliest ':' after it leave the most room, so one pass per line decides.
    static func holdsDictionary(_ text: String) -> Bool {
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let bytes = Array(line)
            guard let brace = bytes.firstIndex(of: UInt8(ascii: "{")) else { continue }
            guard let colon = bytes[min(bytes.count, brace + 2)...].firstIndex(of: UInt8(ascii: ":")) else { continue }
            if bytes[min(bytes.count, colon + 2)...].contains(UInt8(ascii: "}")) { return true }
        }
        return false
    }

    /// SI byte sizes as nwbinspector's `format_byte_size` writes them (`1.24KB`, `45.00B`).
    static func byteSize(_ bytes: Double) -> String {
        var value = bytes
        for prefix in ["", "K", "M", "G", "T", "P", "E", "Z"] {
            if abs(value) < 1000 { return String(format: "%3.2f", value) + prefix + "B" }
            value /= 1000
        }
        return String(format: "%.2f", value) + "YB"
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension TableDataChecks {
    /// `check_dynamic_table_region_data_validity`: flags when a region's first 200 indices exceed its table's
    /// length (as nwbinspector does: an index equal to the length passes) or are negative.
    static func checkDynamicTableRegionDataValidity(_ file: SummaryIndex, _ data: CheckDataReader, _ region: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard region.kind == "dataset", case .object(let reference)? = region.attribute("table"),
            case .string(let tablePath)? = reference["reference"], let table = file.entry(tablePath),
            let rows = file.rowCount(table)
        else { return nil }
        let indices = try data.head(region)
        if indices.contains(where: { $0 > Double(rows) }) {
            return
                "Some elements of \(region.name) are out of range because they are greater than the length of the target table. Note that data should contain indices, not ids."
        }
        if indices.contains(where: { $0 < 0 }) {
            return "Some elements of \(region.name) are out of range because they are less than 0."
        }
        return nil
    }

    /// `check_ids_unique`: flags when the first 200 ids of a table repeat.
    static func checkIdsUnique(_ file: SummaryIndex, _ data: CheckDataReader, _ table: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let ids = file.member(table.path, "id"), ids.kind == "dataset", ids.shape?.first ?? 0 > 1 else {
            return nil
        }
        let values = try data.head(ids)
        return Set(values).count == values.count ? nil : "This table has ids that are not unique."
    }

    /// `check_column_binary_capability`: flags a user column whose first 200 values take exactly two values
    /// that read as a yes/no pair.
    static func checkColumnBinaryCapability(_ file: SummaryIndex, _ data: CheckDataReader, _ table: ObjectEntry)
        throws(DataReadProblem) -> [String]
    {
        let predefined = predefinedColumns(file, table)
        var messages: [String] = []
        for column in valueColumns(file, table) where !predefined.contains(column.name) {
            guard column.length > 0, let shape = column.entry.shape else { continue }
            let type = try data.valueType(column.entry)
            let elementSize = ColumnValues.itemSize(type)
            if elementSize == 1 { continue }  // already boolean, int8 or uint8
            let rows = min(column.length, inspectorSampleSize)
            let description: String
            let dtypeName: String
            if type.isText {
                guard type.isVariableLengthText else { continue }  // bytes: never one of the pairs
                let unique = Set(try data.texts(column.entry.path, .range(0..<rows))).sorted()
                guard unique.count == 2 else { continue }
                let pairs: [Set<String>] = [["yes", "no"], ["y", "n"], ["true", "false"], ["t", "f"], ["hit", "miss"]]
                guard pairs.contains(Set(unique)) else { continue }
                description = "[" + unique.map { PythonRepr.string($0) }.joined(separator: " ") + "]"
                dtypeName = "object"
            } else if type.isFloat || type.isIntegerLike {
                let unique = Set(try data.numbers(column.entry.path, .range(0..<rows))).sorted()
                guard unique.count == 2, unique == [0, 1] else { continue }
                dtypeName = ColumnValues.numpyName(type)
                description = type.isFloat ? "[0. 1.]" : "[0 1]"
            } else {
                continue
            }
            let saved = Double(elementSize - 1) * Double(shape.reduce(1) { $0 * max(0, $1) })
            let printed = dtypeName == "float64" ? "floats" : dtypeName == "int64" ? "integers" : dtypeName
            messages.append(
                "Column '\(column.name)' uses '\(printed)' but has binary values \(description). Consider making it boolean instead and renaming the column to start with 'is_'; doing so will save \(byteSize(saved))."
            )
        }
        return messages
    }

    /// `check_table_values_for_dict`: flags each of a text column's first 200 values that holds a dictionary.
    static func checkTableValuesForDict(_ file: SummaryIndex, _ data: CheckDataReader, _ table: ObjectEntry)
        throws(DataReadProblem) -> [String]
    {
        var messages: [String] = []
        for column in valueColumns(file, table) {
            guard (try data.valueType(column.entry)).isVariableLengthText, column.entry.shape?.count == 1, column.length > 0
            else { continue }
            for text in try data.texts(column.entry.path, .range(0..<min(column.length, inspectorSampleSize)))
            where holdsDictionary(text) {
                var message =
                    "The column '\(column.name)' contains a string value that contains a dictionary! Please unpack dictionaries as additional rows or columns of the table."
                if (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)) != nil {
                    message += " This string is also JSON loadable, so call `json.loads(...)` on the string to unpack."
                }
                messages.append(message)
            }
        }
        return messages
    }

    /// `check_col_not_nan`: flags a float column whose first 200 values are NaN and whose values spread
    /// over it (every ceil(n/200)th) are too.
    static func checkColNotNan(_ file: SummaryIndex, _ data: CheckDataReader, _ table: ObjectEntry)
        throws(DataReadProblem) -> [String]
    {
        var messages: [String] = []
        for column in valueColumns(file, table) {
            guard (try data.valueType(column.entry)).isFloat, column.length > 0 else { continue }
            guard try data.head(column.entry).allSatisfy(\.isNaN) else { continue }
            let step = (column.length + inspectorSampleSize - 1) / inspectorSampleSize
            let spread = try data.numbers(
                column.entry.path, .strided(start: 0, stride: step, count: (column.length + step - 1) / step))
            guard spread.allSatisfy(\.isNaN) else { continue }
            messages.append(
                "Column '\(column.name)' \(step == 1 ? "has" : "might have") all NaN values. Consider removing it from the table."
            )
        }
        return messages
    }

    /// `check_table_time_columns_are_not_negative`: flags each '*_time' column whose first row is negative.
    static func checkTableTimeColumnsAreNotNegative(_ file: SummaryIndex, _ data: CheckDataReader, _ table: ObjectEntry)
        throws(DataReadProblem) -> [String]
    {
        var messages: [String] = []
        for name in file.columnNames(table) where name.hasSuffix("_time") {
            guard let values = column(file, table, name), values.shape?.first ?? 0 > 0,
                try data.valueType(values).isNumber
            else { continue }
            let first: [Double]
            if let index = column(file, table, name + "_index") {
                guard let end = try data.integers(index.path, .range(0..<1)).first, end > 0 else { continue }
                first = try data.numbers(values.path, .range(0..<Int(clamping: end)))
            } else {
                first = try data.numbers(values.path, .range(0..<1))
            }
            if first.contains(where: { $0 < 0 }) {
                messages.append(
                    "Timestamps in column \(name) should not be negative. It is recommended to align the `session_start_time` or `timestamps_reference_time` to be the earliest time value that occurs in the data, and shift all other signals accordingly."
                )
            }
        }
        return messages
    }

    /// `check_time_intervals_start_time_not_constant`: flags when the first 200 start times are all the same.
    static func checkTimeIntervalsStartTimeNotConstant(_ file: SummaryIndex, _ data: CheckDataReader, _ table: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard file.rowCount(table) ?? 0 > 1, let start = column(file, table, "start_time") else { return nil }
        let values = try data.head(start)
        guard let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
        return
            "All start_time values are the same value \(NumpyText.scalar(first, integer: (try data.valueType(start)).isIntegerLike)). start_times should be in non-decreasing order and should be with respect to the session start time."
    }

    /// `check_time_interval_time_columns`: flags when the first 200 start times (NaN left out) decrease.
    static func checkTimeIntervalTimeColumns(_ file: SummaryIndex, _ data: CheckDataReader, _ table: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard file.columnNames(table).contains("start_time"), let start = column(file, table, "start_time") else {
            return nil
        }
        let values = try data.head(start).filter { !$0.isNaN }
        guard zip(values, values.dropFirst()).contains(where: { $1 - $0 < 0 }) else { return nil }
        return
            "['start_time'] are time columns but the values are not in ascending order. All times should be in seconds with respect to the session start time."
    }

    /// `check_time_intervals_stop_after_start`: flags when one of the first 200 intervals stops at or before it starts.
    static func checkTimeIntervalsStopAfterStart(_ file: SummaryIndex, _ data: CheckDataReader, _ table: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let start = column(file, table, "start_time"), let stop = column(file, table, "stop_time") else {
            return nil
        }
        let starts = try data.head(start)
        let stops = try data.head(stop)
        guard starts.count == stops.count, zip(stops, starts).contains(where: { $0 - $1 <= 0 }) else { return nil }
        return
            "stop_times should be greater than start_times. Make sure the stop times are with respect to the session start time."
    }

    /// `check_time_intervals_duration`: flags when the earliest of the first 200 values and the latest of the
    /// last 200 of the '*_time' columns lie more than a year apart.
    static func checkTimeIntervalsDuration(_ file: SummaryIndex, _ data: CheckDataReader, _ table: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard file.rowCount(table) ?? 0 > 0, let start = column(file, table, "start_time"),
            let stop = column(file, table, "stop_time")
        else { return nil }
        func nanMin(_ values: [Double]) -> Double? { values.filter { !$0.isNaN }.min() }
        func nanMax(_ values: [Double]) -> Double? { values.filter { !$0.isNaN }.max() }
        var starts = [nanMin(try data.head(start))].compactMap { $0 }
        var stops = [nanMax(try data.tail(stop))].compactMap { $0 }
        for name in file.columnNames(table) where name.hasSuffix("_time") && name != "start_time" && name != "stop_time" {
            guard let other = column(file, table, name), file.member(table.path, name + "_index") == nil,
                other.shape?.first ?? 0 > 0, try data.valueType(other).isNumber
            else { continue }
            if let low = nanMin(try data.head(other)) { starts.append(low) }
            if let high = nanMax(try data.tail(other)) { stops.append(high) }
        }
        guard let earliest = starts.min(), let latest = stops.max() else { return nil }
        let duration = latest - earliest
        guard duration > SpikeTimeChecks.year else { return nil }
        return
            "TimeIntervals table '\(table.name)' has a duration of \(PythonNumber.fixed(duration)) seconds (\(PythonNumber.fixed(duration / SpikeTimeChecks.year)) years), which exceeds the threshold of \(PythonNumber.fixed(SpikeTimeChecks.year)) seconds (1.00 years). Please verify that this is correct."
    }
}

/// What numpy says of a column's values.
enum ColumnValues {
    /// numpy's `itemsize` of one element (variable-length text: 8, an object pointer).
    static func itemSize(_ type: DataType) -> Int {
        switch type {
        case .integer(let size, _, _), .float(let size, _): size
        case .enumeration(let base, _): itemSize(base)
        case .string(let length, _, _): length ?? 8
        default: 8
        }
    }

    /// numpy's name of the dtype (`int32`, `float64`, `uint16`).
    static func numpyName(_ type: DataType) -> String {
        switch type {
        case .integer(let size, let signed, _): (signed ? "int" : "uint") + String(size * 8)
        case .float(let size, _): "float" + String(size * 8)
        case .enumeration(let base, _): numpyName(base)
        default: "object"
        }
    }
}
