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

    // MARK: Fuzzing regressions and limits (Fuzz/FuzzParameterFile)

    /// Found by FuzzParameterFile: a YAML 1.1 base-60 integer with many places trapped in Yams' reading (an
    /// unchecked multiplication). It is now an out-of-range error at its key; small base-60 integers still read as
    /// PyYAML reads them (`1:30` = 90).
    func testBase60IntegerThatOverflowsIsAnErrorNotATrap() throws {
        let text = "setting:\n  label: 1:0:0:0:0:0:0:0:0:0:0:0:0\n"
        XCTAssertThrowsError(try ParameterFile(yaml: text, source: "sexagesimal.yaml")) { error in
            let e = error as? ParameterFileError
            XCTAssertEqual(e?.keyPath, "setting.label")
            XCTAssertEqual(e?.line, 2)
            XCTAssertEqual(e?.reason, .outOfRange("1:0:0:0:0:0:0:0:0:0:0:0:0 does not fit a 64-bit integer"))
        }
        // The same overflow through a float setting (integers there are read as integers first).
        XCTAssertThrowsError(try ParameterFile(yaml: "setting:\n  binWidth: -1:0:0:0:0:0:0:0:0:0:0:0\n")) { error in
            XCTAssertEqual((error as? ParameterFileError)?.keyPath, "setting.binWidth")
        }
        let p = try ParameterFile(yaml: "setting:\n  label: 1:30\n  binWidth: 1:0\n  padDistance: 0x1_0\n  distances: [0o7, 0b11]\n")
        XCTAssertEqual(p.parameters.settings.label, 90)
        XCTAssertEqual(p.parameters.settings.binWidth, 60)
        XCTAssertEqual(p.parameters.settings.padDistance, 16)
        XCTAssertEqual(p.parameters.settings.distances, [7, 3])
        // The largest base-60 value that fits, and one more.
        XCTAssertEqual(YAMLReader.sexagesimal("-9223372036854775807"), -9_223_372_036_854_775_807)
        XCTAssertNil(YAMLReader.sexagesimal("2562047788015215:30:8"))
        XCTAssertEqual(YAMLReader.sexagesimal("2562047788015215:30:7"), Int.max)
    }

    /// Found while writing FuzzParameterFile: nested aliases used as a mapping key ("billion laughs") kept Yams
    /// hashing 10^8 nodes for minutes. More aliases than `YAMLReader.maximumAliases` are refused before Yams sees
    /// the text; a file that reuses a block through a few aliases still loads.
    func testAliasBombIsRefusedBeforeParsing() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "? *a8\n: 1\n"
        let start = Date()
        XCTAssertThrowsError(try ParameterFile(yaml: text, source: "laughs.yaml")) { error in
            XCTAssertEqual((error as? ParameterFileError)?.reason, .tooManyAliases(count: 81, limit: 10))
            XCTAssertEqual("\(error)", "laughs.yaml: 81 YAML aliases (*name) exceed the parameter-file alias limit of 10")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "refused without expanding the aliases")
        let reuse = """
            setting: &common {binWidth: 5, label: 2}
            imageType:
              Original: *common
              LoG: {sigma: [1.0, 3.0]}
            """
        let p = try ParameterFile(yaml: reuse)
        XCTAssertEqual(p.parameters.imageTypes.first?.settings.binWidth, 5)
        XCTAssertEqual(p.parameters.settings.label, 2)
    }

    /// The alias count errs on the safe side (stars that start a token count, wherever they are) and skips only
    /// full-line comments.
    func testAliasCandidatesCountTokenStarts() {
        XCTAssertEqual(YAMLReader.aliasCandidates(in: "a: *x\nb: [*y,*z]\nc: {k:*w}\n- *v\n*u: 1\n"), 6)
        XCTAssertEqual(YAMLReader.aliasCandidates(in: "# *not *counted\n  # *nor this\na: 2 * 3\nb: a*b\nc: '*'\n"), 0)
        XCTAssertEqual(YAMLReader.aliasCandidates(in: "a: \"x *y\"  # *z\n"), 2, "quoted and trailing-comment stars count")
        // YAML 1.1 line breaks beyond CR and LF, and a byte-order mark, start tokens too.
        XCTAssertEqual(YAMLReader.aliasCandidates(in: "\u{FEFF}*a: 1\u{2028}*b: 2\u{85}*c: 3\u{2029}*d: 4"), 4)
    }

    /// The parameter-file size limit is settable, checked before the file is read or parsed, and named when hit.
    func testSizeLimitNamesFileLimitAndSize() throws {
        let path = FixtureFiles.path("good/default.yaml")
        let size = try Data(contentsOf: URL(fileURLWithPath: path)).count
        XCTAssertNoThrow(try ParameterFile(path: path, maximumBytes: size))
        XCTAssertThrowsError(try ParameterFile(path: path, maximumBytes: size - 1)) { error in
            let e = error as? ParameterFileError
            XCTAssertEqual(e?.file, path)
            XCTAssertEqual(e?.reason, .tooLarge(bytes: size, limit: size - 1))
            XCTAssertEqual("\(error)", "\(path): file of \(size) bytes exceeds the parameter-file size limit of \(size - 1) bytes")
        }
        let text = String(repeating: "#", count: ParameterFile.defaultMaximumBytes) + "\nsetting: {}\n"
        XCTAssertThrowsError(try ParameterFile(yaml: text, source: "big.yaml")) { error in
            XCTAssertEqual((error as? ParameterFileError)?.reason,
                           .tooLarge(bytes: text.utf8.count, limit: ParameterFile.defaultMaximumBytes))
        }
        XCTAssertGreaterThanOrEqual(ParameterFile.defaultMaximumBytes, 64 * 1024, "room for any real parameter file")
    }

    /// Every seed of the fuzzer's corpus loads or fails with a `ParameterFileError` naming its source.
    func testFuzzSeedCorpusGivesTypedOutcomes() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/FuzzParameterFile")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertGreaterThan(names.count, 40)
        var loaded = 0
        for name in names {
            guard let text = String(data: try Data(contentsOf: folder.appendingPathComponent(name)), encoding: .utf8) else { continue }
            do {
                _ = try ParameterFile(yaml: text, source: name)
                loaded += 1
            } catch let e as ParameterFileError {
                XCTAssertEqual(e.file, name)
            }
        }
        XCTAssertGreaterThan(loaded, 10)
    }
}
