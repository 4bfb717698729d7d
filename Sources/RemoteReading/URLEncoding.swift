/// A URL as a user typed it (`https://host/data/sub 1/#3 ü.nwb`) made into one a server takes: every byte
/// a URL cannot hold as it is (a space, `#`, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, control
/// characters, and non-ASCII text as its UTF-8 bytes) is percent-encoded; `%` escapes already there, the
/// `?` of a query and every other character are kept. What the user typed stays the input's name.
public enum URLEncoding {
    /// `url` with what a URL cannot hold percent-encoded (the same URL when there is nothing to encode).
    public static func encoded(_ url: String) -> String {
        guard url.utf8.contains(where: { !isAllowed($0) }) else { return url }
        var result: [UInt8] = []
        result.reserveCapacity(url.utf8.count + 16)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in url.utf8 {
            if isAllowed(byte) {
                result.append(byte)
            } else {
                result += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// RFC 3986's unreserved characters, its delimiters but `#`, and `%`.
    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("-._~:/?[]@!$&'()*+,;=%".utf8).contains(byte)
        }
    }
}
