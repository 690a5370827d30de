/// PyWavelets' discrete wavelets (`pywt.wavelist(kind='discrete')`, PyWavelets 1.8), the ones a stationary
/// wavelet transform can use. PyRadiomics' `checkWavelet` also lets continuous wavelets through, which then fail
/// in `swt2`; RadFleet rejects them when the file is read.
enum Wavelets {
    static let discrete: [String] = {
        var names = ["bior1.1", "bior1.3", "bior1.5", "bior2.2", "bior2.4", "bior2.6", "bior2.8", "bior3.1", "bior3.3",
                     "bior3.5", "bior3.7", "bior3.9", "bior4.4", "bior5.5", "bior6.8"]
        names += (1...17).map { "coif\($0)" }
        names += (1...38).map { "db\($0)" }
        names += ["dmey", "haar"]
        names += ["rbio1.1", "rbio1.3", "rbio1.5", "rbio2.2", "rbio2.4", "rbio2.6", "rbio2.8", "rbio3.1", "rbio3.3",
                  "rbio3.5", "rbio3.7", "rbio3.9", "rbio4.4", "rbio5.5", "rbio6.8"]
        names += (2...20).map { "sym\($0)" }
        return names
    }()
}
