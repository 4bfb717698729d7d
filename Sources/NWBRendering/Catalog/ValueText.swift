import NWBKit

/// A small value (an attribute's, or a dataset's listed value) as one line of text for a catalog page:
/// strings as they are, numbers as written, lists in brackets, a reference as the path it names; cut at
/// `limit` characters.
enum ValueText {
    /// The text of `value`, at most `limit` characters (then `…`).
    static func text(_ value: JSONValue, limit: Int = 300) -> String {
        var text = ""
        append(value, to: &text, limit: limit)
        if text.count > limit { return String(text.prefix(limit)) + " …" }
        return text
    }

    /// The path a reference names (`{"reference": "/path"}`, or a list of that one), if the value is one.
    static func reference(_ value: JSONValue) -> String? {
        if case .array(let items) = value, items.count == 1 { return reference(items[0]) }
        if case .object(let members) = value, members.count == 1, case .string(let path)? = members["reference"] {
            return path
        }
        return nil
    }

    private static func append(_ value: JSONValue, to text: inout String, limit: Int) {
        guard text.count <= limit else { return }
        switch value {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .integer(let value): text += String(value)
        case .unsigned(let value): text += String(value)
        case .number(let value): text += String(value)
        case .string(let value): text += value
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += ", " }
                append(item, to: &text, limit: limit)
                if text.count > limit { break }
            }
            text += "]"
        case .object(let members):
            if let path = reference(value) {
                text += path
                return
            }
            text += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { text += ", " }
                text += key + ": "
                append(members[key]!, to: &text, limit: limit)
                if text.count > limit { break }
            }
            text += "}"
        }
    }
}
