/// One step of the interpreter's flat, topologically ordered program.
///
/// Every value lives in one shared `[UInt64]` word array: a value of up to 64 bits takes one
/// word, a wider value `(width + 63) / 64` consecutive words, little-endian. Bits above a value's
/// width are always zero. `dst`, `a`, `b` and `c` are word offsets into that array.
///
/// Narrow opcodes (no prefix) handle values of up to 64 bits with plain `UInt64` arithmetic;
/// `wide…` opcodes work on word ranges and serve every instruction with an operand or a result
/// wider than 64 bits.
struct InterpreterInstruction {
    enum Opcode: UInt8 {
        // Narrow: operands and result ≤ 64 bits; `mask` is the result's width mask.
        case not, andReduce, orReduce, xorReduce
        case add, sub, mul, and, or, xor
        case equal, notEqual, lessUnsigned, lessOrEqualUnsigned, lessSigned, lessOrEqualSigned
        case shiftLeft, shiftRightLogical, shiftRightArithmetic
        case mux, slice, signExtend, concat
        // Wide: at least one operand or the result > 64 bits.
        case wideNot, wideAndReduce, wideOrReduce, wideXorReduce
        case wideAdd, wideSub, wideMul, wideAnd, wideOr, wideXor
        case wideEqual, wideNotEqual, wideLessUnsigned, wideLessOrEqualUnsigned, wideLessSigned, wideLessOrEqualSigned
        case wideShiftLeft, wideShiftRightLogical, wideShiftRightArithmetic
        case wideMux, wideExtract, wideSignExtend, wideConcat
        /// A shift amount wider than 64 bits, saturated into one word.
        case clampAmount
    }

    // 32-bit fields keep an instruction at 40 bytes: big designs' programs stay in cache.
    var opcode: Opcode
    var dst: Int32
    var a: Int32
    var b: Int32
    var c: Int32
    /// The result width (reductions and comparisons: the operands' width).
    var width: Int32
    /// Opcode-specific: the slice's low bit, a sign shift, a parts list start.
    var aux: Int32
    /// Opcode-specific: a source width or a parts count.
    var aux2: Int32
    var mask: UInt64

    init(opcode: Opcode, dst: Int, a: Int = 0, b: Int = 0, c: Int = 0, width: Int = 0, aux: Int = 0, aux2: Int = 0, mask: UInt64 = 0) {
        self.opcode = opcode
        self.dst = Int32(truncatingIfNeeded: dst)
        self.a = Int32(truncatingIfNeeded: a)
        self.b = Int32(truncatingIfNeeded: b)
        self.c = Int32(truncatingIfNeeded: c)
        self.width = Int32(truncatingIfNeeded: width)
        self.aux = Int32(truncatingIfNeeded: aux)
        self.aux2 = Int32(truncatingIfNeeded: aux2)
        self.mask = mask
    }
}

/// One operand of a concatenation: where it lives and how wide it is.
struct ConcatPart {
    var offset: Int
    var width: Int
}

/// The mask of the low `width` bits (all ones for 64 and more).
@inline(__always)
func lowMask(_ width: Int) -> UInt64 {
    width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) &- 1
}

/// The number of 64-bit words a `width`-bit value takes.
@inline(__always)
func wordsNeeded(_ width: Int) -> Int { (width + 63) >> 6 }
