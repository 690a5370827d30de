/// Perimeter, mesh surface and maximum diameter of a 2D ROI by marching squares, as PyRadiomics' C extension
/// (`radiomics/src/cshape.c`, `calculate_coefficients2D` and `calculate_meshDiameter2D`).
///
/// The mask is padded by one pixel of background. Each 2×2 square of pixels (corners p0 top-left, p1 top-right,
/// p2 bottom-right, p3 bottom-left, bit i set when p_i is in the ROI) contributes the boundary segments of its
/// case in `lineTable`, between edge midpoints `vertices` (v0 top, v1 right, v2 bottom, v3 left), in physical
/// coordinates (y·spacing_y, x·spacing_x). Surface = ½ Σ (a_y b_x − b_y a_x) over segments a→b (shoelace),
/// perimeter = Σ |b − a|, diameter = the largest distance between segment vertices.
struct MarchingSquares {
    let perimeter: Double
    let surface: Double
    let diameter: Double

    /// Corner offsets (dy, dx) in bit order.
    static let corners = [(0, 0), (0, 1), (1, 1), (1, 0)]
    /// Edge midpoints (y, x) relative to the square's top-left corner.
    static let vertices: [(Double, Double)] = [(0, 0.5), (0.5, 1), (1, 0.5), (0.5, 0)]
    /// Segments (pairs of edge indices) per square case; PyRadiomics' `lineTable2D`.
    static let lineTable: [[Int]] = [
        [], [3, 0], [0, 1], [3, 1], [1, 2], [1, 2, 3, 0], [0, 2], [3, 2],
        [2, 3], [2, 0], [0, 1, 2, 3], [2, 1], [1, 3], [1, 0], [0, 3], [],
    ]

    /// - Parameters: mask row-major (`inside[y * width + x]`), spacing in (y, x) order as PyRadiomics passes it.
    init(inside: [Bool], width: Int, height: Int, spacingY sy: Double, spacingX sx: Double) {
        // Padded mask: one background pixel on every side.
        let pw = width + 2, ph = height + 2
        var padded = [Bool](repeating: false, count: pw * ph)
        for y in 0..<height { for x in 0..<width where inside[y * width + x] { padded[(y + 1) * pw + x + 1] = true } }

        var surface = 0.0, perimeter = 0.0
        var points: [(Double, Double)] = []
        for iy in 0..<(ph - 1) {
            for ix in 0..<(pw - 1) {
                var square = 0
                for (bit, (dy, dx)) in Self.corners.enumerated() where padded[(iy + dy) * pw + ix + dx] { square |= 1 << bit }
                if square == 0 || square == 0xF { continue }
                let lines = Self.lineTable[square]
                var t = 0
                while t < lines.count {
                    let va = Self.vertices[lines[t]], vb = Self.vertices[lines[t + 1]]
                    let ay = (Double(iy) + va.0) * sy, ax = (Double(ix) + va.1) * sx
                    let by = (Double(iy) + vb.0) * sy, bx = (Double(ix) + vb.1) * sx
                    surface += (ay * bx) - (by * ax)
                    let dy = ay - by, dx = ax - bx
                    perimeter += (dy * dy + dx * dx).squareRoot()
                    t += 2
                }
                // Vertices on edges 3 and 2, stored once per square (as the C code, after flipping cases > 7).
                let flipped = square > 7 ? square ^ 0xF : square
                if flipped & 1 != 0 { points.append(((Double(iy) + 0.5) * sy, Double(ix) * sx)) }
                if flipped & 4 != 0 { points.append(((Double(iy) + 1) * sy, (Double(ix) + 0.5) * sx)) }
            }
        }
        self.surface = surface / 2
        self.perimeter = perimeter
        self.diameter = Self.largestDistance(points)
    }

    /// The largest pairwise distance: the same maximum as PyRadiomics' all-pairs search, taken over the convex
    /// hull's vertices (where the farthest pair always lies) so large ROIs stay fast.
    static func largestDistance(_ points: [(Double, Double)]) -> Double {
        let hull = convexHull(points)
        var best = 0.0
        for i in 0..<hull.count {
            for j in (i + 1)..<max(i + 1, hull.count) {
                let dy = hull[i].0 - hull[j].0, dx = hull[i].1 - hull[j].1
                let d = dy * dy + dx * dx
                if d > best { best = d }
            }
        }
        return best.squareRoot()
    }

    /// Andrew's monotone chain; keeps collinear boundary points (harmless, and safe with ties).
    static func convexHull(_ points: [(Double, Double)]) -> [(Double, Double)] {
        let p = points.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        guard p.count > 2 else { return p }
        func cross(_ o: (Double, Double), _ a: (Double, Double), _ b: (Double, Double)) -> Double {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        }
        var lower: [(Double, Double)] = [], upper: [(Double, Double)] = []
        for q in p {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], q) < 0 { lower.removeLast() }
            lower.append(q)
        }
        for q in p.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], q) < 0 { upper.removeLast() }
            upper.append(q)
        }
        return Array(lower.dropLast()) + Array(upper.dropLast())
    }
}
