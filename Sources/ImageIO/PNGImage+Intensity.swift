import RadiomicsCore

/// How a PNG's samples became grey intensities, for `diagnostics_Image-original_ColourConversion`.
public enum ColourConversion: Sendable, Equatable {
    /// Grey samples used as they are (8/16-bit grey, grey+alpha with alpha ignored).
    case none
    /// Sub-8-bit grey as Pillow decodes it: 1-bit as 0/1, 2- and 4-bit scaled to 0...255 (×85, ×17).
    case subByteGrey(bitDepth: Int)
    /// RGB or RGBA (alpha ignored) to luma 0.299 R + 0.587 G + 0.114 B, in Double, not rounded.
    case luma
    /// Palette image expanded through its palette, then luma as `.luma`.
    case paletteLuma
    /// Palette image whose entries are all grey (R = G = B): the entry's grey value.
    case paletteGrey

    /// The diagnostics value; nil when nothing was converted.
    public var note: String? {
        switch self {
        case .none: return nil
        case let .subByteGrey(depth):
            return depth == 1 ? "1-bit grey read as 0/1 (as Pillow)"
                : "\(depth)-bit grey scaled to 0-255 by \(255 / ((1 << depth) - 1)) (as Pillow)"
        case .luma: return "RGB to luma 0.299 R + 0.587 G + 0.114 B (Double, not rounded; alpha ignored)"
        case .paletteLuma: return "palette expanded to RGB, then luma 0.299 R + 0.587 G + 0.114 B (Double, not rounded)"
        case .paletteGrey: return "palette of greys expanded to its grey values"
        }
    }
}

extension PNGImage {
    /// The grey intensities PyRadiomics is given in the reference pipeline (Pillow decode, then float64):
    /// - 8/16-bit grey: the sample's integer value (16-bit big-endian samples as 0...65535);
    /// - grey+alpha: the grey sample, alpha ignored;
    /// - 1-bit grey: 0/1 and 2/4-bit grey scaled to 0...255, exactly the values Pillow gives (mode "1" and "L");
    /// - RGB/RGBA: luma 0.299 R + 0.587 G + 0.114 B in Double, not rounded to an integer, with the reference
    ///   pipeline's exact floating-point rounding (see `luma`); alpha ignored. 16-bit colour uses the full 16-bit
    ///   samples (Pillow would keep only the high byte);
    /// - palette: the entry's grey value when every entry is grey, else the entry's luma (Pillow would give the
    ///   index, which is not an intensity).
    /// `spacing` overrides the pHYs spacing; without either the spacing is 1 mm.
    public func intensityImage(spacing override: PixelSpacing? = nil) -> (image: Image2D, conversion: ColourConversion) {
        let count = width * height
        var out = [Double](repeating: 0, count: count)
        var conversion = ColourConversion.none
        out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { b in
                switch colorType {
                case .grey, .greyAlpha:
                    if bitDepth == 16 {
                        for i in 0..<count { o[i] = Double(Self.bigEndian(b, i * channels)) }
                    } else {
                        let scale = bitDepth == 1 || bitDepth == 8 ? 1 : 255 / ((1 << bitDepth) - 1)
                        if bitDepth < 8 { conversion = .subByteGrey(bitDepth: bitDepth) }
                        for i in 0..<count { o[i] = Double(Int(b[i * channels]) * scale) }
                    }
                case .rgb, .rgba:
                    conversion = .luma
                    for i in 0..<count {
                        let p = i * channels
                        if bitDepth == 16 {
                            o[i] = Self.luma(Double(Self.bigEndian(b, p)), Double(Self.bigEndian(b, p + 1)),
                                             Double(Self.bigEndian(b, p + 2)))
                        } else {
                            o[i] = Self.luma(Double(b[p]), Double(b[p + 1]), Double(b[p + 2]))
                        }
                    }
                case .palette:
                    let grey = palette.allSatisfy { $0.r == $0.g && $0.g == $0.b }
                    conversion = grey ? .paletteGrey : .paletteLuma
                    let table: [Double] = (0..<256).map { k in
                        // An index past the palette is invalid PNG; libpng tolerates it and we read it as black.
                        guard k < palette.count else { return 0 }
                        let e = palette[k]
                        return grey ? Double(e.r) : Self.luma(Double(e.r), Double(e.g), Double(e.b))
                    }
                    for i in 0..<count { o[i] = table[Int(b[i])] }
                }
            }
        }
        let image = Image2D(width: width, height: height, spacing: override ?? spacing ?? .unit, pixels: out)
        return (image, conversion)
    }

    /// 16-bit sample number `k` of a big-endian sample buffer.
    @inline(__always)
    static func bigEndian(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int { Int(b[2 * k]) << 8 | Int(b[2 * k + 1]) }

    /// ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B, rounded exactly as the reference pipeline computed it:
    /// NumPy `rgb @ [0.299, 0.587, 0.114]`, whose OpenBLAS kernel gives
    /// `fma(0.114, B, fma(0.299, R, 0.587 × G))` (verified bit for bit on every pixel of the six BUSI colour
    /// cases). The left-to-right sum `0.299 * R + 0.587 * G + 0.114 * B` differs from it by up to one ulp, which
    /// is enough to move a pixel across a bin edge: on benign-013-rgb one PyRadiomics feature then differs by 0.8 %.
    @inline(__always)
    static func luma(_ r: Double, _ g: Double, _ b: Double) -> Double {
        (0.587 * g).addingProduct(0.299, r).addingProduct(0.114, b)
    }
}
