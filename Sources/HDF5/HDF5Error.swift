import CHDF5

/// An error reported by libhdf5, or by this layer when a file says something it cannot honour.
public struct HDF5Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The libhdf5 call (or wrapper operation) that failed, e.g. `H5Fopen`.
    public let operation: String
    /// The object path inside the file the call was about, when there is one.
    public let objectPath: String?
    /// libhdf5's own words, innermost cause first, or this layer's explanation.
    public let message: String

    public init(operation: String, objectPath: String? = nil, message: String) {
        self.operation = operation
        self.objectPath = objectPath
        self.message = message
    }

    public var description: String {
        var text = "\(operation) failed"
        if let objectPath { text += " at \(objectPath)" }
        if !message.isEmpty { text += ": \(message)" }
        return text
    }
}

/// Turns libhdf5's error stack into Swift errors and keeps its printing off the terminal.
public enum HDF5Library {
    /// Runs once per process: silence automatic error printing.
    private static let setUp: Void = {
        _ = H5open()
        _ = chdf5_silence_errors()
        // libhdf5 keeps freed blocks on free lists for reuse; keep those lists small (bytes: global, per list).
        _ = H5set_free_list_limits(1 << 18, 1 << 16, 1 << 18, 1 << 16, 1 << 18, 1 << 16)
    }()

    /// Makes sure the library is initialised and silent. Every entry point calls it.
    public static func prepare() {
        _ = setUp
    }

    /// The library's version as `major.minor.release`.
    public static var version: String {
        prepare()
        var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
        _ = H5get_libversion(&major, &minor, &release)
        return "\(major).\(minor).\(release)"
    }

    /// Collects and clears the current error stack; returns its messages, innermost first, de-duplicated.
    public static func takeErrorMessages() -> [String] {
        final class Collector { var messages: [String] = [] }
        let collector = Collector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        _ = H5Ewalk2(
            chdf5_e_default(), H5E_WALK_UPWARD,
            { _, errorDescription, clientData in
                guard let errorDescription, let clientData else { return 0 }
                let collector = Unmanaged<Collector>.fromOpaque(clientData).takeUnretainedValue()
                if let text = errorDescription.pointee.desc {
                    let message = String(cString: text)
                    if !message.isEmpty, collector.messages.last != message { collector.messages.append(message) }
                }
                return 0
            }, context)
        _ = H5Eclear2(chdf5_e_default())
        return collector.messages
    }

    /// An `HDF5Error` for `operation`, carrying what libhdf5 said.
    public static func error(_ operation: String, path: String? = nil) -> HDF5Error {
        let messages = takeErrorMessages()
        let message = messages.isEmpty ? "libhdf5 reported an error" : messages.prefix(3).joined(separator: "; ")
        return HDF5Error(operation: operation, objectPath: path, message: message)
    }

    /// Clears any pending error without reporting it (for probes whose failure is an answer).
    public static func clearErrors() {
        _ = H5Eclear2(chdf5_e_default())
    }
}

/// Throws the captured error stack when `status` is negative.
@discardableResult
func check(_ status: herr_t, _ operation: String, path: String? = nil) throws -> herr_t {
    if status < 0 { throw HDF5Library.error(operation, path: path) }
    return status
}

/// Throws the captured error stack when `id` is not a valid identifier.
func checkID(_ id: hid_t, _ operation: String, path: String? = nil) throws -> hid_t {
    if id < 0 { throw HDF5Library.error(operation, path: path) }
    return id
}
