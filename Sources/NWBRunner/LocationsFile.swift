import Foundation
import RemoteReading

/// Where archive assets are read, handed from the parent to its workers (`worker --locations FILE`): a JSON
/// object of asset name → location in a temporary file only this user can read (a location may carry an
/// API key), removed when the run ends.
public struct LocationsFile: Sendable {
    /// Why the file could not be written or read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let path: String

    /// Writes `locations` to a new temporary file.
    public init(locations: [String: RemoteLocation]) throws(Failure) {
        var template = Array((NSTemporaryDirectory() + "/nwbkit-locations-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw Failure(description: "cannot write a temporary file: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            let data = try JSONEncoder().encode(locations)
            try handle.write(contentsOf: data)
            try handle.close()
        } catch {
            unlink(path)
            throw Failure(description: "cannot write a temporary file: \(error)")
        }
    }

    /// The locations a parent wrote to `path`.
    public static func load(_ path: String) throws(Failure) -> [String: RemoteLocation] {
        do {
            return try JSONDecoder().decode([String: RemoteLocation].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw Failure(description: "cannot read the locations file \(path): \(error)")
        }
    }

    /// Removes the file.
    public func remove() { unlink(path) }
}
