import SerranoIR

extension BitVector {
    /// The value of `words` in `width` bits, or `SimulationError.valueTooWide` when a bit at or
    /// above `width` is set: simulators never truncate a value silently.
    package static func checked(width: Int, words: [UInt64], port: String = "") throws -> BitVector {
        guard let value = BitVector(width: width, exactWords: words) else {
            throw SimulationError.valueTooWide(port: port, width: width, value: BitVector.hex(words))
        }
        return value
    }
}
