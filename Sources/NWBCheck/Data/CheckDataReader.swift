import HDF5
import NWBKit
import RemoteReading

/// Why a data check could not look at all it needed: the file's data allowance was spent, or libhdf5 could
/// not read the values. The check's run then carries a `CheckNote` instead of a silent pass.
public enum DataReadProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Reading `needed` bytes would pass the file's allowance (`remaining` of `limit` left).
    case overAllowance(dataset: String, needed: Int, remaining: Int, limit: Int)
    /// The values could not be read.
    case unreadable(dataset: String, reason: String)

    public var description: String {
        switch self {
        case .overAllowance(let dataset, let needed, let remaining, let limit):
            "reading \(dataset) needs \(ByteCount.text(needed)), more than the \(ByteCount.text(remaining)) left of the file's \(ByteCount.text(limit)) data allowance (--data-bytes)"
        case .unreadable(let dataset, let reason): "\(dataset) could not be read: \(reason)"
        }
    }
}

/// Byte counts as a person reads them (`16 MiB`, `1.5 KiB`, `200 bytes`).
enum ByteCount {
    static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let number = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(number) \(units[unit])"
    }
}

/// The bounded reads of one file's data values that the data checks make (nwbinspector reads the same
/// subsets: usually the first 200 elements). Every read is charged, as the bytes of the values selected,
/// against one allowance per file; a read that would pass it is refused and the check says so in a note.
/// The file is opened on the first read, read-only, and closed with the reader.
public final class CheckDataReader {
    /// The data a file's checks may read by default: 16 MiB.
    public static let defaultAllowance = 16 << 20

    /// The file read.
    public let path: String
    /// Bytes the checks of this file may read.
    public let allowance: Int
    /// Bytes read so far.
    public private(set) var bytesRead = 0
    private var opened: Result<HDF5.File, HDF5Error>?

    /// How a remote file is fetched when the reader opens it itself.
    private let remote: RemoteOptions

    /// A reader of the file at `path`; through `openFile` when the caller has it open (a worker, after
    /// the summary: a remote file's metadata is then not fetched again).
    public init(
        path: String, allowance: Int = CheckDataReader.defaultAllowance, remote: RemoteOptions = RemoteOptions(),
        openFile: HDF5.File? = nil
    ) {
        self.path = path
        self.allowance = max(0, allowance)
        self.remote = remote
        opened = openFile.map { .success($0) }
    }

    /// Bytes the checks may still read.
    public var remaining: Int { max(0, allowance - bytesRead) }

    /// The selected rows of the numeric dataset at `dataset` (a path in the file), row-major, as doubles. A
    /// range past the end is cut at the end, as a numpy slice is.
    public func numbers(_ dataset: String, _ rows: RowSelection) throws(DataReadProblem) -> [Double] {
        let object = try open(dataset)
        let shape = try storedShape(object, dataset)
        let rows = clipped(rows, shape)
        try charge(dataset, bytes: rowBytes(shape, rows))
        do { return try object.readNumbers(rows) } catch { throw .unreadable(dataset: dataset, reason: error.message) }
    }

    /// The selected rows of the integer dataset at `dataset`, row-major (a range cut at the end).
    public func integers(_ dataset: String, _ rows: RowSelection) throws(DataReadProblem) -> [Int64] {
        let object = try open(dataset)
        let shape = try storedShape(object, dataset)
        let rows = clipped(rows, shape)
        try charge(dataset, bytes: rowBytes(shape, rows))
        do { return try object.readIntegers(rows) } catch { throw .unreadable(dataset: dataset, reason: error.message) }
    }

    /// The selected rows of the string dataset at `dataset`; the text read is charged as it comes, and a read
    /// the allowance stops part way throws.
    public func texts(_ dataset: String, _ rows: RowSelection) throws(DataReadProblem) -> [String] {
        let object = try open(dataset)
        let rows = clipped(rows, try storedShape(object, dataset))
        // Each string is at least its pointer: charge that first, then the text.
        try charge(dataset, bytes: rows.rowCount * 8)
        let read: (texts: [String], bytes: Int, complete: Bool)
        do { read = try object.readTexts(rows, maxTextBytes: remaining) } catch {
            throw .unreadable(dataset: dataset, reason: error.message)
        }
        let before = remaining
        bytesRead += read.bytes
        guard read.complete, read.bytes <= before else {
            throw .overAllowance(dataset: dataset, needed: read.bytes, remaining: before, limit: allowance)
        }
        return read.texts
    }

