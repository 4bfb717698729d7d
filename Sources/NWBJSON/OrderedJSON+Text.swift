import NWBSupport
extension OrderedJSON {
    /// The value as compact JSON text, keys in their kept order and numbers as written.
    public var jsonText: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text, _): return text
        case .string(let text): return Self.quoted(text)
        case .array(let items): return "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { Self.quoted($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal, escaped as every JSON output of NWBKit escapes strings.
    static func quoted(_ text: String) -> String {
        var writer = JSONTextWriter(output: [], pretty: false)
        writer.value(text)
        return String(decoding: writer.output, as: UTF8.self)
    }
}
