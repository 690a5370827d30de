import FuzzSupport
import ParameterFiles
import RadiomicsCore

/// libFuzzer target for the parameter-file loader (Yams, then PyRadiomics' schema into `ExtractionParameters`).
/// Besides "no crash", it checks:
/// - every failure is a `ParameterFileError` naming the source, with a line (when given) inside the text;
/// - a file that loads satisfies the schema's ranges (PyRadiomics `paramSchema.yaml`): positive bin width and label,
///   positive distances and sigmas, percentiles ordered in 0...100, 1...3 minimum ROI dimensions, and image types
///   and feature classes each named once;
/// - the size limit bites: the same text under a limit one byte smaller fails with `tooLarge`, before it is parsed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParameterFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Files are read as UTF-8 (`String(contentsOfFile:encoding: .utf8)` refuses anything else).
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    let file: ParameterFile
    do {
        file = try ParameterFile(yaml: text, source: source)
    } catch let error as ParameterFileError {
        checkFailure(error, text)
        return 0
    } catch {
        fail("untyped error \(error)")
    }
    check(file.parameters)
    do {
        _ = try ParameterFile(yaml: text, source: source, maximumBytes: text.utf8.count - 1)
        fail("\(text.utf8.count) bytes passed a limit of \(text.utf8.count - 1)")
    } catch let error as ParameterFileError {
        require(error.reason == .tooLarge(bytes: text.utf8.count, limit: text.utf8.count - 1), "\(error)")
    } catch { fail("untyped error \(error)") }
    return 0
}

private let source = "fuzz-input.yaml"

private func checkFailure(_ error: ParameterFileError, _ text: String) {
    require(error.file == source, "error does not name the source: \(error)")
    require(error.description.hasPrefix(source) && !error.reasonText.isEmpty, "error text: \(error)")
    if let line = error.line {
        // Yams marks are 1-based lines; a mark may sit just past the last line.
        let lines = text.utf8.lazy.filter { $0 == 0x0A || $0 == 0x0D }.count + 2
        require(line >= 0 && line <= lines, "line \(line) outside a text of \(lines) lines: \(error)")
    }
    if case .tooLarge = error.reason { fail("tooLarge under the default limit: \(error)") }
}

private func check(_ p: ExtractionParameters) {
    check(p.settings)
    for spec in p.imageTypes { check(spec.settings) }
    require(Set(p.imageTypes.map(\.name)).count == p.imageTypes.count, "an image type twice")
    require(!p.imageTypes.contains { $0.name == .lbp2D || $0.name == .lbp3D }, "an LBP image type loaded")
    require(Set(p.featureClasses.map(\.0)).count == p.featureClasses.count, "a feature class twice")
}

private func check(_ s: RadiomicsSettings) {
    require(s.binWidth > 0 && s.binWidth.isFinite, "binWidth \(s.binWidth)")
    require(s.binCount.map { $0 > 0 } ?? true, "binCount \(String(describing: s.binCount))")
    require(s.label > 0 && s.labelChannel >= 0, "label \(s.label)")
    require((1...3).contains(s.minimumROIDimensions), "minimumROIDimensions \(s.minimumROIDimensions)")
    require(s.distances.allSatisfy { $0 > 0 }, "distances \(s.distances)")
    require(s.sigma.allSatisfy { $0 > 0 && $0.isFinite }, "sigma \(s.sigma)")
    require(s.normalizeScale > 0 && s.normalizeScale.isFinite, "normalizeScale")
    require(s.padDistance >= 0 && s.startLevel >= 0 && s.level > 0 && s.gldmA >= 0, "integer ranges")
    require((0...2).contains(s.force2Ddimension), "force2Ddimension")
    require(s.resegmentRange.map { (1...2).contains($0.count) && $0.allSatisfy(\.isFinite) } ?? true, "resegmentRange")
    require(s.resampledPixelSpacing.map { $0.allSatisfy { $0 >= 0 && $0.isFinite } } ?? true, "resampledPixelSpacing")
    if let q = s.clipPercentiles {
        require(q.count == 2 && q[0] < q[1] && q[0] >= 0 && q[1] <= 100, "clipPercentiles \(q)")
    }
}

/// `main`, as SwiftPM links it: libFuzzer's driver, with this file's test function.
@_cdecl("FuzzParameterFile_main")
public func fuzzParameterFileMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in fuzzParameterFile(data!, size) }
}
