/// The part of the (odd-size padded) image a wavelet decomposition must see to give exact values inside a region.
///
/// Each level of `_swt3` is a periodic convolution in which output `o` reads inputs `o - (F - 1 - F/2) … o + F/2`
/// (F taps), and level `k + 1` reads level `k`'s approximation. So the values inside `region` after `L` levels
/// depend only on the inputs within `L · F` samples of it. When that window lies strictly inside the padded image,
/// the decomposition of the window (treated as periodic itself) computes every sample inside `region` with the
/// same terms, in the same order, as the whole-image decomposition: the values are bit-identical, and the garbage
/// that the window's own wrap-around produces stays in its margin. PyWavelets' reordered tail terms
/// (`PeriodicConvolution.tailTerms`) and the head's wrap-around are never reached from inside the region either:
/// the margin keeps the region `L · F` samples away from both ends. Along an axis where the window would reach an
/// end of the padded image, the window is that whole axis, exactly as before.
///
/// Typical BUSI lesions cover a fraction of the frame, so this divides the wavelet work several times.
package struct WaveletWindow: Equatable {
    /// First padded-image column and row of the window.
    package let x: Int, y: Int
    /// Window size; always even, so a window plane is never padded again.
    package let width: Int, height: Int

    /// The window for `region` of an image of `imageWidth × imageHeight`, after `levels` levels of `taps`-tap filters.
    package init(region: BoundingBox, imageWidth: Int, imageHeight: Int, levels: Int, taps: Int) {
        let margin = max(levels, 1) * taps
        (x, width) = Self.span(region.minX, region.maxX, padded: imageWidth + imageWidth % 2, margin: margin)
        (y, height) = Self.span(region.minY, region.maxY, padded: imageHeight + imageHeight % 2, margin: margin)
    }

    private static func span(_ low: Int, _ high: Int, padded: Int, margin: Int) -> (Int, Int) {
        let start = low - margin
        var end = high + margin
        if (end - start + 1) % 2 == 1 { end += 1 }
        guard start > 0, end < padded - 1 else { return (0, padded) }
        return (start, end - start + 1)
    }

    /// The window's samples, read from `image` with `numpy.pad(..., 'wrap')` of odd sizes (padded column `W` is
    /// column 0, padded row `H` is row 0).
    func plane(of image: Image2D) -> WaveletPlane {
        let w = image.width, h = image.height
        let values = [Double](unsafeUninitializedCapacity: width * height) { out, count in
            image.pixels.withUnsafeBufferPointer { src in
                for row in 0..<height {
                    let sy = (y + row) % h
                    let from = src.baseAddress! + sy * w
                    let to = out.baseAddress! + row * width
                    let direct = min(width, w - x)
                    to.update(from: from + x, count: direct)
                    for col in direct..<width { to[col] = from[(x + col) % w] }
                }
            }
            count = width * height
        }
        return WaveletPlane(width: width, height: height, values: values)
    }

    /// The samples of `plane` (window-sized) that fall inside `region`, row-major.
    func extract(_ region: BoundingBox, from plane: WaveletPlane) -> [Double] {
        let ox = region.minX - x, oy = region.minY - y
        return [Double](unsafeUninitializedCapacity: region.width * region.height) { out, count in
            plane.values.withUnsafeBufferPointer { src in
                for row in 0..<region.height {
                    (out.baseAddress! + row * region.width)
                        .update(from: src.baseAddress! + (oy + row) * plane.width + ox, count: region.width)
                }
            }
            count = region.width * region.height
        }
    }
}
