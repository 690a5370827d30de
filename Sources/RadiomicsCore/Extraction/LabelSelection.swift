/// Chooses the ROI in a label map as PyRadiomics `getMask` does, with one RadFleet convenience: when the requested
/// label is absent but the mask holds exactly one non-zero value (BUSI-style 0/255 masks), that value is used and
/// the choice is reported in the diagnostics.
public struct LabelSelection: Sendable, Equatable {
    public let mask: Mask2D
    public let labelUsed: Int
    /// Set when the requested label was replaced by the mask's only non-zero value.
    public let substitutedFor: Int?

    public init(labelMap: LabelMap, requestedLabel: Int) throws {
        let present = labelMap.nonZeroLabels
        guard !present.isEmpty else { throw ExtractionError.emptyMask }
        if present.contains(requestedLabel) {
            labelUsed = requestedLabel
            substitutedFor = nil
        } else if present.count == 1 {
            labelUsed = present[0]
            substitutedFor = requestedLabel
        } else {
            throw ExtractionError.labelNotPresent(label: requestedLabel, present: present)
        }
        mask = labelMap.roi(label: labelUsed)
    }
}
