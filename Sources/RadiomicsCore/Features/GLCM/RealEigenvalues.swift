#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Eigenvalues of a general real square matrix, as `numpy.linalg.eigvals` (LAPACK `dgeev`) returns them: real
/// eigenvalues with an imaginary part of exactly 0, complex ones in conjugate pairs.
///
/// Method: balancing by powers of two (exact), Householder reduction to upper Hessenberg form, then the Francis
/// implicit double-shift QR iteration with deflation on negligible subdiagonal entries (Wilkinson & Reinsch,
/// *Handbook for Automatic Computation II*, procedures `balance`, `orthes`, `hqr`). All steps are backward stable,
/// so the eigenvalues agree with LAPACK's to rounding.
package enum RealEigenvalues {
    /// - Parameters:
    ///   - matrix: row-major n × n.
    ///   - n: the side.
    /// - Returns: (real, imaginary) parts in deflation order, or nil if the iteration did not converge or the matrix
    ///   holds a NaN or an infinity (where NumPy raises `LinAlgError`).
    package static func of(_ matrix: [Double], n: Int) -> (re: [Double], im: [Double])? {
        guard matrix.allSatisfy(\.isFinite) else { return nil }
        var a = matrix
        balance(&a, n)
        hessenberg(&a, n)
        return hqr(&a, n)
    }

    /// Scales rows and columns by powers of two until row and column norms are comparable (similarity, no rounding).
    static func balance(_ a: inout [Double], _ n: Int) {
        let radix = 2.0
        var done = false
        while !done {
            done = true
            for i in 0..<n {
                var r = 0.0, c = 0.0
                for j in 0..<n where j != i {
                    c += abs(a[j * n + i])
                    r += abs(a[i * n + j])
                }
                guard c != 0 && r != 0 else { continue }
                var g = r / radix, f = 1.0
                let s = c + r
                while c < g {
                    f *= radix
                    c *= radix * radix
                }
                g = r * radix
                while c > g {
                    f /= radix
                    c /= radix * radix
                }
                if (c + r) / f < 0.95 * s {
                    done = false
                    let inv = 1 / f
                    for j in 0..<n { a[i * n + j] *= inv }
                    for j in 0..<n { a[j * n + i] *= f }
                }
            }
        }
    }

    /// Orthogonal similarity to upper Hessenberg form by Householder reflections.
    static func hessenberg(_ a: inout [Double], _ n: Int) {
        guard n > 2 else { return }
        var v = [Double](repeating: 0, count: n)
        for k in 0..<(n - 2) {
            var scale = 0.0
            for i in (k + 1)..<n { scale += abs(a[i * n + k]) }
            if scale == 0 { continue }
            var h = 0.0
            for i in (k + 1)..<n {
                v[i] = a[i * n + k] / scale
                h += v[i] * v[i]
            }
            let g = v[k + 1] > 0 ? -h.squareRoot() : h.squareRoot()
            h -= v[k + 1] * g
            v[k + 1] -= g
            // A ← (I − v vᵀ / h) A (I − v vᵀ / h)
            for j in 0..<n {
                var f = 0.0
                for i in (k + 1)..<n { f += v[i] * a[i * n + j] }
                f /= h
                for i in (k + 1)..<n { a[i * n + j] -= f * v[i] }
            }
            for i in 0..<n {
                var f = 0.0
                for j in (k + 1)..<n { f += v[j] * a[i * n + j] }
                f /= h
                for j in (k + 1)..<n { a[i * n + j] -= f * v[j] }
            }
            a[(k + 1) * n + k] = scale * g
            for i in (k + 2)..<n { a[i * n + k] = 0 }
        }
    }

    /// Eigenvalues of an upper Hessenberg matrix (destroyed) by the Francis double-shift QR iteration.
    static func hqr(_ a: inout [Double], _ n: Int) -> (re: [Double], im: [Double])? {
        var wr = [Double](repeating: 0, count: n)
        var wi = [Double](repeating: 0, count: n)
        @inline(__always) func at(_ i: Int, _ j: Int) -> Double { a[i * n + j] }
        var norm = 0.0
        for i in 0..<n { for j in max(i - 1, 0)..<n { norm += abs(at(i, j)) } }
        var hi = n - 1
        var shift = 0.0
        var its = 0
        var p = 0.0, q = 0.0, r = 0.0
        while hi >= 0 {
            // Find the lowest l with a negligible subdiagonal entry a[l][l−1].
            var l = hi
            while l >= 1 {
                var s = abs(at(l - 1, l - 1)) + abs(at(l, l))
                if s == 0 { s = norm }
                if abs(at(l, l - 1)) + s == s {
                    a[l * n + l - 1] = 0
                    break
                }
                l -= 1
            }
            var x = at(hi, hi)
            if l == hi {
                wr[hi] = x + shift
                wi[hi] = 0
                hi -= 1
                its = 0
                continue
            }
            var y = at(hi - 1, hi - 1)
            var w = at(hi, hi - 1) * at(hi - 1, hi)
            if l == hi - 1 {
                p = 0.5 * (y - x)
                q = p * p + w
                var z = abs(q).squareRoot()
                x += shift
                if q >= 0 {
                    z = p + (p >= 0 ? z : -z)
                    wr[hi - 1] = x + z
                    wr[hi] = z != 0 ? x - w / z : x + z
                    wi[hi - 1] = 0
                    wi[hi] = 0
                } else {
                    wr[hi - 1] = x + p
                    wr[hi] = x + p
                    wi[hi - 1] = -z
                    wi[hi] = z
                }
                hi -= 2
                its = 0
                continue
            }
            if its == 60 { return nil }
            if its == 10 || its == 20 || its == 40 {
                // Exceptional shift.
                shift += x
                for i in 0...hi { a[i * n + i] -= x }
                let s = abs(at(hi, hi - 1)) + abs(at(hi - 1, hi - 2))
                x = 0.75 * s
                y = x
                w = -0.4375 * s * s
            }
            its += 1
            // Look for two consecutive small subdiagonal entries, starting the bulge at m.
            var m = hi - 2
            while m >= l {
                let z = at(m, m)
                let rr = x - z
                let ss = y - z
                p = (rr * ss - w) / at(m + 1, m) + at(m, m + 1)
                q = at(m + 1, m + 1) - z - rr - ss
                r = at(m + 2, m + 1)
                let s = abs(p) + abs(q) + abs(r)
                p /= s
                q /= s
                r /= s
                if m == l { break }
                let u = abs(at(m, m - 1)) * (abs(q) + abs(r))
                let v = abs(p) * (abs(at(m - 1, m - 1)) + abs(z) + abs(at(m + 1, m + 1)))
                if u + v == v { break }
                m -= 1
            }
            if m + 2 <= hi {
                for i in (m + 2)...hi {
                    a[i * n + i - 2] = 0
                    if i != m + 2 { a[i * n + i - 3] = 0 }
                }
            }
            // Double QR step on rows l...hi and columns m...hi.
            var k = m
            while k <= hi - 1 {
                if k != m {
                    p = at(k, k - 1)
                    q = at(k + 1, k - 1)
                    r = k != hi - 1 ? at(k + 2, k - 1) : 0
                    x = abs(p) + abs(q) + abs(r)
                    if x != 0 {
                        p /= x
                        q /= x
                        r /= x
                    }
                }
                let root = (p * p + q * q + r * r).squareRoot()
                let s = p >= 0 ? root : -root
                if s != 0 {
                    if k == m {
                        if l != m { a[k * n + k - 1] = -at(k, k - 1) }
                    } else {
                        a[k * n + k - 1] = -s * x
                    }
                    p += s
                    x = p / s
                    y = q / s
                    let z = r / s
                    q /= p
                    r /= p
                    for j in k...hi {
                        var t = at(k, j) + q * at(k + 1, j)
                        if k != hi - 1 {
                            t += r * at(k + 2, j)
                            a[(k + 2) * n + j] -= t * z
                        }
                        a[(k + 1) * n + j] -= t * y
                        a[k * n + j] -= t * x
                    }
                    let top = min(hi, k + 3)
                    for i in l...top {
                        var t = x * at(i, k) + y * at(i, k + 1)
                        if k != hi - 1 {
                            t += z * at(i, k + 2)
                            a[i * n + k + 2] -= t * r
                        }
                        a[i * n + k + 1] -= t * q
                        a[i * n + k] -= t
                    }
                }
                k += 1
            }
        }
        return (wr, wi)
    }
}
