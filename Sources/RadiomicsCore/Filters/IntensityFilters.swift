#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// PyRadiomics' point-wise filters (`getSquareImage`, `getSquareRootImage`, `getLogarithmImage`,
/// `getExponentialImage` in imageoperations.py), on the whole image. Each rescales with M = max|x| over the image
/// so the result keeps the original range, and the square root and logarithm keep the sign of x.
/// An all-zero image gives NaN/∞ exactly where NumPy does.
public enum IntensityFilters {
    /// f(x) = (c·x)², c = 1/√M.
    public static func square(_ image: Image2D) -> Image2D {
        let c = 1 / maxAbs(image.pixels).squareRoot()
        return image.withPixels(image.pixels.map { let v = c * $0; return v * v })
    }

    /// f(x) = √(M·x) for x > 0, −√(−x·M) for x < 0, 0 stays 0.
    public static func squareRoot(_ image: Image2D) -> Image2D {
        let m = maxAbs(image.pixels)
        return image.withPixels(image.pixels.map { x in
            if x > 0 { return (x * m).squareRoot() }
            if x < 0 { return -((-x) * m).squareRoot() }
            return x
        })
    }

    /// g(x) = log(x + 1) for x > 0, −log(−(x − 1)) for x < 0; f = g · M / max|g|.
    public static func logarithm(_ image: Image2D) -> Image2D {
        let m = maxAbs(image.pixels)
        let g = image.pixels.map { x -> Double in
            if x > 0 { return log(x + 1) }
            if x < 0 { return -log(-(x - 1)) }
            return x
        }
        let factor = m / maxAbs(g)
        return image.withPixels(g.map { $0 * factor })
    }

    /// f(x) = exp(c·x), c = log(M)/M.
    public static func exponential(_ image: Image2D) -> Image2D {
        let m = maxAbs(image.pixels)
        let c = log(m) / m
        return image.withPixels(image.pixels.map { exp(c * $0) })
    }

    /// `numpy.max(numpy.abs(im))` (NaN if any pixel is NaN).
    static func maxAbs(_ values: [Double]) -> Double {
        var m = 0.0
        for v in values {
            if v.isNaN { return .nan }
            m = max(m, abs(v))
        }
        return m
    }
}
