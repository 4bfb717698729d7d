/// What a tool call answers: text for the assistant, and whether it is an error (`isError`: a bad input,
/// an unreachable archive, a file the worker could not read, a call past its deadline or cancelled). The
/// server keeps serving after an error.
public struct ToolReply: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public static func failure(_ text: String) -> ToolReply { ToolReply(text: text, isError: true) }
    public static func success(_ text: String) -> ToolReply { ToolReply(text: text, isError: false) }

    /// `text` from character `offset` on, at most `limit` characters; a cut one ends with a line saying which
    /// characters it holds and the offset that continues it.
    public static func page(_ text: String, offset: Int, limit: Int) -> ToolReply {
        let total = text.count
        let start = min(max(0, offset), total)
        guard start > 0 || total > limit else { return .success(text) }
        let from = text.index(text.startIndex, offsetBy: start)
        let end = text.index(from, offsetBy: min(limit, total - start))
        var shown = String(text[from..<end])
        let last = start + shown.count
        if last < total || start > 0 {
            if !shown.hasSuffix("\n") { shown += "\n" }
            shown +=
                last < total
                ? "[cut: characters \(start)–\(last) of \(total); call again with offset \(last) for the rest]"
                : "[characters \(start)–\(last) of \(total): the end]"
        }
        return .success(shown)
    }
}
