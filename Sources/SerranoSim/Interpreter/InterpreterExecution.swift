/// Runs a compiled program once: every combinational value recomputed in topological order.
enum InterpreterExecution {
    typealias Words = UnsafeMutablePointer<UInt64>

    static func run(_ program: UnsafeBufferPointer<InterpreterInstruction>, parts: UnsafeBufferPointer<ConcatPart>, words w: Words) {
        for instruction in program {
            let d = Int(instruction.dst), a = Int(instruction.a), b = Int(instruction.b)
            switch instruction.opcode {
            case .not: w[d] = ~w[a] & instruction.mask
            case .andReduce: w[d] = w[a] == instruction.mask ? 1 : 0
            case .orReduce: w[d] = w[a] != 0 ? 1 : 0
            case .xorReduce: w[d] = UInt64(w[a].nonzeroBitCount & 1)
            case .add: w[d] = (w[a] &+ w[b]) & instruction.mask
            case .sub: w[d] = (w[a] &- w[b]) & instruction.mask
            case .mul: w[d] = (w[a] &* w[b]) & instruction.mask
            case .and: w[d] = w[a] & w[b]
            case .or: w[d] = w[a] | w[b]
            case .xor: w[d] = w[a] ^ w[b]
            case .equal: w[d] = w[a] == w[b] ? 1 : 0
            case .notEqual: w[d] = w[a] != w[b] ? 1 : 0
            case .lessUnsigned: w[d] = w[a] < w[b] ? 1 : 0
            case .lessOrEqualUnsigned: w[d] = w[a] <= w[b] ? 1 : 0
            case .lessSigned:
                w[d] = signed(w[a], shift: Int(instruction.aux)) < signed(w[b], shift: Int(instruction.aux)) ? 1 : 0
            case .lessOrEqualSigned:
                w[d] = signed(w[a], shift: Int(instruction.aux)) <= signed(w[b], shift: Int(instruction.aux)) ? 1 : 0
            case .shiftLeft:
                let amount = w[b]
                w[d] = amount >= UInt64(UInt32(instruction.width)) ? 0 : (w[a] << amount) & instruction.mask
            case .shiftRightLogical:
                let amount = w[b]
                w[d] = amount >= UInt64(UInt32(instruction.width)) ? 0 : w[a] >> amount
            case .shiftRightArithmetic:
                let amount = min(w[b], 63)
                let value = signed(w[a], shift: Int(instruction.aux)) >> Int64(amount)
                w[d] = UInt64(bitPattern: value) & instruction.mask
            case .mux: w[d] = w[a] != 0 ? w[b] : w[Int(instruction.c)]
            case .slice: w[d] = (w[a] >> UInt64(UInt32(instruction.aux))) & instruction.mask
            case .signExtend: w[d] = UInt64(bitPattern: signed(w[a], shift: Int(instruction.aux))) & instruction.mask
            case .concat:
                var value: UInt64 = 0
                let start = Int(instruction.aux)
                for index in start..<(start + Int(instruction.aux2)) {
                    let part = parts[index]
                    value = (value << UInt64(part.width)) | w[part.offset]
                }
                w[d] = value
            default:
                runWide(instruction, parts: parts, words: w)
            }
        }
    }

    /// The value of a narrow word as a signed number: `shift` is 64 minus its width.
    @inline(__always)
    static func signed(_ value: UInt64, shift: Int) -> Int64 {
        Int64(bitPattern: value << UInt64(shift)) >> Int64(shift)
    }

    static func runWide(_ instruction: InterpreterInstruction, parts: UnsafeBufferPointer<ConcatPart>, words w: Words) {
        typealias Wide = InterpreterWideWords
        let d = Int(instruction.dst), a = Int(instruction.a), b = Int(instruction.b), width = Int(instruction.width)
        let aux = Int(instruction.aux), aux2 = Int(instruction.aux2)
        switch instruction.opcode {
        case .wideNot: Wide.not(w, dst: d, a: a, width: width)
        case .wideAndReduce: w[d] = Wide.andReduce(w, a: a, width: width) ? 1 : 0
        case .wideOrReduce: w[d] = Wide.orReduce(w, a: a, width: width) ? 1 : 0
        case .wideXorReduce: w[d] = Wide.xorReduce(w, a: a, width: width) ? 1 : 0
        case .wideAdd: Wide.add(w, dst: d, a: a, b: b, width: width)
        case .wideSub: Wide.add(w, dst: d, a: a, b: b, width: width, subtract: true)
        case .wideMul: Wide.mul(w, dst: d, a: a, b: b, width: width)
        case .wideAnd: Wide.bitwise(w, dst: d, a: a, b: b, width: width, &)
        case .wideOr: Wide.bitwise(w, dst: d, a: a, b: b, width: width, |)
        case .wideXor: Wide.bitwise(w, dst: d, a: a, b: b, width: width, ^)
        case .wideEqual: w[d] = Wide.equal(w, a: a, b: b, width: width) ? 1 : 0
        case .wideNotEqual: w[d] = Wide.equal(w, a: a, b: b, width: width) ? 0 : 1
        case .wideLessUnsigned: w[d] = Wide.compare(w, a: a, b: b, width: width, signed: false) < 0 ? 1 : 0
        case .wideLessOrEqualUnsigned: w[d] = Wide.compare(w, a: a, b: b, width: width, signed: false) <= 0 ? 1 : 0
        case .wideLessSigned: w[d] = Wide.compare(w, a: a, b: b, width: width, signed: true) < 0 ? 1 : 0
        case .wideLessOrEqualSigned: w[d] = Wide.compare(w, a: a, b: b, width: width, signed: true) <= 0 ? 1 : 0
        case .wideShiftLeft: Wide.shiftLeft(w, dst: d, a: a, amount: w[b], width: width)
        case .wideShiftRightLogical: Wide.shiftRight(w, dst: d, a: a, amount: w[b], width: width, arithmetic: false)
        case .wideShiftRightArithmetic: Wide.shiftRight(w, dst: d, a: a, amount: w[b], width: width, arithmetic: true)
        case .wideMux:
            let source = w[a] != 0 ? b : Int(instruction.c)
            for index in 0..<wordsNeeded(width) { w[d + index] = w[source + index] }
        case .wideExtract:
            Wide.extract(w, dst: d, width: width, source: a, sourceWidth: aux2, low: aux)
        case .wideSignExtend:
            Wide.signExtend(w, dst: d, width: width, source: a, sourceWidth: aux2)
        case .wideConcat:
            Wide.concat(w, dst: d, width: width, parts: parts, start: aux, count: aux2)
        case .clampAmount:
            var saturated = false
            for index in 1..<wordsNeeded(aux2) where w[a + index] != 0 { saturated = true }
            w[d] = saturated ? ~0 : w[a]
        default:
            break
        }
    }
}
