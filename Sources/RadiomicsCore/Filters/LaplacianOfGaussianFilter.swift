/// Laplacian of Gaussian as PyRadiomics `getLoGImage` (imageoperations.py): SimpleITK's
/// `LaplacianRecursiveGaussianImageFilter` with `NormalizeAcrossScale(True)` (ITK
/// `itkLaplacianRecursiveGaussianImageFilter.hxx`).
///
/// For each axis d: the second-order recursive Gaussian along d (scaled by σ²), then the zero-order one along the
/// other axis, each stored as `Float`; the result is Σ_d (that image) / spacing_d², accumulated in a `Float` image
/// (x first, then y). SimpleITK returns 32-bit floats, so every value here is an exact `Float`.
///
/// PyRadiomics' checks: no LoG image at all when the image is smaller than 4 pixels along an axis; a σ ≤ 0, or one
/// with size < ⌈σ/spacing⌉ + 1 along an axis, is skipped. Names: `log-sigma-<σ with '.' → '-'>-mm-3D`.
public enum LaplacianOfGaussianFilter {
    /// One image per accepted sigma, named `log-sigma-<sigma with . as ->-mm-3D` (PyRadiomics' name, even for 2D).
    public static func images(_ image: Image2D, mask: Mask2D, sigmas: [Double]) throws -> [DerivedImage] {
        guard min(image.width, image.height) >= 4 else { return [] }
        var out: [DerivedImage] = []
        for sigma in sigmas where sigma > 0 {
            let fits = Double(image.width) >= (sigma / image.spacing.x).rounded(.up) + 1
                && Double(image.height) >= (sigma / image.spacing.y).rounded(.up) + 1
            guard fits else { continue }
            out.append(DerivedImage(name: name(sigma: sigma), image: laplacian(image, sigma: sigma)))
        }
        return out
    }

    /// PyRadiomics' `'log-sigma-%s-mm-3D' % str(sigma).replace('.', '-')`. Python's `str` of a float and Swift's
    /// `description` agree (shortest round-trip form), e.g. 1.0 → `1-0`, 0.5 → `0-5`.
    public static func name(sigma: Double) -> String {
        "log-sigma-" + String(String(describing: sigma).map { $0 == "." ? "-" : $0 }) + "-mm-3D"
    }

    /// `LaplacianRecursiveGaussianImageFilter` output (width and height ≥ 4).
    ///
    /// - Complexity: O(width · height); every pass runs down columns a row at a time (passes along x on
    ///   transposed bands of rows, see `alongRows`), so memory access is contiguous and vectorisable.
    public static func laplacian(_ image: Image2D, sigma: Double) -> Image2D {
        let w = image.width, h = image.height, count = w * h
        let sx = image.spacing.x, sy = image.spacing.y
        let secondX = RecursiveGaussian(sigma: sigma, spacing: sx, order: .second, normalizeAcrossScale: true)
        let secondY = RecursiveGaussian(sigma: sigma, spacing: sy, order: .second, normalizeAcrossScale: true)
        let smoothX = RecursiveGaussian(sigma: sigma, spacing: sx, order: .zero, normalizeAcrossScale: true)
        let smoothY = RecursiveGaussian(sigma: sigma, spacing: sy, order: .zero, normalizeAcrossScale: true)

        var result = [Double](repeating: 0, count: count)
        let a = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: count)
        defer { a.deallocate(); scratch.deallocate() }

        image.pixels.withUnsafeBufferPointer { input in
            let src = input.baseAddress!
            result.withUnsafeMutableBufferPointer { out in
                let cumulative = out.baseAddress!
                // d = x: ∂²/∂x², then smooth along y; cumulative = 0 + that · (1/sx²).
                LinePasses.alongRows(src, rows: h, cols: w, into: a) { i, o, s, r, c in
                    secondX.filterColumns(i, rows: r, cols: c, out: o, scratch: s)
                }
                smoothY.filterColumns(a, rows: h, cols: w, out: cumulative, scratch: scratch)
                let invX = 1.0 / (sx * sx)
                for i in 0..<count { cumulative[i] = Double(Float(0.0 + cumulative[i] * invX)) }

                // d = y: ∂²/∂y², then smooth along x; cumulative += that · (1/sy²).
                secondY.filterColumns(src, rows: h, cols: w, out: a, scratch: scratch)
                LinePasses.alongRows(a, rows: h, cols: w, into: a) { i, o, s, r, c in
                    smoothX.filterColumns(i, rows: r, cols: c, out: o, scratch: s)
                }
                let invY = 1.0 / (sy * sy)
                for i in 0..<count { cumulative[i] = Double(Float(cumulative[i] + a[i] * invY)) }
            }
        }
        return image.withPixels(result, precision: .single)
    }
}
