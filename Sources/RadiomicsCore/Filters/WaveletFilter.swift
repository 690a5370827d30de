/// PyRadiomics' Wavelet image type on true 2D input: `getWaveletImage` and `_swt3` in `imageoperations.py`
/// (PyRadiomics 3.1), which run PyWavelets' stationary transform (`pywt.swtn`) on the whole image.
///
/// What `_swt3` does, and this reproduces:
/// - the image (numpy shape `(height, width)`) is extended by one sample along each odd axis with
///   `numpy.pad(..., 'wrap')`, i.e. row 0 / column 0 repeated at the end (`WaveletPlane`);
/// - the axes are `[1, 0]` (`range(Nd - 1, -1, -1)`): numpy axis 1 (`x`) first, then axis 0 (`y`). The first
///   letter of a name is therefore the filter along `x`, the second along `y`: `LH` is low-pass along `x` and
///   high-pass along `y` (swtn's key `ad`, `a` → `L`, `d` → `H`). With `force2D`, `force2Ddimension` is removed
///   from the axes (`0` leaves only `x`, `1` only `y`) and names have one letter;
/// - every level is `swtn(data, wavelet, level=1, start_level=0)` on the previous level's approximation, so the
///   filters are never dilated (no "à trous" holes) and all levels keep the padded size; the first
///   `start_level` levels are computed and dropped;
/// - each detail image is cropped back to the input's size (`[:-1]` along odd axes) and keeps its geometry.
///
/// Output, in PyRadiomics' order: for each kept level `idx = 1, 2, ...` (counted from the first kept level) the
/// details in swtn's key order minus the approximation — `LH`, `HL`, `HH` — named `wavelet-LH` for `idx = 1` and
/// `wavelet<idx>-LH` after; then the last approximation, `wavelet-LL` if one level was kept, else
/// `wavelet<level>-LL` (`wavelet0-LL`, the start-level approximation, for `level = 0`, as PyRadiomics does).
public enum WaveletFilter {
    /// The wavelet images of `image` with PyRadiomics' default axes (both).
    /// - Parameters:
    ///   - image: the whole (pre-processed) image; the extractor crops the results to the ROI afterwards.
    ///   - wavelet: a discrete PyWavelets wavelet name (`coif1`, `db2`, `haar`, `sym4`, `bior1.3`, ...).
    ///   - level: PyRadiomics `level`, the number of levels yielded.
    ///   - startLevel: PyRadiomics `start_level`, the number of levels computed and dropped before.
    /// - Throws: `FilterError.unknownWavelet` for a name PyWavelets does not know, `FilterError.invalidSetting`
    ///   for a negative level or start level or an empty image.
    public static func decompose(_ image: Image2D, wavelet: String, level: Int, startLevel: Int) throws -> [DerivedImage] {
        try decompose(image, wavelet: wavelet, level: level, startLevel: startLevel, force2DDimension: nil)
    }

    /// The wavelet images of `image`; `force2DDimension` is PyRadiomics' `force2Ddimension` when `force2D` is
    /// set (nil otherwise): that numpy axis is not transformed.
    /// - Parameters:
    ///   - image: the whole (pre-processed) image; the extractor crops the results to the ROI afterwards.
    ///   - wavelet: a discrete PyWavelets wavelet name.
    ///   - level: PyRadiomics `level`.
    ///   - startLevel: PyRadiomics `start_level`.
    ///   - force2DDimension: `0` (numpy axis 0, `y`, is left alone) or `1` (`x` is left alone), or nil.
    /// - Throws: as `decompose(_:wavelet:level:startLevel:)`, and `FilterError.invalidSetting` for a
    ///   `force2DDimension` that is not an axis of a 2D image (PyRadiomics' `axes.remove` fails there).
    ///   - region: when given, only this part of the results is computed and returned (each image is the crop to
    ///     `region`, with `DerivedImage.region` set); the values are bit-identical to cropping the whole images.
    public static func decompose(_ image: Image2D, wavelet: String, level: Int, startLevel: Int,
                                 force2DDimension: Int?, region: BoundingBox? = nil) throws -> [DerivedImage] {
        let bank = try WaveletFilterBank(named: wavelet)
        guard level >= 0, startLevel >= 0 else {
            throw FilterError.invalidSetting("wavelet level (\(level)) and start_level (\(startLevel)) must not be negative")
        }
        guard image.width > 0, image.height > 0 else { throw FilterError.invalidSetting("wavelet of an empty image") }
        let axes: [StationaryWaveletTransform.Axis]
        switch force2DDimension {
        case nil: axes = [.x, .y]
        case 0?: axes = [.x]
        case 1?: axes = [.y]
        case let d?: throw FilterError.invalidSetting("force2Ddimension \(d) is not an axis of a 2D image")
        }

        let whole = BoundingBox(minX: 0, minY: 0, maxX: image.width - 1, maxY: image.height - 1)
        let region = region ?? whole
        guard region.minX >= 0, region.minY >= 0, region.maxX < image.width, region.maxY < image.height,
              region.width > 0, region.height > 0 else {
            throw FilterError.invalidSetting("wavelet region \(region) is outside the \(image.width)×\(image.height) image")
        }
        let window = WaveletWindow(region: region, imageWidth: image.width, imageHeight: image.height,
                                   levels: startLevel + level, taps: bank.decLo.count)
        let regionImage = region == whole ? image : image.cropped(to: region)
        func derived(_ name: String, _ plane: WaveletPlane) -> DerivedImage {
            DerivedImage(name: name, image: regionImage.withPixels(window.extract(region, from: plane)),
                         region: region == whole ? nil : region)
        }

        var data = window.plane(of: image)
        for _ in 0..<startLevel {
            data = StationaryWaveletTransform.level(data, axes: axes, bank: bank, cropWidth: window.width,
                                                    cropHeight: window.height, fullApproximation: true)[0].plane
        }
        var images: [DerivedImage] = []
        images.reserveCapacity(level * ((1 << axes.count) - 1) + 1)
        for idx in stride(from: 1, through: level, by: 1) {
            let bands = StationaryWaveletTransform.level(data, axes: axes, bank: bank, cropWidth: window.width,
                                                         cropHeight: window.height, fullApproximation: true)
            data = bands[0].plane
            for band in bands.dropFirst() {
                images.append(derived("wavelet\(idx == 1 ? "" : String(idx))-\(letters(band.highPass))", band.plane))
            }
        }
        let approximation = String(repeating: "L", count: axes.count)
        images.append(derived("wavelet\(level == 1 ? "" : String(level))-\(approximation)", data))
        return images
    }

    /// PyRadiomics' sub-band letters: swtn's `a` → `L`, `d` → `H`, one per transformed axis, in axis order.
    private static func letters(_ highPass: [Bool]) -> String {
        String(highPass.map { $0 ? "H" : "L" })
    }
}
