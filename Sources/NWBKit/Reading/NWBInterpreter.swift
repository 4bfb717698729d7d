import Foundation
import HDF5

/// Reads NWB meaning from an `ObjectTree`: root fields, subject, devices, planes, tables, …
/// Pure: works on the tree alone, never on the file.
public struct NWBInterpreter {
    public let tree: ObjectTree
    public let hierarchy: TypeHierarchy
    /// Each node's `neurodata_type`, read once.
    private let types: [String?]

    public init(tree: ObjectTree) {
        self.tree = tree
        self.types = tree.nodes.indices.map { tree.attributeText($0, "neurodata_type") }
        var hierarchy = TypeHierarchy.core
        if let specifications = tree.node(at: "/specifications") {
            for index in Self.descendants(of: specifications, in: tree) where tree.nodes[index].kind == .dataset {
                if let text = tree.nodes[index].value?.singleElement?.text { hierarchy.addSpecification(text) }
            }
        }
        self.hierarchy = hierarchy
    }

    /// True when the file carries the markers pynwb and dandi read: an `nwb_version` root attribute, or NWB
    /// 1.x's `/nwb_version` dataset with an NWB 1.x version (`NWB-1.0.5`, `1.0.6`). An NWBFile root type
    /// alone, or a `/nwb_version` of another format (an old Allen BMTK file's `iSee_0.1.0`), is not NWB.
    public var isNWB: Bool {
        if tree.root.attribute("nwb_version") != nil { return true }
        return tree.datasetText("/nwb_version").map(Self.isNWB1Version) ?? false
    }

    /// The `/nwb_version` dataset's text when it names no NWB 1.x version (said in the "not NWB" line).
    public var foreignVersionText: String? {
        guard tree.root.attribute("nwb_version") == nil, let text = tree.datasetText("/nwb_version"), !Self.isNWB1Version(text)
        else { return nil }
        return text
    }

