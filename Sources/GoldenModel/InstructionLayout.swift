/// The binary encoding of `Instruction`: 128-bit words, one table of fields per opcode.
///
/// An RTL decoder is generated from, or tested against, `InstructionLayout.fields(of:)`; the
/// README's table is `InstructionLayout.markdownTable()`. Every bit not in an opcode's table is
/// reserved and must be zero (the decoder rejects the word otherwise).
///
/// | opcode | field | bits |
/// |---|---|---|
/// | all | opcode | 3:0 |
/// | all | pop_prev, pop_next, push_prev, push_next | 4, 5, 6, 7 |
/// | LOAD (1) | target (0 scratchpad, 1 accumulator) · sram_row · rows · elements · dram_addr · dram_stride | 8 · 31:12 · 47:32 · 63:48 · 95:64 · 127:96 |
/// | STORE (2) | raw (1 = int32, 0 = requantized int8) · acc_row · rows · elements · dram_addr · dram_stride | 8 · 31:12 · 47:32 · 63:48 · 95:64 · 127:96 |
/// | PRELOAD (3) | spad_row · rows | 31:12 · 47:32 |
/// | COMPUTE (4) | accumulate · spad_row · rows · acc_row | 8 · 31:12 · 47:32 · 83:64 |
/// | CONFIG_COMPUTE (5) | input_zero_point (s8) · weight_zero_point (s8) | 15:8 · 23:16 |
/// | CONFIG_STORE (6) | single_rounding · per_channel · param_row · shift (s6) · out_zero_point (s8) · act_min (s8) · act_max (s8) · multiplier (u31) | 8 · 9 · 31:12 · 37:32 · 47:40 · 55:48 · 63:56 · 94:64 |
/// | FINISH (7) | — | — |
///
/// Dispatch: LOAD with target 0 goes to the load queue; LOAD with target 1, PRELOAD, COMPUTE,
/// CONFIG_COMPUTE and FINISH to the compute queue; STORE and CONFIG_STORE to the store queue.
public enum InstructionLayout {
    /// Width of an SRAM row address field: scratchpads and accumulators up to 2^20 rows.
    public static let sramRowBits = 20

    /// One named field: bits `lsb ..< lsb + width` of the 128-bit word (bit 0 = LSB of word 0).
    public struct Field: Equatable, Sendable, CustomStringConvertible {
        public let name: String
        public let lsb: Int
        public let width: Int
        public let signed: Bool

        /// Highest bit index.
        public var msb: Int { lsb + width - 1 }
        /// Smallest encodable value.
        public var minimum: Int64 { signed ? -(Int64(1) << (width - 1)) : 0 }
        /// Largest encodable value.
        public var maximum: Int64 { signed ? (Int64(1) << (width - 1)) - 1 : (Int64(1) << width) - 1 }
        /// Verilog-style bit range, "31:12" or "8".
        public var bits: String { width == 1 ? "\(lsb)" : "\(msb):\(lsb)" }
        public var description: String { "\(name)[\(bits)]\(signed ? " signed" : "")" }
    }

    static func field(_ name: String, _ msb: Int, _ lsb: Int, signed: Bool = false) -> Field {
        Field(name: name, lsb: lsb, width: msb - lsb + 1, signed: signed)
    }

    // Common header.
    public static let opcode = field("opcode", 3, 0)
    public static let popPrevious = field("pop_prev", 4, 4)
    public static let popNext = field("pop_next", 5, 5)
    public static let pushPrevious = field("push_prev", 6, 6)
    public static let pushNext = field("push_next", 7, 7)
    // Shared positions: a decoder extracts row addresses and counts from the same bits everywhere.
    public static let flag0 = field("flag0", 8, 8)
    public static let flag1 = field("flag1", 9, 9)
    public static let sramRow = field("sram_row", 31, 12)
    public static let rowCount = field("rows", 47, 32)
    public static let elementsPerRow = field("elements", 63, 48)
    public static let dramAddress = field("dram_addr", 95, 64)
    public static let dramStride = field("dram_stride", 127, 96)
    // COMPUTE.
    public static let accumulatorRow = field("acc_row", 83, 64)
    // CONFIG_COMPUTE.
    public static let inputZeroPoint = field("input_zero_point", 15, 8, signed: true)
    public static let weightZeroPoint = field("weight_zero_point", 23, 16, signed: true)
    // CONFIG_STORE.
    public static let shift = field("shift", 37, 32, signed: true)
    public static let outputZeroPoint = field("out_zero_point", 47, 40, signed: true)
    public static let activationMin = field("act_min", 55, 48, signed: true)
    public static let activationMax = field("act_max", 63, 56, signed: true)
    public static let multiplier = field("multiplier", 94, 64)

    static let header = [opcode, popPrevious, popNext, pushPrevious, pushNext]

    static func renamed(_ f: Field, _ name: String) -> Field {
        Field(name: name, lsb: f.lsb, width: f.width, signed: f.signed)
    }

