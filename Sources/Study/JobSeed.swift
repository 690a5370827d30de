/// Seeds of jobs, derived from the study seed and the job id only — never from the worker or the clock — so a
/// study gives the same numbers on one worker or forty (DESIGN.md, "Randomness is explicit").
public enum JobSeed {
    /// SplitMix64's finaliser over the study seed mixed with the FNV-1a hash of the job id.
    public static func derive(studySeed: UInt64, jobId: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in jobId.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        var z = studySeed &+ 0x9E37_79B9_7F4A_7C15 &+ h
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
