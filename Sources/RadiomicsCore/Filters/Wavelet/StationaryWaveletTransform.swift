/// One level of PyWavelets' `swtn(data, wavelet, level=1, start_level=0, axes=...)`: along each axis in turn,
/// every sub-band so far is split into its approximation (`a`, low-pass `dec_lo`) and detail (`d`, high-pass
/// `dec_hi`) by the periodic convolution of `PeriodicConvolution` (pywt `_swt.py` `swtn` → `_swt_axis` → C
/// `double_swt_a` / `double_swt_d`).
///
/// The input is read through its wrap padding (`WaveletPlane.paddedWidth/Height`), and each band of the last pass
/// is written straight into its top-left `cropWidth × cropHeight` part (PyRadiomics' crop back to the input's
/// size; a sample depends only on its own row or column in that pass), except the approximation when
/// `fullApproximation` is set, because the next level transforms it whole.
enum StationaryWaveletTransform {
    /// A numpy axis of a row-major plane.
    enum Axis: Sendable {
        /// numpy axis 1: along a row.
        case x
        /// numpy axis 0: along a column.
        case y
    }

    /// A sub-band: `highPass[k]` says whether axis `k` of the call was high-passed (`d`, PyRadiomics' `H`).
    struct Subband: Sendable {
        var highPass: [Bool]
        var plane: WaveletPlane
    }

    /// `swtn` at one level. The sub-bands come in `swtn`'s dictionary order: keys built axis by axis, `a` before
    /// `d` (for two axes `aa`, `ad`, `da`, `dd`).
    static func level(_ data: WaveletPlane, axes: [Axis], bank: WaveletFilterBank,
                      cropWidth: Int, cropHeight: Int, fullApproximation: Bool) -> [Subband] {
        let w = data.paddedWidth, h = data.paddedHeight
        let approximationSize = fullApproximation ? (w, h) : (cropWidth, cropHeight)
        switch axes {
        case [.x, .y]:
            let planes = SeparableLevel.run(data, bank: bank, sizes: [approximationSize, (cropWidth, cropHeight),
                                                                      (cropWidth, cropHeight), (cropWidth, cropHeight)])
            return zip([[false, false], [false, true], [true, false], [true, true]], planes).map {
                Subband(highPass: $0, plane: $1)
            }
        case [.x]:
            let (low, high) = RowFilter.run(data, bank: bank, lowSize: approximationSize, highSize: (cropWidth, cropHeight))
            return [Subband(highPass: [false], plane: low), Subband(highPass: [true], plane: high)]
        case [.y]:
            let padded = data.materialisedPadding()
            return [Subband(highPass: [false], plane: ColumnFilter.run(padded, filter: bank.decLo, size: approximationSize)),
                    Subband(highPass: [true], plane: ColumnFilter.run(padded, filter: bank.decHi, size: (cropWidth, cropHeight)))]
        default:
            preconditionFailure("StationaryWaveletTransform: unsupported axes \(axes)")
        }
    }
}
