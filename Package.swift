// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "RadFleet",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "radfleet", targets: ["radfleet"]),
        .library(name: "RadiomicsCore", targets: ["RadiomicsCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // MARK: - C glue (header + modulemap only)
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),

        // MARK: - Pure cores (no I/O)
        .target(name: "RadiomicsCore"),
        .target(name: "Statistics", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),

        // MARK: - Adapters
        .target(name: "ImageIO", dependencies: ["CPNG", "RadiomicsCore"]),
        .target(name: "ParameterFiles", dependencies: ["RadiomicsCore", .product(name: "Yams", package: "Yams")]),

        // MARK: - Executable
        .executableTarget(
            name: "radfleet",
            dependencies: [
                "RadiomicsCore", "ImageIO", "ParameterFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["RadiomicsCore", "ImageIO"], path: "Tests/TestSupport"),
        .testTarget(name: "RadiomicsCoreTests", dependencies: ["RadiomicsCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ParameterFilesTests", dependencies: ["ParameterFiles", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "RadiomicsParityTests", dependencies: ["RadiomicsCore", "ImageIO", "ParameterFiles", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "TestSupport"], exclude: ["Fixtures"]),
    ]
)
