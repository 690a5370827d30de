import RealModule

/// Platt's sigmoid P(class 1 | f) = 1 / (1 + exp(A f + B)) for decision values f, fitted as
/// libsvm's `sigmoid_train` (Lin, Lin & Weng 2007): targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2),
/// Newton's method with backtracking (step ≥ 1e-10, sufficient decrease 1e-4), Hessian + 1e-12 I,
/// stop when both gradient components are below 1e-5 or after 100 iterations.
public struct PlattSigmoid: Sendable, Equatable {
    /// e1071's `probA`.
    public let a: Double
    /// e1071's `probB`.
    public let b: Double

    public init(a: Double, b: Double) { self.a = a; self.b = b }

    /// Fits A, B to decision values and labels (true = the positive, first class).
    public init(decisionValues f: [Double], positive: [Bool]) {
        let l = f.count
        let prior1 = Double(positive.filter { $0 }.count)
        let prior0 = Double(l) - prior1
        let maxIter = 100, minStep = 1e-10, sigma = 1e-12, eps = 1e-5
        let hi = (prior1 + 1) / (prior1 + 2), lo = 1 / (prior0 + 2)
        let t = positive.map { $0 ? hi : lo }
        var a = 0.0, b = Double.log((prior0 + 1) / (prior1 + 1))
        func objective(_ a: Double, _ b: Double) -> Double {
            var v = 0.0
            for i in 0..<l {
                let fApB = f[i] * a + b
                v += fApB >= 0 ? t[i] * fApB + Double.log(1 + Double.exp(-fApB))
                              : (t[i] - 1) * fApB + Double.log(1 + Double.exp(fApB))
            }
            return v
        }
        var fval = objective(a, b)
        for _ in 0..<maxIter {
            var h11 = sigma, h22 = sigma, h21 = 0.0, g1 = 0.0, g2 = 0.0
            for i in 0..<l {
                let fApB = f[i] * a + b
                let p: Double, q: Double
                if fApB >= 0 {
                    p = Double.exp(-fApB) / (1.0 + Double.exp(-fApB))
                    q = 1.0 / (1.0 + Double.exp(-fApB))
                } else {
                    p = 1.0 / (1.0 + Double.exp(fApB))
                    q = Double.exp(fApB) / (1.0 + Double.exp(fApB))
                }
                let d2 = p * q
                h11 += f[i] * f[i] * d2
                h22 += d2
                h21 += f[i] * d2
                let d1 = t[i] - p
                g1 += f[i] * d1
                g2 += d1
            }
            if abs(g1) < eps && abs(g2) < eps { break }
            let det = h11 * h22 - h21 * h21
            let dA = -(h22 * g1 - h21 * g2) / det
            let dB = -(-h21 * g1 + h11 * g2) / det
            let gd = g1 * dA + g2 * dB
            var step = 1.0
            while step >= minStep {
                let newA = a + step * dA, newB = b + step * dB
                let newf = objective(newA, newB)
                if newf < fval + 0.0001 * step * gd {
                    a = newA; b = newB; fval = newf
                    break
                }
                step /= 2
            }
            if step < minStep { break }
        }
        self.a = a; self.b = b
    }

    /// P(first class | f), clamped to [1e-7, 1 − 1e-7] as `svm_predict_probability`.
    public func probability(_ f: Double) -> Double {
        let fApB = f * a + b
        let p = fApB >= 0 ? Double.exp(-fApB) / (1.0 + Double.exp(-fApB)) : 1.0 / (1 + Double.exp(fApB))
        return min(max(p, 1e-7), 1 - 1e-7)
    }
}

/// How the 5-fold cross-validation behind Platt's sigmoid is drawn (`svm_binary_svc_probability`:
/// the training rows, grouped by class as libsvm orders them, are shuffled and cut into 5
/// contiguous folds; fold i holds shuffled positions ⌊i l/5⌋ ..< ⌊(i+1) l/5⌋).
public enum PlattFolds: Sendable, Equatable {
    /// The shuffle e1071 draws after R's `set.seed(seed)`: `set.seed(s); svm(…, probability =
    /// TRUE)` in a fresh call gives the same folds, hence the same probA/probB.
    case rSetSeed(Int32)
    /// An explicit shuffle of 0..<n, indexing the training rows *in libsvm's class-grouped order*
    /// (all rows of `labels[0]` in input order, then all rows of `labels[1]`). Draw it from the
    /// job's seeded generator with `PlattFolds.shuffled(count:using:)`.
    case permutation([Int])

    /// A permutation drawn from a caller-seeded generator, by the same Fisher–Yates walk libsvm uses.
    public static func shuffled(count: Int, using rng: inout some RandomNumberGenerator) -> PlattFolds {
        var perm = Array(0..<count)
        for i in 0..<count { perm.swapAt(i, i + Int.random(in: 0..<(count - i), using: &rng)) }
        return .permutation(perm)
    }
}
