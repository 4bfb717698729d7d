/// Control characters made visible, as `git` and `ls -b` show them, so that text from a file (a group name,
/// a description, a file name) cannot move a terminal's cursor, set its title, ring its bell or forge lines:
/// ESC as `\e`, CR as `\r`, LF as `\n`, TAB as `\t`, and every other C0 or C1 control and DEL as `\xHH`.
public enum ControlCharacters {
    /// True when `text` holds a character `escape` would change.
    public static func contains(_ text: String, keepingLineBreaks: Bool = false) -> Bool {
        text.unicodeScalars.contains { needsEscape($0, keepingLineBreaks: keepingLineBreaks) }
    }

    /// `text` with its control characters escaped; with `keepingLineBreaks`, LF and TAB stay as they are
    /// (for multi-line output on a terminal).
    public static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard contains(text, keepingLineBreaks: keepingLineBreaks) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingLineBreaks: keepingLineBreaks) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\u{1B}": result += "\\e"
            case "\r": result += "\\r"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\x" + (hex.count < 2 ? "0" : "") + hex
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }
}
