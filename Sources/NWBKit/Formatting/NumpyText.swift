import HDF5
import NWBSupport

/// Values printed the way Python's `str()` prints what numpy and h5py return:
/// raw text for scalar strings, `b'…'` for fixed-length bytes, numpy's `array_str` for arrays.
public enum NumpyText {
    /// numpy's default line width for `array_str`.
    public static let lineWidth = 75
    /// Arrays above this many elements are summarized with their first and last three.
    public static let summaryThreshold = 1000

    /// `str(value)` of a stored value: a scalar prints bare, an array through `array_str`.
    /// `bytesAsText` makes fixed-length strings print as text (lindi's attribute decoding).
    public static func format(_ value: StoredValue, type: DataType, bytesAsText: Bool = false) -> String {
        if value.isScalar, let element = value.elements.first {
            return scalar(element, type: type, bytesAsText: bytesAsText)
        }
        return array(value, type: type, bytesAsText: bytesAsText)
    }

    /// `str()` of one numpy scalar.
    public static func scalar(_ element: ScalarValue, type: DataType, bytesAsText: Bool = false) -> String {
        switch element {
        case .string(let text): return text
        case .bytes(let bytes):
            return bytesAsText ? String(decoding: bytes, as: UTF8.self) : PythonRepr.bytes(bytes)
        case .float(let value): return floatRepr(value, type: type)
        case .reference(let path): return path.map { "<HDF5 object reference: \($0)>" } ?? "<HDF5 object reference (null)>"
        case .objectAddress(let address): return "<HDF5 object reference: \(ObjectTree.unreached(address))>"
        case .region(let path, let selection):
            return "<HDF5 region reference: \(path ?? "(null)") \(selection)>"
        case .regionAddress(let address, let selection):
            return "<HDF5 region reference: \(ObjectTree.unreached(address)) \(selection)>"
        case .list(let items): return "[" + items.map { scalar($0, type: type, bytesAsText: bytesAsText) }.joined(separator: " ") + "]"
        case .record(let fields):
            return "(" + fields.map { scalar($0.value, type: type, bytesAsText: bytesAsText) }.joined(separator: ", ") + ")"
        default: return element.text
        }
    }

    /// `numpy.array_str` of an array value (1-D and n-D; wraps at 75 columns).
    public static func array(_ value: StoredValue, type: DataType, bytesAsText: Bool = false) -> String {
        let shape = value.shape.isEmpty ? [value.elements.count] : value.shape
        if value.elements.count < value.totalCount || value.elements.count != shape.saturatingProduct {
            // Not all elements were read: say what is there instead of guessing.
            return "<\(value.totalCount) elements of \(type.numpyDescription)>"
        }
        let words = elementWords(value.elements, type: type, bytesAsText: bytesAsText)
        let summarize = value.totalCount > summaryThreshold
        var position = 0
        return recurse(
            shape: shape[...], words: words, position: &position, hangingIndent: " ", width: lineWidth, summarize: summarize)
    }

    /// Each element's text, padded to a common width as numpy's format functions do.
    static func elementWords(_ elements: [ScalarValue], type: DataType, bytesAsText: Bool) -> [String] {
        guard let first = elements.first else { return [] }
        switch first {
        case .string, .bytes, .enumMember, .reference, .objectAddress, .region, .regionAddress, .list, .record:
            return elements.map { element in
                switch element {
                case .string(let text): return PythonRepr.string(text)
                case .bytes(let bytes):
                    return bytesAsText ? PythonRepr.string(String(decoding: bytes, as: UTF8.self)) : PythonRepr.bytes(bytes)
                default: return PythonRepr.string(element.text)
                }
            }
        case .bool:
            let hasFalse = elements.contains { $0 == .bool(false) }
            return elements.map { element in
                if case .bool(true) = element { return hasFalse ? " True" : "True" }
                return "False"
            }
        case .integer, .unsigned:
            let texts = elements.map(\.text)
            let width = texts.map(\.count).max() ?? 0
            return texts.map { String(repeating: " ", count: width - $0.count) + $0 }
        case .float:
            return floatWords(elements.compactMap { if case .float(let v) = $0 { return v } else { return nil } }, type: type)
        }
    }

    private static func recurse(
        shape: ArraySlice<Int>, words: [String], position: inout Int, hangingIndent: String, width: Int, summarize: Bool
    ) -> String {
        let length = shape.first ?? 0
        let nextIndent = hangingIndent + " "
        let nextWidth = width - 1
        var text = ""
        if shape.count == 1 {
            let elementWidth = width - 1
            var line = hangingIndent
            let showSummary = summarize && 6 < length
            let indices: [Int?] = showSummary ? [0, 1, 2, nil, length - 3, length - 2, length - 1] : Array(0..<length)
            let start = position
            for (offset, index) in indices.enumerated() {
                let word = index.map { words[start + $0] } ?? "..."
                if line.count + word.count > elementWidth && line.count > hangingIndent.count {
                    text += rstrip(line) + "\n"
                    line = hangingIndent
                }
                line += word
                if offset < indices.count - 1 { line += " " }
            }
            position += length
            text += line
        } else {
            let separator = String(repeating: "\n", count: shape.count - 1)
            for index in 0..<length {
                let nested = recurse(
                    shape: shape.dropFirst(), words: words, position: &position, hangingIndent: nextIndent, width: nextWidth,
                    summarize: summarize)
                text += hangingIndent + nested
                if index < length - 1 { text += separator }
            }
        }
        return "[" + text.dropFirst(hangingIndent.count) + "]"
    }

    private static func rstrip(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }

    /// Python's `repr` of a float (shortest round-trip), at the stored precision.
    static func floatRepr(_ value: Double, type: DataType) -> String {
        if case .float(let size, _) = type, size == 4 { return PythonRepr.float32(Float(value)) }
        return PythonRepr.float(value)
    }

    /// numpy's positional float format for arrays: unique digits, aligned on the decimal point.
    private static func floatWords(_ values: [Double], type: DataType) -> [String] {
        let finite = values.filter(\.isFinite).map(abs)
        let maxValue = finite.max() ?? 0
        let minValue = finite.filter { $0 != 0 }.min() ?? 0
        let scientific = maxValue >= 1e8 || (minValue != 0 && (minValue < 0.0001 || maxValue / minValue > 1000))
        if scientific {
            let texts = values.map { floatRepr($0, type: type) }
            let width = texts.map(\.count).max() ?? 0
            return texts.map { String(repeating: " ", count: width - $0.count) + $0 }
        }
        let parts: [(String, String)] = values.map { value in
            if !value.isFinite { return (floatRepr(value, type: type), "") }
            var text = floatRepr(value, type: type)
            if text.hasSuffix(".0") { text.removeLast() }
            guard let dot = text.firstIndex(of: ".") else { return (text, "") }
            return (String(text[..<dot]), String(text[dot...]))
        }
        let left = parts.map(\.0.count).max() ?? 0
        let right = parts.map(\.1.count).max() ?? 0
        return parts.map { whole, fraction in
            String(repeating: " ", count: left - whole.count) + whole + fraction
                + String(repeating: " ", count: right - fraction.count)
        }
    }
}
