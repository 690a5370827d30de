/// The 1-D convolution of PyWavelets' stationary transform at one level along one axis of length `n`:
/// `double_swt_` → `double_downsampling_convolution_periodization` with `step = 1`, `fstep = 1`
/// (pywt `_extensions/c/convolution.template.c`), i.e. for a filter `f` of length `F` and every output `o`
///
///     out[o] = Σ_{j = 0}^{F-1} f[j] · x[(o + F/2 − j) mod n]
///
/// PyRadiomics calls `swtn(level=1, start_level=0)` at every level, so the filter is never dilated.
///
/// PyWavelets adds the terms with `j` ascending except where the centre `i = o + F/2` passes the end of the
/// signal (`i ≥ n`, the last `F/2` outputs): there it first adds the wrapped-around terms from the lowest input
/// index up, then the rest. This plan records that order for those outputs so the sums are bit-identical to
/// PyWavelets' (the order only changes the last bits, but bit-identity makes parity trivially checkable).
struct PeriodicConvolution: Sendable {
    /// One product `f[tap] · x[index]` of a sum.
    struct Term: Sendable, Equatable {
        var tap: Int
        var index: Int
    }

    let length: Int
    let taps: Int
    /// Inputs the periodic extension needs before `x[0]`: output `o` reads extended samples `o ... o + F − 1`,
    /// where extended sample `t` is `x[(t − leftExtension) mod n]`.
    let leftExtension: Int
    /// First output whose terms PyWavelets sums in a different order.
    let tailStart: Int
    /// The terms of outputs `tailStart ..< length`, in PyWavelets' order.
    let tailTerms: [[Term]]

    init(length n: Int, taps f: Int) {
        precondition(n > 0 && f > 0, "PeriodicConvolution: empty signal or filter")
        length = n
        taps = f
        leftExtension = f - 1 - f / 2
        tailStart = max(0, n - f / 2)
        tailTerms = (tailStart..<n).map { Self.pyWaveletsTerms(centre: $0 + f / 2, length: n, taps: f) }
    }

    /// The terms of the output centred on input `i`, in the order PyWavelets' periodization loops add them
    /// (`padding = 0` because `step = 1`; the loops also cover filters longer than the signal).
    static func pyWaveletsTerms(centre i: Int, length n: Int, taps f: Int) -> [Term] {
        var terms: [Term] = []
        terms.reserveCapacity(f)
        var j = 0
        // Centre past the end: the taps reaching x[0], x[1], ... first (`filter[i-N-j] * input[k]`).
        while i - j >= n {
            var k = 0
            while k < n && i - j >= n {
                terms.append(Term(tap: i - n - j, index: k))
                k += 1
                j += 1
            }
        }
        while j <= i && j < f {
            terms.append(Term(tap: j, index: i - j))
            j += 1
        }
        // Taps reaching before x[0] wrap to x[n-1], x[n-2], ...
        while j < f {
            var k = 0
            while k < n && j < f {
                terms.append(Term(tap: j, index: n - 1 - k))
                k += 1
                j += 1
            }
        }
        return terms
    }

    /// The terms of output `o`, in PyWavelets' order.
    func terms(output o: Int) -> [Term] {
        if o >= tailStart { return tailTerms[o - tailStart] }
        let i = o + taps / 2
        return (0..<taps).map { j in Term(tap: j, index: ((i - j) % length + length) % length) }
    }
}
