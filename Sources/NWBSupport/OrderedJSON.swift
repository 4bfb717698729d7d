/// A JSON value that keeps what Foundation's parser loses: the order of object keys and the
/// spelling of numbers (`1.0` stays a float, as Python would print it).
public indirect enum OrderedJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as written; `isFloat` when it has a fraction or exponent.
    case number(String, isFloat: Bool)
    case string(String)
    case array([OrderedJSON])
    case object([(key: String, value: OrderedJSON)])

    public static func == (left: OrderedJSON, right: OrderedJSON) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a, let x), .number(let b, let y)): return a == b && x == y
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of a number that is a whole number (`12`, `1.2e3`), within `Int`.
    public var integerValue: Int? {
        guard case .number(let text, _) = self else { return nil }
        if let whole = Int(text) { return whole }
        guard let value = Double(text), value.rounded() == value, abs(value) < 0x1p62 else { return nil }
        return Int(value)
    }

    /// The items of an array.
    public var arrayValue: [OrderedJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// Every object's keys in the order PostgreSQL JSONB keeps them (shorter key first, then
    /// bytewise), which is the order the DANDI API serves metadata in.
    public var inJSONBOrder: OrderedJSON {
        switch self {
        case .array(let items): return .array(items.map(\.inJSONBOrder))
        case .object(let members):
            return .object(
                members.map { ($0.key, $0.value.inJSONBOrder) }.sorted { a, b in
                    let x = Array(a.0.utf8), y = Array(b.0.utf8)
                    return x.count != y.count ? x.count < y.count : x.lexicographicallyPrecedes(y)
                })
        default: return self
        }
    }
}

/// Why a JSON text could not be parsed: where, and what was expected.
public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

extension OrderedJSON {
    /// Parses JSON text (RFC 8259), keeping key order and number spelling.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> OrderedJSON {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses JSON bytes (UTF-8).
    public static func parse(bytes: [UInt8]) throws(JSONSyntaxError) -> OrderedJSON {
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        func error(_ message: String) -> JSONSyntaxError {
            let before = bytes[..<min(index, bytes.count)]
            let line = before.filter { $0 == 10 }.count + 1
            let column = index - (before.lastIndex(of: 10).map { $0 + 1 } ?? 0) + 1
            return JSONSyntaxError(line: line, column: column, message: message)
        }

        mutating func skipSpace() {
            while index < bytes.count, [9, 10, 13, 32].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ literal: StaticString) throws(JSONSyntaxError) {
            // Compared in place: this runs once per key (":"), so nothing is allocated.
            let count = literal.utf8CodeUnitCount
            guard bytes.count - index >= count,
                UnsafeBufferPointer(start: literal.utf8Start, count: count).elementsEqual(bytes[index..<(index + count)])
            else {
                throw error("expected \(literal)")
            }
            index += count
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) -> OrderedJSON {
            guard depth < 512 else { throw error("nested too deeply") }
            guard index < bytes.count else { throw error("unexpected end of text") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: OrderedJSON)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    skipSpace()
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard index < bytes.count else { throw error("unterminated object") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                    throw error("expected , or }")
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [OrderedJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw error("unterminated array") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    throw error("expected , or ]")
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            default:
                return try number()
            }
        }

        mutating func number() throws(JSONSyntaxError) -> OrderedJSON {
            let start = index
            var isFloat = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            var digits = 0
            while index < bytes.count {
                let byte = bytes[index]
                if (48...57).contains(byte) {
                    digits += 1
                } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    || ((byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && isFloat)
                {
                    isFloat = true
                } else {
                    break
                }
                index += 1
            }
            guard digits > 0 else { throw error("expected a value") }
            return .number(String(decoding: bytes[start..<index], as: UTF8.self), isFloat: isFloat)
        }

        mutating func string() throws(JSONSyntaxError) -> String {
            index += 1
            // Fast path: no escapes before the closing quote.
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[index..<end], as: UTF8.self)
                index = end + 1
                return text
            }
            // Decoded into UTF-8 bytes, made a `String` once: appending to a `String` piece by piece
            // re-copied it (a 3 MB rendered text with 100,000 escaped newlines took a second).
            var output: [UInt8] = []
            output.reserveCapacity(end - index + 64)
            var pendingHigh: UInt32?
            var runStart = index
            func flush(upTo runEnd: Int) {
                if runEnd > runStart {
                    // Each run is repaired on its own, as `String(decoding:)` would.
                    output.append(contentsOf: String(decoding: bytes[runStart..<runEnd], as: UTF8.self).utf8)
                }
            }
            func append(_ scalar: Unicode.Scalar) {
                output.append(contentsOf: String(Character(scalar)).utf8)
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    flush(upTo: index)
                    index += 1
                    return String(decoding: output, as: UTF8.self)
                }
                guard byte == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                flush(upTo: index)
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): output.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): output.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "r"): output.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "u"):
                    guard bytes.count - index >= 4,
                        let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
                    else { throw error("bad \\u escape") }
                    index += 4
                    if (0xD800...0xDBFF).contains(code) {
                        pendingHigh = code
                    } else if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
                        pendingHigh = nil
                        append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))!)
                    } else {
                        append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    }
                default: append(Unicode.Scalar(escape))
                }
                runStart = index
            }
            throw error("unterminated string")
        }
    }
}
