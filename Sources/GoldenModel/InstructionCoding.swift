/// Encoder and decoder between `Instruction` and `InstructionWord`, driven by `InstructionLayout`.
extension Instruction {
    private typealias L = InstructionLayout

    /// The 128-bit encoding; throws if a field value does not fit its bits.
    public func encoded() throws -> InstructionWord {
        var word = InstructionWord()
        word.setRaw(L.opcode, opcode.rawValue)
        let flags = dependencies
        word.setRaw(L.popPrevious, flags.contains(.popPrevious) ? 1 : 0)
        word.setRaw(L.popNext, flags.contains(.popNext) ? 1 : 0)
        word.setRaw(L.pushPrevious, flags.contains(.pushPrevious) ? 1 : 0)
        word.setRaw(L.pushNext, flags.contains(.pushNext) ? 1 : 0)
        switch self {
        case .load(let i):
            word.setRaw(L.flag0, UInt64(i.target.rawValue))
            try encodeTransfer(&word, i.sramRow, i.rowCount, i.elementsPerRow, i.dramAddress, i.dramStride, rowName: "sram_row")
        case .store(let i):
            word.setRaw(L.flag0, i.raw ? 1 : 0)
            try encodeTransfer(&word, i.accumulatorRow, i.rowCount, i.elementsPerRow, i.dramAddress, i.dramStride, rowName: "acc_row")
        case .preload(let i):
            try word.set(L.sramRow, i.scratchpadRow, as: "spad_row")
            try word.set(L.rowCount, i.rowCount)
        case .compute(let i):
            word.setRaw(L.flag0, i.accumulate ? 1 : 0)
            try word.set(L.sramRow, i.inputRow, as: "spad_row")
            try word.set(L.rowCount, i.rowCount)
            try word.set(L.accumulatorRow, i.accumulatorRow)
        case .configureCompute(let i):
            try word.set(L.inputZeroPoint, i.inputZeroPoint)
            try word.set(L.weightZeroPoint, i.weightZeroPoint)
        case .configureStore(let i):
            word.setRaw(L.flag0, i.singleRounding ? 1 : 0)
            word.setRaw(L.flag1, i.perChannel ? 1 : 0)
            try word.set(L.sramRow, i.channelParametersRow, as: "param_row")
            try word.set(L.shift, i.shift)
            try word.set(L.outputZeroPoint, i.outputZeroPoint)
            try word.set(L.activationMin, i.activationMin)
            try word.set(L.activationMax, i.activationMax)
            try word.set(L.multiplier, i.multiplier)
        case .finish:
            break
        }
        return word
    }

    private func encodeTransfer(
        _ word: inout InstructionWord, _ row: Int, _ rows: Int, _ elements: Int, _ address: Int, _ stride: Int, rowName: String
    ) throws {
        try word.set(L.sramRow, row, as: rowName)
        try word.set(L.rowCount, rows)
        try word.set(L.elementsPerRow, elements)
        try word.set(L.dramAddress, address)
        try word.set(L.dramStride, stride)
    }

    /// Decodes a word; rejects unknown opcodes and set reserved bits.
    public init(decoding word: InstructionWord) throws {
        guard let op = Opcode(rawValue: word.raw(L.opcode)) else {
            throw InstructionEncodingError.unknownOpcode(word.raw(L.opcode), word: word)
        }
        if let used = L.usedBits[op], word.low & ~used.low != 0 || word.high & ~used.high != 0 {
            throw InstructionEncodingError.reservedBitsSet(op, word: word)
        }
        var flags: DependencyFlags = []
        if word.raw(L.popPrevious) == 1 { flags.insert(.popPrevious) }
        if word.raw(L.popNext) == 1 { flags.insert(.popNext) }
        if word.raw(L.pushPrevious) == 1 { flags.insert(.pushPrevious) }
        if word.raw(L.pushNext) == 1 { flags.insert(.pushNext) }
        let flag0 = word.raw(L.flag0) == 1
        switch op {
        case .load:
            self = .load(Load(
                target: flag0 ? .accumulator : .scratchpad, sramRow: word.value(L.sramRow),
                rowCount: word.value(L.rowCount), elementsPerRow: word.value(L.elementsPerRow),
                dramAddress: word.value(L.dramAddress), dramStride: word.value(L.dramStride), dependencies: flags))
        case .store:
            self = .store(Store(
                raw: flag0, accumulatorRow: word.value(L.sramRow), rowCount: word.value(L.rowCount),
                elementsPerRow: word.value(L.elementsPerRow), dramAddress: word.value(L.dramAddress),
                dramStride: word.value(L.dramStride), dependencies: flags))
        case .preload:
            self = .preload(Preload(scratchpadRow: word.value(L.sramRow), rowCount: word.value(L.rowCount), dependencies: flags))
        case .compute:
            self = .compute(Compute(
                inputRow: word.value(L.sramRow), rowCount: word.value(L.rowCount),
                accumulatorRow: word.value(L.accumulatorRow), accumulate: flag0, dependencies: flags))
        case .configureCompute:
            self = .configureCompute(ConfigureCompute(
                inputZeroPoint: word.value(L.inputZeroPoint), weightZeroPoint: word.value(L.weightZeroPoint), dependencies: flags))
        case .configureStore:
            self = .configureStore(ConfigureStore(
                multiplier: word.value(L.multiplier), shift: word.value(L.shift),
                outputZeroPoint: word.value(L.outputZeroPoint), activationMin: word.value(L.activationMin),
                activationMax: word.value(L.activationMax), singleRounding: flag0,
                perChannel: word.raw(L.flag1) == 1, channelParametersRow: word.value(L.sramRow), dependencies: flags))
        case .finish:
            self = .finish(flags)
        }
    }
}

/// Whole programs as instruction streams: 16 bytes per instruction, little-endian.
public enum ProgramCoding {
    /// Encodes every instruction, in order.
    public static func encode(_ program: [Instruction]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(program.count * 16)
        for instruction in program { bytes += try instruction.encoded().bytes }
        return bytes
    }

    /// Decodes a stream; the error names the first bad instruction's index.
    public static func decode(_ bytes: [UInt8]) throws -> [Instruction] {
        guard bytes.count % 16 == 0 else { throw InstructionEncodingError.truncatedStream(byteCount: bytes.count) }
        var program: [Instruction] = []
        program.reserveCapacity(bytes.count / 16)
        for start in stride(from: 0, to: bytes.count, by: 16) {
            guard let word = InstructionWord(bytes: bytes[start..<start + 16]) else { continue }
            do {
                program.append(try Instruction(decoding: word))
            } catch {
                throw FunctionalModelError.badEncoding(instruction: start / 16, reason: "\(error)")
            }
        }
        return program
    }
}
