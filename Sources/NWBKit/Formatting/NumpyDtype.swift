/// numpy dtype strings as NWBKit writes them (`int16`, `<f4`, `|S8`, `object`, `[('x', '<u4'), …]`).
public enum NumpyDtype {
    /// The kind code: `i` signed integer, `u` unsigned, `f` float, `b` bool, `S`/`U` fixed text;
    /// nil for `object` (variable-length text, references) and compound types.
    public static func kind(_ dtype: String) -> Character? {
        if dtype == "bool" { return "b" }
        if dtype.hasPrefix("uint") { return "u" }
        if dtype.hasPrefix("int") { return "i" }
        if dtype.hasPrefix("float") { return "f" }
        guard dtype.count >= 2, let first = dtype.first, "<>|=".contains(first) else { return nil }
        return dtype.dropFirst().first
    }

    /// numpy's name for a sized number code (`<i2` → `int16`); other dtypes as they are.
    public static func name(_ dtype: String) -> String {
        guard dtype.count >= 3, "<>|=".contains(dtype.first!), let size = Int(dtype.dropFirst(2)) else { return dtype }
        switch dtype.dropFirst().first {
        case "i": return "int\(size * 8)"
        case "u": return "uint\(size * 8)"
        case "f": return "float\(size * 8)"
        default: return dtype
        }
    }
}

/// Descriptions writers leave as placeholders (nwbinspector's list: `no description` is pynwb's default).
public enum PlaceholderText {
    public static let descriptions: Set<String> = ["no description", "no desc", "none", "placeholder"]

    /// True for a placeholder, compared lower-cased with leading and trailing dots removed.
    public static func isPlaceholder(_ text: String) -> Bool {
        var key = Substring(text.lowercased())
        while key.first == "." { key = key.dropFirst() }
        while key.last == "." { key = key.dropLast() }
        return descriptions.contains(String(key))
    }
}
