/// Gradient magnitude as PyRadiomics `getGradientImage`: SimpleITK's `GradientMagnitudeImageFilter`
/// (ITK `itkGradientMagnitudeImageFilter.hxx`).
///
/// Per axis the central difference g = (0.5/s)·f[i−1] + (−0.5/s)·f[i+1] (ITK's first-order `DerivativeOperator`
/// [0.5, 0, −0.5] scaled by 1/spacing when `useSpacing`, else by 1), with zero-flux Neumann boundaries (a missing
/// neighbour repeats the edge pixel); the result is √(g_x² + g_y²). SimpleITK returns a 32-bit float image, so
/// every value is rounded to `Float` (and held here as that exact `Double`).
public enum GradientFilter {
    public static func magnitude(_ image: Image2D, useSpacing: Bool) -> Image2D {
        let w = image.width, h = image.height
        let cx = 0.5 * (useSpacing ? 1.0 / image.spacing.x : 1.0)
        let cy = 0.5 * (useSpacing ? 1.0 / image.spacing.y : 1.0)
        var out = [Double](repeating: 0, count: w * h)
        guard w > 0, h > 0 else { return image.withPixels(out, precision: .single) }
        image.pixels.withUnsafeBufferPointer { f in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<h {
                    let row = y * w
                    let up = max(y - 1, 0) * w, down = min(y + 1, h - 1) * w
                    for x in 0..<w {
                        let left = f[row + max(x - 1, 0)], right = f[row + min(x + 1, w - 1)]
                        let gx = cx * left + -cx * right
                        let gy = cy * f[up + x] + -cy * f[down + x]
                        o[row + x] = Double(Float((gx * gx + gy * gy).squareRoot()))
                    }
                }
            }
        }
        return image.withPixels(out, precision: .single)
    }
}
