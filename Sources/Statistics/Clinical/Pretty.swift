import RealModule

/// R's `pretty()`: about `n + 1` equally spaced "round" values (1, 2 or 5 times a power of ten) that cover the
/// range of `values`, as base::pretty.default with its defaults (min.n = n %/% 3, shrink.sml = 0.75,
/// high.u.bias = 1.5, u5.bias = 0.5 + 1.5 · high.u.bias, f.min = 2^-20, eps.correct = 0, bounds = TRUE).
///
/// Follows R_pretty (src/appl/pretty.c): cell = range / n, base = 10^floor(log10 cell), the unit is the first of
/// base · {1, 2, 5, 10} whose excess over the cell is below the bias-weighted shortfall of the previous one;
/// ns = floor(lo / unit), nu = ceil(up / unit) (tolerance 1e-10 units), widened to `min.n` intervals if needed.
/// The values are then `seq.int(l, u, length.out = k + 1)` with values below 1e-14 · unit set to exactly 0.
/// Used for rms::nomogram's axes.
public func pretty(_ values: [Double], n: Int = 5) -> [Double] {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let up = finite.max() else { return [] }
    let bounds = prettyBounds(lo: lo, up: up, n: n, minN: n / 3)
    var s = rSeqLength(from: bounds.lo, to: bounds.up, count: bounds.intervals + 1)
    if bounds.intervals > 0 {
        let delta = max(bounds.lo, bounds.up) / Double(bounds.intervals) - min(bounds.lo, bounds.up) / Double(bounds.intervals)
        for i in s.indices where abs(s[i]) < 1e-14 * delta { s[i] = 0 }
    }
    return s
}

/// R_pretty with `return_bounds = TRUE`: the covering bounds (multiples of `unit`, or the input bound when that
/// is within 1e-10 units of one) and the number of intervals.
package func prettyBounds(lo loIn: Double, up upIn: Double, n: Int, minN: Int,
                          shrinkSml: Double = 0.75, highUBias h: Double = 1.5, fMin: Double = 0x1p-20)
    -> (lo: Double, up: Double, intervals: Int, unit: Double)
{
    let h5 = 0.5 + 1.5 * h
    let roundingEps = 1e-10
    let dx = upIn - loIn
    var cell: Double
    let isSmall: Bool
    if dx == 0 && upIn == 0 {
        cell = 1
        isSmall = true
    } else {
        cell = max(abs(loIn), abs(upIn))
        var u = 1 + ((h5 >= 1.5 * h + 0.5) ? 1 / (1 + h) : 1.5 / (1 + h5))
        u *= Double(max(1, n)) * Double.ulpOfOne
        isSmall = dx < cell * u * 3
    }
    if isSmall {
        if cell > 10 { cell = 9 + cell / 10 }
        cell *= shrinkSml
        if minN > 1 { cell /= Double(minN) }
    } else {
        cell = dx
        if dx.isFinite {
            if n > 1 { cell /= Double(n) }
        } else if n >= 2 {
            cell = upIn / Double(n) - loIn / Double(n)
        }
    }
    var subsmall = fMin * Double.leastNormalMagnitude
    if subsmall == 0 { subsmall = Double.leastNormalMagnitude }
    if cell < subsmall {
        cell = subsmall
    } else if cell > Double.greatestFiniteMagnitude / 1.25 {
        cell = Double.greatestFiniteMagnitude / 1.25
    }
    let base = Double.pow(10, (Double.log10(cell)).rounded(.down))
    var unit = base
    var candidate = 2 * base
    if candidate - cell < h * (cell - unit) {
        unit = candidate
        candidate = 5 * base
        if candidate - cell < h5 * (cell - unit) {
            unit = candidate
            candidate = 10 * base
            if candidate - cell < h * (cell - unit) { unit = candidate }
        }
    }
    var ns = (loIn / unit + roundingEps).rounded(.down)
    var nu = (upIn / unit - roundingEps).rounded(.up)
    while ns * unit > loIn + roundingEps * unit { ns -= 1 }
    while !(ns * unit).isFinite { ns += 1 }
    while nu * unit < upIn - roundingEps * unit { nu += 1 }
    while !(nu * unit).isFinite { nu -= 1 }
    var k = Int(0.5 + nu - ns)
    let intervals: Int
    if k < minN {
        k = minN - k
        if loIn == 0 && ns == 0 && upIn != 0 {
            nu += Double(k)
        } else if upIn == 0 && nu == 0 && loIn != 0 {
            ns -= Double(k)
        } else if ns >= 0 {
            nu += Double(k / 2)
            ns -= Double(k / 2 + k % 2)
        } else {
            ns -= Double(k / 2)
            nu += Double(k / 2 + k % 2)
        }
        intervals = minN
    } else {
        intervals = k
    }
    var lo = loIn, up = upIn
    if ns * unit < lo { lo = ns * unit }
    if nu * unit > up { up = nu * unit }
    return (lo, up, intervals, unit)
}

/// R's `seq(from, to, length.out = count)` (seq.default and seq.int agree): the end points exactly, and
/// `from + i · ((to − from) / (count − 1))` between them.
package func rSeqLength(from: Double, to: Double, count: Int) -> [Double] {
    guard count > 0 else { return [] }
    if count == 1 { return [from] }
    if count > 2 && from == to { return Array(repeating: from, count: count) }
    let by = (to - from) / Double(count - 1)
    var s = [Double](repeating: 0, count: count)
    s[0] = from
    s[count - 1] = to
    if count > 2 { for i in 1..<(count - 1) { s[i] = from + Double(i) * by } }
    return s
}
