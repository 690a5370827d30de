/// `numpy.nanmean` of a few values (one per angle): the mean of those that are not NaN, summed in order; NaN if
/// none. (NumPy's pairwise summation adds fewer than 8 values in order, so this is its result bit for bit.)
func nanMean(_ values: [Double]) -> Double {
    var s = 0.0, k = 0
    for v in values where !v.isNaN {
        s += v
        k += 1
    }
    return k == 0 ? .nan : s / Double(k)
}
