import Foundation
import RadiomicsCore

/// What the five seed study designs (examples/) need beyond the first demo cohort: a second ROI (the most
/// suspicious axillary lymph node, seed 001), second-reader masks for the ICC step (000, 001), a site column with
/// four cohorts (001), the nodal stage for the three-class and burden tasks (002, 004), more clinical variables
/// (000, 003) and a table of CNN-like deep features (004).
///
/// Every value here comes from random streams of its own (`SplitMix64` seeded from the cohort seed mixed with a
/// constant and the case number), never from the stream that draws the original cases, so the original images,
/// masks and columns are byte-identical to the cohort of the same seed before these were added.
extension DemoCohort {
    public struct SeedDesign: Sendable {
        /// The most suspicious axillary lymph node: its own image and mask (0/255), same size and spacing.
        public let nodeImage: Image2D
        public let nodeMask: LabelMap
        /// The second reader's tumour and node masks (about 40 % of cases have them; nil: none).
        public let readerMask: LabelMap?
        public let nodeReaderMask: LabelMap?
        /// training / internal / external / prospective (about 50 / 15 / 20 / 15 %, balanced by outcome).
        public internal(set) var site: String
        /// N0 / N1-2 / N3+ (N0 exactly when alnm = 0).
        public let nStage: String
        /// outer / inner / central.
        public let location: String
        /// IDC / ILC / other.
        public let tumourType: String
        public let multifocal: Int
        /// Suspicious node reported on MRI, 0/1.
        public let mriReportedLN: Int
        /// The stand-in for CNN embeddings: `DemoEmbeddingProjection.count` values.
        public let deepFeatures: [Double]

        /// High nodal burden (≥ 3 positive nodes), 0/1.
        public var highBurden: Int { nStage == "N3+" ? 1 : 0 }

        public static let sites = ["training", "internal", "external", "prospective"]
        static let siteShares = [0.50, 0.15, 0.20, 0.15]

        init(case k: Int, seed: UInt64, size: Int, aggressiveness a: Double, alnm: Int, lesion: Lesion, mask: LabelMap,
             projection: DemoEmbeddingProjection) {
            var rng = SplitMix64.stream(seed: seed, salt: 0x6E6F_6465_2D72_6F69, index: k)
            // The node: its look follows the outcome and the tumour's aggressiveness, with more noise than the tumour.
            let z = 0.45 * a + (alnm == 1 ? 0.35 : -0.25) + 0.9 * rng.normal()
            let node = Node(score: z, size: size, rng: &rng)
            (nodeImage, nodeMask) = DemoCohort.render(node: node, size: size, rng: &rng)
            if rng.uniform() < 0.4 {
                readerMask = DemoCohort.secondReader(mask, rng: &rng)
                nodeReaderMask = DemoCohort.secondReader(nodeMask, rng: &rng)
            } else {
                readerMask = nil
                nodeReaderMask = nil
            }
            site = Self.sites[0]
            if alnm == 0 {
                nStage = "N0"
            } else {
                let pHigh = 1 / (1 + exp(-(-0.9 + 1.3 * a + 0.5 * rng.normal())))
                nStage = rng.uniform() < pHigh ? "N3+" : "N1-2"
            }
            // Clinical variables, each only weakly related to the outcome.
            let positive = alnm == 1
            let u = rng.uniform(), pOuter = positive ? 0.56 : 0.5, pCentral = positive ? 0.2 : 0.16
            location = u < pOuter ? "outer" : (u < pOuter + pCentral ? "central" : "inner")
            let t = rng.uniform()
            tumourType = t < (positive ? 0.8 : 0.7) ? "IDC" : (t < (positive ? 0.92 : 0.82) ? "ILC" : "other")
            multifocal = rng.uniform() < (positive ? 0.25 : 0.12) ? 1 : 0
            mriReportedLN = rng.uniform() < (positive ? 0.5 : 0.22) ? 1 : 0
            let irregularity = lesion.harmonics.reduce(0) { $0 + $1.amplitude }
            // What a CNN could see: the drawn traits of the lesion and the node (not the latent scores behind them).
            let traits = [lesion.radius / Double(size) * 8 - 1, lesion.elongation * 2 - 2.6, irregularity * 5 - 1,
                          (lesion.mean - 62) / 15, lesion.heterogeneity * 5 - 1.25, lesion.posterior * 4,
                          node.roundness * 4 - 2.4, node.hilum * 3 - 1, (node.cortexMean - 60) / 15]
            deepFeatures = projection.features(traits: traits, rng: &rng)
        }
    }

