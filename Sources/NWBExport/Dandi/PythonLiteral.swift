import HDF5

/// How Python's `str()` prints a JSON-decoded value: strings bare at the top level; inside lists and
/// dicts `repr()` syntax (`'quotes'`, `True`/`False`/`None`, `{'k': v}`, `[a, b]`), integers as
/// written and floats as Python's shortest `repr`.
public enum PythonLiteral {
    /// `str(value)`.
    public static func str(_ value: OrderedJSON) -> String {
        if case .string(let text) = value { return text }
        return repr(value)
    }

    /// `repr(value)`.
    public static func repr(_ value: OrderedJSON) -> String {
        switch value {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .number(let text, let isFloat): return isFloat ? float(text) : integer(text)
        case .string(let text): return PythonRepr.string(text)
        case .array(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { PythonRepr.string($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// Python's `repr(int(text))`: the digits without leading zeros or a `+`.
    static func integer(_ text: String) -> String {
        var digits = Substring(text)
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        while digits.count > 1, digits.first == "0" { digits = digits.dropFirst() }
        return (negative && digits != "0" ? "-" : "") + digits
    }

    /// Python's `repr(float(text))`: shortest round-trip digits, `.0` on whole numbers, exponent
    /// form below 1e-4 and from 1e16 (`1e-05`, `1e+16`), `inf`/`nan`.
    public static func float(_ text: String) -> String {
        guard let value = Double(text) else { return text }
        return float(value)
    }

    public static func float(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Shortest round-trip digits and decimal exponent, from Swift's own shortest description.
        let description = abs(value).description
        var mantissa = description
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(description[..<e])
            exponent = Int(description[description.index(after: e)...]) ?? 0
        }
        var digits = mantissa.filter(\.isNumber)
        let pointPosition =
            (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count)
        var decimalExponent = pointPosition + exponent  // value = 0.DIGITS × 10^decimalExponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            decimalExponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let sign = value < 0 ? "-" : ""
        let scientificExponent = decimalExponent - 1
        if scientificExponent < -4 || scientificExponent >= 16 {
            let rest = digits.dropFirst()
            let mantissaText = rest.isEmpty ? String(digits.prefix(1)) : digits.prefix(1) + "." + rest
            let exponentText =
                (scientificExponent < 0 ? "-" : "+") + (abs(scientificExponent) < 10 ? "0" : "") + String(abs(scientificExponent))
            return sign + mantissaText + "e" + exponentText
        }
        if decimalExponent <= 0 {
            return sign + "0." + String(repeating: "0", count: -decimalExponent) + digits
        }
        if decimalExponent >= digits.count {
            return sign + digits + String(repeating: "0", count: decimalExponent - digits.count) + ".0"
        }
        let index = digits.index(digits.startIndex, offsetBy: decimalExponent)
        return sign + digits[..<index] + "." + digits[index...]
    }
}
