/// R's `sample.int(n, size, replace = TRUE)` (R ≥ 3.6, `sample.kind = "Rejection"`, the default) on
/// top of R's Mersenne Twister, so `set.seed(s); sample(x, replace = TRUE)` in R and
/// `RMersenneTwister(setSeed: s).sampleWithReplacement(n: x.count)` here pick the same elements.
///
/// R's do_sample (src/main/random.c) draws each index as `R_unif_index(n) + 1`; R_unif_index
/// (src/main/RNG.c) rejects draws from the integers below the next power of two:
/// bits = ⌈log₂ n⌉; repeat v := rbits(bits) until v < n, where rbits assembles 16 bits per
/// `unif_rand()` (⌊u · 65536⌋, for k = 0, 16, … ≤ bits, most significant first) and keeps the low
/// `bits` bits. So n = 1 still consumes one `unif_rand()` per draw, and n = 2¹⁶ consumes two.
extension RMersenneTwister {
    /// R's `R_unif_index(n)`: a uniform integer in 0..<n by rejection (n ≥ 1).
    package mutating func unifIndex(_ n: Int) -> Int {
        precondition(n >= 1, "unifIndex needs n ≥ 1")
        // ⌈log₂ n⌉ for an integer n ≥ 1 (R computes it with ceil(log2(dn)), exact for n < 2³¹).
        let bits = n == 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount
        let mask: Int64 = (Int64(1) << Int64(bits)) - 1
        while true {
            var v: Int64 = 0
            var k = 0
            while k <= bits {
                v = 65536 &* v &+ Int64((unifRand() * 65536).rounded(.down))
                k += 16
            }
            let dv = v & mask
            if dv < Int64(n) { return Int(dv) }
        }
    }

    /// R's `sample.int(n, size, replace = TRUE) - 1`: `size` zero-based indices into 0..<n.
    package mutating func sampleWithReplacement(n: Int, size: Int? = nil) -> [Int] {
        let k = size ?? n
        var out = [Int](repeating: 0, count: k)
        for i in 0..<k { out[i] = unifIndex(n) }
        return out
    }
}
