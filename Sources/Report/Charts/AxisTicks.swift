import Foundation

/// "Nice" axis ticks (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990): steps of 1, 2 or 5
/// times a power of ten, covering [low, high] with about `count` ticks.
public enum AxisTicks {
    public static func nice(low: Double, high: Double, count: Int = 5) -> (low: Double, high: Double, step: Double, ticks: [Double]) {
        var lo = low, hi = high
        if !(lo.isFinite && hi.isFinite) { lo = 0; hi = 1 }
        if lo == hi { lo -= 0.5; hi += 0.5 }
        if lo > hi { swap(&lo, &hi) }
        let range = niceNumber(hi - lo, round: false)
        let step = niceNumber(range / Double(max(1, count - 1)), round: true)
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var t = first
        while t <= last + step * 0.5 {
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return (first, last, step, ticks)
    }

    static func niceNumber(_ x: Double, round: Bool) -> Double {
        let exponent = (log10(x)).rounded(.down)
        let fraction = x / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }

    /// A tick label with no more decimals than the step needs.
    public static func label(_ value: Double, step: Double) -> String {
        let decimals = max(0, Int(-(log10(step)).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }
}