    /// The first dimension's length and the elements per row of `dataset`, without reading values.
    public func shape(_ dataset: String) throws(DataReadProblem) -> [Int] {
        let object = try open(dataset)
        do { return try object.storedShape().shape } catch { throw .unreadable(dataset: dataset, reason: error.message) }
    }

    /// The dataset's shape, read once per read.
    private func storedShape(_ object: HDF5.Object, _ dataset: String) throws(DataReadProblem) -> [Int] {
        do { return try object.storedShape().shape } catch { throw .unreadable(dataset: dataset, reason: error.message) }
    }

    /// A range cut to the first dimension of `shape` (numpy's slicing); other selections as they are.
    private func clipped(_ rows: RowSelection, _ shape: [Int]) -> RowSelection {
        guard case .range(let range) = rows else { return rows }
        guard let length = shape.first else { return rows }
        let upper = min(range.upperBound, length)
        return .range(min(range.lowerBound, upper)..<upper)
    }

    private func charge(_ dataset: String, bytes: Int) throws(DataReadProblem) {
        guard bytes <= remaining else {
            throw .overAllowance(dataset: dataset, needed: bytes, remaining: remaining, limit: allowance)
        }
        bytesRead += bytes
    }

    /// Bytes in memory of the selected rows of a dataset of `shape` (8 per element: doubles and 64-bit
    /// integers).
    private func rowBytes(_ shape: [Int], _ rows: RowSelection) -> Int {
        let perRow = shape.dropFirst().reduce(1) { $0.multipliedReportingOverflow(by: max(0, $1)).partialValue }
        let (elements, overflow) = rows.rowCount.multipliedReportingOverflow(by: perRow)
        let (bytes, overflow2) = elements.multipliedReportingOverflow(by: 8)
        return overflow || overflow2 ? Int.max : bytes
    }

    func open(_ dataset: String) throws(DataReadProblem) -> HDF5.Object {
        if opened == nil {
            do { opened = .success(try FileOpening.open(path, remote: remote).file) } catch {
                opened = .failure(HDF5Error(operation: "H5Fopen", message: error.reason))
            }
        }
        switch opened! {
        case .failure(let error): throw .unreadable(dataset: dataset, reason: error.message)
        case .success(let file):
            do {
                let relative = dataset.hasPrefix("/") ? String(dataset.dropFirst()) : dataset
                return try file.root().openChild(relative, path: dataset)
            } catch let error as HDF5Error {
                throw .unreadable(dataset: dataset, reason: error.message)
            } catch {
                throw .unreadable(dataset: dataset, reason: "\(error)")
            }
        }
    }
}

extension CheckDataReader {
    /// The stored type of a dataset's values (the summary keeps only its numpy name): a header read, no values.
    public func valueType(_ entry: ObjectEntry) throws(DataReadProblem) -> DataType {
        try valueType(entry.path)
    }

    /// The stored type of the values of the dataset at `dataset`.
    public func valueType(_ dataset: String) throws(DataReadProblem) -> DataType {
        let object = try open(dataset)
        do { return try object.datasetInfo().type } catch { throw .unreadable(dataset: dataset, reason: "\(error)") }
    }
}

extension CheckDataReader {
    /// The most bytes one cached specification document may hold (the largest of NWB's, `nwb.file`, is
    /// under 100 KB; extensions are smaller).
    public static let specificationDocumentLimit = 4 << 20

    /// A scalar string dataset's whole text (a cached specification document under `/specifications`),
    /// at most `specificationDocumentLimit` bytes. It is metadata the schema check needs, so it is not
    /// charged to the data allowance.
    public func wholeText(_ dataset: String) throws(DataReadProblem) -> String {
        let object = try open(dataset)
        let value = object.readValue(limits: ValueLimits(maxElements: 1, maxBytes: Self.specificationDocumentLimit))
        guard value.unreadReason == nil, value.droppedTextBytes == 0, let element = value.singleElement else {
            throw .unreadable(dataset: dataset, reason: value.unreadReason ?? "not one string of at most 4 MiB")
        }
        return element.text
    }
}
