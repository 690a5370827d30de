import RadiomicsCore

extension PNGImage {
    /// The mask as integer labels:
    /// - grey (any bit depth) and grey+alpha: the grey sample's integer value, unscaled (a 2-bit mask with
    ///   labels 1, 2, 3 keeps them), alpha ignored;
    /// - RGB/RGBA: the first (red) channel, as the reference pipeline takes `mask[..., 0]` of a colour mask;
    /// - palette: the palette index, which is how palette label images store classes (and what Pillow gives).
    /// `spacing` overrides the pHYs spacing; without either the spacing is 1 mm.
    public func labelMap(spacing override: PixelSpacing? = nil) -> LabelMap {
        let count = width * height
        var labels = [Int](repeating: 0, count: count)
        labels.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { b in
                if bitDepth == 16 {
                    for i in 0..<count { o[i] = Self.bigEndian(b, i * channels) }
                } else {
                    for i in 0..<count { o[i] = Int(b[i * channels]) }
                }
            }
        }
        return LabelMap(width: width, height: height, spacing: override ?? spacing ?? .unit, labels: labels)
    }
}
