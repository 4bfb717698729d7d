#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns compact JSON (as `FastJSONEncoder(prettyPrinted: false)` writes it) into the pretty form
/// `FastJSONEncoder(prettyPrinted: true)` writes, byte for byte, without parsing it into values:
/// one linear pass, so a summary a worker sent can be printed without decoding it.
public enum JSONReindent {
    public static func pretty(_ compact: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(compact.count * 2 + 16)
        pretty(compact, depth: 0, chunkSize: .max) { result += $0 }
        return result
    }

    /// Re-indents one complete value as if it were nested `depth` levels deep, handing the output to `emit`
    /// in pieces of about `chunkSize` bytes (so a large summary is never held twice).
    public static func pretty(_ compact: [UInt8], depth startDepth: Int, chunkSize: Int = 1 << 20, emit: ([UInt8]) throws -> Void)
        rethrows
    {
        var output = Output(capacity: min(chunkSize, compact.count * 2) + 4096)
        defer { output.deallocate() }
        var depth = startDepth
        try compact.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return }
            try reindent(base, count: input.count, depth: &depth, into: &output, chunkSize: chunkSize, emit: emit)
        }
        if output.count > 0 { try emit(output.bytes) }
    }

    /// The output of a pass: a plain buffer written through its pointer (appending to an array byte by
    /// byte cost more than everything else together), handed on in pieces.
    private struct Output {
        var start: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            start = .allocate(capacity: self.capacity)
        }

        func deallocate() { start.deallocate() }

        var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

        /// Makes room for `extra` more bytes.
        mutating func reserve(_ extra: Int) {
            guard count + extra > capacity else { return }
            let larger = max(capacity * 2, count + extra)
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            moved.update(from: start, count: count)
            start.deallocate()
            start = moved
            capacity = larger
        }

        mutating func append(_ byte: UInt8) {
            reserve(1)
            start[count] = byte
            count += 1
        }

        mutating func append(_ bytes: UnsafePointer<UInt8>, count length: Int) {
            reserve(length)
            (start + count).update(from: bytes, count: length)
            count += length
        }

        /// A line break and `depth` levels of two-space indentation.
        mutating func newline(depth: Int) {
            let spaces = max(0, depth) * 2
            reserve(1 + spaces)
            start[count] = UInt8(ascii: "\n")
            (start + count + 1).initialize(repeating: UInt8(ascii: " "), count: spaces)
            count += 1 + spaces
        }
    }

    /// The index just past the string that starts (with its quote) at `start`, or `count` if it is not closed.
    private static func endOfString(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var index = start + 1
        while index < count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "\"")), count - index) else { return count }
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            // Escaped when preceded by an odd number of backslashes.
            var backslashes = 0
            while quote - 1 - backslashes > start, base[quote - 1 - backslashes] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 0 { return quote + 1 }
            index = quote + 1
        }
        return count
    }

    /// One pass: runs of bytes between structural characters (strings, numbers, literals) are copied
    /// whole, the closing quote of a string found with `memchr`; structural characters get their line
    /// breaks and indentation.
    private static func reindent(
        _ base: UnsafePointer<UInt8>, count: Int, depth: inout Int, into output: inout Output, chunkSize: Int,
        emit: ([UInt8]) throws -> Void
    ) rethrows {
        var index = 0
        while index < count {
            let runStart = index
            scan: while index < count {
                switch base[index] {
                case UInt8(ascii: "\""): index = endOfString(base, from: index, count: count)
                case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","),
                    UInt8(ascii: ":"):
                    break scan
                default: index += 1
                }
            }
            if index > runStart { output.append(base + runStart, count: index - runStart) }
            if index < count {
                let byte = base[index]
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let closing = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    output.append(byte)
                    if index + 1 < count, base[index + 1] == closing {
                        output.append(closing)
                        index += 1
                    } else {
                        depth += 1
                        output.newline(depth: depth)
                    }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    output.newline(depth: depth)
                    output.append(byte)
                case UInt8(ascii: ","):
                    output.append(byte)
                    output.newline(depth: depth)
                default:  // ":"
                    output.append(UInt8(ascii: ":"))
                    output.append(UInt8(ascii: " "))
                }
                index += 1
            }
            if output.count >= chunkSize {
                try emit(output.bytes)
                output.count = 0
            }
        }
    }
}