    /// `NWB-1.0.5`, `1.0.6`, `NWB-1.0`: an NWB 1.x version as NWB 1.x files write it.
    static func isNWB1Version(_ text: String) -> Bool {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.hasPrefix("NWB-") { rest = rest.dropFirst(4) }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.count <= 3 && parts[0] == "1" && parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// `nwb_version`: the root attribute (2.x) or the `/nwb_version` dataset (1.x).
    public var nwbVersion: String? {
        if let attribute = tree.root.attribute("nwb_version") {
            if let text = ObjectTree.text(of: attribute) { return text }
            return attribute.value.texts.first
        }
        return tree.datasetText("/nwb_version")
    }

    /// The node's `neurodata_type` (1-element arrays accepted).
    public func neurodataType(_ index: Int) -> String? { types[index] }

    /// The node's `description`: the attribute, or a `description` dataset child (ImagingPlane, 1.x).
    public func description(_ index: Int) -> String? {
        if let text = tree.attributeText(index, "description") { return text }
        let path = tree.nodes[index].path
        return tree.datasetText(path == "/" ? "/description" : path + "/description")
    }

    /// Indices of every node reached below `node` by hard links (each once).
    static func descendants(of node: ObjectTree.Node, in tree: ObjectTree) -> [Int] {
        var result: [Int] = []
        var stack = node.children.compactMap { child -> Int? in
            if case .node(let index) = child.target { return index }
            return nil
        }
        var seen = Set<Int>()
        while let index = stack.popLast() {
            guard seen.insert(index).inserted else { continue }
            result.append(index)
            for child in tree.nodes[index].children {
                if case .node(let next) = child.target { stack.append(next) }
            }
        }
        return result
    }

    /// Indices of every node whose type is or extends `type`, in path order.
    public func nodes(ofType type: String) -> [Int] {
        var verdicts: [String: Bool] = [:]
        return tree.nodes.indices.filter { index in
            guard let name = types[index] else { return false }
            if let known = verdicts[name] { return known }
            let verdict = hierarchy.isA(name, type)
            verdicts[name] = verdict
            return verdict
        }.sorted { tree.nodes[$0].path < tree.nodes[$1].path }
    }

    // MARK: - Root and general

    public func session() -> SessionInfo {
        let general = "/general"
        var other: [String: String] = [:]
        let known: Set<String> = [
            "experimenter", "institution", "lab", "session_id", "experiment_description", "keywords",
            "related_publications",
        ]
        if let node = tree.node(at: general) {
            for child in node.children where !known.contains(child.name) {
                guard let index = tree.node(for: child), tree.nodes[index].kind == .dataset,
                    let texts = tree.datasetTexts(general + "/" + child.name), !texts.isEmpty,
                    tree.nodes[index].dataset?.type.isString == true
                else { continue }
                other[child.name] = texts.joined(separator: "\n")
            }
        }
        return SessionInfo(
            identifier: tree.datasetText("/identifier"),
            sessionDescription: tree.datasetText("/session_description"),
            sessionStartTime: tree.datasetText("/session_start_time") ?? tree.datasetText("/start_time"),
            timestampsReferenceTime: tree.datasetText("/timestamps_reference_time"),
            fileCreateDate: tree.datasetTexts("/file_create_date") ?? [],
            experimenter: tree.datasetTexts(general + "/experimenter") ?? [],
            institution: tree.datasetText(general + "/institution"),
            lab: tree.datasetText(general + "/lab"),
            sessionID: tree.datasetText(general + "/session_id"),
            experimentDescription: tree.datasetText(general + "/experiment_description"),
            keywords: tree.datasetTexts(general + "/keywords") ?? [],
            relatedPublications: tree.datasetTexts(general + "/related_publications") ?? [],
            otherGeneral: other)
    }

    public func subject() -> SubjectInfo? {
        let path = "/general/subject"
        guard let index = tree.resolve(path) else { return nil }
        func field(_ name: String) -> String? {
            if let text = tree.datasetText(path + "/" + name) { return text }
            if let number = tree.datasetNumber(path + "/" + name) {
                return NumpyText.floatRepr(number, type: .float(size: 8, order: .littleEndian))
            }
            return nil
        }
        let ageReference = tree.node(at: path + "/age").flatMap { ObjectTree.text(of: $0.attribute("reference")) }
        return SubjectInfo(
            subjectID: field("subject_id"), species: field("species"), sex: field("sex"), age: field("age"),
            ageReference: ageReference, genotype: field("genotype"), strain: field("strain"), weight: field("weight"),
            dateOfBirth: field("date_of_birth"), description: field("description"), neurodataType: neurodataType(index))
    }

    // MARK: - Devices and electrodes

    public func devices() -> [DeviceInfo] {
        var devices = nodes(ofType: "Device").map { index -> DeviceInfo in
            let node = tree.nodes[index]
            return DeviceInfo(
                path: node.path, name: node.name, neurodataType: neurodataType(index), description: description(index),
                manufacturer: tree.attributeText(index, "manufacturer") ?? tree.datasetText(node.path + "/manufacturer"))
        }
        // NWB 1.x: devices are text datasets under /general/devices.
        if let folder = tree.node(at: "/general/devices") {
            for child in folder.children {
                guard let index = tree.node(for: child), tree.nodes[index].kind == .dataset,
                    !devices.contains(where: { $0.path == tree.nodes[index].path })
                else { continue }
                devices.append(
                    DeviceInfo(
                        path: tree.nodes[index].path, name: child.name, neurodataType: neurodataType(index),
                        description: tree.nodes[index].value?.singleElement?.text, manufacturer: nil))
            }
        }
        return devices
    }

    public func electrodeGroups() -> [ElectrodeGroupInfo] {
        nodes(ofType: "ElectrodeGroup").map { index in
            let node = tree.nodes[index]
            return ElectrodeGroupInfo(
                path: node.path, name: node.name, description: description(index),
                location: tree.attributeText(index, "location") ?? tree.datasetText(node.path + "/location"),
                device: tree.linkTarget(node.path, child: "device"))
        }
    }

    public func electrodes() -> ElectrodesInfo? {
        let path = "/general/extracellular_ephys/electrodes"
        guard let index = tree.resolve(path), tree.nodes[index].kind == .group else { return nil }
        let table = table(index)
        func distinct(_ column: String) -> [String] {
            var seen = Set<String>()
            return (tree.datasetTexts(path + "/" + column) ?? []).filter { seen.insert($0).inserted }
        }
        var groups = distinct("group_name")
        if groups.isEmpty, let values = tree.datasetTexts(path + "/group") {
            var seen = Set<String>()
            groups = values.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.filter { seen.insert($0).inserted }
        }
        return ElectrodesInfo(
            path: path, rows: table.rows ?? 0, columns: table.columns, locations: distinct("location"), groups: groups)
    }

    // MARK: - Optical physiology

    public func imagingPlanes() -> [ImagingPlaneInfo] {
        nodes(ofType: "ImagingPlane").map { index in
            let node = tree.nodes[index]
            let channels = node.children.compactMap { child -> OpticalChannelInfo? in
                guard case .node(let channel) = child.target, let type = neurodataType(channel),
                    hierarchy.isA(type, "OpticalChannel")
                else { return nil }
                let channelPath = tree.nodes[channel].path
                return OpticalChannelInfo(
                    name: child.name, description: description(channel),
                    emissionLambda: tree.datasetNumber(channelPath + "/emission_lambda"))
            }
            return ImagingPlaneInfo(
                path: node.path, name: node.name, description: description(index),
                indicator: tree.datasetText(node.path + "/indicator"), location: tree.datasetText(node.path + "/location"),
                excitationLambda: tree.datasetNumber(node.path + "/excitation_lambda"),
                imagingRate: tree.datasetNumber(node.path + "/imaging_rate"),
                device: tree.linkTarget(node.path, child: "device"), opticalChannels: channels)
        }
    }

    public func roiTables() -> [ROITableInfo] {
        nodes(ofType: "PlaneSegmentation").map { index in
            let node = tree.nodes[index]
            let names = Set(node.children.map(\.name))
            let kinds = [("pixel_mask", "pixel"), ("voxel_mask", "voxel"), ("image_mask", "image")]
                .filter { names.contains($0.0) }.map(\.1)
            return ROITableInfo(
                path: node.path, name: node.name, roiCount: tree.rowCount(node.path + "/id"),
                maskKind: kinds.isEmpty ? nil : kinds.joined(separator: "+"),
                imagingPlane: tree.linkTarget(node.path, child: "imaging_plane"))
        }
    }

    // MARK: - Tables and containers

    /// A DynamicTable's rows (length of `id`) and columns (`colnames`, else its datasets).
    public func table(_ index: Int) -> TableInfo {
        let node = tree.nodes[index]
        var columns = node.attribute("colnames")?.value.texts ?? []
        if columns.isEmpty {
            columns = node.children.compactMap { child in
                guard let target = tree.node(for: child), tree.nodes[target].kind == .dataset, child.name != "id",
                    !child.name.hasSuffix("_index")
                else { return nil }
                return child.name
            }
        }
        return TableInfo(
            path: node.path, name: node.name, neurodataType: neurodataType(index), description: description(index),
            rows: tree.rowCount(node.path + "/id"), columns: columns)
    }

    public func units() -> [TableInfo] { nodes(ofType: "Units").map(table) }

    public func intervals() -> [TableInfo] {
        var indices = nodes(ofType: "TimeIntervals")
        if let folder = tree.node(at: "/intervals") {
            for child in folder.children {
                if let index = tree.node(for: child), tree.nodes[index].kind == .group, !indices.contains(index) {
                    indices.append(index)
                }
            }
        }
        return indices.map(table)
    }

    /// The named children of the group at `path`.
    public func entries(_ path: String) -> [ContainerEntry] {
        guard let node = tree.node(at: path) else { return [] }
        let base = path == "/" ? "" : path
        return node.children.compactMap { child in
            guard let index = tree.node(for: child) else { return nil }
            return ContainerEntry(
                path: base + "/" + child.name, name: child.name, neurodataType: neurodataType(index),
                description: description(index))
        }
    }

    /// The rows of `/intervals/epochs`: start, stop and tags (ragged through `tags_index`), when read whole.
    public func epochs() -> [EpochInfo]? {
        func numbers(_ name: String) -> [Double]? {
            guard let value = tree.node(at: "/intervals/epochs/" + name)?.value, value.unreadReason == nil,
                !value.isTruncated
            else { return nil }
            return value.elements.map { element in
                switch element {
                case .float(let number): number
                case .integer(let number): Double(number)
                case .unsigned(let number): Double(number)
                default: .nan
                }
            }
        }
        guard tree.node(at: "/intervals/epochs") != nil, let starts = numbers("start_time"),
            let stops = numbers("stop_time"), starts.count == stops.count
        else { return nil }
        let tags = tree.datasetTexts("/intervals/epochs/tags") ?? []
        let ends = numbers("tags_index")?.map { Int($0) }
        return starts.indices.map { row in
            var rowTags: [String] = []
            if let ends, row < ends.count {
                let begin = row == 0 ? 0 : ends[row - 1]
                if begin >= 0, begin <= ends[row], ends[row] <= tags.count { rowTags = Array(tags[begin..<ends[row]]) }
            } else if ends == nil, tags.count == starts.count {
                rowTags = [tags[row]]
            }
            return EpochInfo(start: starts[row], stop: stops[row], tags: rowTags)
        }
    }

    public func stimulus() -> [ContainerEntry] {
        entries("/stimulus/presentation") + entries("/stimulus/templates")
    }

    public func processing() -> [ProcessingModuleInfo] {
        guard let folder = tree.node(at: "/processing") else { return [] }
        return folder.children.compactMap { child in
            guard let index = tree.node(for: child), tree.nodes[index].kind == .group else { return nil }
            let path = "/processing/" + child.name
            return ProcessingModuleInfo(path: path, name: child.name, description: description(index), contents: entries(path))
        }
    }

    public func specifications() -> [SpecificationInfo] {
        guard let folder = tree.node(at: "/specifications") else { return [] }
        return folder.children.compactMap { child in
            guard let index = tree.node(for: child), tree.nodes[index].kind == .group else { return nil }
            let versions = tree.nodes[index].children.filter { version in
                tree.node(for: version).map { tree.nodes[$0].kind == .group } ?? false
            }.map(\.name)
            return SpecificationInfo(namespace: child.name, versions: versions)
        }
    }

    public func typeCounts() -> [TypeCount] {
        var counts: [String: Int] = [:]
        for index in tree.nodes.indices {
            if let type = neurodataType(index) { counts[type, default: 0] += 1 }
        }
        return counts.map { TypeCount(type: $0.key, count: $0.value, bases: hierarchy.bases(of: $0.key)) }
            .sorted { $0.type < $1.type }
    }
}
