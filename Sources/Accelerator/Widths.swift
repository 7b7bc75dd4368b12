import Serrano

/// Bit widths the accelerator's blocks derive from their configuration.
enum Widths {
    /// Bits of an index into `count` things (at least 1).
    static func index(_ count: Int) -> Int { count <= 2 ? 1 : BitVector.minimumWidth(of: count - 1, signed: false) }

    /// Bits of a count from 0 to `maximum` inclusive.
    static func count(_ maximum: Int) -> Int { maximum <= 1 ? 1 : BitVector.minimumWidth(of: maximum, signed: false) }

    /// log2 of a power of two.
    static func log2(_ value: Int) -> Int { value <= 1 ? 0 : Int.bitWidth - 1 - value.leadingZeroBitCount }

    /// DRAM byte addresses and strides, as in the instruction word.
    static let address = 32
    /// Performance counters.
    static let counter = 48
    /// An accumulator lane.
    static let accumulator = 32
    /// An activation or weight after its zero point is subtracted (int8 − int8).
    static let operand = 9
}
