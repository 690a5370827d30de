/// A discrete wavelet's four filters, as PyWavelets' `pywt.Wavelet(name)` holds them (`dec_lo`, `dec_hi`, `rec_lo`,
/// `rec_hi`). The values of every wavelet PyWavelets lists as discrete are generated into
/// `WaveletFilterBank+PyWavelets.swift`.
///
/// Only the decomposition filters enter PyRadiomics' `getWaveletImage`; the reconstruction filters are kept so
/// that the bank is the whole of what PyWavelets defines.
public struct WaveletFilterBank: Sendable, Equatable {
    /// PyWavelets' (lower-case) name: `coif1`, `db2`, `bior1.3`, `dmey`, ...
    public let name: String
    public let decLo: [Double]
    public let decHi: [Double]
    public let recLo: [Double]
    public let recHi: [Double]

    package init(name: String, decLo: [Double], decHi: [Double], recLo: [Double], recHi: [Double]) {
        self.name = name
        self.decLo = decLo
        self.decHi = decHi
        self.recLo = recLo
        self.recHi = recHi
    }

    /// `pywt.Wavelet(name)` for a discrete wavelet; names are case-insensitive as there (`name.lower()` in
    /// `_pywt.pyx`).
    /// - Throws: `FilterError.unknownWavelet(name)` for a name that is not one of `pywt.wavelist(kind='discrete')`.
    public init(named name: String) throws {
        guard let bank = Self.pyWavelets(name.lowercased()) else { throw FilterError.unknownWavelet(name) }
        self = bank
    }

    /// The names of all discrete wavelets, in PyWavelets' `wavelist` order.
    public static var allNames: [String] { pyWaveletsNames }
}
