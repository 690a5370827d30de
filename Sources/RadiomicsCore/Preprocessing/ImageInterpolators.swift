/// An interpolator as SimpleITK's `ResampleImageFilter` calls it: evaluated at a continuous index (x, y) of its
/// input image that already passed ITK's `IsInsideBuffer` test (−0.5 ≤ index < size − 0.5 on each axis).
protocol ContinuousIndexInterpolator {
    associatedtype Value
    func value(x: Double, y: Double) -> Value
}

/// `sitkNearestNeighbor` (ITK `NearestNeighborInterpolateImageFunction`): the pixel at
/// `Math::Round` (round half up) of each coordinate.
/// Generic over the pixel, so the mask is sampled as it is stored.
struct NearestNeighbourInterpolator<Pixel>: ContinuousIndexInterpolator {
    let width: Int
    let height: Int
    let pixels: [Pixel]

    @inline(__always)
    func value(x: Double, y: Double) -> Pixel {
        // The clamps only matter within an ulp of the upper edge, where ITK would read past the buffer.
        let i = min(ITKRounding.roundHalfUp(x), width - 1)
        let j = min(ITKRounding.roundHalfUp(y), height - 1)
        return pixels[j * width + i]
    }
}

/// `sitkLinear` (ITK `LinearInterpolateImageFunction`, its 2D `EvaluateOptimized`): bilinear between the pixel at
/// `Math::Floor` (clamped to the first pixel) and its successors, falling back to fewer neighbours at the last
/// row/column and whenever a fractional distance is ≤ 0 (which happens between −0.5 and 0).
struct LinearInterpolator: ContinuousIndexInterpolator {
    let width: Int
    let height: Int
    let pixels: [Double]

    func value(x: Double, y: Double) -> Double {
        var i = max(ITKRounding.floor(x), 0)
        var j = max(ITKRounding.floor(y), 0)
        let d0 = x - Double(i)
        let d1 = y - Double(j)
        let v00 = pixels[j * width + i]
        if d0 <= 0 && d1 <= 0 { return v00 }
        if d1 <= 0 {
            i += 1
            if i > width - 1 { return v00 }
            return v00 + (pixels[j * width + i] - v00) * d0
        }
        if d0 <= 0 {
            j += 1
            if j > height - 1 { return v00 }
            return v00 + (pixels[j * width + i] - v00) * d1
        }
        i += 1
        if i > width - 1 {
            i -= 1
            j += 1
            if j > height - 1 { return v00 }
            return v00 + (pixels[j * width + i] - v00) * d1
        }
        let v10 = pixels[j * width + i]
        let vx0 = v00 + (v10 - v00) * d0
        j += 1
        if j > height - 1 { return vx0 }
        let v11 = pixels[j * width + i]
        let v01 = pixels[j * width + i - 1]
        let vx1 = v01 + (v11 - v01) * d0
        return vx0 + (vx1 - vx0) * d1
    }
}
