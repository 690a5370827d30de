/// Cleveland's LOWESS smoother exactly as R's `lowess(x, y, f = 2/3, iter = 3, delta = 0.01 * diff(range(x)))`
/// (stats:::lowess → clowess in src/library/stats/src/lowess.c).
///
/// The points are ordered by x (stably, as R's `order`). Each fit uses the `ns = max(2, min(n, ⌊f·n + 1e-7⌋))`
/// nearest points (the window slides right while that does not widen it, ties on the right all join), tricube
/// weights `(1 − (r/h)³)³` (1 within 0.001·h, 0 beyond 0.999·h) times the robustness weights, and a weighted
/// straight line unless the weighted spread of x is below 0.001 · range(x). Points within `delta` of the last
/// fitted one are linearly interpolated; tied x share the fit. After each pass but the last, robustness
/// weights are the bisquare `(1 − (e/6m)²)²` of the residuals, m = median |e| (stops early if 6m < 1e-7 · mean|e|).
public struct Lowess: Sendable {
    /// Sorted x and the smoothed y at each, as R's `lowess()$x` and `$y`.
    public let x: [Double]
    public let y: [Double]

    public init(x: [Double], y: [Double], f: Double = 2.0 / 3.0, iterations: Int = 3, delta: Double? = nil) {
        precondition(x.count == y.count && !x.isEmpty, "lowess needs equal, non-zero lengths")
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        let xs = order.map { x[$0] }, ys = order.map { y[$0] }
        let d = delta ?? 0.01 * (xs[xs.count - 1] - xs[0])
        self.x = xs
        self.y = Lowess.smooth(xs, ys, f: f, steps: iterations, delta: d)
    }

    /// clowess on sorted x. Arrays are used 1-based (element 0 unused) to keep the published algorithm's indices.
    static func smooth(_ x0: [Double], _ y0: [Double], f: Double, steps: Int, delta: Double) -> [Double] {
        let n = x0.count
        if n < 2 { return y0 }
        let x = [0] + x0, y = [0] + y0
        var ys = [Double](repeating: 0, count: n + 1)
        var rw = [Double](repeating: 0, count: n + 1)
        var res = [Double](repeating: 0, count: n + 1)   // also the weight workspace of each local fit
        let ns = max(2, min(n, Int(f * Double(n) + 1e-7)))
        var iter = 1
        while iter <= steps + 1 {
            var nleft = 1, nright = ns, last = 0, i = 1
            while true {
                if nright < n {
                    let d1 = x[i] - x[nleft], d2 = x[nright + 1] - x[i]
                    if d1 > d2 {
                        nleft += 1
                        nright += 1
                        continue
                    }
                }
                if let fit = localFit(x, y, n, at: x[i], nleft, nright, &res, useRobustness: iter > 1, rw) {
                    ys[i] = fit
                } else {
                    ys[i] = y[i]
                }
                if last < i - 1 {
                    let denom = x[i] - x[last]
                    for j in (last + 1)..<i {
                        let alpha = (x[j] - x[last]) / denom
                        ys[j] = alpha * ys[i] + (1 - alpha) * ys[last]
                    }
                }
                last = i
                let cut = x[last] + delta
                i = last + 1
                while i <= n {
                    if x[i] > cut { break }
                    if x[i] == x[last] {
                        ys[i] = ys[last]
                        last = i
                    }
                    i += 1
                }
                i = max(last + 1, i - 1)
                if last >= n { break }
            }
            for k in 1...n { res[k] = y[k] - ys[k] }
            var sc = 0.0
            for k in 1...n { sc += abs(res[k]) }
            sc /= Double(n)
            if iter > steps { break }
            var absRes = (1...n).map { abs(res[$0]) }
            absRes.sort()
            let m1 = n / 2
            let cmad = n % 2 == 0 ? 3 * (absRes[m1] + absRes[n - m1 - 1]) : 6 * absRes[m1]
            if cmad < 1e-7 * sc { break }
            let c9 = 0.999 * cmad, c1 = 0.001 * cmad
            for k in 1...n {
                let r = abs(res[k])
                if r <= c1 { rw[k] = 1 } else if r <= c9 { let u = r / cmad; let v = 1 - u * u; rw[k] = v * v } else { rw[k] = 0 }
            }
            iter += 1
        }
        return Array(ys[1...])
    }

