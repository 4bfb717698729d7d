import NWBKit

/// Checks of how the file is stored: compression, links, cached specifications, what could not be read.
enum StorageChecks {
    /// HDF5 filters h5py reports as compression (deflate, szip, lzf); others (e.g. plugins) it does not.
    static let compressionFilters: Set<Int> = [1, 4, 32000]

    static let all: [BestPracticeCheck] = [
        compression(
            "check_large_dataset_compression", .bestPracticeViolation, "a dataset over 20 GB is not compressed",
            bytes: 20e9...Double.infinity
        ) { "\($0) is a large uncompressed dataset! Please enable compression." },
        compression(
            "check_small_dataset_compression", .bestPracticeSuggestion,
            "a dataset between 50 MB and 20 GB is not compressed", bytes: 50e6...20e9
        ) { "\($0) is not compressed. Consider enabling compression when writing a dataset." },
        BestPracticeCheck(
            "nwbkit_external_links", .bestPracticeViolation, "an external link (breaks when files move; not followed)",
            appliesTo: "links", run: nwbkitExternalLinks),
        BestPracticeCheck(
            "nwbkit_dangling_soft_links", .critical, "a soft link whose target does not exist", appliesTo: "links",
            run: nwbkitDanglingSoftLinks),
        BestPracticeCheck(
            "nwbkit_cached_specifications", .bestPracticeViolation,
            "the file carries no cached specification (/specifications) for its namespaces", run: nwbkitCachedSpecifications),
        BestPracticeCheck(
            "nwbkit_unreadable_objects", .critical, "a part of the file libhdf5 could not read", run: nwbkitUnreadableObjects),
        BestPracticeCheck(
            "nwbkit_incomplete_read", .critical, "a walk limit stopped reading before the end of the file",
            run: nwbkitIncompleteRead),
    ]

    /// A compression check: one finding per NWBContainer whose first plain dataset member in `bytes` has no compression.
    static func compression(
        _ id: String, _ importance: Importance, _ flags: String, bytes: ClosedRange<Double>,
        message: @escaping @Sendable (String) -> String
    ) -> BestPracticeCheck {
        BestPracticeCheck(id, importance, flags, appliesTo: "NWBContainer") { file in
            file.objects(ofType: "NWBContainer").compactMap { container in
                let hit = file.members(container.path).first { member in
                    guard member.kind == "dataset", member.neurodataType == nil, let count = member.elementCount else {
                        return false
                    }
                    let compressed = member.filters?.contains { compressionFilters.contains(Int($0.id)) } ?? false
                    let size = Double(count) * Double(itemSize(member))
                    return !compressed && bytes.contains(size) && size > bytes.lowerBound
                }
                return hit.map { CheckHit(container.path, container.neurodataType, message($0.name)) }
            }
        }
    }

    /// Bytes per element as numpy counts them (`<f8` → 8, `|S12` → 12, variable-length → 8).
    static func itemSize(_ entry: ObjectEntry) -> Int {
        guard let dtype = entry.dtype else { return 8 }
        let digits = dtype.reversed().prefix { $0.isNumber }
        if !digits.isEmpty, let size = Int(String(digits.reversed())), dtype.count <= 6 { return size }
        if let stored = entry.storedBytes, entry.filters?.isEmpty ?? true, let count = entry.elementCount, count > 0 {
            return max(1, stored / count)
        }
        return 8
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension StorageChecks {
    /// `nwbkit_external_links`: flags when links.
    static func nwbkitExternalLinks(_ file: SummaryIndex) -> [CheckHit] {
        file.summary.objects.filter { $0.kind == "external_link" }.map {
            CheckHit(
                $0.path, nil,
                "External link to \($0.targetFile ?? "?"):\($0.target ?? "?"); the file is not self-contained and breaks when the other file moves (DANDI rejects external links)."
            )
        }
    }

    /// `nwbkit_dangling_soft_links`: flags when links.
    static func nwbkitDanglingSoftLinks(_ file: SummaryIndex) -> [CheckHit] {
        file.summary.objects.filter { $0.kind == "soft_link" && $0.resolved == false }.map {
            CheckHit($0.path, nil, "Soft link to \($0.target ?? "?") does not resolve: the object it names is missing.")
        }
    }

    /// `nwbkit_cached_specifications`: flags when the file carries no cached specification (/specifications) for its namespaces.
    static func nwbkitCachedSpecifications(_ file: SummaryIndex) -> [CheckHit] {
        let cached = Set(file.summary.specifications.map(\.namespace))
        guard cached.isEmpty || (!cached.contains("core") && file.summary.nwbVersion?.hasPrefix("2") == true) else {
            let used = Set(file.typedObjects.compactMap(\.namespace)).subtracting(cached).sorted()
            return used.map {
                CheckHit(
                    "/specifications", nil,
                    "The namespace '\($0)' is used but its specification is not cached in the file; readers cannot interpret its types without it."
                )
            }
        }
        return [
            CheckHit(
                "/", "NWBFile",
                "The file has no cached specifications (/specifications); readers cannot interpret extension types and must guess the schema version. Write with cache_spec=True."
            )
        ]
    }

    /// `nwbkit_unreadable_objects`: flags when a part of the file libhdf5 could not read.
    static func nwbkitUnreadableObjects(_ file: SummaryIndex) -> [CheckHit] {
        file.summary.problems.map { CheckHit($0.path, nil, "Could not be read: \($0.message)") }
    }

    /// `nwbkit_incomplete_read`: flags when a walk limit stopped reading before the end of the file.
    static func nwbkitIncompleteRead(_ file: SummaryIndex) -> [CheckHit] {
        file.summary.isIncomplete
            ? [
                CheckHit(
                    "/", "NWBFile",
                    "Reading stopped at a limit (--max-objects / --max-depth) before the end of the file; the checks saw only part of it. Raise the limit to check everything."
                )
            ] : []
    }
}
