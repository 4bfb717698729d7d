// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "NWBKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NWBKit", targets: ["NWBKit"]),
        .library(name: "NWBExport", targets: ["NWBExport"]),
        .executable(name: "nwbkit", targets: ["nwbkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libhdf5 from Debian's libhdf5-dev, found through pkg-config.
        .systemLibrary(
            name: "CHDF5",
            pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev"]), .brew(["hdf5"])]
        ),
        .target(name: "HDF5", dependencies: ["CHDF5"]),
        .target(name: "NWBKit", dependencies: ["HDF5"]),
        .target(name: "NWBExport", dependencies: ["NWBKit"]),
        .executableTarget(
            name: "nwbkit",
            dependencies: [
                "NWBKit", "NWBExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5"]),
        .testTarget(name: "NWBKitTests", dependencies: ["NWBKit"]),
        .testTarget(name: "NWBExportTests", dependencies: ["NWBExport"]),
        .testTarget(name: "nwbkitTests", dependencies: ["nwbkit"]),
    ]
)
