/// A deterministic random number generator: xoshiro256** 1.0 (Blackman & Vigna, "Scrambled
/// linear pseudorandom number generators", ACM TOMS 2021) whose 256-bit state is filled by four
/// outputs of SplitMix64 started at the 64-bit seed (the seeding the authors recommend).
///
/// Only 64-bit wrapping integer arithmetic, shifts and rotations are involved, so the same seed
/// gives the same stream on every platform, compiler and Swift version: this is what makes a
/// bootstrap or a fold assignment reproducible across fleet workers. Do not use the standard
/// library's `Int.random(in:using:)` or `shuffle(using:)` with it where reproducibility matters:
/// their reduction of `next()` to a range is not specified and may change; use
/// `uniform(below:)` (Lemire's unbiased multiply-shift method) instead.
///
/// Independent streams for parallel jobs: `SeededGenerator(seed: s, stream: k)` mixes the job
/// index into the seed through SplitMix64, so streams k = 0, 1, 2 … of one study seed differ.
///
/// Not cryptographically secure.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the state with four consecutive SplitMix64 outputs from `seed` (never all zero).
    public init(seed: UInt64) {
        var sm = seed
        s0 = Self.splitMix64(&sm)
        s1 = Self.splitMix64(&sm)
        s2 = Self.splitMix64(&sm)
        s3 = Self.splitMix64(&sm)
    }

    /// The generator of sub-stream `stream` of `seed`: seeded with
    /// SplitMix64-output(seed) XOR SplitMix64-output(stream + golden gamma), so nearby seeds and
    /// nearby streams give unrelated states.
    public init(seed: UInt64, stream: UInt64) {
        var a = seed, b = stream &+ 0x9E37_79B9_7F4A_7C15
        self.init(seed: Self.splitMix64(&a) ^ Self.splitMix64(&b))
    }

    /// SplitMix64 (Steele, Lea & Flood 2014): advances `state` by the golden gamma and returns
    /// the mixed value.
    @inline(__always)
    public static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits (xoshiro256**: rotl(s1 · 5, 7) · 9, then the linear state step).
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(45)
        return result
    }

    /// A uniform integer in 0..<n (n > 0) without modulo bias: Lemire's method ("Fast random
    /// integer generation in an interval", ACM TOMS 2019). The 128-bit product m = next() · n
    /// has its high word in 0..<n; draws whose low word falls below 2⁶⁴ mod n are rejected, so
    /// every value has exactly the same number of accepted 64-bit inputs.
    @inline(__always)
    public mutating func uniform(below n: UInt64) -> UInt64 {
        precondition(n > 0, "uniform(below:) needs n > 0")
        var m = next().multipliedFullWidth(by: n)
        if m.low < n {
            let threshold = (0 &- n) % n  // 2⁶⁴ mod n
            while m.low < threshold { m = next().multipliedFullWidth(by: n) }
        }
        return m.high
    }

    /// A uniform index in 0..<n (n > 0), as `uniform(below: UInt64(n))`.
    @inline(__always)
    public mutating func uniform(below n: Int) -> Int {
        precondition(n > 0, "uniform(below:) needs n > 0")
        return Int(truncatingIfNeeded: uniform(below: UInt64(n)))
    }

    /// A uniform double in [0, 1) with 53 random bits: (next() >> 11) · 2⁻⁵³.
    @inline(__always)
    public mutating func unitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Fisher–Yates shuffle drawing with `uniform(below:)` (for i = n−1 … 1, swap i with
    /// uniform(below: i + 1)), reproducible across platforms unlike `shuffle(using:)`.
    public mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            let j = uniform(below: i + 1)
            if j != i { array.swapAt(i, j) }
            i -= 1
        }
    }
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotatedLeft(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
