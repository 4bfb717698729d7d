import HDF5
import NWBKit

/// Which stored types a schema type accepts, as hdmf's validator allows them (the schema language's
/// widenings: an `int8` column may hold `int16` … `int64`, `float32` may hold `float64`, `text` holds
/// UTF-8 or ASCII strings, `ascii` only ASCII).
enum SchemaTypeRules {
    private static let floats32 = ["float", "float32", "double", "float64"]
    private static let floats64 = ["double", "float64"]
    private static let text = ["text", "utf", "utf8", "utf-8", "ascii", "bytes"]
    private static let ascii = ["ascii", "bytes"]
    private static let datetime = ["isodatetime", "datetime", "date"]
    private static let numeric = [
        "numeric", "uint", "uint64", "int64", "int32", "double", "int8", "uint32", "float32", "short", "int", "uint16",
        "int16", "long", "uint8", "float64", "float",
    ]

    /// The stored types `expected` (a schema dtype name) accepts.
    static func allowed(_ expected: String) -> [String] {
        switch expected {
        case "float", "float32": floats32
        case "double", "float64": floats64
        case "int8": ["int8", "int16", "short", "int32", "int", "int64", "long"]
        case "int16", "short": ["int16", "short", "int32", "int", "int64", "long"]
        case "int32", "int": ["int32", "int", "int64", "long"]
        case "int64", "long": ["int64", "long"]
        case "uint8": ["uint8", "uint16", "uint32", "uint", "uint64"]
        case "uint16": ["uint16", "uint32", "uint", "uint64"]
        case "uint32", "uint": ["uint32", "uint", "uint64"]
        case "uint64": ["uint64"]
        case "text", "utf", "utf8", "utf-8": text
        case "ascii", "bytes": ascii
        case "bool": ["bool"]
        case "object": ["object"]
        case "numeric": numeric
        case "isodatetime", "datetime", "date": datetime
        default: [expected]
        }
    }

    /// True when a value stored as `received` (with `isoDatetime`: a string that reads as an ISO 8601
    /// date or time) satisfies `expected`.
    static func accepts(_ expected: String, _ received: String, isoDatetime: Bool) -> Bool {
        if datetime.contains(expected) && (received == "utf" || received == "ascii") { return isoDatetime }
        return allowed(expected).contains(received)
    }

    /// The type name hdmf reports for a numpy dtype string (`<f8` → `float64`), or `nil` for a string or
    /// a type it has no name for.
    static func numericName(_ numpy: String) -> String? {
        if numpy == "bool" { return "bool" }
        if numpy.hasPrefix("int") || numpy.hasPrefix("uint") || numpy.hasPrefix("float") { return numpy }
        // Byte-order codes: `<f8`, `>i4`, `u1`.
        let code = numpy.drop(while: { $0 == "<" || $0 == ">" || $0 == "=" || $0 == "|" })
        guard let kind = code.first, let size = Int(code.dropFirst()) else { return nil }
        switch kind {
        case "f": return "float\(size * 8)"
        case "i": return "int\(size * 8)"
        case "u": return "uint\(size * 8)"
        case "b" where size == 1, "?": return "bool"
        default: return nil
        }
    }

    /// True when `text` reads as an ISO 8601 date, or date and time (hdmf's pattern: `YYYY-MM-DD`,
    /// optionally `THH:MM:SS[.fraction][Z|±HH:MM]`).
    static func isISODatetime(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Bool {
            guard index + count <= characters.count else { return false }
            for offset in 0..<count where !(48...57).contains(characters[index + offset]) { return false }
            index += count
            return true
        }
        func literal(_ byte: UInt8) -> Bool {
            guard index < characters.count, characters[index] == byte else { return false }
            index += 1
            return true
        }
        if index < characters.count, characters[index] == UInt8(ascii: "-") { index += 1 }
        // The year: four digits, or more digits before them.
        let yearStart = index
        while index < characters.count, (48...57).contains(characters[index]) { index += 1 }
        guard index - yearStart >= 4, literal(UInt8(ascii: "-")), digits(2), literal(UInt8(ascii: "-")), digits(2) else {
            return false
        }
        let month = Int(String(decoding: characters[(index - 5)..<(index - 3)], as: UTF8.self)) ?? 0
        let day = Int(String(decoding: characters[(index - 2)..<index], as: UTF8.self)) ?? 0
        guard (1...12).contains(month), (1...31).contains(day) else { return false }
        if index == characters.count { return true }
        guard literal(UInt8(ascii: "T")), digits(2), literal(UInt8(ascii: ":")), digits(2), literal(UInt8(ascii: ":")), digits(2)
        else { return false }
        let hour = Int(String(decoding: characters[(index - 8)..<(index - 6)], as: UTF8.self)) ?? 99
        guard hour <= 23 else { return false }
        if literal(UInt8(ascii: ".")) {
            let start = index
            while index < characters.count, (48...57).contains(characters[index]) { index += 1 }
            guard index > start else { return false }
        }
        if index == characters.count || (literal(UInt8(ascii: "Z")) && index == characters.count) { return true }
        guard index < characters.count, characters[index] == UInt8(ascii: "+") || characters[index] == UInt8(ascii: "-") else {
            return false
        }
        index += 1
        return digits(2) && literal(UInt8(ascii: ":")) && digits(2) && index == characters.count
    }

    /// True when an ISO datetime string carries a time zone (hdmf's rule: ends in `Z`, or has a time and a
    /// `+` or a `-` after its `T`).
    static func hasTimezone(_ text: String) -> Bool {
        if text.hasSuffix("Z") { return true }
        guard let t = text.firstIndex(of: "T") else { return false }
        if text.contains("+") { return true }
        if let minus = text.lastIndex(of: "-"), minus > t { return true }
        return false
    }
}
