/// Ranks with ties given their average rank, as R's `rank(x)` (ties.method = "average"), and the
/// sizes of the tie groups (R's `table(rank(x))`).
package struct AverageRanks: Sendable {
    /// ranks[i] is the rank of values[i] (1-based; a tie over sorted positions i…j gets (i + j)/2).
    package let ranks: [Double]
    /// The size of each group of equal values, in ascending order of value.
    package let tieSizes: [Int]

    package init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var sizes: [Int] = []
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end + 2) / 2
            for p in start...end { ranks[order[p]] = rank }
            sizes.append(end - start + 1)
            start = end + 1
        }
        self.ranks = ranks
        tieSizes = sizes
    }

    /// True when some value occurs more than once.
    package var hasTies: Bool { tieSizes.count < ranks.count }

    /// Σ (t³ − t) over the tie groups, the tie term of the rank tests' variances.
    package var tieCorrectionSum: Double {
        var s = RSum()
        for t in tieSizes { let d = Double(t); s.add(d * d * d - d) }
        return s.value
    }
}
