/// The cost:benefit ratio axis rmda draws under the threshold axis of decision and clinical impact curves: a
/// threshold p corresponds to the ratio p : (1 − p) of the harm of a false positive to the benefit of a true
/// positive, written as the smallest whole numbers (0.2 → "1:4", 0.4 → "2:3"; 0 → "1:100", 1 → "100:1" as rmda).
enum CostBenefitAxis {
    static func draw(_ d: inout Drawing, frame f: PlotFrame, thresholds: [Double], y: Double) {
        d.line(f.left, y, f.right, y, stroke: Style.frame)
        for t in thresholds where t >= f.x.lowerBound && t <= f.x.upperBound {
            d.line(f.px(t), y, f.px(t), y + 4, stroke: Style.frame)
            d.text(label(t), f.px(t), y + 17, size: Style.tickSize, anchor: .middle)
        }
        d.text("Cost:Benefit Ratio", f.left + f.width / 2, y + 36, size: Style.labelSize, anchor: .middle)
    }

    /// "a:b" with a / b = p / (1 − p), from the continued fraction of p / (1 − p) with b ≤ 100.
    static func label(_ p: Double) -> String {
        if p <= 0 { return "1:100" }
        if p >= 1 { return "100:1" }
        let (a, b) = fraction(p / (1 - p), maxDenominator: 100)
        return "\(a):\(b)"
    }

    static func fraction(_ x: Double, maxDenominator: Int) -> (Int, Int) {
        var h0 = 0, h1 = 1, k0 = 1, k1 = 0  // convergents h/k
        var v = x
        for _ in 0..<32 {
            let a = Int(v.rounded(.down))
            let h2 = a * h1 + h0, k2 = a * k1 + k0
            if k2 > maxDenominator || h2 > 100 * maxDenominator { break }
            (h0, h1, k0, k1) = (h1, h2, k1, k2)
            let rest = v - Double(a)
            if abs(Double(h1) / Double(k1) - x) <= 1e-9 * max(1, x) || rest < 1e-12 { break }
            v = 1 / rest
        }
        return k1 == 0 ? (Int(x.rounded()), 1) : (h1, k1)
    }
}
