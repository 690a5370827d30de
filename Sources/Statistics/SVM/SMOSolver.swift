/// libsvm's `Solver` for the C-SVC dual (Fan, Chen & Lin, JMLR 6 (2005) 1889–1918):
///
///     min ½ αᵀQα − eᵀα  subject to  yᵀα = 0,  0 ≤ α_i ≤ C_{y_i}
///
/// with second-order working-set selection (WSS3), shrinking every min(l, 1000) iterations,
/// the stopping rule m(α) − M(α) < ε, and ρ from the free variables (or the midpoint of the
/// feasible interval). The arithmetic and its order follow svm.cpp 3.23 (the version e1071 1.7
/// bundles) line by line, including single-precision Q, so the iterates — and hence the decision
/// values — agree with e1071 to rounding.
struct SMOSolver {
    private enum Status: UInt8 { case lower, upper, free }
    private static let tau = 1e-12

    /// Solves and returns (α_i y_i in the original order, ρ).
    static func solve(q: SVCQMatrix, cp: Double, cn: Double, eps: Double, shrinking: Bool) -> (coefficients: [Double], rho: Double) {
        var s = SMOSolver(q: q, cp: cp, cn: cn, eps: eps)
        s.run(shrinking: shrinking)
        var out = [Double](repeating: 0, count: s.l)
        for i in 0..<s.l { out[s.activeSet[i]] = s.alpha[i] }
        // solve_c_svc: alpha *= y (original order labels).
        return (out, s.rho)
    }

    private let q: SVCQMatrix
    private let l: Int
    private let cp: Double, cn: Double, eps: Double
    private var y: [Int8]
    private var g: [Double]
    private var gBar: [Double]
    private var alpha: [Double]
    private var p: [Double]
    private var status: [Status]
    private var activeSet: [Int]
    private var activeSize: Int
    private var unshrink = false
    private var rho = 0.0
    private var qd: [Double]

    private init(q: SVCQMatrix, cp: Double, cn: Double, eps: Double) {
        self.q = q; l = q.l; self.cp = cp; self.cn = cn; self.eps = eps
        y = q.y; qd = q.qd
        alpha = [Double](repeating: 0, count: l)
        p = [Double](repeating: -1, count: l)
        status = [Status](repeating: .lower, count: l)
        activeSet = Array(0..<l)
        activeSize = l
        // α = 0: G = p, Ḡ = 0 (libsvm's initial loop only touches non-lower-bound α).
        g = p
        gBar = [Double](repeating: 0, count: l)
    }

    @inline(__always) private func c(_ i: Int) -> Double { y[i] > 0 ? cp : cn }
    @inline(__always) private mutating func updateStatus(_ i: Int) {
        status[i] = alpha[i] >= c(i) ? .upper : (alpha[i] <= 0 ? .lower : .free)
    }

    private mutating func swapIndex(_ i: Int, _ j: Int) {
        q.swapIndex(i, j)
        y.swapAt(i, j); qd.swapAt(i, j); g.swapAt(i, j); status.swapAt(i, j); alpha.swapAt(i, j)
        p.swapAt(i, j); activeSet.swapAt(i, j); gBar.swapAt(i, j)
    }

    private mutating func reconstructGradient() {
        if activeSize == l { return }
        var nrFree = 0
        for j in activeSize..<l { g[j] = gBar[j] + p[j] }
        for j in 0..<activeSize where status[j] == .free { nrFree += 1 }
        if nrFree * l > 2 * activeSize * (l - activeSize) {
            for i in activeSize..<l {
                let qi = q.row(i)
                for j in 0..<activeSize where status[j] == .free { g[i] += alpha[j] * Double(qi[j]) }
            }
        } else {
            for i in 0..<activeSize where status[i] == .free {
                let qi = q.row(i)
                let ai = alpha[i]
                for j in activeSize..<l { g[j] += ai * Double(qi[j]) }
            }
        }
    }

    private mutating func run(shrinking: Bool) {
        var iter = 0
        let maxIter = max(10_000_000, l > Int(Int32.max) / 100 ? Int(Int32.max) : 100 * l)
        var counter = min(l, 1000) + 1
        while iter < maxIter {
            counter -= 1
            if counter == 0 {
                counter = min(l, 1000)
                if shrinking { doShrinking() }
            }
            var i = 0, j = 0
            if !selectWorkingSet(&i, &j) {
                reconstructGradient()
                activeSize = l
                if !selectWorkingSet(&i, &j) { break }
                counter = 1
            }
            iter += 1
            let qi = q.row(i), qj = q.row(j)
            let ci = c(i), cj = c(j)
            let oldAi = alpha[i], oldAj = alpha[j]
            if y[i] != y[j] {
                var quad = qd[i] + qd[j] + 2 * Double(qi[j])
                if quad <= 0 { quad = SMOSolver.tau }
                let delta = (-g[i] - g[j]) / quad
                let diff = alpha[i] - alpha[j]
                alpha[i] += delta
                alpha[j] += delta
                if diff > 0 {
                    if alpha[j] < 0 { alpha[j] = 0; alpha[i] = diff }
                } else {
                    if alpha[i] < 0 { alpha[i] = 0; alpha[j] = -diff }
                }
                if diff > ci - cj {
                    if alpha[i] > ci { alpha[i] = ci; alpha[j] = ci - diff }
                } else {
                    if alpha[j] > cj { alpha[j] = cj; alpha[i] = cj + diff }
                }
            } else {
                var quad = qd[i] + qd[j] - 2 * Double(qi[j])
                if quad <= 0 { quad = SMOSolver.tau }
                let delta = (g[i] - g[j]) / quad
                let sum = alpha[i] + alpha[j]
                alpha[i] -= delta
                alpha[j] += delta
                if sum > ci {
                    if alpha[i] > ci { alpha[i] = ci; alpha[j] = sum - ci }
                } else {
                    if alpha[j] < 0 { alpha[j] = 0; alpha[i] = sum }
                }
                if sum > cj {
                    if alpha[j] > cj { alpha[j] = cj; alpha[i] = sum - cj }
                } else {
                    if alpha[i] < 0 { alpha[i] = 0; alpha[j] = sum }
                }
            }
            let dai = alpha[i] - oldAi, daj = alpha[j] - oldAj
            let n = activeSize
            g.withUnsafeMutableBufferPointer { gp in
                for k in 0..<n { gp[k] += Double(qi[k]) * dai + Double(qj[k]) * daj }
            }
            let ui = status[i] == .upper, uj = status[j] == .upper
            updateStatus(i)
            updateStatus(j)
            if ui != (status[i] == .upper) {
                let r = q.row(i)
                let cc = ci
                gBar.withUnsafeMutableBufferPointer { gb in
                    if ui { for k in 0..<l { gb[k] -= cc * Double(r[k]) } }
                    else { for k in 0..<l { gb[k] += cc * Double(r[k]) } }
                }
            }
            if uj != (status[j] == .upper) {
                let r = q.row(j)
                let cc = cj
                gBar.withUnsafeMutableBufferPointer { gb in
                    if uj { for k in 0..<l { gb[k] -= cc * Double(r[k]) } }
                    else { for k in 0..<l { gb[k] += cc * Double(r[k]) } }
                }
            }
        }
        if iter >= maxIter && activeSize < l {
            reconstructGradient()
            activeSize = l
        }
        rho = calculateRho()
        for i in 0..<l { alpha[i] *= Double(y[i]) }
    }

