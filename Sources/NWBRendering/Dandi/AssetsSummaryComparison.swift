import NWBJSON
import NWBSupport

/// The differences between the assetsSummary NWBKit computes from the files and the one the archive keeps,
/// key by key: numbers that differ, and list entries (species, approaches, techniques, …) found on one side
/// only, compared as sets.
public struct AssetsSummaryComparison: Sendable {
    /// One line per difference (`species: only in the files: …`); empty when the two agree.
    public var differences: [String]

    public init(files: OrderedJSON, archive: OrderedJSON) {
        func members(_ value: OrderedJSON) -> [(key: String, value: OrderedJSON)] {
            if case .object(let members) = value { return members }
            return []
        }
        let mine = members(files)
        let theirs = members(archive)
        var keys: [String] = []
        for key in (mine + theirs).map(\.key) where !keys.contains(key) { keys.append(key) }
        var differences: [String] = []
        for key in keys.sorted() {
            // Object keys in one order on both sides: `{"name", "identifier"}` equals `{"identifier", "name"}`.
            let left = files[key]?.inJSONBOrder
            let right = archive[key]?.inJSONBOrder
            if left == right { continue }
            if case .array(let a)? = left ?? .array([]), case .array(let b)? = right ?? .array([]) {
                let aTexts = a.map(\.jsonText)
                let bTexts = b.map(\.jsonText)
                let onlyFiles = aTexts.filter { !bTexts.contains($0) }
                let onlyArchive = bTexts.filter { !aTexts.contains($0) }
                if onlyFiles.isEmpty && onlyArchive.isEmpty { continue }
                var parts: [String] = []
                if !onlyFiles.isEmpty { parts.append("only in the files: " + onlyFiles.joined(separator: ", ")) }
                if !onlyArchive.isEmpty { parts.append("only in the archive: " + onlyArchive.joined(separator: ", ")) }
                differences.append("\(key): " + parts.joined(separator: "; "))
            } else {
                differences.append(
                    "\(key): the files give \(left?.jsonText ?? "nothing"), the archive \(right?.jsonText ?? "nothing")")
            }
        }
        self.differences = differences
    }
}
