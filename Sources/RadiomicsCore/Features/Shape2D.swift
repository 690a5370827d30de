/// 2D shape descriptors of the ROI (PyRadiomics `shape2D.py`), independent of grey levels.
///
/// A = mesh surface and P = perimeter of the marching-squares contour (`MarchingSquares`), N_p = ROI pixels,
/// λ_major ≥ λ_minor the eigenvalues of the covariance of the pixel centres' physical coordinates.
public enum Shape2DFeature: String, CaseIterable, Hashable, Sendable {
    /// √(λ_minor / λ_major)
    case elongation = "Elongation"
    /// 4 √λ_major
    case majorAxisLength = "MajorAxisLength"
    /// Largest distance between contour vertices.
    case maximumDiameter = "MaximumDiameter"
    /// A: area enclosed by the contour.
    case meshSurface = "MeshSurface"
    /// 4 √λ_minor
    case minorAxisLength = "MinorAxisLength"
    /// P: length of the contour.
    case perimeter = "Perimeter"
    /// P / A
    case perimeterSurfaceRatio = "PerimeterSurfaceRatio"
    /// N_p × pixel area.
    case pixelSurface = "PixelSurface"
    /// Deprecated in PyRadiomics (1 / Sphericity), computed only when named.
    case sphericalDisproportion = "SphericalDisproportion"
    /// 2 √(π A) / P
    case sphericity = "Sphericity"
}

public enum Shape2D: FeatureClass {
    public static let name = FeatureClassName.shape2D
    public static let deprecated: Set<Shape2DFeature> = [.sphericalDisproportion]

    public static func compute(_ features: [Shape2DFeature], input: FeatureInput) throws -> [Double] {
        let c = try Shape2DCoefficients(input)
        return features.map { c.value($0) }
    }
}

struct Shape2DCoefficients {
    let contour: MarchingSquares
    let pixelCount: Int
    let pixelArea: Double
    /// Eigenvalues, ascending; values in (−1e-10, 0) are rounded to 0 as PyRadiomics does.
    let eigenvalues: (minor: Double, major: Double)

    init(_ input: FeatureInput) throws {
        let mask = input.mask
        let sy = input.image.spacing.y, sx = input.image.spacing.x
        contour = MarchingSquares(inside: mask.inside, width: mask.width, height: mask.height, spacingY: sy, spacingX: sx)
        var ys: [Double] = [], xs: [Double] = []
        for y in 0..<mask.height { for x in 0..<mask.width where mask[x, y] { ys.append(Double(y) * sy); xs.append(Double(x) * sx) } }
        guard !ys.isEmpty else { throw FeatureError.emptyROI }
        pixelCount = ys.count
        pixelArea = sx * sy
        let n = Double(ys.count)
        let my = PairwiseSum.sum(ys) / n, mx = PairwiseSum.sum(xs) / n
        let root = n.squareRoot()
        let cy = ys.map { ($0 - my) / root }, cx = xs.map { ($0 - mx) / root }
        let a = PairwiseSum.sum(cy.map { $0 * $0 })
        let d = PairwiseSum.sum(cx.map { $0 * $0 })
        let b = PairwiseSum.sum(zip(cy, cx).map { $0 * $1 })
        // Eigenvalues of the symmetric 2×2 [[a, b], [b, d]].
        let mean = (a + d) / 2
        let r = (((a - d) / 2) * ((a - d) / 2) + b * b).squareRoot()
        var lo = mean - r, hi = mean + r
        if lo < 0 && lo > -1e-10 { lo = 0 }
        if hi < 0 && hi > -1e-10 { hi = 0 }
        eigenvalues = (lo, hi)
    }

    func value(_ f: Shape2DFeature) -> Double {
        let area = contour.surface, perimeter = contour.perimeter
        switch f {
        case .meshSurface: return area
        case .pixelSurface: return Double(pixelCount) * pixelArea
        case .perimeter: return perimeter
        case .perimeterSurfaceRatio: return perimeter / area
        case .sphericity: return (2 * (Double.pi * area).squareRoot()) / perimeter
        case .sphericalDisproportion: return 1 / ((2 * (Double.pi * area).squareRoot()) / perimeter)
        case .maximumDiameter: return contour.diameter
        case .majorAxisLength: return eigenvalues.major < 0 ? .nan : eigenvalues.major.squareRoot() * 4
        case .minorAxisLength: return eigenvalues.minor < 0 ? .nan : eigenvalues.minor.squareRoot() * 4
        case .elongation:
            return eigenvalues.minor < 0 || eigenvalues.major < 0 ? .nan : (eigenvalues.minor / eigenvalues.major).squareRoot()
        }
    }
}
