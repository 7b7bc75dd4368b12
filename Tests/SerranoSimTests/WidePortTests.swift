import Foundation
import Testing
@testable import SerranoSim
@testable import SerranoVerilator

@Suite("Ports wider than 64 bits")
struct WidePortTests {
    @Test("100-bit values poke and peek exactly, through the combinational and the registered path")
    func hundredBitPorts() throws {
        let sim = try VerilatorModel.build(Fixtures.wide).makeSimulator()
        let a = try sim.port("a"), b = try sim.port("b"), sum = try sim.port("sum")
        let registered = try sim.port("sum_registered"), topBit = try sim.port("top_bit")
        #expect(a.width == 100 && sum.width == 100)
        let allOnes = try BitVector.checked(width: 100, words: [~0, (1 << 36) - 1])
        let one = BitVector(width: 100, value: 1)
        try sim.poke(a, allOnes)
        try sim.poke(b, one)
        sim.eval()
        #expect(try sim.peekBits(sum) == BitVector(width: 100))  // 2^100 - 1 + 1 wraps to 0
        #expect(try sim.peek(topBit) == 1)
        let x = try BitVector.checked(width: 100, words: [0x0123_4567_89AB_CDEF, 0xF_EDCB_A987])
        let y = try BitVector.checked(width: 100, words: [0xFFFF_FFFF_FFFF_FFFF, 0x1])
        try sim.poke(a, x)
        try sim.poke(b, y)
        try sim.step(1)
        let expected = try BitVector.checked(width: 100, words: [0x0123_4567_89AB_CDEE, 0xF_EDCB_A989])
        #expect(try sim.peekBits(registered) == expected)
        #expect(try sim.peekBits(sum) == expected)
        #expect(try sim.peekSignal("wide.shadow") == BitVector(width: 100, words: [0xFEDC_BA98_7654_3210, 0xF_EDCB_A986]))
        // Reading in place reuses the caller's storage.
        var buffer = BitVector(width: 100)
        try sim.peek(registered, into: &buffer)
        #expect(buffer == expected)
    }

    @Test("64- and 65-bit ports keep their top bits")
    func boundaryWidths() throws {
        let sim = try VerilatorModel.build(Fixtures.wide).makeSimulator()
        let word = try sim.port("word"), inverted = try sim.port("word_inverted")
        let wordPlusOne = try sim.port("word_plus_one"), shifted = try sim.port("word_plus_one_shifted")
        try sim.poke(word, 0x8000_0000_0000_0001)
        try sim.poke(wordPlusOne, try BitVector.checked(width: 65, words: [0xC000_0000_0000_0001, 0]))
        sim.eval()
        #expect(try sim.peek(inverted) == 0x7FFF_FFFF_FFFF_FFFE)
        #expect(try sim.peekBits(shifted) == BitVector(width: 65, words: [0x8000_0000_0000_0002, 1]))
        // A UInt64 poked into a wider port clears its high bits.
        try sim.poke(wordPlusOne, 3)
        sim.eval()
        #expect(try sim.peekBits(shifted) == BitVector(width: 65, words: [6, 0]))
        #expect(try sim.peek(shifted) == 6)
    }

    @Test("a value with bits above the port's width is refused, not truncated")
    func tooWideIsRefused() throws {
        let sim = try VerilatorModel.build(Fixtures.wide).makeSimulator()
        let a = try sim.port("a")
        #expect(throws: SimulationError.self) { try sim.poke(a, try BitVector.checked(width: 101, words: [0, 1 << 36])) }
        #expect(throws: SimulationError.self) { try BitVector.checked(width: 100, words: [0, 1 << 36]) }
        // A wider container holding a value that fits is fine.
        try sim.poke(a, try BitVector.checked(width: 128, words: [5, 0]))
    }
}
