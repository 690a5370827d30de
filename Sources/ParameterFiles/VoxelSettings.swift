import Yams

/// PyRadiomics' `voxelSetting:` block (voxel-based feature maps), checked against paramSchema.yaml so a typo is
/// still reported, then ignored: RadFleet computes segment-based features only.
enum VoxelSettings {
    static let keys = ["kernelRadius", "maskedKernel", "initValue", "voxelBatch"]

    static func check(_ node: Node, reader r: YAMLReader) throws(ParameterFileError) {
        for (key, n, p) in try r.requiredMapping(node, "voxelSetting") {
            switch key {
            case "kernelRadius", "voxelBatch": _ = try r.check(r.int(n, p), n, p, minExclusive: 0)
            case "maskedKernel": _ = try r.bool(n, p)
            case "initValue": _ = try r.float(n, p)
            default: throw r.error(p, n, .unknownKey(allowed: keys))
            }
        }
    }
}
