/// Fixed-point text of doubles exactly as C's `printf("%.*f")` (and so R's `sprintf`) prints them:
/// the binary value is rounded to `decimals` places half-to-even on its exact expansion, so 0.345
/// (stored as 0.34499999999999997…) gives "0.34" and 0.125 gives "0.12". Negative values keep their
/// sign even when they round to zero ("-0.00"), as printf does. No Foundation needed.
package enum FixedFormat {
    /// - Parameter decimals: 0…15.
    package static func string(_ v: Double, decimals: Int) -> String {
        precondition((0...15).contains(decimals), "decimals must be in 0...15")
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "Inf" }
        let sign = v.sign == .minus ? "-" : ""
        let a = abs(v)
        var pow10: UInt128 = 1
        for _ in 0..<decimals { pow10 *= 10 }
        let scaled: UInt128
        if a == 0 {
            scaled = 0
        } else {
            let significand = UInt128(a.significandBitPattern) | (a.isNormal ? UInt128(1) << 52 : 0)
            let e2 = a.isNormal ? Int(a.exponent) - 52 : -1074
            if e2 >= 0 {
                // An integer: exact while it fits 64 bits; beyond that (≥ 1.8e19) the shortest
                // round-trip digits stand in (tables never print such values).
                guard a < 18446744073709551616.0 else { return sign + "\(a)" }
                return sign + "\(UInt64(a))" + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "")
            }
            let shift = -e2
            let product = significand * pow10  // < 2^53 · 10^15 < 2^103
            if shift >= 127 {
                scaled = 0
            } else {
                var q = product >> shift
                let r = product & ((UInt128(1) << shift) - 1)
                let half = UInt128(1) << (shift - 1)
                if r > half || (r == half && q & 1 == 1) { q += 1 }
                scaled = q
            }
        }
        let whole = scaled / pow10, fraction = scaled % pow10
        guard decimals > 0 else { return sign + "\(whole)" }
        let digits = "\(fraction)"
        return sign + "\(whole)." + String(repeating: "0", count: decimals - digits.count) + digits
    }

    /// A p-value as tables print it: "<0.001" below 10^−decimals (for decimals = 3), else fixed to
    /// `decimals` places; NaN gives "NA".
    package static func pValue(_ p: Double, decimals: Int = 3) -> String {
        if p.isNaN { return "NA" }
        let floor = Double("1e-\(decimals)")!  // correctly rounded 10^−decimals
        if p < floor { return "<" + string(floor, decimals: decimals) }
        return string(p, decimals: decimals)
    }
}
