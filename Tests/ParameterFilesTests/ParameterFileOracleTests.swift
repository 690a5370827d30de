import Foundation
import ParameterFiles
import RadiomicsCore
import XCTest

/// Each good fixture against what PyRadiomics 3.1 makes of the same file (settings after defaults, image types in
/// order with merged settings, feature classes in order); each bad fixture is rejected.
final class ParameterFileOracleTests: XCTestCase {
    /// SimpleITK's interpolator codes, for files that give the integer.
    private static let sitkNames = [1: "sitkNearestNeighbor", 2: "sitkLinear", 3: "sitkBSpline"]

    private func assertSettings(_ ours: RadiomicsSettings, match theirs: [String: JSONValue], _ context: String) {
        var compared = 0
        for (key, value) in theirs {
            guard let mine = ours.pyradiomicsValue(key) else { continue }
            var expected = value
            if key == "interpolator", case let .number(code) = value { expected = .string(Self.sitkNames[Int(code)] ?? "?") }
            XCTAssertEqual(mine, expected, "\(context): setting \(key)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 10, context)
    }

    func testGoodFilesMatchPyRadiomics() throws {
        let oracle = try FixtureFiles.oracle()
        let files = try FixtureFiles.names(in: "good")
        XCTAssertGreaterThanOrEqual(files.count, 10)
        for file in files {
            let expected = try XCTUnwrap(oracle["good"]?[file], "no oracle entry for \(file): rerun param_cases.py")
            let parsed = try ParameterFile(path: FixtureFiles.path("good/\(file)"))
            let p = parsed.parameters
            assertSettings(p.settings, match: expected["settings"]!.object, file)

            let types = expected["imageTypes"]!.array
            XCTAssertEqual(p.imageTypes.map(\.name.rawValue), types.map { $0.array[0].string! }, "\(file): image types")
            for (spec, type) in zip(p.imageTypes, types) {
                assertSettings(spec.settings, match: type.array[1].object, "\(file) \(spec.name.rawValue)")
            }

            // PyRadiomics' default list (every class) includes 3D `shape`, which RadFleet leaves out for 2D input.
            var classes = expected["featureClasses"]!.array
            if classes.count == FeatureClassName.allCases.count { classes.removeAll { $0.array[0].string == "shape" } }
            XCTAssertEqual(p.featureClasses.map(\.0.rawValue), classes.map { $0.array[0].string! }, "\(file): classes")
            for ((_, selection), c) in zip(p.featureClasses, classes) {
                let names = c.array[1].array.compactMap(\.string)
                XCTAssertEqual(selection, names.isEmpty ? .all : .named(names), "\(file): \(c)")
            }
        }
    }

    /// Naming a deprecated feature is valid PyRadiomics input. This needs each class's `Feature` enum to hold
    /// PyRadiomics' deprecated features; the test skips, naming the missing ones, until they are all there.
    func testDeprecatedFeaturesCanBeNamed() throws {
        let oracle = try FixtureFiles.oracle()
        var missing: [String] = []
        for (className, names) in oracle["deprecated"]!.object where className != "shape" {
            for name in names.array.compactMap(\.string) {
                let yaml = "featureClass:\n  \(className): [\(name)]\n"
                do { _ = try ParameterFile(yaml: yaml) } catch {
                    XCTAssertEqual((error as? ParameterFileError)?.reason, .unknownFeature(featureClass: className, feature: name))
                    missing.append("\(className).\(name)")
                }
            }
        }
        if !missing.isEmpty { throw XCTSkip("Feature enums lack PyRadiomics' deprecated features: \(missing.sorted())") }
        let p = try ParameterFile(path: FixtureFiles.path("deprecated/named_deprecated.yaml")).parameters
        let expected = oracle["good"]!["named_deprecated.yaml"]!["featureClasses"]!.array
        XCTAssertEqual(p.featureClasses.map(\.0.rawValue), expected.map { $0.array[0].string! })
    }

    func testBadFilesAreRejectedAsByPyRadiomics() throws {
        let oracle = try FixtureFiles.oracle()
        // Files PyRadiomics lets through and RadFleet rejects, each for a stated reason.
        let stricter = [
            "bin_count_null_label.yaml",   // label: null would fail later in PyRadiomics (mask == None)
            "lbp_image_type.yaml",         // LBP image types are not implemented
            "resegment_range_long.yaml",   // PyRadiomics' resegmentMask raises for 3 thresholds at run time
        ]
        for file in try FixtureFiles.names(in: "bad") {
            let expected = try XCTUnwrap(oracle["bad"]?[file], "no oracle entry for \(file): rerun param_cases.py")
            XCTAssertEqual(expected["pyradiomicsRejects"], .bool(!stricter.contains(file)), file)
            let path = FixtureFiles.path("bad/\(file)")
            XCTAssertThrowsError(try ParameterFile(path: path), file) { error in
                let e = error as! ParameterFileError
                XCTAssertEqual(e.file, path)
                XCTAssertTrue(e.description.hasPrefix(path), e.description)
            }
        }
    }
}
