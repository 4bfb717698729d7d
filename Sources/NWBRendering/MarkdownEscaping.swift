import Mustache

/// Escaping for NWBKit's own Markdown (`{{% CONTENT_TYPE: MARKDOWN}}`): a value from a file can neither
/// break a table row nor inject HTML. A line break becomes `<br>`; `|`, `<`, `&`, a backtick and a
/// backslash are backslash-escaped (CommonMark shows them as themselves, and an escaped `<` or `&` starts
/// no tag or entity); everything else is kept. `{{{value}}}` still inserts a value unescaped. The DANDI
/// document keeps the original generator's bytes (`CONTENT_TYPE: TEXT`).
public struct MarkdownContentType: MustacheContentType {
    /// The name templates select it by.
    public static let name = "MARKDOWN"

    public init() {}

    public func escapeText(_ text: String) -> String { Self.escape(text) }

    /// `text` as it may stand in a Markdown table cell or paragraph.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { [0x7C, 0x0A, 0x0D, 0x3C, 0x26, 0x60, 0x5C].contains($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        var previousWasReturn = false
        for character in text.unicodeScalars {
            defer { previousWasReturn = character == "\r" }
            switch character {
            case "|": result += "\\|"
            case "\r": result += "<br>"
            case "\n": if !previousWasReturn { result += "<br>" }
            case "<", "&", "`", "\\": result += "\\" + String(character)
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// Registered once, before the first template is parsed (the template library keeps content types by name).
    static let registered: Void = MustacheContentTypes.register(MarkdownContentType(), named: name)
}
