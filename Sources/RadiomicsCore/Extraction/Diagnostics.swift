/// The `diagnostics_*` keys PyRadiomics' `generalinfo.py` writes for image and mask, for the facts RadFleet can
/// state the same way (the hashes and version keys are omitted).
struct Diagnostics {
    var entries: [(String, String)] = []

    mutating func add(_ key: String, _ value: String) { entries.append(("diagnostics_\(key)", value)) }

    mutating func addImage(_ image: Image2D, stage: String) {
        add("Image-\(stage)_Dimensionality", "2D")
        add("Image-\(stage)_Spacing", "(\(image.spacing.x), \(image.spacing.y))")
        add("Image-\(stage)_Size", "(\(image.width), \(image.height))")
        guard !image.pixels.isEmpty else { return }
        var sum = 0.0, low = Double.infinity, high = -Double.infinity
        image.pixels.withUnsafeBufferPointer { p in
            for v in p {
                sum += v
                low = Swift.min(low, v)
                high = Swift.max(high, v)
            }
        }
        add("Image-\(stage)_Mean", "\(sum / Double(image.count))")
        add("Image-\(stage)_Minimum", "\(low)")
        add("Image-\(stage)_Maximum", "\(high)")
    }

    mutating func addMask(_ mask: Mask2D, stage: String) {
        add("Mask-\(stage)_Spacing", "(\(mask.spacing.x), \(mask.spacing.y))")
        add("Mask-\(stage)_Size", "(\(mask.width), \(mask.height))")
        guard let box = mask.boundingBox else { return }
        add("Mask-\(stage)_BoundingBox", "(\(box.minX), \(box.minY), \(box.width), \(box.height))")
        // Every ROI pixel lies in the bounding box: count, components and centre of mass need only that part.
        let roi = mask.cropped(to: box)
        var sx = 0.0, sy = 0.0, n = 0
        roi.inside.withUnsafeBufferPointer { inside in
            for y in 0..<roi.height {
                for x in 0..<roi.width where inside[y * roi.width + x] {
                    sx += Double(x + box.minX)
                    sy += Double(y + box.minY)
                    n += 1
                }
            }
        }
        add("Mask-\(stage)_VoxelNum", "\(n)")
        add("Mask-\(stage)_VolumeNum", "\(ConnectedComponents.count(roi))")
        let count = Double(n)
        add("Mask-\(stage)_CenterOfMassIndex", "(\(sx / count), \(sy / count))")
        add("Mask-\(stage)_CenterOfMass", "(\(mask.origin.x + sx / count * mask.spacing.x), \(mask.origin.y + sy / count * mask.spacing.y))")
    }
}

/// Connected regions of a mask with full (8-)connectivity, as SimpleITK's ConnectedComponent with
/// fullyConnected = true, which PyRadiomics uses for `VolumeNum`.
enum ConnectedComponents {
    static func count(_ mask: Mask2D) -> Int {
        var seen = [Bool](repeating: false, count: mask.inside.count)
        var components = 0
        var stack: [Int] = []
        for start in 0..<mask.inside.count where mask.inside[start] && !seen[start] {
            components += 1
            seen[start] = true
            stack.append(start)
            while let p = stack.popLast() {
                let x = p % mask.width, y = p / mask.width
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, ny >= 0, nx < mask.width, ny < mask.height else { continue }
                        let q = ny * mask.width + nx
                        if mask.inside[q] && !seen[q] { seen[q] = true; stack.append(q) }
                    }
                }
            }
        }
        return components
    }
}