    /// `lowest()`: the local weighted linear fit at `xs` over points nleft…nright (plus ties on the right);
    /// nil when every weight is zero.
    private static func localFit(_ x: [Double], _ y: [Double], _ n: Int, at xs: Double, _ nleft: Int, _ nright: Int,
                                 _ w: inout [Double], useRobustness: Bool, _ rw: [Double]) -> Double? {
        let range = x[n] - x[1]
        let h = max(xs - x[nleft], x[nright] - xs)
        let h9 = 0.999 * h, h1 = 0.001 * h
        var a = 0.0
        var j = nleft
        while j <= n {
            w[j] = 0
            let r = abs(x[j] - xs)
            if r <= h9 {
                if r <= h1 {
                    w[j] = 1
                } else {
                    let q = r / h
                    let t = 1 - q * q * q
                    w[j] = t * t * t
                }
                if useRobustness { w[j] *= rw[j] }
                a += w[j]
            } else if x[j] > xs {
                break
            }
            j += 1
        }
        let nrt = j - 1
        guard a > 0 else { return nil }
        for k in nleft...nrt { w[k] /= a }
        if h > 0 {
            a = 0
            for k in nleft...nrt { a += w[k] * x[k] }
            var b = xs - a
            var c = 0.0
            for k in nleft...nrt { let d = x[k] - a; c += w[k] * (d * d) }
            if c.squareRoot() > 0.001 * range {
                b /= c
                for k in nleft...nrt { w[k] *= (b * (x[k] - a) + 1) }
            }
        }
        var fit = 0.0
        for k in nleft...nrt { fit += w[k] * y[k] }
        return fit
    }

    /// The smooth at `points`, as `approx(lowess(...), xout = points, ties = ...)$y` (rule 1: nil outside the
    /// range of x). Tied x are collapsed first with `ties` (rms::calibrate uses the first value, val.prob the mean;
    /// lowess gives tied x the same fit, so both agree).
    public func evaluate(at points: [Double], ties: TieRule = .first) -> [Double?] {
        rApprox(x: x, y: y, at: points, ties: ties)
    }
}

/// How R's `approx()` collapses repeated x values.
public enum TieRule: Sendable { case first, mean }

/// R's `approx(x, y, xout, method = "linear", rule = 1, ties)` for x already sorted increasingly (stable order):
/// repeated x are collapsed with `ties`, then each output is found by bisection and interpolated as
/// `y[i] + (y[j] − y[i]) · ((v − x[i]) / (x[j] − x[i]))`; nil outside [x₁, xₙ] (R's NA).
package func rApprox(x xIn: [Double], y yIn: [Double], at points: [Double], ties: TieRule) -> [Double?] {
    var x: [Double] = [], y: [Double] = []
    x.reserveCapacity(xIn.count)
    var k = 0
    while k < xIn.count {
        var e = k + 1
        while e < xIn.count && xIn[e] == xIn[k] { e += 1 }
        x.append(xIn[k])
        switch ties {
        case .first: y.append(yIn[k])
        case .mean:
            if e - k == 1 { y.append(yIn[k]) } else {
                var s = 0.0
                for t in k..<e { s += yIn[t] }
                y.append(s / Double(e - k))
            }
        }
        k = e
    }
    let n = x.count
    return points.map { v -> Double? in
        guard n > 0, v >= x[0], v <= x[n - 1], !v.isNaN else { return nil }
        var i = 0, j = n - 1
        while i < j - 1 {
            let ij = (i + j) / 2
            if v < x[ij] { j = ij } else { i = ij }
        }
        if v == x[j] { return y[j] }
        if v == x[i] { return y[i] }
        return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]))
    }
}
