/// How deep a Mustache template's sections nest, found by scanning its tags (delimiter changes
/// `{{=<% %>=}}` followed) without parsing it: the parser recurses once per level, so a hostile
/// template is measured before it is parsed.
enum TemplateNesting {
    static func deepest(in text: String) -> Int {
        let bytes = Array(text.utf8)
        var opener: [UInt8] = Array("{{".utf8)
        var closer: [UInt8] = Array("}}".utf8)
        var depth = 0
        var deepest = 0
        var index = 0
        func matches(_ token: [UInt8], at position: Int) -> Bool {
            guard !token.isEmpty, position + token.count <= bytes.count else { return false }
            for offset in token.indices where bytes[position + offset] != token[offset] { return false }
            return true
        }
        while index < bytes.count {
            guard matches(opener, at: index) else {
                index += 1
                continue
            }
            var start = index + opener.count
            // A triple mustache's own closing brace.
            let isTriple = opener == Array("{{".utf8) && start < bytes.count && bytes[start] == UInt8(ascii: "{")
            if isTriple { start += 1 }
            var end = start
            while end < bytes.count && !matches(closer, at: end) { end += 1 }
            guard end < bytes.count else { break }
            let tag = bytes[start..<end]
            index = end + closer.count
            if isTriple, index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1 }
            guard let first = tag.first(where: { $0 != UInt8(ascii: " ") }) else { continue }
            switch first {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "/"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "="):
                // `{{=<% %>=}}`: the new opener and closer, separated by spaces.
                let inner = tag.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "=") }
                let trimmed = inner.reversed().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "=") }.reversed()
                let parts = trimmed.split(separator: UInt8(ascii: " "))
                if parts.count == 2 {
                    opener = Array(parts[0])
                    closer = Array(parts[1])
                }
            default:
                break
            }
        }
        return deepest
    }
}
