/// A deliberate bug the generator can build into the chip, to show that the verification suite
/// catches it (mutation testing). Real builds pass no mutation; each block that a mutation
/// touches says so in its module name (`Requantizer_mutant_roundingFlipped`), so a mutant can
/// never be mistaken for the chip.
public enum Mutation: String, CaseIterable, Sendable, CustomStringConvertible {
    /// RoundingDivideByPOT rounds a tie the wrong way (`≥` instead of `>`).
    case roundingFlipped
    /// Accumulator bank 0 drops the writes of accumulating COMPUTEs.
    case accumulatorBankWriteDropped
    /// The DMA reader steps one byte too far from row to row.
    case dmaStrideOffByOne
    /// The compute unit never sends its "tile ready" token to the store unit.
    case tokenNotPushed
    /// PE (0, 0) never loads its shadow weight.
    case peWeightNotEnabled
    /// Row 1's input skew register is missing.
    case skewRegisterMissing
    /// The activation clamp's upper bound is one too low.
    case saturationOffByOne
    /// The DMA reader takes a response beat on every cycle it waits, valid or not.
    case responseBackPressureIgnored

    public var description: String { rawValue }

    /// The module-name suffix of a block built with `mutation`, empty for the real block.
    static func suffix(_ mutation: Mutation?, affects kinds: Set<Mutation>) -> String {
        guard let mutation, kinds.contains(mutation) else { return "" }
        return "_mutant_\(mutation.rawValue)"
    }
}
