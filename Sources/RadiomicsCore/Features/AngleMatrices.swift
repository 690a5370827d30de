/// The step GLCM and GLRLM share after counting one matrix per angle (PyRadiomics `glcm.py` / `glrlm.py`
/// `_calculateMatrix` with `weightingNorm`, then `_calculateCoefficients`):
/// - with `weights` (one per angle), the matrices are replaced by their weighted sum Σ_θ w(θ) **P**(θ);
/// - the total of every matrix is taken, and with more than one matrix those whose total is 0 are deleted.
/// Each class keeps its own weight formula (GLCM exp(−‖d‖²), GLRLM ‖d‖).
enum AngleMatrices {
    static func combine(_ perAngle: [[Double]], weights: [Double]?) -> (matrices: [[Double]], totals: [Double]) {
        var matrices = perAngle
        if let weights, let size = perAngle.first?.count {
            var sum = [Double](repeating: 0, count: size)
            for (m, w) in zip(perAngle, weights) {
                for k in 0..<size { sum[k] += m[k] * w }
            }
            matrices = [sum]
        }
        var totals = matrices.map { $0.reduce(0, +) }
        if matrices.count > 1 {
            let kept = totals.indices.filter { totals[$0] != 0 }
            matrices = kept.map { matrices[$0] }
            totals = kept.map { totals[$0] }
        }
        return (matrices, totals)
    }
}
