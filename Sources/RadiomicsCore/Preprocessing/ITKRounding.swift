/// ITK's integer rounding of continuous indices (`itkMathDetail.h`, SSE2 build as in the SimpleITK wheels):
/// both go through one round-half-to-even conversion of a doubled value, which decides ties and values
/// one ulp away from them exactly as SimpleITK does. That matters in resampling, where a 0.1 → 0.2 grid
/// puts every output pixel centre exactly halfway between two input pixels.
enum ITKRounding {
    /// `itk::Math::RoundHalfIntegerUp` (= `itk::Math::Round`): `RoundHalfIntegerToEven(2x + 0.5) >> 1`.
    @inline(__always)
    static func roundHalfUp(_ x: Double) -> Int {
        Int((2 * x + 0.5).rounded(.toNearestOrEven)) >> 1
    }

    /// `itk::Math::Floor`: `RoundHalfIntegerToEven(2x - 0.5) >> 1`.
    @inline(__always)
    static func floor(_ x: Double) -> Int {
        Int((2 * x - 0.5).rounded(.toNearestOrEven)) >> 1
    }
}
