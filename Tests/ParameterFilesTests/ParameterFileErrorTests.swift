import Foundation
import ParameterFiles
import RadiomicsCore
import XCTest

/// Each bad fixture fails at the expected key path for the expected reason, and says so in one line.
final class ParameterFileErrorTests: XCTestCase {
    private func failure(_ file: String) -> ParameterFileError? {
        do {
            _ = try ParameterFile(path: FixtureFiles.path("bad/\(file)"))
            return nil
        } catch {
            return error as? ParameterFileError
        }
    }

    func testEachBadFileNamesKeyPathAndReason() throws {
        let cases: [(String, String, (ParameterFileError.Reason) -> Bool)] = [
            ("unknown_setting.yaml", "setting.binWidht", { if case .unknownKey = $0 { true } else { false } }),
            ("unknown_top_key.yaml", "settings", { if case .unknownKey = $0 { true } else { false } }),
            ("bin_width_zero.yaml", "setting.binWidth", { $0 == .outOfRange("must be > 0.0, is 0.0") }),
            ("bin_width_string.yaml", "setting.binWidth", { $0 == .wrongType(expected: "a number", found: "the string 'wide'") }),
            ("label_bool.yaml", "setting.label", { $0 == .wrongType(expected: "an integer", found: "a boolean (true)") }),
            ("label_float.yaml", "setting.label", { $0 == .wrongType(expected: "an integer", found: "a number (1.5)") }),
            ("label_zero.yaml", "setting.label", { if case .outOfRange = $0 { true } else { false } }),
            ("unknown_image_type.yaml", "imageType.Wavelett", { if case .unknownImageType = $0 { true } else { false } }),
            ("lbp_image_type.yaml", "imageType.LBP2D", { if case .unsupportedImageType = $0 { true } else { false } }),
            ("image_type_null.yaml", "imageType", { if case .nullNotAllowed = $0 { true } else { false } }),
            ("image_type_entry_null.yaml", "imageType.Original", { if case .nullNotAllowed = $0 { true } else { false } }),
            ("image_type_list.yaml", "imageType", { if case .wrongType = $0 { true } else { false } }),
            ("image_type_bad_setting.yaml", "imageType.LoG.sigma[1]", { if case .outOfRange = $0 { true } else { false } }),
            ("image_type_unknown_setting.yaml", "imageType.LoG.sigmas", { if case .unknownKey = $0 { true } else { false } }),
            ("unknown_class.yaml", "featureClass.glcmm", { if case .unknownFeatureClass = $0 { true } else { false } }),
            ("unknown_feature.yaml", "featureClass.glcm[1]", { $0 == .unknownFeature(featureClass: "glcm", feature: "Contrastt") }),
            ("features_not_list.yaml", "featureClass.glcm", { if case .wrongType = $0 { true } else { false } }),
            ("feature_class_null.yaml", "featureClass", { if case .nullNotAllowed = $0 { true } else { false } }),
            ("bad_interpolator_name.yaml", "setting.interpolator", { if case .notOneOf = $0 { true } else { false } }),
            ("bad_interpolator_code.yaml", "setting.interpolator", { if case .outOfRange = $0 { true } else { false } }),
            ("bad_wavelet.yaml", "setting.wavelet", { if case .invalidValue = $0 { true } else { false } }),
            ("bad_resegment_mode.yaml", "setting.resegmentMode", { $0 == .notOneOf(["absolute", "relative", "sigma"]) }),
            ("resegment_range_long.yaml", "setting.resegmentRange", { if case .outOfRange = $0 { true } else { false } }),
            ("distances_zero.yaml", "setting.distances[0]", { if case .outOfRange = $0 { true } else { false } }),
            ("distances_scalar.yaml", "setting.distances", { if case .wrongType = $0 { true } else { false } }),
            ("minimum_roi_dimensions.yaml", "setting.minimumROIDimensions", { $0 == .outOfRange("must be ≤ 3, is 4") }),
            ("force2d_dimension.yaml", "setting.force2Ddimension", { if case .outOfRange = $0 { true } else { false } }),
            ("weighting_norm.yaml", "setting.weightingNorm", { if case .notOneOf = $0 { true } else { false } }),
            ("gldm_a_float.yaml", "setting.gldm_a", { if case .wrongType = $0 { true } else { false } }),
            ("bin_count_null_label.yaml", "setting.label", { if case .nullNotAllowed = $0 { true } else { false } }),
            ("voxel_unknown_key.yaml", "voxelSetting.radius", { if case .unknownKey = $0 { true } else { false } }),
            ("voxel_setting_null.yaml", "voxelSetting", { if case .nullNotAllowed = $0 { true } else { false } }),
            ("setting_null.yaml", "setting", { if case .nullNotAllowed = $0 { true } else { false } }),
            ("setting_list.yaml", "setting", { if case .wrongType = $0 { true } else { false } }),
            ("clip_percentiles_order.yaml", "setting.radfleetClipPercentiles", { if case .outOfRange = $0 { true } else { false } }),
            ("clip_percentiles_range.yaml", "setting.radfleetClipPercentiles[1]", { if case .outOfRange = $0 { true } else { false } }),
            // Yams' parser rejects duplicate keys itself, naming the key.
            ("duplicate_key.yaml", "", { if case let .invalidYAML(why) = $0 { why.contains("'binWidth'") } else { false } }),
            ("syntax_error.yaml", "", { if case .invalidYAML = $0 { true } else { false } }),
            ("json_syntax_error.json", "", { if case .invalidYAML = $0 { true } else { false } }),
            ("json_negative_bin_width.json", "setting.binWidth", { if case .outOfRange = $0 { true } else { false } }),
            ("empty.yaml", "", { $0 == .emptyFile }),
            ("top_level_list.yaml", "", { if case .wrongType = $0 { true } else { false } }),
        ]
        XCTAssertEqual(Set(cases.map(\.0)), Set(try FixtureFiles.names(in: "bad")), "every bad fixture has an expectation")
        for (file, keyPath, isExpected) in cases {
            guard let e = failure(file) else { XCTFail("\(file) was accepted"); continue }
            XCTAssertEqual(e.keyPath, keyPath, "\(file): \(e)")
            XCTAssertTrue(isExpected(e.reason), "\(file): \(e)")
            let path = FixtureFiles.path("bad/\(file)")
            XCTAssertTrue(e.description.hasPrefix(path), e.description)
            if !keyPath.isEmpty { XCTAssertTrue(e.description.contains(": \(keyPath): "), e.description) }
        }
    }

