/// Chosen order statistics of a sample without sorting it: `value(rank:)` is what `sorted()[rank]` would be.
///
/// FirstOrder needs a handful of ranks (minimum, maximum and the two neighbours of each NumPy percentile), and a
/// full sort of every ROI's values was a fifth of the whole extraction time. Bucket selection needs three
/// predictable passes instead: the range `[min, max]` is cut into about n/4 equal buckets, the values are counted
/// per bucket, the buckets holding the wanted ranks are found from the cumulative counts, and only their values
/// are gathered and resolved the same way (sorted once they are few). `floor((v - min) · scale)` never decreases
/// as `v` grows, even rounded, so bucket order is value order and the result is exact.
package struct OrderStatistics {
    private var known: [Int: Double] = [:]

    /// Selects `ranks` (each in `0..<values.count`) of `values`.
    package init(_ values: [Double], ranks: [Int]) {
        precondition(!values.isEmpty, "OrderStatistics of an empty sample")
        let wanted = Array(Set(ranks)).sorted()
        precondition(wanted.allSatisfy { $0 >= 0 && $0 < values.count }, "OrderStatistics: rank out of range")
        values.withUnsafeBufferPointer { Self.resolve($0, ranks: wanted, offset: 0, into: &known) }
    }

    /// The value of rank `rank` (0 = smallest); `rank` must be one of the ranks selected.
    package func value(rank: Int) -> Double {
        guard let v = known[rank] else { preconditionFailure("OrderStatistics: rank \(rank) was not selected") }
        return v
    }

    /// Stores in `known[offset + r]` the value of rank `r` of `values`, for every `r` of `ranks` (sorted).
    private static func resolve(_ values: UnsafeBufferPointer<Double>, ranks: [Int], offset: Int, into known: inout [Int: Double]) {
        let n = values.count
        if n <= 64 {
            let sorted = values.sorted()
            for r in ranks { known[offset + r] = sorted[r] }
            return
        }
        var low = values[0], high = values[0]
        for v in values {
            low = min(low, v)
            high = max(high, v)
        }
        let buckets = n / 4
        let scale = Double(buckets) / (high - low)
        guard low < high, scale.isFinite else {
            if low == high {
                for r in ranks { known[offset + r] = low }
            } else {
                let sorted = values.sorted()
                for r in ranks { known[offset + r] = sorted[r] }
            }
            return
        }
        @inline(__always) func bucket(_ v: Double) -> Int { min(buckets - 1, Int((v - low) * scale)) }

        var counts = [Int](repeating: 0, count: buckets)
        counts.withUnsafeMutableBufferPointer { c in
            for v in values { c[bucket(v)] += 1 }
        }
        // The bucket of each wanted rank, and how many values lie in the buckets before it.
        var slotOfBucket = [Int](repeating: -1, count: buckets)
        var chosen: [(bucket: Int, before: Int, ranks: [Int])] = []
        var before = 0, b = 0
        for r in ranks {
            while before + counts[b] <= r {
                before += counts[b]
                b += 1
            }
            if chosen.last?.bucket == b {
                chosen[chosen.count - 1].ranks.append(r - before)
            } else {
                slotOfBucket[b] = chosen.count
                chosen.append((b, before, [r - before]))
            }
        }
        var gathered = chosen.map { c -> [Double] in
            var a = [Double]()
            a.reserveCapacity(counts[c.bucket])
            return a
        }
        for v in values {
            let slot = slotOfBucket[bucket(v)]
            if slot >= 0 { gathered[slot].append(v) }
        }
        for (c, part) in zip(chosen, gathered) {
            part.withUnsafeBufferPointer { resolve($0, ranks: c.ranks, offset: offset + c.before, into: &known) }
        }
    }
}
