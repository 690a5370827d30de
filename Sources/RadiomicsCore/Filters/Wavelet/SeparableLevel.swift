/// A two-axis `swtn` level (axes `(1, 0)`: rows first, then columns) in one sweep, without intermediate planes:
/// the row-filtered rows (`a`, `d`) live in two ring buffers of `F` rows, each computed once as the column
/// filter's window slides down, and every output row of `aa`, `ad`, `da`, `dd` is written once. Only the input
/// and the four outputs touch memory, which is what bounds the speed of this transform.
///
/// Column output `o` (centre `i = o + F/2`) reads row-filtered row `(i − tap) mod n` for each tap; row `u` of the
/// unwrapped sequence `i − F + 1 ... i` sits in ring slot `u mod F`, so PyWavelets' term order (including its
/// order at the wrapped end, `PeriodicConvolution.terms`) maps straight onto ring slots.
enum SeparableLevel {
    /// - Parameters:
    ///   - data: the level's input, read through its wrap padding.
    ///   - bank: the wavelet.
    ///   - sizes: the kept top-left size of `aa`, `ad`, `da`, `dd` (each at most the padded size).
    /// - Returns: `aa`, `ad`, `da`, `dd`, in swtn's order.
    static func run(_ data: WaveletPlane, bank: WaveletFilterBank, sizes: [(Int, Int)]) -> [WaveletPlane] {
        let n = data.paddedWidth, height = data.paddedHeight, taps = bank.decLo.count
        let rowWidth = sizes.map(\.0).max()!
        let outputRows = sizes.map(\.1).max()!
        let rows = RowFilter(sourceWidth: data.width, paddedWidth: n, taps: taps)
        let columns = PeriodicConvolution(length: height, taps: taps)
        let ringA = UnsafeMutablePointer<Double>.allocate(capacity: taps * n)
        let ringD = UnsafeMutablePointer<Double>.allocate(capacity: taps * n)
        let sourcesA = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: taps)
        let sourcesD = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: taps)
        let weightsL = UnsafeMutablePointer<Double>.allocate(capacity: taps)
        let weightsH = UnsafeMutablePointer<Double>.allocate(capacity: taps)
        defer {
            ringA.deallocate(); ringD.deallocate()
            sourcesA.deallocate(); sourcesD.deallocate()
            weightsL.deallocate(); weightsH.deallocate()
        }
        let values = uninitializedArrays(sizes.map { $0.0 * $0.1 }[...], []) { out in
            data.values.withUnsafeBufferPointer { srcBuffer in
                bank.decLo.withUnsafeBufferPointer { flBuffer in
                    bank.decHi.withUnsafeBufferPointer { fhBuffer in
                        let src = srcBuffer.baseAddress!, fl = flBuffer.baseAddress!, fh = fhBuffer.baseAddress!
                        let bands = [(sourcesA, weightsL), (sourcesA, weightsH), (sourcesD, weightsL), (sourcesD, weightsH)]
                        var next = taps / 2 - taps + 1
                        for o in 0..<outputRows {
                            let i = o + taps / 2
                            while next <= i {
                                let r = (next % height + height) % height
                                let slot = (next % taps + taps) % taps
                                rows.filter(row: src + (r % data.height) * data.width, low: fl, high: fh,
                                            into: ringA + slot * n, lowCount: rowWidth, ringD + slot * n, highCount: rowWidth)
                                next += 1
                            }
                            for (t, term) in columns.terms(output: o).enumerated() {
                                let slot = ((i - term.tap) % taps + taps) % taps
                                sourcesA[t] = UnsafePointer(ringA + slot * n)
                                sourcesD[t] = UnsafePointer(ringD + slot * n)
                                weightsL[t] = fl[term.tap]
                                weightsH[t] = fh[term.tap]
                            }
                            for (b, (sources, weights)) in bands.enumerated() where o < sizes[b].1 {
                                WeightedSum.accumulate(sources, weights, terms: taps, count: sizes[b].0,
                                                       into: out[b] + o * sizes[b].0)
                            }
                        }
                    }
                }
            }
        }
        return zip(sizes, values).map { WaveletPlane(width: $0.0.0, height: $0.0.1, values: $0.1) }
    }

    /// Arrays of the given counts, filled by `body` through their base addresses (no zeroing pass).
    private static func uninitializedArrays(_ counts: ArraySlice<Int>, _ pointers: [UnsafeMutablePointer<Double>],
                                            _ body: ([UnsafeMutablePointer<Double>]) -> Void) -> [[Double]] {
        guard let count = counts.first else {
            body(pointers)
            return []
        }
        var rest: [[Double]] = []
        let first = [Double](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in
            rest = uninitializedArrays(counts.dropFirst(), pointers + [buffer.baseAddress!], body)
            initialized = count
        }
        return [first] + rest
    }
}
