import SerranoIR

/// Sized Verilog literals for IR constants.
enum Literal {
    /// `value` extended (by `sourceSigned`) or truncated to `width` bits, as `8'h2a` or, when
    /// Verilog must treat it as signed, `8'sh80`.
    static func text(_ value: BitVector, sourceSigned: Bool, width: Int, verilogSigned: Bool) -> String {
        let sized = resized(value, sourceSigned: sourceSigned, to: width)
        return "\(sized.width)'\(verilogSigned ? "s" : "")h\(sized.hexDigits)"
    }

    /// Bits `high…low` of `value`, as an unsigned literal.
    static func slice(_ value: BitVector, high: Int, low: Int) -> String {
        var result = BitVector(width: high - low + 1)
        for bit in low...high where bit < value.width { result[bit: bit - low] = value[bit: bit] }
        return "\(result.width)'h\(result.hexDigits)"
    }

    static func resized(_ value: BitVector, sourceSigned: Bool, to width: Int) -> BitVector {
        var result = BitVector(width: width)
        let fill = sourceSigned && value[bit: value.width - 1]
        for bit in 0..<width { result[bit: bit] = bit < value.width ? value[bit: bit] : fill }
        return result
    }
}
