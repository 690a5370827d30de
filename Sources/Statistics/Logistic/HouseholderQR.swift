/// Householder QR with R's limited column pivoting: LINPACK `dqrdc2` (R's src/appl/dqrdc2.f) and
/// the `dqrsl` solve that `dqrls` / `C_Cdqrls` run inside `lm.fit` and `glm.fit`.
///
/// A column whose norm, after the previous reflections, falls below `tolerance` × its original norm
/// is moved to the right-hand edge; `rank` counts the columns kept. The coefficients of moved
/// columns are 0 here (`dqrls`), and NA in R's printed fit (`glm.fit` sets them after the loop).
/// Arithmetic follows the Fortran operation by operation (`ReferenceBLAS` for dot, axpy, nrm2).
package struct HouseholderQR: Sendable {
    package let rows: Int
    package let columns: Int
    /// Column-major n × p: R in the upper triangle, Householder vectors below (LINPACK layout).
    package private(set) var qr: [Double]
    package private(set) var qraux: [Double]
    /// pivot[j] = the original (0-based) column now in position j.
    package private(set) var pivot: [Int]
    package private(set) var rank: Int

    /// - Parameters:
    ///   - x: column-major n × p matrix.
    ///   - tolerance: `glm.fit` passes min(1e-7, epsilon / 1000) = 1e-11; `lm.fit` 1e-7.
    package init(columnMajor x: [Double], rows n: Int, columns p: Int, tolerance: Double) {
        precondition(x.count == n * p)
        rows = n; columns = p
        var a = x
        var qraux = [Double](repeating: 0, count: p)
        var pivot = Array(0..<p)
        var work1 = [Double](repeating: 0, count: p), work2 = [Double](repeating: 0, count: p)
        var k = p + 1  // 1-based, as in the Fortran
        a.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress!
            if n > 0 {
                for j in 0..<p {
                    qraux[j] = ReferenceBLAS.norm2(base + j * n, count: n)
                    work1[j] = qraux[j]; work2[j] = qraux[j] == 0 ? 1 : qraux[j]
                }
            }
            let lup = min(n, p)
            var column = [Double](repeating: 0, count: n)
            for l1 in 1...max(lup, 1) where lup >= 1 {
                let l = l1 - 1
                // Cycle negligible columns to the right end.
                while !(l1 >= k || qraux[l] >= work2[l] * tolerance) {
                    for i in 0..<n { column[i] = base[l * n + i] }
                    for j in (l + 1)..<p { for i in 0..<n { base[(j - 1) * n + i] = base[j * n + i] } }
                    for i in 0..<n { base[(p - 1) * n + i] = column[i] }
                    let (pv, q, w1, w2) = (pivot[l], qraux[l], work1[l], work2[l])
                    for j in (l + 1)..<p {
                        pivot[j - 1] = pivot[j]; qraux[j - 1] = qraux[j]
                        work1[j - 1] = work1[j]; work2[j - 1] = work2[j]
                    }
                    pivot[p - 1] = pv; qraux[p - 1] = q; work1[p - 1] = w1; work2[p - 1] = w2
                    k -= 1
                }
                if l1 == n { continue }
                let col = base + l * n + l, len = n - l
                var nrmxl = ReferenceBLAS.norm2(col, count: len)
                if nrmxl == 0 { continue }
                if col[0] != 0 { nrmxl = col[0] < 0 ? -abs(nrmxl) : abs(nrmxl) }
                let scale = 1.0 / nrmxl
                for i in 0..<len { col[i] = scale * col[i] }
                col[0] = 1.0 + col[0]
                for j in (l + 1)..<max(l + 1, p) {
                    let cj = base + j * n + l
                    let t = -ReferenceBLAS.dot(col, cj, count: len) / col[0]
                    ReferenceBLAS.axpy(t, col, cj, count: len)
                    if qraux[j] != 0 {
                        let r = abs(cj[0]) / qraux[j]
                        let tt = max(1.0 - r * r, 0.0)
                        // BDR 9/99: recompute the norm after a large reduction.
                        if abs(tt) >= 1e-6 {
                            qraux[j] = qraux[j] * tt.squareRoot()
                        } else {
                            qraux[j] = ReferenceBLAS.norm2(cj + 1, count: len - 1)
                            work1[j] = qraux[j]
                        }
                    }
                }
                qraux[l] = col[0]
                col[0] = -nrmxl
            }
        }
        qr = a
        self.qraux = qraux
        self.pivot = pivot
        rank = min(k - 1, n)
    }

    /// `dqrsl` with job 1110 as `dqrls` calls it: Qᵀy (the effects) and the least-squares
    /// coefficients in pivoted order (entries rank..<p are 0).
    package func solve(_ y: [Double]) -> (coefficients: [Double], effects: [Double]) {
        precondition(y.count == rows)
        let n = rows, k = rank
        var qty = y
        var b = [Double](repeating: 0, count: columns)
        guard k > 0 else { return (b, qty) }
        var a = qr  // dqrsl swaps qraux into the diagonal temporarily
        a.withUnsafeMutableBufferPointer { abuf in
            qty.withUnsafeMutableBufferPointer { qbuf in
                let x = abuf.baseAddress!, q = qbuf.baseAddress!
                if n == 1 { return }
                for j in 0..<min(k, n - 1) where qraux[j] != 0 {
                    let d = x + j * n + j
                    let temp = d[0]
                    d[0] = qraux[j]
                    let t = -ReferenceBLAS.dot(d, q + j, count: n - j) / d[0]
                    ReferenceBLAS.axpy(t, d, q + j, count: n - j)
                    d[0] = temp
                }
            }
        }
        for j in 0..<k { b[j] = qty[j] }
        qr.withUnsafeBufferPointer { xb in
            b.withUnsafeMutableBufferPointer { bb in
                let x = xb.baseAddress!, bp = bb.baseAddress!
                for j in stride(from: k - 1, through: 0, by: -1) {
                    bp[j] = bp[j] / x[j * n + j]
                    if j > 0 { ReferenceBLAS.axpy(-bp[j], x + j * n, bp, count: j) }
                }
            }
        }
        return (b, qty)
    }

    /// (RᵀR)⁻¹ of the leading rank × rank block, as R's `chol2inv(qr$qr[1:rank, 1:rank])` (LAPACK
    /// `dpotri`: `dtrti2` inverts R column by column, `dlauu2` forms R⁻¹R⁻ᵀ). Column-major, rank × rank,
    /// in pivoted order. This is `summary.glm`'s `cov.unscaled`.
    package func unscaledCovariance() -> [Double] {
        let r = rank, n = rows
        var a = [Double](repeating: 0, count: r * r)
        for j in 0..<r { for i in 0...j { a[j * r + i] = qr[j * n + i] } }
        // dtrti2 (upper, non-unit): inverse in place.
        for j in 0..<r {
            a[j * r + j] = 1 / a[j * r + j]
            let ajj = -a[j * r + j]
            // dtrmv (upper, no transpose) on the first j entries of column j.
            for jj in 0..<j where a[j * r + jj] != 0 {
                let temp = a[j * r + jj]
                for i in 0..<jj { a[j * r + i] += temp * a[jj * r + i] }
                a[j * r + jj] *= a[jj * r + jj]
            }
            for i in 0..<j { a[j * r + i] *= ajj }
        }
        // dlauu2 (upper): U·Uᵀ in place.
        for i in 0..<r {
            let aii = a[i * r + i]
            if i < r - 1 {
                var s = 0.0
                for c in i..<r { s += a[c * r + i] * a[c * r + i] }
                a[i * r + i] = s
                // dgemv: a[0..<i, i] = aii·a[0..<i, i] + A[0..<i, i+1..<r] · a[i, i+1..<r]
                if i > 0 {
                    for row in 0..<i { a[i * r + row] *= aii }
                    for c in (i + 1)..<r {
                        let temp = a[c * r + i]
                        if temp == 0 { continue }
                        for row in 0..<i { a[i * r + row] += temp * a[c * r + row] }
                    }
                }
            } else {
                for row in 0...i { a[i * r + row] *= aii }
            }
        }
        // Symmetrise from the upper triangle.
        for j in 0..<r { for i in (j + 1)..<max(j + 1, r) { a[j * r + i] = a[i * r + j] } }
        return a
    }
}
