/// Sums, means and variances of doubles as R computes them (src/main/summary.c `rsum`, `real_mean`;
/// src/library/stats/src/cov.c): accumulated in C's `long double` in input order and rounded to double at the end.
/// On x86-64 that is the 80-bit extended format (`Float80`); where C's long double is plain double (arm64
/// macOS), so is this. Fixtures made by R then match to the last bit.
package struct RSum {
    #if arch(x86_64) || arch(i386)
    package typealias Wide = Float80
    #else
    package typealias Wide = Double
    #endif

    private var s: Wide = 0
    @inline(__always) package mutating func add(_ x: Double) { s += Wide(x) }
    package var value: Double { Double(s) }
    package init() {}

    /// R's `sum(xs)`.
    package static func of(_ xs: [Double]) -> Double {
        var s = RSum()
        for x in xs { s.add(x) }
        return s.value
    }

    /// R's `mean(xs)`: the long-double sum divided by n, then (when finite) the mean of the residuals added back.
    package static func mean(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        return Double(wideMean(xs))
    }

    /// R's `var(xs)`: the two-pass mean in long double, then Σ(x − m)² / (n − 1) with each square in double.
    package static func variance(_ xs: [Double]) -> Double {
        guard xs.count > 1 else { return .nan }
        let m = Double(wideMean(xs))
        var ss: Wide = 0
        for x in xs { let d = x - m; ss += Wide(d * d) }
        return Double(ss / Wide(xs.count - 1))
    }

    private static func wideMean(_ xs: [Double]) -> Wide {
        let n = Wide(xs.count)
        var s: Wide = 0
        for x in xs { s += Wide(x) }
        s /= n
        if Double(s).isFinite {
            var t: Wide = 0
            for x in xs { t += Wide(x) - s }
            s += t / n
        }
        return s
    }
}