    /// Every field of `opcode`'s word, header first, with the opcode-specific names.
    public static func fields(of opcode: Opcode) -> [Field] {
        switch opcode {
        case .load:
            return header + [renamed(flag0, "target"), sramRow, rowCount, elementsPerRow, dramAddress, dramStride]
        case .store:
            return header + [renamed(flag0, "raw"), renamed(sramRow, "acc_row"), rowCount, elementsPerRow, dramAddress, dramStride]
        case .preload:
            return header + [renamed(sramRow, "spad_row"), rowCount]
        case .compute:
            return header + [renamed(flag0, "accumulate"), renamed(sramRow, "spad_row"), rowCount, accumulatorRow]
        case .configureCompute:
            return header + [inputZeroPoint, weightZeroPoint]
        case .configureStore:
            return header + [renamed(flag0, "single_rounding"), renamed(flag1, "per_channel"), renamed(sramRow, "param_row"),
                             shift, outputZeroPoint, activationMin, activationMax, multiplier]
        case .finish:
            return header
        }
    }

    /// Bits an opcode uses; everything else is reserved-zero.
    static let usedBits: [Opcode: InstructionWord] = {
        var table: [Opcode: InstructionWord] = [:]
        for op in Opcode.allCases {
            var mask = InstructionWord()
            for f in fields(of: op) { mask.setRaw(f, (UInt64.max >> (64 - f.width))) }
            table[op] = mask
        }
        return table
    }()

    /// The layout as a Markdown table (one row per opcode), for the README.
    public static func markdownTable() -> String {
        var lines = ["| opcode | fields (name[bits], s = signed) |", "|---|---|"]
        for op in Opcode.allCases {
            let specific = fields(of: op).dropFirst(header.count)
            let text = specific.isEmpty ? "—" : specific.map { "\($0.name)[\($0.bits)]\($0.signed ? " s" : "")" }.joined(separator: ", ")
            lines.append("| \(op) = \(op.rawValue) | \(text) |")
        }
        lines.append("| (all) | opcode[3:0], pop_prev[4], pop_next[5], push_prev[6], push_next[7]; other bits reserved, 0 |")
        return lines.joined(separator: "\n")
    }
}

/// A 128-bit instruction word: `low` holds bits 63:0, `high` bits 127:64.
public struct InstructionWord: Hashable, Sendable, CustomStringConvertible {
    public var low: UInt64
    public var high: UInt64

    public init(low: UInt64 = 0, high: UInt64 = 0) {
        self.low = low
        self.high = high
    }

    /// The 16 bytes little-endian (bit 0 is bit 0 of byte 0), as an instruction stream in memory.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: low >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: high >> (8 * $0)) }
    }

    /// Reassembles a word from 16 little-endian bytes.
    public init?(bytes: ArraySlice<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var low: UInt64 = 0, high: UInt64 = 0
        for (i, byte) in bytes.enumerated() {
            if i < 8 { low |= UInt64(byte) << (8 * i) } else { high |= UInt64(byte) << (8 * (i - 8)) }
        }
        self.init(low: low, high: high)
    }

    /// Raw bits of a field (fields never straddle bit 64 in this layout).
    func raw(_ f: InstructionLayout.Field) -> UInt64 {
        let mask = UInt64.max >> (64 - f.width)
        return f.lsb >= 64 ? (high >> (f.lsb - 64)) & mask : (low >> f.lsb) & mask
    }

    mutating func setRaw(_ f: InstructionLayout.Field, _ value: UInt64) {
        let mask = UInt64.max >> (64 - f.width)
        if f.lsb >= 64 {
            high = (high & ~(mask << (f.lsb - 64))) | ((value & mask) << (f.lsb - 64))
        } else {
            low = (low & ~(mask << f.lsb)) | ((value & mask) << f.lsb)
        }
    }

    /// A field's value, sign-extended for signed fields.
    func value(_ f: InstructionLayout.Field) -> Int {
        let bits = raw(f)
        if f.signed, bits & (UInt64(1) << (f.width - 1)) != 0 {
            return Int(Int64(bitPattern: bits | ~(UInt64.max >> (64 - f.width))))
        }
        return Int(bits)
    }

    /// Sets a field, throwing if the value does not fit.
    mutating func set(_ f: InstructionLayout.Field, _ value: Int, as name: String? = nil) throws {
        guard Int64(value) >= f.minimum, Int64(value) <= f.maximum else {
            throw InstructionEncodingError.fieldOverflow(field: name ?? f.name, value: value, range: f.minimum...f.maximum)
        }
        setRaw(f, UInt64(bitPattern: Int64(value)))
    }

    public var description: String {
        let hex = { (v: UInt64) -> String in
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return "0x\(hex(high))_\(hex(low))"
    }
}

/// Why an instruction cannot be encoded or a word cannot be decoded.
public enum InstructionEncodingError: Error, Equatable, CustomStringConvertible {
    case fieldOverflow(field: String, value: Int, range: ClosedRange<Int64>)
    case unknownOpcode(UInt64, word: InstructionWord)
    case reservedBitsSet(Opcode, word: InstructionWord)
    case truncatedStream(byteCount: Int)

    public var description: String {
        switch self {
        case .fieldOverflow(let field, let value, let range):
            return "field \(field) = \(value) does not fit its range \(range.lowerBound)...\(range.upperBound)"
        case .unknownOpcode(let op, let word): return "unknown opcode \(op) in instruction \(word)"
        case .reservedBitsSet(let op, let word): return "\(op) instruction \(word) sets reserved bits"
        case .truncatedStream(let count): return "instruction stream of \(count) bytes is not a multiple of 16"
        }
    }
}
