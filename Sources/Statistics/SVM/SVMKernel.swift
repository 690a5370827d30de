import RealModule

/// The kernel of a C-SVC, as libsvm's `-t 0` (linear, u'v) and `-t 2` (radial,
/// exp(−γ |u − v|²)). e1071's default γ is 1 / (number of columns).
public enum SVMKernel: Sendable, Equatable {
    case linear
    /// `gamma` nil means e1071's default 1 / p.
    case radial(gamma: Double?)
}

/// A kernel bound to its γ, evaluated the two ways libsvm does: during training as
/// exp(−γ (|u|² + |v|² − 2 u'v)) (`Kernel::kernel_rbf`, norms precomputed), at prediction as
/// exp(−γ Σ (u_k − v_k)²) (`Kernel::k_function`). The two differ in the last bits; keeping both
/// keeps decision values bit-compatible with libsvm.
struct BoundKernel: Sendable {
    let isRadial: Bool
    let gamma: Double

    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ p: Int) -> Double {
        var s = 0.0
        for k in 0..<p { s += a[k] * b[k] }
        return s
    }

    /// Training form; `squares` are the rows' u'u (only used by the radial kernel).
    @inline(__always)
    func training(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ p: Int, _ sa: Double, _ sb: Double) -> Double {
        let d = BoundKernel.dot(a, b, p)
        return isRadial ? Double.exp(-gamma * (sa + sb - 2 * d)) : d
    }

    /// Training form from a precomputed dot product.
    @inline(__always)
    func fromDot(_ d: Double, _ sa: Double, _ sb: Double) -> Double {
        isRadial ? Double.exp(-gamma * (sa + sb - 2 * d)) : d
    }

    /// Prediction form (`Kernel::k_function`).
    @inline(__always)
    func prediction(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ p: Int) -> Double {
        guard isRadial else { return BoundKernel.dot(a, b, p) }
        var s = 0.0
        for k in 0..<p { let d = a[k] - b[k]; s += d * d }
        return Double.exp(-gamma * s)
    }
}

/// libsvm's SVC_Q: Q_ij = y_i y_j K(x_i, x_j) stored in single precision (libsvm's `Qfloat`),
/// rows computed on first use and kept (libsvm keeps an LRU cache; the values are the same), with
/// the index swaps the shrinking solver performs applied to rows and columns alike.
/// Memory: l² Floats.
final class SVCQMatrix {
    let l: Int
    let p: Int
    private let kernel: BoundKernel
    /// Rows of x in the solver's current order.
    private var x: UnsafeMutablePointer<Double>
    private var squares: [Double]
    private(set) var y: [Int8]
    /// K(x_i, x_i) in the initial order (the solver keeps its own swapped copy).
    let qd: [Double]
    private let storage: UnsafeMutablePointer<Float>
    /// slot[i]: which storage row holds Q row i; -1 if not computed yet.
    private var slot: [Int]
    private var filledSlots: [Int] = []
    private var freeSlot = 0

    init(x rows: UnsafePointer<Double>, count l: Int, dimension p: Int, y: [Int8], kernel: BoundKernel) {
        let copy = UnsafeMutablePointer<Double>.allocate(capacity: l * p)
        copy.initialize(from: rows, count: l * p)
        let sq = (0..<l).map { i in BoundKernel.dot(rows + i * p, rows + i * p, p) }
        self.l = l; self.p = p; self.kernel = kernel; self.y = y
        x = copy
        squares = sq
        qd = (0..<l).map { i in kernel.training(copy + i * p, copy + i * p, p, sq[i], sq[i]) }
        storage = .allocate(capacity: l * l)
        slot = [Int](repeating: -1, count: l)
    }

    deinit {
        x.deallocate()
        storage.deallocate()
    }

    /// Row i of Q (length l, current order).
    func row(_ i: Int) -> UnsafePointer<Float> {
        if slot[i] >= 0 { return UnsafePointer(storage + slot[i] * l) }
        let s = freeSlot
        freeSlot += 1
        slot[i] = s
        filledSlots.append(s)
        let r = storage + s * l
        let xi = x + i * p, si = squares[i], yi = Double(y[i])
        // Four dot products at a time, each summed in column order as libsvm does (same bits),
        // so the compiler can interleave them.
        var j = 0
        while j + 4 <= l {
            let b0 = x + j * p, b1 = b0 + p, b2 = b1 + p, b3 = b2 + p
            var d0 = 0.0, d1 = 0.0, d2 = 0.0, d3 = 0.0
            for k in 0..<p {
                let a = xi[k]
                d0 += a * b0[k]; d1 += a * b1[k]; d2 += a * b2[k]; d3 += a * b3[k]
            }
            for (t, d) in [d0, d1, d2, d3].enumerated() {
                let jj = j + t
                let k = kernel.fromDot(d, si, squares[jj])
                r[jj] = Float(yi * Double(y[jj]) * k)
            }
            j += 4
        }
        while j < l {
            r[j] = Float(yi * Double(y[j]) * kernel.training(xi, x + j * p, p, si, squares[j]))
            j += 1
        }
        return UnsafePointer(r)
    }

    /// `SVC_Q::swap_index`: exchange indices i and j everywhere.
    func swapIndex(_ i: Int, _ j: Int) {
        guard i != j else { return }
        for s in filledSlots {
            let r = storage + s * l
            let t = r[i]; r[i] = r[j]; r[j] = t
        }
        slot.swapAt(i, j)
        for k in 0..<p { let t = x[i * p + k]; x[i * p + k] = x[j * p + k]; x[j * p + k] = t }
        squares.swapAt(i, j)
        y.swapAt(i, j)
    }
}
