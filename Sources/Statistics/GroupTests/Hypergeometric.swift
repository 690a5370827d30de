import RealModule

/// The log of the hypergeometric probability as R's `dhyper(x, r, b, n, log = TRUE)`
/// (src/nmath/dhyper.c): with p = n/(r + b), q = (r + b − n)/(r + b),
/// log P = log dbinom(x; r, p) + log dbinom(n − x; b, p) − log dbinom(n; r + b, p), each by Loader's
/// saddle-point form (`dbinom_raw`): stirlerr(n) − stirlerr(x) − stirlerr(n − x) − bd0(x, np) − bd0(n − x, nq)
/// − ½ (log 2π + log x + log1p(−x/n)). Reproduced step for step, so the Fisher p-values agree with R's to the last bits.
package enum Hypergeometric {
    /// log P(X = x) for X the number of white balls among n drawn from r white and b black.
    package static func logDensity(_ x: Int, white r: Int, black b: Int, drawn n: Int) -> Double {
        if x < 0 || n < x || r < x || n - x > b { return -.infinity }
        if n == 0 { return x == 0 ? 0 : -.infinity }
        let total = Double(r + b)
        let p = Double(n) / total, q = Double(r + b - n) / total
        let p1 = logBinomial(Double(x), Double(r), p, q)
        let p2 = logBinomial(Double(n - x), Double(b), p, q)
        let p3 = logBinomial(Double(n), total, p, q)
        return p1 + p2 - p3
    }

    /// R's `dbinom_raw(x, n, p, q, give_log = TRUE)`.
    static func logBinomial(_ x: Double, _ n: Double, _ p: Double, _ q: Double) -> Double {
        if p == 0 { return x == 0 ? 0 : -.infinity }
        if q == 0 { return x == n ? 0 : -.infinity }
        if x == 0 {
            if n == 0 { return 0 }
            return p < 0.1 ? -IncompleteGamma.deviance(n, n * q) - n * p : n * Double.log(q)
        }
        if x == n {
            return q < 0.1 ? -IncompleteGamma.deviance(n, n * p) - n * q : n * Double.log(p)
        }
        if x < 0 || x > n { return -.infinity }
        let lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x)
            - IncompleteGamma.deviance(x, n * p) - IncompleteGamma.deviance(n - x, n * q)
        let ln2Pi = 1.837877066409345483560659472811
        let lf = ln2Pi + Double.log(x) + Double.log(onePlus: -x / n)
        return lc - 0.5 * lf
    }

    /// R's `stirlerr(n)` = log(n!) − log(√(2πn) (n/e)ⁿ) (R 4.2): tabulated at the half-integers up
    /// to 15, the Stirling series 1/12n − 1/360n³ + 1/1260n⁵ − … (5, 4, 3 or 2 terms) above.
    static func stirlingError(_ n: Double) -> Double {
        let s0 = 0.083333333333333333333, s1 = 0.00277777777777777777778, s2 = 0.00079365079365079365079365
        let s3 = 0.000595238095238095238095238, s4 = 0.0008417508417508417508417508
        if n <= 15 {
            let nn = n + n
            if nn == nn.rounded(.towardZero) { return halves[Int(nn)] }
            return Double.logGamma(n + 1) - (n + 0.5) * Double.log(n) + n - 0.918938533204672741780329736406
        }
        let nn = n * n
        if n > 500 { return (s0 - s1 / nn) / n }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
    }

    /// stirlerr(k/2) for k = 0…30 (R's `sferr_halves`; the value at 0 is a placeholder).
    private static let halves: [Double] = [
        0.0, 0.1534264097200273452913848, 0.0810614667953272582196702, 0.0548141210519176538961390,
        0.0413406959554092940938221, 0.03316287351993628748511048, 0.02767792568499833914878929,
        0.02374616365629749597132920, 0.02079067210376509311152277, 0.01848845053267318523077934,
        0.01664469118982119216319487, 0.01513497322191737887351255, 0.01387612882307074799874573,
        0.01281046524292022692424986, 0.01189670994589177009505572, 0.01110455975820691732662991,
        0.010411265261972096497478567, 0.009799416126158803298389475, 0.009255462182712732917728637,
        0.008768700134139385462952823, 0.008330563433362871256469318, 0.007934114564314020547248100,
        0.007573675487951840794972024, 0.007244554301320383179543912, 0.006942840107209529865664152,
        0.006665247032707682442354394, 0.006408994188004207068439631, 0.006171712263039457647532867,
        0.005951370112758847735624416, 0.005746216513010115682023589, 0.005554733551962801371038690,
    ]
}
