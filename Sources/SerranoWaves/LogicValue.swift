/// One bit of a 4-state value, as VCD writes it.
public enum LogicBit: Character, Sendable, CaseIterable {
    case zero = "0", one = "1", x = "x", z = "z"

    /// Reads a VCD digit, either case (`X`, `Z` are legal spellings).
    public init?(vcdDigit: UInt8) {
        switch vcdDigit {
        case UInt8(ascii: "0"): self = .zero
        case UInt8(ascii: "1"): self = .one
        case UInt8(ascii: "x"), UInt8(ascii: "X"): self = .x
        case UInt8(ascii: "z"), UInt8(ascii: "Z"): self = .z
        default: return nil
        }
    }
}

/// A 4-state value of a fixed width, kept as two bit planes, least significant word first.
///
/// `value` holds the 0/1 bits; `unknown` marks the x and z bits. Where a bit is unknown, its
/// `value` bit tells which: 0 means x, 1 means z. This is the layout the reader stores and the
/// diff compares, so a value never needs decoding to be compared.
public struct LogicValue: Hashable, Sendable, CustomStringConvertible {
    /// Number of bits, at least 1.
    public let width: Int
    /// The 0/1 plane (the z marker where `unknown` is set), `wordCount(width)` words.
    public private(set) var value: [UInt64]
    /// The x/z plane, `wordCount(width)` words.
    public private(set) var unknown: [UInt64]

    /// Words per plane for a width.
    @inlinable public static func wordCount(_ width: Int) -> Int { max(1, (width + 63) >> 6) }

    /// A known value from an unsigned integer; bits above `width` are dropped.
    public init(width: Int, _ integer: UInt64) {
        self.init(width: width, words: [integer])
    }

    /// A known value from 64-bit words, least significant word first; missing words are zero and
    /// bits above `width` are dropped.
    public init(width: Int, words: [UInt64]) {
        self.init(width: width, value: words, unknown: [])
    }

    /// A value from both planes (see the type's documentation); short planes are zero-extended.
    public init(width: Int, value: [UInt64], unknown: [UInt64]) {
        let width = max(1, width)
        let count = LogicValue.wordCount(width)
        var valuePlane = [UInt64](repeating: 0, count: count)
        var unknownPlane = [UInt64](repeating: 0, count: count)
        for index in 0..<min(count, value.count) { valuePlane[index] = value[index] }
        for index in 0..<min(count, unknown.count) { unknownPlane[index] = unknown[index] }
        let topMask = LogicValue.topWordMask(width)
        valuePlane[count - 1] &= topMask
        unknownPlane[count - 1] &= topMask
        self.width = width
        self.value = valuePlane
        self.unknown = unknownPlane
    }

    /// Parses VCD-style digits, most significant first (`"10xz"`), applying the VCD left-extension
    /// rule up to `width` (0 for a leading 0 or 1, x for x, z for z). `width` defaults to the
    /// digit count. Returns nil for an empty string or a character other than 0 1 x z.
    public init?(digits: String, width: Int? = nil) {
        let bytes = Array(digits.utf8)
        guard !bytes.isEmpty else { return nil }
        var bits: [LogicBit] = []
        bits.reserveCapacity(bytes.count)
        for byte in bytes {
            guard let bit = LogicBit(vcdDigit: byte) else { return nil }
            bits.append(bit)
        }
        let width = max(1, width ?? bits.count)
        let count = LogicValue.wordCount(width)
        var valuePlane = [UInt64](repeating: 0, count: count)
        var unknownPlane = [UInt64](repeating: 0, count: count)
        let extensionBit: LogicBit = (bits[0] == .x || bits[0] == .z) ? bits[0] : .zero
        for position in 0..<width {
            let bit: LogicBit = position < bits.count ? bits[bits.count - 1 - position] : extensionBit
            let word = position >> 6
            let mask = UInt64(1) << UInt64(position & 63)
            if bit == .one || bit == .z { valuePlane[word] |= mask }
            if bit == .x || bit == .z { unknownPlane[word] |= mask }
        }
        self.width = width
        self.value = valuePlane
        self.unknown = unknownPlane
    }

    /// Every bit x.
    public static func allX(width: Int) -> LogicValue {
        LogicValue(width: width, value: [], unknown: [UInt64](repeating: ~0, count: wordCount(width)))
    }

