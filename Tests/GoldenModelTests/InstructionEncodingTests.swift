import Testing
import GoldenModel
import SerranoSupport

@Suite struct InstructionEncodingTests {
    static func randomFlags(_ g: inout SplitMix64) -> DependencyFlags { DependencyFlags(rawValue: UInt8.random(in: 0...15, using: &g)) }

    static func randomInstruction(_ g: inout SplitMix64) -> Instruction {
        let row = { (g: inout SplitMix64) in g.int(in: 0..<(1 << 20)) }
        let count = { (g: inout SplitMix64) in g.int(in: 0...0xFFFF) }
        let word = { (g: inout SplitMix64) in Int(UInt32.random(in: .min ... .max, using: &g)) }
        let s8 = { (g: inout SplitMix64) in g.int(in: -128...127) }
        switch g.int(in: 0..<7) {
        case 0:
            return .load(.init(target: Bool.random(using: &g) ? .scratchpad : .accumulator, sramRow: row(&g), rowCount: count(&g),
                               elementsPerRow: count(&g), dramAddress: word(&g), dramStride: word(&g), dependencies: randomFlags(&g)))
        case 1:
            return .store(.init(raw: Bool.random(using: &g), accumulatorRow: row(&g), rowCount: count(&g), elementsPerRow: count(&g),
                                dramAddress: word(&g), dramStride: word(&g), dependencies: randomFlags(&g)))
        case 2: return .preload(.init(scratchpadRow: row(&g), rowCount: count(&g), dependencies: randomFlags(&g)))
        case 3:
            return .compute(.init(inputRow: row(&g), rowCount: count(&g), accumulatorRow: row(&g), accumulate: Bool.random(using: &g),
                                  dependencies: randomFlags(&g)))
        case 4: return .configureCompute(.init(inputZeroPoint: s8(&g), weightZeroPoint: s8(&g), dependencies: randomFlags(&g)))
        case 5:
            return .configureStore(.init(
                multiplier: g.int(in: 0...Int(Int32.max)), shift: g.int(in: -32...31),
                outputZeroPoint: s8(&g), activationMin: s8(&g), activationMax: s8(&g), singleRounding: Bool.random(using: &g),
                perChannel: Bool.random(using: &g), channelParametersRow: row(&g), dependencies: randomFlags(&g)))
        default: return .finish(randomFlags(&g))
        }
    }

    @Test func everyInstructionSurvivesEncodeAndDecode() throws {
        var (g, seed) = SplitMix64.forTest("isaRoundTrip", fallback: 3)
        let program = (0..<5_000).map { _ in Self.randomInstruction(&g) }
        for instruction in program {
            let word = try instruction.encoded()
            #expect(try Instruction(decoding: word) == instruction, "seed \(seed): \(instruction) → \(word)")
        }
        #expect(try ProgramCoding.decode(ProgramCoding.encode(program)) == program)
    }

    @Test func aLoadEncodesToThePinnedWord() throws {
        let load = Instruction.load(.init(target: .scratchpad, sramRow: 3, rowCount: 2, elementsPerRow: 4,
                                          dramAddress: 0x100, dramStride: 16, dependencies: [.pushNext]))
        let word = try load.encoded()
        #expect(word == InstructionWord(low: 0x0004_0002_0000_3081, high: 0x0000_0010_0000_0100))
        #expect(word.bytes.prefix(2) == [0x81, 0x30])
        let config = Instruction.configureStore(.init(multiplier: 1 << 30, shift: -1, outputZeroPoint: -3, activationMin: -3,
                                                      activationMax: 127, singleRounding: true))
        // shift −1 = 0b111111 at 37:32; −3 = 0xFD at 47:40 and 55:48; 127 at 63:56.
        #expect(try config.encoded() == InstructionWord(low: 0x7FFD_FD3F_0000_0106, high: 0x4000_0000))
    }

    @Test func fieldsOfEachOpcodeAreDisjointAndFit128Bits() {
        for op in Opcode.allCases {
            var used = Set<Int>()
            for field in InstructionLayout.fields(of: op) {
                let bits = Set(field.lsb...field.msb)
                #expect(used.isDisjoint(with: bits), "\(op): \(field) overlaps")
                #expect(field.msb < 128 && (field.lsb >= 64 || field.msb < 64), "\(op): \(field) straddles or overflows")
                used.formUnion(bits)
            }
        }
        let table = InstructionLayout.markdownTable()
        for op in Opcode.allCases { #expect(table.contains("| \(op) = \(op.rawValue) |")) }
    }

    @Test func valuesThatDoNotFitAreRejected() {
        #expect(throws: InstructionEncodingError.self) { try Instruction.preload(.init(scratchpadRow: 1 << 20, rowCount: 1)).encoded() }
        #expect(throws: InstructionEncodingError.self) {
            try Instruction.configureCompute(.init(inputZeroPoint: 128, weightZeroPoint: 0)).encoded()
        }
        #expect(throws: InstructionEncodingError.self) {
            try Instruction.load(.init(target: .scratchpad, sramRow: 0, rowCount: 1, elementsPerRow: 1, dramAddress: -1, dramStride: 0)).encoded()
        }
    }

    @Test func badWordsAreRejected() throws {
        #expect(throws: InstructionEncodingError.self) { try Instruction(decoding: InstructionWord()) }
        #expect(throws: InstructionEncodingError.self) { try Instruction(decoding: InstructionWord(low: 0xF)) }
        // FINISH with a payload bit set.
        #expect(throws: InstructionEncodingError.self) { try Instruction(decoding: InstructionWord(low: 7 | 1 << 8)) }
        // PRELOAD with a bit in the second word.
        #expect(throws: InstructionEncodingError.self) { try Instruction(decoding: InstructionWord(low: 3, high: 1)) }
        #expect(throws: InstructionEncodingError.truncatedStream(byteCount: 15)) { try ProgramCoding.decode(Array(repeating: 0, count: 15)) }
        #expect(throws: FunctionalModelError.badEncoding(instruction: 1, reason: "unknown opcode 0 in instruction 0x0000000000000000_0000000000000000")) {
            try ProgramCoding.decode(Instruction.finish([]).encoded().bytes + Array(repeating: 0, count: 16))
        }
    }
}
