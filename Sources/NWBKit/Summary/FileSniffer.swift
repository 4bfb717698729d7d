import Foundation
import HDF5
import NWBSupport

/// Says what a file that is not HDF5 looks like, from its first bytes.
enum FileSniffer {
    static func describe(path: String, size: Int) -> String {
        if size == 0 { return "the file is empty" }
        let descriptor = RawPath.withCString(path) { open($0, O_RDONLY) }
        guard descriptor >= 0 else { return "cannot read its first bytes" }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: 512)
        let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 512) }
        head = Array(head.prefix(max(count, 0)))
        if head.starts(with: Array("version https://git-lfs".utf8)) {
            return "a Git LFS pointer, not the data: run `git lfs pull`"
        }
        if head.starts(with: [0x1f, 0x8b]) { return "gzip-compressed: decompress it first" }
        if head.starts(with: Array("\u{89}HDF".utf8)) || head.starts(with: [0x89, 0x48, 0x44, 0x46]) {
            return "HDF5 signature present but no valid superblock (truncated?)"
        }
        if head.starts(with: Array("PK".utf8)) { return "a ZIP archive" }
        if head.starts(with: Array("CDF".utf8)) { return "a netCDF-3 file" }
        if head.starts(with: Array("{".utf8)) { return "looks like JSON text" }
        let printable = head.filter { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }.count
        if printable == head.count { return "looks like a text file" }
        return "no HDF5 signature in its first bytes"
    }
}
