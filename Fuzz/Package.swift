// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for RadFleet's decoders, kept apart from the main package so that its `swift build` and
// `swift test` never see the sanitizer flags. Build and run with scripts/fuzz.sh (README "Fuzzing").
//
// Each target's test function is `LLVMFuzzerTestOneInput` (`@_cdecl`); the target is built with
// `-sanitize=fuzzer,address -parse-as-library` and its `<Target>_main` (the name SwiftPM links as `main`) hands
// control to libFuzzer's driver.
let package = Package(
    name: "RadFleetFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "RadFleet", path: ".."),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(name: "FuzzMessageDecoder", dependencies: ["FuzzSupport", .product(name: "FleetProtocol", package: "RadFleet")]),
        .executableTarget(name: "FuzzPNGLoader", dependencies: ["FuzzSupport", .product(name: "ImageIO", package: "RadFleet"), .product(name: "RadiomicsCore", package: "RadFleet")]),
        .executableTarget(name: "FuzzParameterFile", dependencies: ["FuzzSupport", .product(name: "ParameterFiles", package: "RadFleet"), .product(name: "RadiomicsCore", package: "RadFleet")]),
    ]
)
