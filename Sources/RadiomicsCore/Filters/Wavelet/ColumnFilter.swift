/// A column pass on its own (a level along `y` only): output row `o` is the weighted sum of input rows over its
/// terms in PyWavelets' order, which vectorises along the row.
enum ColumnFilter {
    /// - Parameter data: a plane without implicit padding (`width == paddedWidth`, `height == paddedHeight`).
    static func run(_ data: WaveletPlane, filter: [Double], size: (Int, Int)) -> WaveletPlane {
        let plan = PeriodicConvolution(length: data.height, taps: filter.count)
        let values = [Double](unsafeUninitializedCapacity: size.0 * size.1) { out, count in
            data.values.withUnsafeBufferPointer { src in
                withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: filter.count) { sources in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: filter.count) { weights in
                        for o in 0..<size.1 {
                            for (t, term) in plan.terms(output: o).enumerated() {
                                sources[t] = src.baseAddress! + term.index * data.width
                                weights[t] = filter[term.tap]
                            }
                            WeightedSum.accumulate(UnsafePointer(sources.baseAddress!), UnsafePointer(weights.baseAddress!),
                                                   terms: filter.count, count: size.0, into: out.baseAddress! + o * size.0)
                        }
                    }
                }
            }
            count = size.0 * size.1
        }
        return WaveletPlane(width: size.0, height: size.1, values: values)
    }
}
