/// Shared state of a row pass: the filter plan, a periodically extended copy of the current row, and the
/// source pointers of its taps.
struct RowFilter: ~Copyable {
    let plan: PeriodicConvolution
    let sourceWidth: Int
    private let extended: UnsafeMutablePointer<Double>
    private let sources: UnsafeMutablePointer<UnsafePointer<Double>>

    /// A pass over rows of `sourceWidth` samples read as `paddedWidth` (`x[c mod sourceWidth]`).
    init(sourceWidth: Int, paddedWidth n: Int, taps: Int) {
        plan = PeriodicConvolution(length: n, taps: taps)
        self.sourceWidth = sourceWidth
        extended = .allocate(capacity: n + taps - 1)
        sources = .allocate(capacity: taps)
        // Output o, tap j reads extended[o + F - 1 - j] = x[(o + F/2 - j) mod n].
        for j in 0..<taps { sources[j] = UnsafePointer(extended + (taps - 1 - j)) }
    }

    deinit {
        extended.deallocate()
        sources.deallocate()
    }

    /// One row through both filters: `low[o]`, `high[o]` for `o < lowCount`, `o < highCount`. Every output is a
    /// weighted sum of shifted copies of the extended row; the last `F/2` are then redone in PyWavelets' order.
    func filter(row x: UnsafePointer<Double>, low fl: UnsafePointer<Double>, high fh: UnsafePointer<Double>,
                into lo: UnsafeMutablePointer<Double>, lowCount: Int, _ hi: UnsafeMutablePointer<Double>, highCount: Int) {
        let n = plan.length, taps = plan.taps, s = plan.leftExtension, w = sourceWidth
        let inside = min(w, n + taps - 1 - s)
        (extended + s).update(from: x, count: inside)
        for t in 0..<s { extended[t] = x[((t - s) % n + n) % n % w] }
        for t in (s + inside)..<(n + taps - 1) { extended[t] = x[(t - s) % n % w] }
        WeightedSum.accumulate(sources, fl, terms: taps, count: lowCount, into: lo)
        WeightedSum.accumulate(sources, fh, terms: taps, count: highCount, into: hi)
        let padded = UnsafePointer(extended + s)
        for o in plan.tailStart..<n where o < lowCount || o < highCount {
            var sl = 0.0, sh = 0.0
            for term in plan.tailTerms[o - plan.tailStart] {
                sl += fl[term.tap] * padded[term.index]
                sh += fh[term.tap] * padded[term.index]
            }
            if o < lowCount { lo[o] = sl }
            if o < highCount { hi[o] = sh }
        }
    }

    /// The plane's rows through both filters (a level along `x` only).
    static func run(_ data: WaveletPlane, bank: WaveletFilterBank,
                    lowSize: (Int, Int), highSize: (Int, Int)) -> (WaveletPlane, WaveletPlane) {
        let pass = RowFilter(sourceWidth: data.width, paddedWidth: data.paddedWidth, taps: bank.decLo.count)
        var high: [Double] = []
        let low = [Double](unsafeUninitializedCapacity: lowSize.0 * lowSize.1) { lo, loCount in
            high = [Double](unsafeUninitializedCapacity: highSize.0 * highSize.1) { hi, hiCount in
                data.values.withUnsafeBufferPointer { src in
                    bank.decLo.withUnsafeBufferPointer { fl in
                        bank.decHi.withUnsafeBufferPointer { fh in
                            for r in 0..<max(lowSize.1, highSize.1) {
                                let l = r < lowSize.1 ? lo.baseAddress! + r * lowSize.0 : lo.baseAddress!
                                let h = r < highSize.1 ? hi.baseAddress! + r * highSize.0 : hi.baseAddress!
                                pass.filter(row: src.baseAddress! + (r % data.height) * data.width,
                                            low: fl.baseAddress!, high: fh.baseAddress!,
                                            into: l, lowCount: r < lowSize.1 ? lowSize.0 : 0,
                                            h, highCount: r < highSize.1 ? highSize.0 : 0)
                            }
                        }
                    }
                }
                hiCount = highSize.0 * highSize.1
            }
            loCount = lowSize.0 * lowSize.1
        }
        return (WaveletPlane(width: lowSize.0, height: lowSize.1, values: low),
                WaveletPlane(width: highSize.0, height: highSize.1, values: high))
    }
}
