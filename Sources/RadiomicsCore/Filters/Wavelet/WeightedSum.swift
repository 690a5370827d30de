/// The inner kernel of the wavelet convolutions: `out[k] = ((0 + c[0]·s[0][k]) + c[1]·s[1][k]) + ...` for
/// `k < count`, the terms added in the given order starting from zero exactly as PyWavelets' C loop does
/// (`sum = 0; sum += filter[j] * input[...]`), so results are bit-identical to it.
///
/// The sums are kept in SIMD registers over blocks of 8 outputs and stored once; products and sums are separate
/// operations (no fused multiply-add), as in PyWavelets' baseline x86-64 build.
/// - Complexity: O(count · terms).
enum WeightedSum {
    /// - Parameters:
    ///   - sources: `terms` pointers; source `t` is read at `0 ..< count`.
    ///   - weights: `terms` coefficients.
    ///   - terms: number of terms (≥ 1).
    ///   - count: number of outputs.
    ///   - out: where the `count` sums go.
    @inline(__always)
    static func accumulate(_ sources: UnsafePointer<UnsafePointer<Double>>, _ weights: UnsafePointer<Double>,
                           terms: Int, count: Int, into out: UnsafeMutablePointer<Double>) {
        typealias V = SIMD8<Double>
        let width = V.scalarCount
        var k = 0
        while k + width <= count {
            var sum = V(repeating: 0)
            for t in 0..<terms {
                let v = UnsafeRawPointer(sources[t] + k).loadUnaligned(as: V.self)
                sum = sum + V(repeating: weights[t]) * v
            }
            UnsafeMutableRawPointer(out + k).storeBytes(of: sum, as: V.self)
            k += width
        }
        while k < count {
            var sum = 0.0
            for t in 0..<terms { sum += weights[t] * sources[t][k] }
            out[k] = sum
            k += 1
        }
    }
}
