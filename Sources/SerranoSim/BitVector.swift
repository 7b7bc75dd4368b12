/// A value of any bit width, stored as little-endian 64-bit words (`words[0]` holds bits 0–63).
///
/// Bits above `width` are always zero. Used for ports wider than 64 bits; a testbench's hot
/// loop can keep one `BitVector` per port and refill it in place (`peek(_:into:)`).
public struct BitVector: Hashable, Sendable, CustomStringConvertible {
    /// The number of bits.
    public let width: Int
    /// Little-endian words; `words.count == (width + 63) / 64`.
    public private(set) var words: [UInt64]

    /// The zero value of `width` bits.
    public init(width: Int) {
        self.width = max(width, 0)
        self.words = [UInt64](repeating: 0, count: Swift.max((self.width + 63) / 64, 1))
    }

    /// A value from little-endian words; fails when the words hold bits at or above `width`.
    public init(width: Int, words: [UInt64]) throws {
        self.init(width: width)
        try assign(words: words)
    }

    /// A value of up to 64 bits; fails when `value` does not fit in `width` bits.
    public init(width: Int, value: UInt64) throws {
        try self.init(width: width, words: [value])
    }

    /// Replaces the contents with `words` (missing high words are zero).
    public mutating func assign(words newWords: [UInt64]) throws {
        let count: Int = words.count
        for index in 0..<Swift.max(newWords.count, count) {
            let word: UInt64 = index < newWords.count ? newWords[index] : 0
            let mask: UInt64 = BitVector.mask(ofWord: index, width: width)
            if word & ~mask != 0 {
                throw SimulationError.valueTooWide(port: "", width: width, value: BitVector.hex(newWords))
            }
            if index < count { words[index] = word }
        }
    }

    /// Bit `index` (0 = least significant); false beyond the width.
    public subscript(bit index: Int) -> Bool {
        guard index >= 0, index < width else { return false }
        return (words[index / 64] >> UInt64(index % 64)) & 1 == 1
    }

    /// The low 64 bits.
    public var low64: UInt64 { words[0] }

    /// Writes into the word storage without a copy (used by backends to peek in place).
    public mutating func withUnsafeMutableWords<R>(_ body: (UnsafeMutableBufferPointer<UInt64>) throws -> R) rethrows -> R {
        try words.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// The mask of valid bits in word `index` of a `width`-bit value.
    static func mask(ofWord index: Int, width: Int) -> UInt64 {
        let low: Int = index * 64
        if width >= low + 64 { return ~0 }
        if width <= low { return 0 }
        return (UInt64(1) << UInt64(width - low)) &- 1
    }

    static func hex(_ words: [UInt64]) -> String {
        var text: String = ""
        for word in words.reversed() {
            let digits = String(word, radix: 16)
            text += text.isEmpty ? digits : String(repeating: "0", count: 16 - digits.count) + digits
        }
        return "0x" + (text.isEmpty ? "0" : text)
    }

    /// `WIDTH'hHEX`, like Verilog.
    public var description: String {
        let hex: String = BitVector.hex(words)
        return "\(width)'h" + hex.dropFirst(2)
    }
}