    func testDescriptionCarriesFileLineKeyPathAndReason() throws {
        let e = try XCTUnwrap(failure("unknown_feature.yaml"))
        XCTAssertEqual(e.description, "\(FixtureFiles.path("bad/unknown_feature.yaml")):3: featureClass.glcm[1]: unknown feature 'Contrastt' in feature class 'glcm'")
        XCTAssertThrowsError(try ParameterFile(yaml: "setting:\n  binWidht: 25\n", source: "inline")) { error in
            XCTAssertTrue("\(error)".hasPrefix("inline:2: setting.binWidht: unknown key; allowed keys: minimumROIDimensions"), "\(error)")
        }
    }

    func testUnreadablePaths() {
        XCTAssertThrowsError(try ParameterFile(path: "")) { error in
            XCTAssertEqual((error as! ParameterFileError).reason, .unreadableFile("no file name given"))
        }
        XCTAssertThrowsError(try ParameterFile(path: FixtureFiles.path("good"))) { error in
            XCTAssertEqual((error as! ParameterFileError).reason, .unreadableFile("is a directory"))
        }
        let missing = FixtureFiles.path("missing.yaml")
        XCTAssertThrowsError(try ParameterFile(path: missing)) { error in
            XCTAssertEqual((error as! ParameterFileError).file, missing)
            XCTAssertTrue("\(error)".contains("cannot read the file"), "\(error)")
        }
    }
}
