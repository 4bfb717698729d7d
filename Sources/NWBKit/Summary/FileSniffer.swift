import Foundation
import HDF5
import NWBSupport
import Platform

/// Says what a file that is not HDF5 looks like, from its first bytes.
enum FileSniffer {
    /// What the local file at `path` looks like.
    static func describe(path: String, size: Int) -> String {
        if size == 0 { return "the file is empty" }
        guard let descriptor = try? FileDescriptor.openForReading(path) else { return "cannot read its first bytes" }
        defer { descriptor.close() }
        var head = [UInt8](repeating: 0, count: 512)
        let count = (try? head.withUnsafeMutableBytes { (raw) throws(Errno) in try descriptor.readFully(into: raw) }) ?? 0
        return describe(head: Array(head.prefix(count)), size: size)
    }

    /// What a file whose first bytes are `head` (up to 512) looks like: the same words for a local file
    /// and a remote one.
    static func describe(head: [UInt8], size: Int) -> String {
        if size == 0 { return "the file is empty" }
        if head.starts(with: Array("version https://git-lfs".utf8)) {
            return "a Git LFS pointer, not the data: run `git lfs pull`"
        }
        if head.starts(with: [0x1f, 0x8b]) { return "gzip-compressed: decompress it first" }
        if head.starts(with: [0x89, 0x48, 0x44, 0x46]) {
            return "HDF5 signature present but no valid superblock (truncated?)"
        }
        if head.starts(with: Array("PK".utf8)) { return "a ZIP archive" }
        if head.starts(with: Array("CDF".utf8)) { return "a netCDF-3 file" }
        let text = String(decoding: head.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .lowercased()
        if text.hasPrefix("<!doctype html") || text.hasPrefix("<html") {
            return "an HTML page: a web page or a folder's listing, not a file"
        }
        if head.starts(with: Array("{".utf8)) { return "looks like JSON text" }
        let printable = head.filter { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }.count
        if printable == head.count { return "looks like a text file" }
        return "no HDF5 signature in its first bytes"
    }

    /// What the remote file `source` looks like, from its first bytes.
    static func describe(source: ByteSource) -> String {
        var head = [UInt8](repeating: 0, count: min(512, source.size))
        guard head.isEmpty || head.withUnsafeMutableBytes({ source.read(offset: 0, count: $0.count, into: $0.baseAddress!) })
        else { return "cannot read its first bytes" }
        return describe(head: head, size: source.size)
    }
}
