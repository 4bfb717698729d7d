/// Python's `repr()` of values, as numpy and h5py users see them printed.
public enum PythonRepr {
    /// `repr(s)` for a Python `str`: single quotes unless the text holds `'` and no `"`,
    /// backslash escapes for the quote, `\\`, `\n`, `\r`, `\t`, and non-printable characters.
    public static func string(_ text: String) -> String {
        let useDouble = text.contains("'") && !text.contains("\"")
        let quote: Character = useDouble ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += escape(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    /// `repr(b)` for a Python `bytes`: `b'…'` with printable ASCII kept and other bytes as `\xNN`.
    public static func bytes(_ bytes: [UInt8]) -> String {
        let useDouble = bytes.contains(UInt8(ascii: "'")) && !bytes.contains(UInt8(ascii: "\""))
        let quote: UInt8 = useDouble ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        var out = "b" + String(UnicodeScalar(quote))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\r"): out += "\\r"
            case UInt8(ascii: "\t"): out += "\\t"
            case quote: out += "\\" + String(UnicodeScalar(quote))
            case 0x20..<0x7f: out.unicodeScalars.append(UnicodeScalar(byte))
            default: out += "\\x" + hex(UInt32(byte), width: 2)
            }
        }
        out += String(UnicodeScalar(quote))
        return out
    }

    /// Python's `repr(float)`: shortest round-trip digits, `.0` on whole numbers, exponent form below
    /// 1e-4 and from 1e16 (`1e-05`, `1e+16`), `inf`, `nan`.
    public static func float(_ value: Double) -> String {
        floatText(value, shortest: abs(value).description)
    }

    /// numpy's `repr(float32)`: the same rules on the shortest digits of the 32-bit value.
    public static func float32(_ value: Float) -> String {
        floatText(Double(value), shortest: abs(value).description)
    }

    private static func floatText(_ value: Double, shortest description: String) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Shortest round-trip digits and decimal exponent, from Swift's own shortest description.
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

    /// Python's `str.isprintable()` for one code point.
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x100 { return "\\x" + hex(value, width: 2) }
        if value < 0x10000 { return "\\u" + hex(value, width: 4) }
        return "\\U" + hex(value, width: 8)
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
