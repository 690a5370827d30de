import RealModule

/// The Shapiro–Wilk normality test as R's `shapiro.test(x)` (src/library/stats/src/swilk.c:
/// Royston's algorithm AS R94, 1995), 3 ≤ n ≤ 5000.
///
/// The coefficients a_i come from the normal scores m_i = Φ⁻¹((i − 3/8)/(n + 1/4)) normalised, with
/// Royston's polynomial corrections in 1/√n for the two extreme ones; W is the squared correlation
/// of the sorted sample (divided by its range) with a, computed as 1 − W₁ with
/// W₁ = (√(SSa SSx) − Sax)(√(SSa SSx) + Sax)/(SSa SSx) to keep digits near W = 1. The p-value is
/// exact for n = 3 (6/π (asin √W − asin √¾)); for 4 ≤ n ≤ 11 log(γ − log W₁) and for n ≥ 12 log W₁
/// is normal with Royston's polynomial mean and sd.
public struct ShapiroWilkTest: Sendable, Equatable {
    public let statistic: Double
    public let pValue: Double

    /// NaN values are dropped first.
    /// - Throws: `GroupTestError.notEnoughObservations` outside 3…5000 values, `.essentiallyConstant`
    ///   when all values are equal (R's "all 'x' values are identical").
    public init(_ values: [Double]) throws {
        var x = values.filter { !$0.isNaN }.sorted()
        let n = x.count
        guard n >= 3 && n <= 5000 else { throw GroupTestError.notEnoughObservations(group: 0, count: n, needed: 3) }
        let rng = x[n - 1] - x[0]
        guard rng != 0 else { throw GroupTestError.essentiallyConstant }
        if rng < 1e-10 { x = x.map { $0 / rng } }
        (statistic, pValue) = Self.swilk(x)
    }

    /// AS R94 on a sorted sample; a is 1-based as in the C source.
    private static func swilk(_ x: [Double]) -> (Double, Double) {
        let n = x.count, nn2 = n / 2, an = Double(n)
        let small = 1e-19
        var a = [Double](repeating: 0, count: nn2 + 1)
        if n == 3 {
            a[1] = 0.70710678
        } else {
            let an25 = an + 0.25
            var summ2 = 0.0
            for i in 1...nn2 {
                a[i] = Normal.quantile((Double(i) - 0.375) / an25)
                summ2 += a[i] * a[i]
            }
            summ2 *= 2
            let ssumm2 = summ2.squareRoot()
            let rsn = 1 / an.squareRoot()
            let a1 = poly([0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056], rsn) - a[1] / ssumm2
            let i1: Int, fac: Double
            if n > 5 {
                i1 = 3
                let a2 = -a[2] / ssumm2 + poly([0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633], rsn)
                fac = ((summ2 - 2 * (a[1] * a[1]) - 2 * (a[2] * a[2])) / (1 - 2 * (a1 * a1) - 2 * (a2 * a2))).squareRoot()
                a[2] = a2
            } else {
                i1 = 2
                fac = ((summ2 - 2 * (a[1] * a[1])) / (1 - 2 * (a1 * a1))).squareRoot()
            }
            a[1] = a1
            if i1 <= nn2 { for i in i1...nn2 { a[i] /= -fac } }
        }
        let range = x[n - 1] - x[0]
        guard range >= small else { return (.nan, 1) }
        func sign(_ v: Int) -> Double { v > 0 ? 1 : (v < 0 ? -1 : 0) }
        var sx = x[0] / range
        var sa = -a[1]
        var i = 1, j = n - 1
        while i < n {
            sx += x[i] / range
            i += 1
            if i != j { sa += sign(i - j) * a[min(i, j)] }
            j -= 1
        }
        sa /= an
        sx /= an
        var ssa = 0.0, ssx = 0.0, sax = 0.0
        j = n - 1
        for i in 0..<n {
            let asa = i != j ? sign(i - j) * a[1 + min(i, j)] - sa : -sa
            let xsx = x[i] / range - sx
            ssa += asa * asa
            ssx += xsx * xsx
            sax += asa * xsx
            j -= 1
        }
        let ssassx = (ssa * ssx).squareRoot()
        let w1 = (ssassx - sax) * (ssassx + sax) / (ssa * ssx)
        let w = 1 - w1
        if n == 3 {
            let pi6 = 1.90985931710274, stqr = 1.04719755119660
            return (w, max(0, pi6 * (Double.asin(w.squareRoot()) - stqr)))
        }
        var y = Double.log(w1)
        let lxx = Double.log(an)
        let m: Double, s: Double
        if n <= 11 {
            let gamma = poly([-2.273, 0.459], an)
            if y >= gamma { return (w, 1e-99) }
            y = -Double.log(gamma - y)
            m = poly([0.544, -0.39978, 0.025054, -6.714e-4], an)
            s = Double.exp(poly([1.3822, -0.77857, 0.062767, -0.0020322], an))
        } else {
            m = poly([-1.5861, -0.31082, -0.083751, 0.0038915], lxx)
            s = Double.exp(poly([-0.4803, -0.082676, 0.0030302], lxx))
        }
        return (w, Normal.survival((y - m) / s))
    }

    /// AS 181.2: c₀ + x(c₁ + x(c₂ + …)) evaluated as the C source (c₀ added last).
    private static func poly(_ c: [Double], _ x: Double) -> Double {
        guard c.count > 1 else { return c[0] }
        var p = x * c[c.count - 1]
        var j = c.count - 2
        while j > 0 { p = (p + c[j]) * x; j -= 1 }
        return c[0] + p
    }
}
