import Foundation
import ParameterFiles
import RadiomicsCore
import XCTest

final class ParameterFileTests: XCTestCase {
    /// The project's three parameter files (shared data, or their copies among the fixtures).
    func testSharedParameterFilesLoad() throws {
        let shared = ProcessInfo.processInfo.environment["RADFLEET_SHARED_DATA"] ?? "/work/shared/data"
        for name in ["default", "filters", "resampled"] {
            let original = "\(shared)/params/\(name).yaml"
            let path = FileManager.default.fileExists(atPath: original) ? original : FixtureFiles.path("good/\(name).yaml")
            let p = try ParameterFile.load(path: path)
            XCTAssertEqual(p.featureClasses.map(\.0), [.shape2D, .firstorder, .glcm, .glrlm, .glszm, .gldm, .ngtdm], name)
            XCTAssertTrue(p.featureClasses.allSatisfy { $0.1 == .all }, name)
            XCTAssertEqual(p.settings.label, 1)
        }
        let filters = try ParameterFile.load(path: FixtureFiles.path("good/filters.yaml"))
        XCTAssertEqual(filters.imageTypes.map(\.name), [.original, .log, .square, .squareRoot, .logarithm, .exponential, .gradient, .wavelet])
        XCTAssertEqual(filters.settings.binCount, 32)
        XCTAssertEqual(filters.settings.normalizeScale, 100)
        XCTAssertEqual(filters.imageTypes[1].settings.sigma, [1.0, 3.0])
        XCTAssertEqual(filters.imageTypes[0].settings.sigma, [])
        XCTAssertEqual(filters.imageTypes[7].settings.wavelet, "db2")
        XCTAssertEqual(filters.imageTypes[0].settings.wavelet, "coif1")
        XCTAssertTrue(filters.imageTypes.allSatisfy { $0.settings.binCount == 32 && $0.settings.normalize })
        let resampled = try ParameterFile.load(path: FixtureFiles.path("good/resampled.yaml"))
        XCTAssertEqual(resampled.settings.resampledPixelSpacing, [0.2, 0.2])
        XCTAssertEqual(resampled.settings.interpolator, .bSpline)
        XCTAssertEqual(resampled.settings.binWidth, 10)
    }

    func testDefaultsWhenBlocksAreMissing() throws {
        let p = try ParameterFile.parse(yaml: "setting:\n  binWidth: 10\n")
        XCTAssertEqual(p.imageTypes.map(\.name), [.original])
        XCTAssertEqual(p.imageTypes[0].settings.binWidth, 10)
        XCTAssertEqual(p.featureClasses.map(\.0), ExtractionParameters().featureClasses.map(\.0))
        XCTAssertEqual(try ParameterFile.parse(yaml: "imageType: {}\nfeatureClass: {}\n"), ExtractionParameters())
    }

    func testImageTypeSettingsMergeOverGlobalOnesInFileOrder() throws {
        let p = try ParameterFile.parse(yaml: """
            imageType:
              LoG: {sigma: [2.0], binWidth: 5}
              Original: {}
            setting: {binWidth: 20, sigma: [1.0]}
            featureClass: {glcm: [Contrast], firstorder: []}
            """)
        XCTAssertEqual(p.settings.binWidth, 20)
        XCTAssertEqual(p.imageTypes.map(\.name), [.log, .original])
        XCTAssertEqual(p.imageTypes[0].settings.binWidth, 5)
        XCTAssertEqual(p.imageTypes[0].settings.sigma, [2.0])
        XCTAssertEqual(p.imageTypes[1].settings.binWidth, 20)
        XCTAssertEqual(p.imageTypes[1].settings.sigma, [1.0])
        XCTAssertEqual(p.featureClasses.map(\.0), [.glcm, .firstorder])
        XCTAssertEqual(p.featureClasses.map(\.1), [.named(["Contrast"]), .all])
    }

    func testValueForms() throws {
        let p = try ParameterFile.parse(yaml: """
            setting:
              interpolator: 2
              binWidth: '1e-01'
              geometryTolerance: 1e-6
              binCount: null
              weightingNorm: null
              radfleetClipPercentiles: [0.5, 99.5]
              correctMask: yes
            """).settings
        XCTAssertEqual(p.interpolator, .linear)
        XCTAssertEqual(p.binWidth, 0.1)
        XCTAssertEqual(p.geometryTolerance, 1e-6)
        XCTAssertNil(p.binCount)
        XCTAssertNil(p.weightingNorm)
        XCTAssertEqual(p.clipPercentiles, [0.5, 99.5])
        XCTAssertTrue(p.correctMask)
        XCTAssertThrowsError(try ParameterFile.parse(yaml: "setting: {binWidth: .nan}"))
        XCTAssertThrowsError(try ParameterFile.parse(yaml: "setting: {binWidth: .inf}"))
    }

    func testJSONAndNotes() throws {
        let file = try ParameterFile(path: FixtureFiles.path("good/json_params.json"))
        XCTAssertEqual(file.parameters.imageTypes.map(\.name), [.original, .exponential, .logarithm])
        XCTAssertEqual(file.parameters.settings.resegmentRange, [10])
        XCTAssertTrue(file.notes.isEmpty)
        let voxel = try ParameterFile(path: FixtureFiles.path("good/voxel_setting.yaml"))
        XCTAssertEqual(voxel.notes.count, 1)
        XCTAssertTrue(voxel.notes[0].hasPrefix("voxelSetting ignored"))
        let shape = try ParameterFile(yaml: "featureClass:\n  shape: [VoxelVolume]\n  shape2D:\n")
        XCTAssertTrue(shape.notes[0].contains("shape2D"))
        XCTAssertThrowsError(try ParameterFile(yaml: "featureClass:\n  shape: [PixelSurface]\n"))
    }

    func testAnchorsAndAliasesAreReadAsTheirValues() throws {
        let p = try ParameterFile.parse(yaml: """
            setting: &common
              binWidth: 5
            imageType:
              Original: *common
            """)
        XCTAssertEqual(p.imageTypes[0].settings.binWidth, 5)
    }
}
