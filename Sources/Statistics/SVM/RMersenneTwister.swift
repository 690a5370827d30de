/// R's default uniform generator, `RNGkind("Mersenne-Twister")`, seeded as `set.seed(seed)` does
/// (R's RNG.c: 50 rounds of the LCG seed = 69069 · seed + 1 scramble the seed, 625 more fill
/// mti and the 624-word state, mti := 624) and returning `unif_rand()` (MT19937 genrand ×
/// 2.3283064365386963e-10, kept inside (0, 1)).
///
/// Only used to reproduce e1071's Platt folds: e1071's libsvm shuffles with
/// `j = i + (int)(unif_rand() · (l − i)) % (l − i)`, so `set.seed(s); svm(…, probability = TRUE)`
/// in R and `PlattFolds.rSetSeed(s)` here draw the same folds.
package struct RMersenneTwister {
    private var mt = [UInt32](repeating: 0, count: 624)
    private var mti = 624

    package init(setSeed seed: Int32) {
        var s = UInt32(bitPattern: seed)
        for _ in 0..<50 { s = s &* 69069 &+ 1 }
        s = s &* 69069 &+ 1  // i_seed[0] (mti), overwritten by FixupSeeds
        for j in 0..<624 {
            s = s &* 69069 &+ 1
            mt[j] = s
        }
        mti = 624
    }

    package mutating func unifRand() -> Double {
        let n = 624, m = 397
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7fff_ffff, matrixA: UInt32 = 0x9908_b0df
        if mti >= n {
            for kk in 0..<(n - m) {
                let y = (mt[kk] & upper) | (mt[kk + 1] & lower)
                mt[kk] = mt[kk + m] ^ (y >> 1) ^ ((y & 1) == 1 ? matrixA : 0)
            }
            for kk in (n - m)..<(n - 1) {
                let y = (mt[kk] & upper) | (mt[kk + 1] & lower)
                mt[kk] = mt[kk + (m - n)] ^ (y >> 1) ^ ((y & 1) == 1 ? matrixA : 0)
            }
            let y = (mt[n - 1] & upper) | (mt[0] & lower)
            mt[n - 1] = mt[m - 1] ^ (y >> 1) ^ ((y & 1) == 1 ? matrixA : 0)
            mti = 0
        }
        var y = mt[mti]
        mti += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        let u = Double(y) * 2.3283064365386963e-10
        let half = 0.5 * 2.328306437080797e-10
        if u <= 0 { return half }
        if 1 - u <= 0 { return 1 - half }
        return u
    }

    /// e1071's shuffle of 0..<l.
    package mutating func e1071Permutation(_ l: Int) -> [Int] {
        var perm = Array(0..<l)
        for i in 0..<l {
            let j = i + Int(unifRand() * Double(l - i)) % (l - i)
            perm.swapAt(i, j)
        }
        return perm
    }
}