    /// The most suspicious axillary node: an ellipse (long semi-axis `radius`, short = `roundness` × long) with a
    /// hypoechoic cortex around an eccentric echogenic fatty hilum. A high `score` (node-positive) gives a rounder,
    /// darker node with a thick cortex and a lost hilum; a low one an oval node with a thin cortex and a clear hilum.
    struct Node {
        var cx, cy, radius, roundness, angle: Double
        var harmonics: [(k: Double, amplitude: Double, phase: Double)]
        /// Hilum size as a fraction of the node (0: lost), its centre offset along the long axis (node units).
        var hilum, hilumOffset: Double
        var cortexMean, hilumMean, heterogeneity: Double

        init(score z: Double, size: Int, rng: inout SplitMix64) {
            let s = Double(size)
            cx = s * (0.45 + 0.1 * rng.uniform())
            cy = s * (0.42 + 0.1 * rng.uniform())
            radius = s * (0.17 + 0.02 * z + 0.02 * rng.normal()).clamped(to: 0.12...0.24)
            roundness = (0.55 + 0.15 * z + 0.06 * rng.normal()).clamped(to: 0.4...1)
            angle = 0.3 * rng.normal()
            let irregular = (0.02 + 0.02 * max(z, 0)).clamped(to: 0.01...0.08)
            harmonics = (2...5).map { k in (Double(k), irregular * rng.uniform(), 2 * Double.pi * rng.uniform()) }
            let h = (0.55 - 0.25 * z + 0.08 * rng.normal()).clamped(to: 0...0.75)
            hilum = h < 0.15 ? 0 : h
            hilumOffset = (1 - hilum) * (0.4 * rng.uniform() - 0.2)
            cortexMean = (60 - 12 * z + 5 * rng.normal()).clamped(to: 20...95)
            hilumMean = (150 + 10 * rng.normal()).clamped(to: 110...200)
            heterogeneity = (0.2 + 0.08 * z).clamped(to: 0.1...0.5)
        }

        /// The point in node units: u along the long axis, v along the short one (the boundary is near radius 1).
        func local(x: Double, y: Double) -> (u: Double, v: Double) {
            let dx = x - cx, dy = y - cy
            let u = (dx * cos(angle) + dy * sin(angle)) / radius
            let v = (-dx * sin(angle) + dy * cos(angle)) / (radius * roundness)
            return (u, v)
        }

        func contains(u: Double, v: Double) -> Bool {
            var r = 1.0
            let theta = atan2(v, u)
            for h in harmonics { r += h.amplitude * cos(h.k * theta + h.phase) }
            return (u * u + v * v).squareRoot() <= r
        }
    }

    static func render(node: Node, size: Int, rng: inout SplitMix64) -> (Image2D, LabelMap) {
        let n = size * size
        var speckle = [Double](repeating: 0, count: n)
        for i in 0..<n { speckle[i] = (-2 * log(max(rng.uniform(), 1e-12))).squareRoot() }
        speckle = boxBlur(speckle, size: size)
        var pixels = [Double](repeating: 0, count: n)
        var labels = [Int](repeating: 0, count: n)
        for y in 0..<size {
            let depth = Double(y) / Double(size)
            let fat = 105 + 30 * sin(2.5 * depth + 1) - 25 * depth
            for x in 0..<size {
                let i = y * size + x
                var level = fat
                let (u, v) = node.local(x: Double(x), y: Double(y))
                if node.contains(u: u, v: v) {
                    labels[i] = 255
                    level = node.cortexMean * (1 + node.heterogeneity * (speckle[(i * 7919) % n] - 1.25))
                    if node.hilum > 0 {
                        // The hilum: an ellipse of the node's shape, scaled by `hilum`, with a soft edge.
                        let du = (u - node.hilumOffset) / node.hilum, dv = v / node.hilum
                        let inside = (1.15 - (du * du + dv * dv).squareRoot()) / 0.3
                        let w = inside.clamped(to: 0...1)
                        level = (1 - w) * level + w * node.hilumMean
                    }
                }
                pixels[i] = (level * speckle[i] / 1.25).rounded().clamped(to: 0...255)
            }
        }
        let spacing = PixelSpacing(x: spacingMM, y: spacingMM)
        return (Image2D(width: size, height: size, spacing: spacing, pixels: pixels),
                LabelMap(width: size, height: size, spacing: spacing, labels: labels))
    }

