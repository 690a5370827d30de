import Foundation
import RadiomicsCore

/// A synthetic, ultrasound-like cohort for `radfleet demo`: no real data needed, same numbers on every machine.
///
/// Each case is a B-mode-like image (depth-dependent tissue brightness with multiplicative Rayleigh speckle,
/// smoothed to the correlated grain of real scans) holding one hypoechoic lesion and its mask (0/255). Lesions of
/// node-positive cases are larger, more irregular (lobulated, spiculated margins), darker, more heterogeneous and
/// cast a posterior acoustic shadow; node-negative ones are smaller, oval, homogeneous and show posterior
/// enhancement. The outcome is drawn from a logistic model of those traits, so a radiomics model finds a real
/// but imperfect signal, as in the seed studies.
public struct DemoCohort: Sendable {
    public struct Case: Sendable {
        public let id: String
        public let image: Image2D
        public let mask: LabelMap
        /// Axillary lymph node metastasis (the outcome), 0/1.
        public let alnm: Int
        public let age: Int
        public let tumourSizeMM: Double
        /// Suspicious node reported on ultrasound, 0/1.
        public let usReportedALN: Int
        public let grade: Int
        public let cohort: String
        /// The columns and files the seed study designs add (node ROI, second reader, site, N stage, …), drawn from
        /// their own random streams so that everything above stays as it was (DemoCohort+SeedDesigns.swift).
        public internal(set) var design: SeedDesign
    }

    public let cases: [Case]
    public static let spacingMM = 0.1

    public init(count: Int = 24, seed: UInt64 = 2026, size: Int = 192) {
        var rng = SplitMix64(seed: seed)
        var cases: [Case] = []
        let projection = DemoEmbeddingProjection(seed: seed)
        for k in 0..<count {
            // Latent aggressiveness drives every trait; the outcome follows it through a logistic link.
            let aggressiveness = rng.normal()
            let pALNM = 1 / (1 + exp(-(-0.6 + 1.6 * aggressiveness)))
            let alnm = rng.uniform() < pALNM ? 1 : 0
            let lesion = Lesion(aggressiveness: aggressiveness, size: size, rng: &rng)
            let (image, mask) = Self.render(lesion: lesion, size: size, rng: &rng)
            let pixels = mask.labels.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
            let diameter = 2 * (Double(pixels) / Double.pi).squareRoot() * Self.spacingMM
            let age = Int((55 + 11 * rng.normal()).rounded()).clamped(to: 28...88)
            let usALN = rng.uniform() < (alnm == 1 ? 0.62 : 0.18) ? 1 : 0
            let grade = aggressiveness + 0.8 * rng.normal() > 0.6 ? 3 : (aggressiveness + 0.8 * rng.normal() > -0.5 ? 2 : 1)
            let id = String(format: "demo-%03d", k + 1)
            let design = SeedDesign(case: k, seed: seed, size: size, aggressiveness: aggressiveness, alnm: alnm,
                                    lesion: lesion, mask: mask, projection: projection)
            cases.append(Case(id: id, image: image, mask: mask, alnm: alnm, age: age,
                              tumourSizeMM: (diameter * 10).rounded() / 10, usReportedALN: usALN, grade: grade,
                              cohort: k < count * 7 / 10 ? "training" : "validation", design: design))
        }
        for (k, site) in Self.sites(outcomes: cases.map(\.alnm), seed: seed).enumerated() { cases[k].design.site = site }
        self.cases = cases
    }

    struct Lesion {
        var cx, cy, radius, elongation, angle: Double
        var harmonics: [(k: Double, amplitude: Double, phase: Double)]
        var mean, heterogeneity, posterior: Double

        init(aggressiveness a: Double, size: Int, rng: inout SplitMix64) {
            let s = Double(size)
            cx = s * (0.45 + 0.1 * rng.uniform())
            cy = s * (0.40 + 0.1 * rng.uniform())
            radius = s * (0.13 + 0.025 * a + 0.02 * rng.normal()).clamped(to: 0.07...0.22)
            elongation = 1.15 + 0.35 * rng.uniform()
            angle = Double.pi * rng.uniform()
            let irregular = (0.05 + 0.05 * a).clamped(to: 0.01...0.2)
            harmonics = (2...9).map { k in
                (Double(k), irregular * rng.uniform() * (k > 5 ? 0.6 : 1), 2 * Double.pi * rng.uniform())
            }
            mean = (62 - 12 * a + 5 * rng.normal()).clamped(to: 20...95)
            heterogeneity = (0.25 + 0.12 * a).clamped(to: 0.1...0.6)
            posterior = (-0.25 * a).clamped(to: -0.5...0.4)
        }

        func radius(at theta: Double) -> Double {
            var r = 1.0
            for h in harmonics { r += h.amplitude * cos(h.k * theta + h.phase) }
            return radius * r
        }

        func contains(x: Double, y: Double) -> Bool {
            let dx = x - cx, dy = y - cy
            let u = (dx * cos(angle) + dy * sin(angle)) / elongation
            let v = -dx * sin(angle) + dy * cos(angle)
            let r = (u * u + v * v).squareRoot()
            return r <= radius(at: atan2(v, u))
        }
    }

    static func render(lesion: Lesion, size: Int, rng: inout SplitMix64) -> (Image2D, LabelMap) {
        let n = size * size
        var speckle = [Double](repeating: 0, count: n)
        for i in 0..<n { speckle[i] = (-2 * log(max(rng.uniform(), 1e-12))).squareRoot() }
        speckle = boxBlur(speckle, size: size)
        var pixels = [Double](repeating: 0, count: n)
        var labels = [Int](repeating: 0, count: n)
        let spread = lesion.radius * lesion.elongation
        for y in 0..<size {
            let depth = Double(y) / Double(size)
            let tissue = 95 + 45 * sin(3.2 * depth + 0.4) - 30 * depth
            for x in 0..<size {
                let i = y * size + x
                var level = tissue
                if lesion.contains(x: Double(x), y: Double(y)) {
                    labels[i] = 255
                    level = lesion.mean * (1 + lesion.heterogeneity * (speckle[(i * 7919) % n] - 1.25))
                } else if Double(y) > lesion.cy && abs(Double(x) - lesion.cx) < spread {
                    let fade = exp(-(Double(y) - lesion.cy) / (Double(size) * 0.6))
                    level *= 1 + lesion.posterior * fade
                }
                pixels[i] = (level * speckle[i] / 1.25).rounded().clamped(to: 0...255)
            }
        }
        let spacing = PixelSpacing(x: spacingMM, y: spacingMM)
        return (Image2D(width: size, height: size, spacing: spacing, pixels: pixels),
                LabelMap(width: size, height: size, spacing: spacing, labels: labels))
    }

    static func boxBlur(_ v: [Double], size: Int) -> [Double] {
        var out = v
        for y in 0..<size {
            for x in 0..<size {
                var s = 0.0, c = 0.0
                for dy in -1...1 { for dx in -1...1 {
                    let xx = x + dx, yy = y + dy
                    if xx >= 0, yy >= 0, xx < size, yy < size { s += v[yy * size + xx]; c += 1 }
                } }
                out[y * size + x] = s / c
            }
        }
        return out
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fully specified generator, so the demo cohort is the same on
/// every platform and Swift version.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal by Box–Muller (one draw per call; simple and deterministic).
    mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
