extension GrayLevelCooccurrenceMatrix {
    /// MCC as PyRadiomics `getMCCFeatureValue` computes it, NumPy's conventions included:
    ///
    /// - eigenvalues of every angle's Q come from one `numpy.linalg.eigvals` call, which returns a real array when
    ///   no angle has a complex eigenvalue and a complex one otherwise; a NaN matrix makes the call (and so the
    ///   feature) fail: NaN;
    /// - they are sorted (complex: by real part, then imaginary part) and the second largest λ is taken;
    /// - √λ: real √ (NaN for λ < 0, ignored by `nanmean`) or the complex principal root, of which the mean's real
    ///   part is returned;
    /// - fewer than 2 grey levels: 1.
    ///
    /// Limit: where Q's second eigenvalue is 0 in exact arithmetic (a rank-1 Q, seen only in tiny or degenerate
    /// ROIs), the sign of the rounding noise decides between NaN (angle ignored) and ≈ 0 (angle averaged in), and
    /// LAPACK's noise cannot be reproduced in general; on 395 random tiny ROIs this changed 1 MCC value in 395.
    static func maximalCorrelationCoefficient(_ angles: [GLCMCoefficients], n: Int) -> Double {
        var spectra = [(re: [Double], im: [Double])]()
        for c in angles {
            guard let e = RealEigenvalues.of(c.mccMatrix(), n: n) else { return .nan }
            spectra.append(e)
        }
        if n < 2 { return 1 }
        let complex = spectra.contains { $0.im.contains { $0 != 0 } }
        var roots = [Double]()
        for e in spectra {
            if complex {
                let order = e.re.indices.sorted { (e.re[$0], e.im[$0]) < (e.re[$1], e.im[$1]) }
                let k = order[n - 2]
                let (a, b) = (e.re[k], e.im[k])
                // Real part of the principal square root of a + bi.
                let modulus = (a * a + b * b).squareRoot()
                roots.append(((modulus + a) / 2).squareRoot())
            } else {
                let lambda = e.re.sorted()[n - 2]
                roots.append(lambda < 0 ? .nan : lambda.squareRoot())
            }
        }
        return nanMean(roots)
    }
}
