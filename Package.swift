// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "NWBKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NWBKit", targets: ["NWBKit"]),
        .library(name: "NWBDandi", targets: ["NWBDandi"]),
        .library(name: "NWBRendering", targets: ["NWBRendering"]),
        .library(name: "NWBCatalogs", targets: ["NWBCatalogs"]),
        .library(name: "NWBCheck", targets: ["NWBCheck"]),
        .library(name: "NWBRunner", targets: ["NWBRunner"]),
        .library(name: "NWBAssistant", targets: ["NWBAssistant"]),
        .executable(name: "nwbkit", targets: ["nwbkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        // libhdf5 from Debian's libhdf5-dev, found through pkg-config.
        .systemLibrary(
            name: "CHDF5",
            pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev"]), .brew(["hdf5"])]
        ),
        // OpenSSL's libcrypto from Debian's libssl-dev: SHA-256 of exported files (Crucible's sha256_hash;
        // Foundation on Linux has no digest), without compiling a copy of BoringSSL.
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),
        // Small pieces every layer uses: paths that keep bytes that are not UTF-8, Python's repr of strings,
        // a stable hash, a value handed over from another thread.
        .target(name: "NWBSupport"),
        // Safe Swift layer over libhdf5: owned identifiers, typed errors, metadata and small values.
        .target(name: "HDF5", dependencies: ["CHDF5", "NWBSupport"]),
        // libcurl from Debian's libcurl4-openssl-dev: byte ranges of remote files over HTTP(S).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        // Remote files over HTTP(S): ranged reads in blocks, a cache with read-ahead, retries and time-outs,
        // a `ByteSource` (NWBSupport) libhdf5 reads through; it does not link libhdf5 itself.
        .target(name: "RemoteReading", dependencies: ["CCurl", "Platform", "NWBSupport"]),
        // The DANDI archive's API: dandiset references, versions, metadata, asset listings, blob URLs.
        .target(name: "DandiArchive", dependencies: ["RemoteReading"]),
        // zlib from Debian's zlib1g-dev: deflate and CRC-32 for PNG previews.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // The domain: object tree, NWB reading, summaries. Remote files come through NWBSupport's RemoteOpening
        // (RemoteReading's RemoteOptions answer it): the domain does not depend on HTTP.
        .target(name: "NWBKit", dependencies: ["HDF5", "NWBSupport", "Platform"]),
        // DANDI's rules and tables over summaries: asset facts, the assetsSummary, structural types.
        .target(name: "NWBDandi", dependencies: ["HDF5", "NWBKit", "NWBSupport"]),
        // What Swift cannot call directly (prctl, fcntl, wait-status macros), and the Swift over it: EINTR-safe
        // writes, child processes on pipes, exclusive temporary files, process lifetime, libcrypto's digests.
        // The one place above libhdf5 that touches the system's C interface.
        .systemLibrary(name: "CPlatform", path: "Sources/CPlatform"),
        .target(name: "Platform", dependencies: ["CPlatform", "CLibCrypto", "NWBSupport"]),
        // YAML from users' files (metadata, rules) read within stated bounds: file size, alias expansion.
        .target(name: "BoundedYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The summary model's JSON: one canonical encoder (sorted keys, `"key": value`), the decoder the cache
        // and merges read with, order-keeping JSON for the DANDI metadata.
        .target(name: "NWBJSON", dependencies: ["HDF5", "NWBKit", "NWBSupport"]),
        // Renderers over the summary model: text, JSON documents, Markdown through Mustache templates, the
        // DANDI dataset-description document.
        .target(
            name: "NWBRendering",
            dependencies: [
                "HDF5", "NWBSupport", "NWBKit", "NWBDandi", "NWBJSON", "BoundedYAML", "Platform",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        // Records for other catalogs: BrainSTEM, Flexilims, Crucible, portal.
        .target(
            name: "NWBCatalogs",
            dependencies: ["HDF5", "NWBSupport", "NWBKit", "NWBDandi", "NWBJSON", "Platform", .product(name: "Yams", package: "Yams")]),
        // Small PNG previews of a file's images (summary images, first frames, ROI masks), read within a
        // stated byte allowance per file: the catalog's thumbnails.
        .target(name: "NWBPreviews", dependencies: ["CZlib", "HDF5", "NWBKit"]),
        // Checks: built-in best practices, lab rules files, reports, structural diff — over summaries only.
        .target(name: "NWBCheck", dependencies: ["NWBKit", "NWBDandi", "HDF5", "RemoteReading", "NWBSupport", "NWBJSON", "BoundedYAML", .product(name: "Yams", package: "Yams")]),
        // Runs files through worker processes: the pipe protocol, per-file products, cache, shards, merge,
        // the split walk of one large file.
        .target(
            name: "NWBRunner",
            dependencies: [
                "Platform", "HDF5", "NWBSupport", "NWBKit", "NWBDandi", "NWBJSON", "NWBRendering", "NWBCheck", "NWBPreviews",
                "RemoteReading",
            ]),
        // The MCP server for AI assistants (`nwbkit mcp`), on the official Swift SDK: tools over the run API
        // (files read in a session worker), the archive client and the renderers.
        .target(
            name: "NWBAssistant",
            dependencies: [
                "NWBRunner", "NWBKit", "NWBJSON", "NWBRendering", "NWBCheck", "NWBDandi", "DandiArchive", "RemoteReading", "NWBSupport",
                .product(name: "MCP", package: "swift-sdk"),
            ]),
        // The command-line tool: parses arguments, calls the library, prints, sets the exit code.
        .executableTarget(
            name: "nwbkit",
            dependencies: [
                "HDF5", "NWBSupport", "NWBKit", "NWBDandi", "NWBJSON", "NWBRendering", "NWBCatalogs", "NWBCheck", "NWBRunner", "RemoteReading",
                "DandiArchive", "Platform", "NWBPreviews", "NWBAssistant",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Build-time helper: turns Templates/*.mustache into Swift string constants.
        .executableTarget(name: "TemplateEmbedder", path: "Sources/TemplateEmbedder"),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["TemplateEmbedder"]),
        // Paths of test inputs (SampleData, ../shared), used by the test targets only.
        .target(name: "TestSupport", path: "Sources/TestSupport"),
        // Writes small (hostile) HDF5 files inside tests, through libhdf5; test code only.
        .target(name: "HDF5TestFiles", dependencies: ["CHDF5"], path: "Tests/HDF5TestFiles"),
        .testTarget(name: "HDF5Tests", dependencies: ["NWBSupport", "HDF5", "TestSupport"]),
        .testTarget(name: "NWBKitTests", dependencies: ["NWBSupport", "NWBKit", "NWBDandi", "HDF5", "TestSupport", "DandiArchive"]),
        .testTarget(
            name: "NWBRenderingTests",
            dependencies: [
                "NWBRendering", "NWBJSON", "NWBCatalogs", "NWBRunner", "NWBKit", "NWBDandi", "HDF5", "NWBSupport", "TestSupport",
                "NWBPreviews",
            ],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "NWBCheckTests", dependencies: ["NWBCheck", "HDF5", "NWBSupport", "NWBKit", "NWBDandi", "TestSupport"], exclude: ["Fixtures/nwbinspector/generate.py", "Fixtures/flawed"],
            resources: [.copy("Fixtures/nwbinspector/corpus.json"), .copy("Fixtures/nwbinspector/flawed.json")]),
        .testTarget(name: "nwbkitTests", dependencies: ["nwbkit", "TestSupport", "HDF5TestFiles", "CZlib", "NWBRendering"]),
        // Each lower target on its own.
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "NWBJSONTests", dependencies: ["NWBJSON", "NWBSupport"]),
        .testTarget(name: "RemoteReadingTests", dependencies: ["RemoteReading"]),
        .testTarget(name: "NWBRunnerTests", dependencies: ["NWBRunner", "NWBJSON", "RemoteReading", "NWBCheck", "NWBKit", "NWBPreviews", "TestSupport"]),
    ]
)

// The fuzz target exists only for fuzz builds (`Fuzz/run.sh` sets NWBKIT_FUZZ=1): libFuzzer supplies its
// `main`, so an ordinary `swift build` or `swift test` must not see it. Only NWBKit's own modules are
// instrumented (not the build-time template tool).
if ProcessInfo.processInfo.environment["NWBKIT_FUZZ"] != nil {
    let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer"])]
    let instrumented = ["NWBSupport", "HDF5", "NWBKit", "NWBDandi", "NWBJSON", "NWBRendering", "NWBCatalogs", "NWBCheck", "BoundedYAML"]
    for target in package.targets where instrumented.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + fuzzer
    }
    package.targets.append(
        .executableTarget(
            name: "NWBKitFuzz", dependencies: ["NWBSupport", "HDF5", "NWBKit", "NWBDandi", "NWBJSON", "NWBRendering", "NWBCatalogs", "NWBCheck"], path: "Fuzz", exclude: ["run.sh", "corpus"],
            swiftSettings: fuzzer + [.unsafeFlags(["-parse-as-library"])], linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]))
}
