// PLACEHOLDER: replaced by the implementation.

/// Stationary wavelet decomposition as PyRadiomics `getWaveletImage` / `_swt3` (pywt `swtn`).
public enum WaveletFilter {
    /// Yields `wavelet-LH`, `wavelet-HL`, `wavelet-HH`, `wavelet-LL` (level 1) in PyRadiomics' order and naming.
    public static func decompose(_ image: Image2D, wavelet: String, level: Int, startLevel: Int) throws -> [DerivedImage] {
        throw FilterError.invalidSetting("Wavelet is not implemented yet")
    }
}
