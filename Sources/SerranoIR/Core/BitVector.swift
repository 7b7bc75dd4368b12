/// A fixed-width bit pattern of any width: constants in the IR and values in simulation.
///
/// Stored as little-endian 64-bit words; bits above `width` are always zero, so two equal
/// patterns compare equal. Signedness is not part of the value: it belongs to the `HardwareType`
/// of whatever holds it.
public struct BitVector: Hashable, Sendable, CustomStringConvertible {
    public let width: Int
    public private(set) var words: [UInt64]

    /// All zeros, `width` bits wide.
    public init(width: Int) {
        self.width = max(width, 1)
        self.words = Array(repeating: 0, count: (self.width + 63) / 64)
    }

    /// The low `width` bits of `words` (little-endian); missing words are zero.
    public init(width: Int, words: [UInt64]) {
        self.init(width: width)
        for index in 0..<min(words.count, self.words.count) { self.words[index] = words[index] }
        normalize()
    }

    /// The two's-complement pattern of `value`, truncated or sign-extended to `width` bits.
    public init(width: Int, value: Int) {
        self.init(width: width)
        let fill: UInt64 = value < 0 ? ~0 : 0
        for index in words.indices { words[index] = index == 0 ? UInt64(bitPattern: Int64(value)) : fill }
        normalize()
    }

    /// The pattern of an unsigned value, truncated to `width` bits.
    public init(width: Int, unsigned value: UInt64) {
        self.init(width: width, words: [value])
    }

    /// Whether `value` fits in `width` bits as a signed (or unsigned) number.
    public static func fits(_ value: Int, width: Int, signed: Bool) -> Bool {
        if signed {
            if width >= 64 { return true }
            let limit = 1 << (width - 1)
            return value >= -limit && value < limit
        }
        if value < 0 { return false }
        return width >= 63 || value < (1 << width)
    }

    /// The smallest width that holds `value` (at least 1). No unsigned width holds a negative
    /// value: for one, the result is the signed width of its two's-complement pattern.
    public static func minimumWidth(of value: Int, signed: Bool) -> Int {
        if !signed && value < 0 { return minimumWidth(of: value, signed: true) }
        var width = 1
        while !fits(value, width: width, signed: signed) { width += 1 }
        return width
    }

    public subscript(bit index: Int) -> Bool {
        get { (words[index >> 6] >> UInt64(index & 63)) & 1 == 1 }
        set {
            let mask: UInt64 = 1 << UInt64(index & 63)
            if newValue { words[index >> 6] |= mask } else { words[index >> 6] &= ~mask }
        }
    }

    /// The low 64 bits.
    public var low64: UInt64 { words[0] }

    /// The value read as a signed number, when `width` ≤ 64.
    public var signedValue: Int64 {
        if width >= 64 { return Int64(bitPattern: words[0]) }
        let shift = UInt64(64 - width)
        return Int64(bitPattern: words[0] << shift) >> Int64(shift)
    }

    public var isZero: Bool { words.allSatisfy { $0 == 0 } }

    /// Clears the bits above `width`.
    mutating func normalize() {
        let spare = words.count * 64 - width
        if spare > 0 { words[words.count - 1] &= ~UInt64(0) >> UInt64(spare) }
    }

    /// The pattern of `words` when it fits in `width` bits; nil when a bit at or above `width`
    /// is set (a value too wide for its port, say), so nothing is truncated silently.
    public init?(width: Int, exactWords words: [UInt64]) {
        self.init(width: width)
        for (index, word) in words.enumerated() where word & ~BitVector.mask(ofWord: index, width: self.width) != 0 {
            return nil
        }
        for index in 0..<min(words.count, self.words.count) { self.words[index] = words[index] }
    }

    /// Lets a simulator fill the words in place (no allocation in a hot loop); bits above
    /// `width` are cleared afterwards.
    public mutating func withUnsafeMutableWords<R>(_ body: (UnsafeMutableBufferPointer<UInt64>) throws -> R) rethrows -> R {
        defer { normalize() }
        return try words.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// The mask of the bits of word `index` that a `width`-bit value uses.
    @inline(__always)
    public static func mask(ofWord index: Int, width: Int) -> UInt64 {
        let low = index * 64
        if width >= low + 64 { return ~0 }
        if width <= low { return 0 }
        return (UInt64(1) << UInt64(width - low)) &- 1
    }

    /// `0x…` for little-endian words, without leading zeros.
    public static func hex(_ words: [UInt64]) -> String {
        "0x" + BitVector(width: max(words.count, 1) * 64, words: words).hexDigits
    }

    /// Verilog-style hexadecimal literal: `8'h2a`.
    public var verilogLiteral: String { "\(width)'h\(hexDigits)" }

    /// Hexadecimal digits without leading zeros (at least one digit).
    public var hexDigits: String {
        var digits = ""
        var started = false
        for word in words.reversed() {
            let text = String(word, radix: 16)
            if started {
                digits += String(repeating: "0", count: 16 - text.count) + text
            } else if word != 0 {
                digits = text
                started = true
            }
        }
        return started ? digits : "0"
    }

    public var description: String { verilogLiteral }
}
