/// A row-major plane of samples, `values[y * width + x]`: NumPy's C order for a true 2D image, so numpy axis 0
/// is `y` and axis 1 is `x`.
///
/// The transform reads a plane through its wrap padding: PyRadiomics' `_swt3` extends every odd axis by one
/// sample with `numpy.pad(data, (0, 1), 'wrap')` because `pywt.swtn` needs even lengths, so the padded plane is
/// `values[(y mod height) * width + (x mod width)]` for `x < paddedWidth`, `y < paddedHeight` (the appended
/// column repeats column 0 and the appended row repeats row 0). Every level's output has even sizes.
struct WaveletPlane: Sendable {
    var width: Int
    var height: Int
    var values: [Double]

    init(width: Int, height: Int, values: [Double]) {
        precondition(values.count == width * height, "WaveletPlane: sample count does not match size")
        self.width = width
        self.height = height
        self.values = values
    }

    var paddedWidth: Int { width + width % 2 }
    var paddedHeight: Int { height + height % 2 }

    /// The padded plane as stored samples.
    func materialisedPadding() -> WaveletPlane {
        let w = paddedWidth, h = paddedHeight
        if w == width && h == height { return self }
        let padded = [Double](unsafeUninitializedCapacity: w * h) { out, count in
            values.withUnsafeBufferPointer { src in
                for y in 0..<h {
                    let from = (y % height) * width
                    for x in 0..<w { out[y * w + x] = src[from + x % width] }
                }
            }
            count = w * h
        }
        return WaveletPlane(width: w, height: h, values: padded)
    }

    /// The top-left `width × height` part, as PyRadiomics crops each result back to the input's shape
    /// (`decImage[:-1]` along each odd axis).
    func cropped(width cw: Int, height ch: Int) -> [Double] {
        if cw == width && ch == height { return values }
        return [Double](unsafeUninitializedCapacity: cw * ch) { out, count in
            values.withUnsafeBufferPointer { src in
                for y in 0..<ch {
                    for x in 0..<cw { out[y * cw + x] = src[y * width + x] }
                }
            }
            count = cw * ch
        }
    }
}
