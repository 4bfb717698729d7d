/// Turns compact JSON (as `FastJSONEncoder(prettyPrinted: false)` writes it) into the pretty form
/// `FastJSONEncoder(prettyPrinted: true)` writes, byte for byte, without parsing it into values:
/// one linear pass, so a summary a worker sent can be printed without decoding it.
public enum JSONReindent {
    public static func pretty(_ compact: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(compact.count + compact.count / 2)
        pretty(compact, depth: 0, chunkSize: .max) { result += $0 }
        return result
    }

    /// Re-indents one complete value as if it were nested `depth` levels deep, handing the output to `emit`
    /// in pieces of about `chunkSize` bytes (so a large summary is never held twice).
    public static func pretty(_ compact: [UInt8], depth startDepth: Int, chunkSize: Int = 1 << 20, emit: ([UInt8]) throws -> Void)
        rethrows
    {
        var output: [UInt8] = []
        output.reserveCapacity(min(chunkSize, compact.count + compact.count / 2) + 4096)
        var depth = startDepth
        var index = 0
        let count = compact.count
        func newline() {
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
        while index < count {
            let byte = compact[index]
            switch byte {
            case UInt8(ascii: "\""):
                // Copy the string, escapes included.
                let start = index
                index += 1
                while index < count, compact[index] != UInt8(ascii: "\"") {
                    index += compact[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                output.append(contentsOf: compact[start...min(index, count - 1)])
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let closing = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if index + 1 < count, compact[index + 1] == closing {
                    output.append(byte)
                    output.append(closing)
                    index += 1
                } else {
                    output.append(byte)
                    depth += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newline()
                output.append(byte)
            case UInt8(ascii: ","):
                output.append(byte)
                newline()
            case UInt8(ascii: ":"):
                output.append(contentsOf: ": ".utf8)
            default:
                output.append(byte)
            }
            index += 1
            if output.count >= chunkSize {
                try emit(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        if !output.isEmpty { try emit(output) }
    }
}