    /// The mask of valid bits in the most significant word.
    @inlinable public static func topWordMask(_ width: Int) -> UInt64 {
        let used = width & 63
        return used == 0 ? ~0 : (UInt64(1) << UInt64(used)) &- 1
    }

    /// True when no bit is x or z.
    public var isKnown: Bool { unknown.allSatisfy { $0 == 0 } }

    /// The value as an integer when it is known and fits in 64 bits.
    public var uint64: UInt64? {
        guard isKnown, value.dropFirst().allSatisfy({ $0 == 0 }) else { return nil }
        return value[0]
    }

    /// Bit `index` (0 is the least significant).
    public func bit(_ index: Int) -> LogicBit {
        guard index >= 0, index < width else { return .zero }
        let mask = UInt64(1) << UInt64(index & 63)
        let isSet = value[index >> 6] & mask != 0
        if unknown[index >> 6] & mask != 0 { return isSet ? .z : .x }
        return isSet ? .one : .zero
    }

    /// All digits, most significant first, without shortening (`"00x1"`).
    public var binaryDigits: String {
        String((0..<width).reversed().map { bit($0).rawValue })
    }

    /// `0`/`1`/`x`/`z` for one bit; otherwise `0x…` hex, where a nibble that is entirely x (z)
    /// prints `x` (`z`) and a partly unknown nibble prints `X` (`Z`), as GTKWave does.
    public var description: String { description(characters: Int.max) }

    /// The description's first `limit` characters, for pictures: a wide value is not formatted
    /// in full only to be cut. Check `descriptionLength` to know whether it was cut.
    public func description(characters limit: Int) -> String {
        if width == 1 { return String(bit(0).rawValue) }
        let nibbles = (width + 3) / 4
        var text: [UInt8] = Array("0x".utf8)
        let shown = max(0, min(nibbles, limit - 2))
        text.reserveCapacity(shown + 2)
        let hex = Array("0123456789abcdef".utf8)
        for nibble in (nibbles - shown..<nibbles).reversed() {
            let shift = UInt64((nibble * 4) & 63)
            let used = min(4, width - nibble * 4)
            let mask: UInt64 = (1 << UInt64(used)) - 1
            let digit = (value[(nibble * 4) >> 6] >> shift) & mask
            let unknownBits = (unknown[(nibble * 4) >> 6] >> shift) & mask
            if unknownBits == 0 {
                text.append(hex[Int(digit)])
            } else if unknownBits == mask && digit == 0 {
                text.append(UInt8(ascii: "x"))
            } else if unknownBits == mask && digit == mask {
                text.append(UInt8(ascii: "z"))
            } else if unknownBits & ~digit != 0 {
                text.append(UInt8(ascii: "X"))  // some bit is x
            } else {
                text.append(UInt8(ascii: "Z"))
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The length of `description`, without building it.
    public var descriptionLength: Int { width == 1 ? 1 : 2 + (width + 3) / 4 }

    /// The value as a signed (two's complement) decimal, when every bit is known and the width
    /// is at most 64; nil otherwise.
    public var signedDecimal: String? {
        guard isKnown, width <= 64 else { return nil }
        let bits = value[0]
        guard width < 64 else { return String(Int64(bitPattern: bits)) }
        let signBit = UInt64(1) << UInt64(width - 1)
        if bits & signBit == 0 { return String(bits) }
        // Negative: the magnitude is 2^width - bits, computed without overflow.
        let magnitude = (~bits &+ 1) & LogicValue.topWordMask(width)
        return "-" + String(magnitude)
    }
}

/// A sampled value: a 4-state vector or a real (VCD `real`/`realtime` variables).
public enum WaveValue: Hashable, Sendable, CustomStringConvertible {
    case logic(LogicValue)
    case real(Double)

    public var description: String {
        switch self {
        case .logic(let value): return value.description
        case .real(let number): return "\(number)"
        }
    }

    /// The description, or its first `limit` characters and whether it was cut: a 65,536-bit
    /// value is not formatted in full for a cell that shows ten characters.
    func label(characters limit: Int, signed: Bool = false) -> (text: String, isComplete: Bool) {
        if signed, case .logic(let value) = self, value.width > 1, let decimal = value.signedDecimal { return (decimal, true) }
        switch self {
        case .logic(let value) where value.descriptionLength > limit:
            return (value.description(characters: limit), false)
        default:
            return (description, true)
        }
    }
}
