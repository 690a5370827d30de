// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "RadFleet",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "radfleet", targets: ["radfleet"]),
        .library(name: "RadiomicsCore", targets: ["RadiomicsCore"]),
        // The decoders the fuzz targets (Fuzz/Package.swift) exercise.
        .library(name: "FleetProtocol", targets: ["FleetProtocol"]),
        .library(name: "ImageIO", targets: ["ImageIO"]),
        .library(name: "ParameterFiles", targets: ["ParameterFiles"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // MARK: - C glue (header + modulemap only)
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // MARK: - Pure cores (no I/O)
        .target(name: "RadiomicsCore"),
        .target(name: "Statistics", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),

        .target(name: "FleetProtocol"),

        // MARK: - Adapters
        .target(name: "ImageIO", dependencies: ["CPNG", "RadiomicsCore"]),
        .target(name: "ParameterFiles", dependencies: ["RadiomicsCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "ZMQTransport", dependencies: ["CZeroMQ", "FleetProtocol"]),
        .target(name: "CaseIO", dependencies: ["RadiomicsCore", "ImageIO", .product(name: "CSV", package: "CSV.swift")]),

        // MARK: - Roles
        .target(name: "Study", dependencies: ["CaseIO", "FleetProtocol", "Statistics", .product(name: "Yams", package: "Yams")]),
        .target(name: "Fleet", dependencies: ["FleetProtocol", "CSQLite", "CaseIO", "ImageIO", "ParameterFiles", "RadiomicsCore", "Statistics", "Study", "Report",
                                      .product(name: "Crypto", package: "swift-crypto")]),

        // MARK: - Output
        .target(name: "Report", dependencies: ["ImageIO"]),

        // MARK: - Executable
        .executableTarget(
            name: "radfleet",
            dependencies: [
                "RadiomicsCore", "Statistics", "ImageIO", "ParameterFiles", "CaseIO", "Study", "Fleet", "FleetProtocol", "ZMQTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "radfleet-bench",
            dependencies: ["RadiomicsCore", "Statistics", "ImageIO", "ParameterFiles", "CaseIO", "Fleet", "FleetProtocol", "ZMQTransport"],
            path: "Benchmarks/radfleet-bench"
        ),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["RadiomicsCore", "ImageIO"], path: "Tests/TestSupport"),
        .testTarget(name: "RadiomicsCoreTests", dependencies: ["RadiomicsCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ParameterFilesTests", dependencies: ["ParameterFiles", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "RadiomicsParityTests", dependencies: ["RadiomicsCore", "ImageIO", "ParameterFiles", "CaseIO", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CaseIOTests", dependencies: ["CaseIO", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "ImageIO"]),
        .testTarget(name: "FleetTests", dependencies: ["Fleet", "FleetProtocol", "ZMQTransport", "Study", "CaseIO"], exclude: ["Fixtures"]),
        .testTarget(name: "FleetProcessTests", dependencies: ["radfleet", "Fleet", "FleetProtocol", "ZMQTransport", "ImageIO", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CommandLineTests", dependencies: ["radfleet", "TestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "TestSupport"], exclude: ["Fixtures"]),
    ]
)
