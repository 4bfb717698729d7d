import Foundation

/// A byte count as a person reads it: `812 bytes`, `289 kB`, `56.1 MB`, `2.39 GB` (decimal units, as file
/// browsers and archives show sizes; three significant digits). The index's script formats alike.
public enum ByteCountText {
    public static func text(_ bytes: Int) -> String {
        if bytes < 1000 { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        let units = ["kB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes)
        var unit = -1
        repeat {
            value /= 1000
            unit += 1
        } while value >= 999.5 && unit < units.count - 1
        let digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2
        return String(format: "%.\(digits)f", value) + " " + units[unit]
    }
}
