import HDF5
import NWBJSON
import NWBSupport

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
        PythonRepr.float(value)
    }
}
