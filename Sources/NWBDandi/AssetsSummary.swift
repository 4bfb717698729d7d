import Foundation
import NWBKit

/// dandischema's `AssetsSummary` of a set of assets: counts, standards, approaches, techniques,
/// variables and species. Lists keep first-seen order across assets (within an asset, NWBKit's
/// table order, where the dandi tool's order depends on Python's hash seed).
public struct AssetsSummary: Sendable, Codable, Equatable {
    public var schemaKey = "AssetsSummary"
    public var numberOfBytes: Int
    public var numberOfFiles: Int
    public var numberOfSubjects: Int?
    public var numberOfSamples: Int?
    public var numberOfCells: Int?
    public var dataStandard: [DandiTerm]?
    public var approach: [DandiTerm]?
    public var measurementTechnique: [DandiTerm]?
    public var variableMeasured: [String]?
    public var species: [DandiTerm]?

    /// Aggregates `assets` in the given order, as `aggregate_assets_summary` does.
    public init(assets: [DandiAsset]) {
        numberOfBytes = assets.reduce(0) { $0 + $1.contentSize }
        numberOfFiles = assets.count
        guard !assets.isEmpty else { return }
        var standards: [DandiTerm] = []
        var approaches: [DandiTerm] = []
        var techniques: [DandiTerm] = []
        var variables: [String] = []
        var species: [DandiTerm] = []
        var subjects = Set<String>()
        func add<T: Equatable>(_ items: [T], to list: inout [T]) {
            for item in items where !list.contains(item) { list.append(item) }
        }
        for asset in assets {
            add(asset.approach, to: &approaches)
            add(asset.measurementTechnique, to: &techniques)
            add(asset.variableMeasured.map(\.value), to: &variables)
            for participant in asset.wasAttributedTo {
                if let term = participant.species { add([term], to: &species) }
                if let identifier = participant.identifier, !identifier.isEmpty {
                    subjects.insert(DandiNormalization.sanitize(identifier))
                }
            }
            let name = (asset.path as NSString).lastPathComponent
            let stem = name.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? name
            if let part = stem.split(separator: "_").first(where: { $0.hasPrefix("sub-") }) {
                subjects.insert(String(part.dropFirst(4)))
            }
            if asset.encodingFormat.contains("nwb") {
                add(
                    [
                        DandiTerm(
                            schemaKey: "StandardsType", identifier: DandiTables.nwbStandard.identifier,
                            name: DandiTables.nwbStandard.name)
                    ], to: &standards)
            }
        }
        numberOfSubjects = subjects.isEmpty ? nil : subjects.count
        dataStandard = standards
        approach = approaches
        measurementTechnique = techniques
        variableMeasured = variables
        self.species = species
    }
}
