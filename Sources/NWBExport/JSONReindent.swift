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
        var reindenter = Reindenter(depth: startDepth, capacity: min(chunkSize, compact.count + compact.count / 2) + 4096)
        try compact.withUnsafeBufferPointer { input in
            try reindenter.run(input, chunkSize: chunkSize, emit: emit)
        }
        if !reindenter.output.isEmpty { try emit(reindenter.output) }
    }

    /// The state of one pass: a struct with mutating methods, so nothing is captured in boxes.
    private struct Reindenter {
        var output: [UInt8] = []
        var depth: Int
        let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 256)

        init(depth: Int, capacity: Int) {
            self.depth = depth
            output.reserveCapacity(capacity)
        }

        mutating func newline() {
            output.append(UInt8(ascii: "\n"))
            var remaining = depth * 2
            while remaining > 0 {
                let count = min(remaining, spaces.count)
                output.append(contentsOf: spaces[..<count])
                remaining -= count
            }
        }

        mutating func run(_ input: UnsafeBufferPointer<UInt8>, chunkSize: Int, emit: ([UInt8]) throws -> Void) rethrows {
            let count = input.count
            var index = 0
            while index < count {
                let byte = input[index]
                switch byte {
                case UInt8(ascii: "\""):
                    // Copy the string, escapes included.
                    let start = index
                    index += 1
                    while index < count, input[index] != UInt8(ascii: "\"") {
                        index += input[index] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start...min(index, count - 1)]))
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let closing = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if index + 1 < count, input[index + 1] == closing {
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
                    output.append(UInt8(ascii: ":"))
                    output.append(UInt8(ascii: " "))
                default:
                    output.append(byte)
                }
                index += 1
                if output.count >= chunkSize {
                    try emit(output)
                    output.removeAll(keepingCapacity: true)
                }
            }
        }
    }
}