    /// A second reader's outline of the same ROI: the boundary moved along the rays from the mask's centroid by a
    /// smooth random radial jitter δ(θ) = b + Σₖ aₖ cos(kθ + φₖ) (k = 1…4), scaled so that max |δ| is 1–3 pixels
    /// (δ > 0: the second reader draws wider there). Returns the mask unchanged if the jitter would empty it.
    static func secondReader(_ mask: LabelMap, rng: inout SplitMix64) -> LabelMap {
        var sx = 0.0, sy = 0.0, count = 0.0
        for y in 0..<mask.height { for x in 0..<mask.width where mask.labels[y * mask.width + x] != 0 {
            sx += Double(x); sy += Double(y); count += 1
        } }
        guard count > 0 else { return mask }
        let cx = sx / count, cy = sy / count
        let target = 1 + 2 * rng.uniform(), bias = rng.uniform() - 0.5
        let terms = (1...4).map { k in (k: Double(k), amplitude: rng.uniform(), phase: 2 * Double.pi * rng.uniform()) }
        func raw(_ theta: Double) -> Double { terms.reduce(bias) { $0 + $1.amplitude * cos($1.k * theta + $1.phase) } }
        let peak = (0..<360).map { abs(raw(Double($0) * Double.pi / 180)) }.max() ?? 1
        let scale = target / max(peak, 1e-9)
        var labels = [Int](repeating: 0, count: mask.labels.count)
        let inside = mask.labels.first { $0 != 0 } ?? 255
        for y in 0..<mask.height {
            for x in 0..<mask.width {
                let dx = Double(x) - cx, dy = Double(y) - cy
                let r = (dx * dx + dy * dy).squareRoot()
                guard r > 0.5 else { labels[y * mask.width + x] = mask.labels[y * mask.width + x]; continue }
                // Inside the new outline iff the point δ(θ) closer to the centroid is inside the old one.
                let source = r - scale * raw(atan2(dy, dx))
                if source <= 0.5 { labels[y * mask.width + x] = inside; continue }
                let xs = Int((cx + dx / r * source).rounded()), ys = Int((cy + dy / r * source).rounded())
                if xs >= 0, ys >= 0, xs < mask.width, ys < mask.height, mask.labels[ys * mask.width + xs] != 0 {
                    labels[y * mask.width + x] = inside
                }
            }
        }
        guard labels.contains(where: { $0 != 0 }) else { return mask }
        return LabelMap(width: mask.width, height: mask.height, spacing: mask.spacing, labels: labels)
    }

    /// Each case's site: the cases of each outcome class shuffled (own stream) and dealt to the sites in the shares
    /// 50 / 15 / 20 / 15 %, so every site gets both classes whenever a class has enough cases.
    static func sites(outcomes: [Int], seed: UInt64) -> [String] {
        var rng = SplitMix64.stream(seed: seed, salt: 0x7369_7465_732D_3031, index: 0)
        var out = [String](repeating: SeedDesign.sites[0], count: outcomes.count)
        for label in Set(outcomes).sorted() {
            var members = outcomes.indices.filter { outcomes[$0] == label }
            for i in stride(from: members.count - 1, to: 0, by: -1) {
                members.swapAt(i, Int(rng.uniform() * Double(i + 1)))
            }
            for (j, index) in members.enumerated() {
                let position = (Double(j) + 0.5) / Double(members.count)
                var cumulative = 0.0, site = SeedDesign.sites.count - 1
                for (s, share) in SeedDesign.siteShares.enumerated() {
                    cumulative += share
                    if position < cumulative { site = s; break }
                }
                out[index] = SeedDesign.sites[site]
            }
        }
        return out
    }
}

/// The synthetic stand-in for CNN embeddings (seed 004's deep features): `count` random nonlinear projections
/// tanh(wⱼ · t + bⱼ) of a case's standardised lesion and node traits t, plus per-case noise. The weights come from
/// their own stream of the cohort seed, the same for every case.
struct DemoEmbeddingProjection: Sendable {
    static let count = 256
    static let traitCount = 9
    let weights: [[Double]]
    let offsets: [Double]

    init(seed: UInt64) {
        var rng = SplitMix64.stream(seed: seed, salt: 0x636E_6E2D_6665_6174, index: 0)
        let scale = 1.5 / Double(Self.traitCount).squareRoot()
        weights = (0..<Self.count).map { _ in (0..<Self.traitCount).map { _ in scale * rng.normal() } }
        offsets = (0..<Self.count).map { _ in 0.5 * rng.normal() }
    }

    func features(traits: [Double], rng: inout SplitMix64) -> [Double] {
        precondition(traits.count == Self.traitCount)
        return zip(weights, offsets).map { w, b in
            tanh(zip(w, traits).reduce(b) { $0 + $1.0 * $1.1 }) + 0.2 * rng.normal()
        }
    }
}

extension SplitMix64 {
    /// A stream of its own for one purpose (`salt`) and one case (`index`): the seed is the first output of a
    /// SplitMix64 started from the cohort seed mixed with both, so streams of neighbouring cases do not overlap.
    static func stream(seed: UInt64, salt: UInt64, index: Int) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ salt ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}
