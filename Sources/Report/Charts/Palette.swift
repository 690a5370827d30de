/// The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies, and in grey print.
public enum Palette {
    public static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    public static func colour(_ index: Int) -> String { colours[index % colours.count] }
}