    /// WSS3; returns false when optimal (libsvm returns 1).
    private func selectWorkingSet(_ outI: inout Int, _ outJ: inout Int) -> Bool {
        var gmax = -Double.infinity, gmax2 = -Double.infinity
        var gmaxIdx = -1, gminIdx = -1
        var objDiffMin = Double.infinity
        for t in 0..<activeSize {
            if y[t] == 1 {
                if status[t] != .upper && -g[t] >= gmax { gmax = -g[t]; gmaxIdx = t }
            } else {
                if status[t] != .lower && g[t] >= gmax { gmax = g[t]; gmaxIdx = t }
            }
        }
        let i = gmaxIdx
        let qi: UnsafePointer<Float>? = i != -1 ? q.row(i) : nil
        let yi = i != -1 ? Double(y[i]) : 0
        for j in 0..<activeSize {
            if y[j] == 1 {
                if status[j] != .lower {
                    let gradDiff = gmax + g[j]
                    if g[j] >= gmax2 { gmax2 = g[j] }
                    if gradDiff > 0 {
                        let quad = qd[i] + qd[j] - 2.0 * yi * Double(qi![j])
                        let objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / SMOSolver.tau
                        if objDiff <= objDiffMin { gminIdx = j; objDiffMin = objDiff }
                    }
                }
            } else {
                if status[j] != .upper {
                    let gradDiff = gmax - g[j]
                    if -g[j] >= gmax2 { gmax2 = -g[j] }
                    if gradDiff > 0 {
                        let quad = qd[i] + qd[j] + 2.0 * yi * Double(qi![j])
                        let objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / SMOSolver.tau
                        if objDiff <= objDiffMin { gminIdx = j; objDiffMin = objDiff }
                    }
                }
            }
        }
        if gmax + gmax2 < eps || gminIdx == -1 { return false }
        outI = gmaxIdx
        outJ = gminIdx
        return true
    }

    private func beShrunk(_ i: Int, _ gmax1: Double, _ gmax2: Double) -> Bool {
        switch status[i] {
        case .upper: return y[i] == 1 ? -g[i] > gmax1 : -g[i] > gmax2
        case .lower: return y[i] == 1 ? g[i] > gmax2 : g[i] > gmax1
        case .free: return false
        }
    }

    private mutating func doShrinking() {
        var gmax1 = -Double.infinity, gmax2 = -Double.infinity
        for i in 0..<activeSize {
            if y[i] == 1 {
                if status[i] != .upper && -g[i] >= gmax1 { gmax1 = -g[i] }
                if status[i] != .lower && g[i] >= gmax2 { gmax2 = g[i] }
            } else {
                if status[i] != .upper && -g[i] >= gmax2 { gmax2 = -g[i] }
                if status[i] != .lower && g[i] >= gmax1 { gmax1 = g[i] }
            }
        }
        if !unshrink && gmax1 + gmax2 <= eps * 10 {
            unshrink = true
            reconstructGradient()
            activeSize = l
        }
        var i = 0
        while i < activeSize {
            if beShrunk(i, gmax1, gmax2) {
                activeSize -= 1
                while activeSize > i {
                    if !beShrunk(activeSize, gmax1, gmax2) {
                        swapIndex(i, activeSize)
                        break
                    }
                    activeSize -= 1
                }
            }
            i += 1
        }
    }

    private func calculateRho() -> Double {
        var nrFree = 0
        var ub = Double.infinity, lb = -Double.infinity, sumFree = 0.0
        for i in 0..<activeSize {
            let yG = Double(y[i]) * g[i]
            switch status[i] {
            case .upper: if y[i] == -1 { ub = min(ub, yG) } else { lb = max(lb, yG) }
            case .lower: if y[i] == 1 { ub = min(ub, yG) } else { lb = max(lb, yG) }
            case .free: nrFree += 1; sumFree += yG
            }
        }
        return nrFree > 0 ? sumFree / Double(nrFree) : (ub + lb) / 2
    }
}
