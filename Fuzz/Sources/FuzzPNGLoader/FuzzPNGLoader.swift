import FuzzSupport
import ImageIO
import RadiomicsCore

/// libFuzzer target for the PNG loader (`PNGReader` over libpng, then the conversions to intensities and labels).
/// Besides "no crash", it checks:
/// - every failure is an `ImageIOError` that names the source, and a pixel-limit failure reports a header whose
///   width × height really exceeds the limit;
/// - an image that loads has 0 < width × height ≤ the pixel limit, a legal bit depth / colour type / channel
///   count, samples below 2^bitDepth, finite intensities and one intensity and one label per pixel;
/// - the limits bite: the same bytes with a file-size limit one byte smaller, or a pixel limit one pixel smaller,
///   fail with `fileTooLarge` / `tooManyPixels` naming the limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNGLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    check(bytes)
    // libpng refuses a chunk whose CRC is wrong, which almost every mutation makes it: the same bytes with their
    // CRCs repaired reach the chunk parsers and the pixel decoding. (libpng is a system library, not instrumented,
    // so the fuzzer cannot learn the CRC by itself.)
    let repaired = withCRCsRepaired(bytes)
    if repaired != bytes { check(repaired) }
    return 0
}

private func check(_ bytes: [UInt8]) {
    let image: PNGImage
    do {
        image = try PNGReader.decode(bytes: bytes, source: source, limits: limits)
    } catch let error as ImageIOError {
        checkFailure(error)
        return
    } catch {
        fail("untyped error \(error)")
    }
    checkImage(image)
    checkLimits(bytes, image)
}

/// `bytes` with the CRC of every complete chunk after the signature recomputed (CRC-32 of type and data).
private func withCRCsRepaired(_ bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    var offset = 8
    while offset + 12 <= out.count {
        let length = Int(out[offset]) << 24 | Int(out[offset + 1]) << 16 | Int(out[offset + 2]) << 8 | Int(out[offset + 3])
        guard length <= out.count - offset - 12 else { break }
        var crc: UInt32 = 0xFFFF_FFFF
        for i in (offset + 4)..<(offset + 8 + length) { crc = crcTable[Int((crc ^ UInt32(out[i])) & 0xFF)] ^ (crc >> 8) }
        crc ^= 0xFFFF_FFFF
        let at = offset + 8 + length
        for k in 0..<4 { out[at + k] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * k)) }
        offset = at + 4
    }
    return out
}

private let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
}

private let source = "fuzz-input.png"
/// Small enough that decoding stays fast under ASan, large enough for every fixture.
private let limits = ImageLimits(maxPixels: 1 << 18, maxFileBytes: 1 << 20)

private func checkFailure(_ error: ImageIOError) {
    require(error.file == source, "error does not name the source: \(error)")
    require(error.description.hasPrefix(source + ": ") && !error.reason.isEmpty, "error text: \(error)")
    switch error {
    case let .tooManyPixels(_, w, h, limit):
        require(limit == limits.maxPixels && w * h > limit, "tooManyPixels for \(w) x \(h) under limit \(limit)")
        require(error.reason.contains("\(limit)"), "limit not named: \(error)")
    case .fileTooLarge:
        fail("fileTooLarge below the file-size limit: \(error)")
    case .emptyPath, .unreadableFile, .sizeMismatch, .writeFailed:
        fail("impossible error for in-memory bytes: \(error)")
    case .notPNG, .truncated, .corrupt, .unsupportedBitDepth, .outOfMemory:
        break
    }
}

private func checkImage(_ image: PNGImage) {
    let (w, h) = (image.width, image.height)
    require(w > 0 && h > 0 && w * h <= limits.maxPixels, "loaded \(w) x \(h) against a limit of \(limits.maxPixels)")
    require([1, 2, 4, 8, 16].contains(image.bitDepth), "bit depth \(image.bitDepth)")
    let channels: Int
    switch image.colorType {
    case .grey: channels = 1
    case .palette: channels = 1; require(image.bitDepth <= 8 && image.palette.count <= 256, "palette image")
    case .greyAlpha: channels = 2
    case .rgb: channels = 3
    case .rgba: channels = 4
    }
    require(image.channels == channels, "\(image.colorType) with \(image.channels) channels")
    require(image.colorType == .grey || image.colorType == .palette || image.bitDepth >= 8, "sub-byte colour")
    if let spacing = image.spacing {
        require(spacing.x > 0 && spacing.x.isFinite && spacing.y > 0 && spacing.y.isFinite, "spacing \(spacing)")
    }
    // Every sample of the last pixel (the end of the buffer) and of the first is within the bit depth.
    for index in [0, w * h - 1] {
        for c in 0..<channels {
            let s = image.sample(index, channel: c)
            require(s >= 0 && s < 1 << image.bitDepth, "sample \(s) at depth \(image.bitDepth)")
        }
    }
    let (intensities, _) = image.intensityImage()
    require(intensities.width == w && intensities.height == h && intensities.pixels.count == w * h, "intensity image size")
    let top = Double(image.colorType == .palette ? 255 : (1 << image.bitDepth) - 1) * (image.bitDepth < 8 ? 255 : 1)
    for p in intensities.pixels where !(p >= 0 && p <= top) { fail("intensity \(p) outside 0...\(top)") }
    let labels = image.labelMap()
    require(labels.width == w && labels.height == h && labels.labels.count == w * h, "label map size")
}

private func checkLimits(_ bytes: [UInt8], _ image: PNGImage) {
    let smallerFile = ImageLimits(maxPixels: limits.maxPixels, maxFileBytes: bytes.count - 1)
    do {
        _ = try PNGReader.decode(bytes: bytes, source: source, limits: smallerFile)
        fail("a file of \(bytes.count) bytes passed a limit of \(bytes.count - 1)")
    } catch let error as ImageIOError {
        require(error == .fileTooLarge(path: source, bytes: bytes.count, limit: bytes.count - 1), "\(error)")
    } catch { fail("untyped error \(error)") }
    let pixels = image.width * image.height
    let fewerPixels = ImageLimits(maxPixels: pixels - 1, maxFileBytes: limits.maxFileBytes)
    do {
        _ = try PNGReader.decode(bytes: bytes, source: source, limits: fewerPixels)
        fail("\(pixels) pixels passed a limit of \(pixels - 1)")
    } catch let error as ImageIOError {
        let expected = ImageIOError.tooManyPixels(path: source, width: image.width, height: image.height, limit: pixels - 1)
        require(error == expected, "\(error)")
    } catch { fail("untyped error \(error)") }
}

/// `main`, as SwiftPM links it: libFuzzer's driver, with this file's test function.
@_cdecl("FuzzPNGLoader_main")
public func fuzzPNGLoaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in fuzzPNGLoader(data!, size) }
}
