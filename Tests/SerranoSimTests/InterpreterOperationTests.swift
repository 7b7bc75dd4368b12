import SerranoIR
@testable import SerranoSim
import Testing

/// Each combinational operation against numbers worked out independently in the test.
@Suite struct InterpreterOperationTests {
    /// `out = a op b` with the given types.
    private func binary(_ op: BinaryOperator, _ a: HardwareType, _ b: HardwareType, result: HardwareType) throws -> IRInterpreter {
        var t = TestModule()
        let x = t.input("a", a), y = t.input("b", b)
        t.output("out", result, t.node(.binary(op, x, y), result))
        return try t.interpreter()
    }

    @Test func signedMultiplyExtendsOperandsToTheResultWidth() throws {
        let sim = try binary(.mul, .sint(8), .sint(8), result: .sint(16))
        try sim.set("a", 0x80)  // -128
        try sim.set("b", 0x80)
        #expect(try sim.get("out") == 16384)
        try sim.set("b", 0x7F)  // -128 * 127 = -16256
        #expect(try sim.get("out") == IRInterpreter.pattern(-16256, width: 16))
        let unsigned = try binary(.mul, .uint(8), .uint(8), result: .uint(16))
        try unsigned.set("a", 255)
        try unsigned.set("b", 255)
        #expect(try unsigned.get("out") == 65025)
    }

    @Test func addWrapsAndSubtractBorrows() throws {
        let sim = try binary(.add, .uint(8), .uint(8), result: .uint(8))
        try sim.set("a", 200)
        try sim.set("b", 100)
        #expect(try sim.get("out") == 44)  // 300 mod 256
        let widened = try binary(.sub, .sint(4), .sint(4), result: .sint(5))
        try widened.set("a", IRInterpreter.pattern(-8, width: 4))
        try widened.set("b", 7)
        #expect(try widened.get("out") == IRInterpreter.pattern(-15, width: 5))
    }

    @Test func arithmeticShiftOfNegativeValues() throws {
        let sim = try binary(.shiftRight, .sint(8), .uint(4), result: .sint(8))
        try sim.set("a", IRInterpreter.pattern(-100, width: 8))
        try sim.set("b", 3)
        #expect(try sim.get("out") == IRInterpreter.pattern(-13, width: 8))  // floor(-100 / 8)
        try sim.set("b", 9)  // past the width: every bit is the sign
        #expect(try sim.get("out") == 0xFF)
        try sim.set("a", 100)
        #expect(try sim.get("out") == 0)
        let logical = try binary(.shiftRight, .uint(8), .uint(4), result: .uint(8))
        try logical.set("a", 0x80)
        try logical.set("b", 3)
        #expect(try logical.get("out") == 0x10)
    }

    @Test func shiftLeftExtendsToTheResultAndClearsPastTheWidth() throws {
        let sim = try binary(.shiftLeft, .uint(4), .uint(4), result: .uint(8))
        try sim.set("a", 0xF)
        try sim.set("b", 2)
        #expect(try sim.get("out") == 0x3C)
        try sim.set("b", 8)
        #expect(try sim.get("out") == 0)
        let signed = try binary(.shiftLeft, .sint(4), .uint(2), result: .sint(8))
        try signed.set("a", IRInterpreter.pattern(-3, width: 4))
        try signed.set("b", 1)
        #expect(try signed.get("out") == IRInterpreter.pattern(-6, width: 8))
    }

    @Test func signedComparisonsOfMixedWidths() throws {
        let less = try binary(.less, .sint(4), .sint(8), result: .bool)
        try less.set("a", IRInterpreter.pattern(-8, width: 4))
        try less.set("b", IRInterpreter.pattern(-9, width: 8))
        #expect(try less.get("out") == 0)  // -8 < -9 is false
        try less.set("b", IRInterpreter.pattern(-7, width: 8))
        #expect(try less.get("out") == 1)
        let unsigned = try binary(.greaterOrEqual, .uint(4), .uint(8), result: .bool)
        try unsigned.set("a", 0x8)
        try unsigned.set("b", 0xF7)
        #expect(try unsigned.get("out") == 0)
        let equal = try binary(.equal, .sint(4), .sint(8), result: .bool)
        try equal.set("a", 0xF)  // -1
        try equal.set("b", 0xFF)  // -1
        #expect(try equal.get("out") == 1)
    }

    @Test func hundredBitAddCarriesAcrossWords() throws {
        let sim = try binary(.add, .uint(100), .uint(100), result: .uint(100))
        try sim.set("a", words: [~0, 0])
        try sim.set("b", words: [1, 0])
        #expect(try sim.getWords("out") == [0, 1])  // 2^64
        try sim.set("a", words: [~0, (1 << 36) - 1])  // 2^100 - 1
        #expect(try sim.getWords("out") == [0, 0])  // wraps to 0
        let sub = try binary(.sub, .uint(100), .uint(100), result: .uint(100))
        try sub.set("a", words: [0, 1])
        try sub.set("b", words: [1, 0])
        #expect(try sub.getWords("out") == [~0, 0])  // 2^64 - 1
    }

    @Test func wideMultiplyAndSignedWideCompare() throws {
        let sim = try binary(.mul, .uint(130), .uint(130), result: .uint(130))
        try sim.set("a", words: [1, 1, 0])  // 2^64 + 1
        try sim.set("b", words: [1, 1, 0])
        #expect(try sim.getWords("out") == [1, 2, 1])  // 2^128 + 2^65 + 1
        let compare = try binary(.less, .sint(100), .sint(70), result: .bool)
        try compare.set("a", words: [~0, (1 << 36) - 1])  // -1
        try compare.set("b", words: [5, 0])
        #expect(try compare.get("out") == 1)
        try compare.set("b", words: [~0, 0x3F])  // -1 in 70 bits
        #expect(try compare.get("out") == 0)
    }

    @Test func wideArithmeticShiftFillsWithTheSign() throws {
        let sim = try binary(.shiftRight, .sint(100), .uint(8), result: .sint(100))
        try sim.set("a", words: [0, 1 << 35])  // -2^99
        try sim.set("b", 40)
        // -2^59 in 100 bits: ones from bit 59 to bit 99.
        #expect(try sim.getWords("out") == [~UInt64(0) << 59, (1 << 36) - 1])
        try sim.set("b", 200)
        #expect(try sim.getWords("out") == [~0, (1 << 36) - 1])
        let left = try binary(.shiftLeft, .uint(70), .uint(8), result: .uint(70))
        try left.set("a", words: [0x8000_0000_0000_0001, 0])
        try left.set("b", 4)
        #expect(try left.getWords("out") == [0x10, 0x8])
    }

    @Test func wideShiftAmountsSaturate() throws {
        let sim = try binary(.shiftLeft, .uint(8), .uint(70), result: .uint(8))
        try sim.set("a", 1)
        try sim.set("b", words: [1, 1])  // 2^64 + 1: past the width
        #expect(try sim.get("out") == 0)
        try sim.set("b", words: [3, 0])
        #expect(try sim.get("out") == 8)
    }

    @Test func slicesConcatenationsAndResizes() throws {
        var t = TestModule()
        let a = t.input("a", .uint(130))
        let b = t.input("b", .sint(8))
        t.output("slice", .uint(11), t.node(.slice(a, high: 70, low: 60), .uint(11)))
        let bit = t.node(.slice(a, high: 129, low: 129), .uint(1))
        let low = t.node(.slice(a, high: 63, low: 0), .uint(64))
        t.output("joined", .uint(73), t.node(.concat([bit, b, low]), .uint(73)))
        t.output("extended", .sint(100), t.node(.resize(b), .sint(100)))
        t.output("truncated", .sint(4), t.node(.resize(b), .sint(4)))
        t.output("reinterpreted", .uint(8), t.node(.reinterpret(b), .uint(8)))
        let sim = try t.interpreter()
        try sim.set("a", words: [0xF000_0000_0000_0000, 0x5, 0x2])  // bits 60-63 and 64, 66, 129
        try sim.set("b", IRInterpreter.pattern(-3, width: 8))
        #expect(try sim.get("slice") == 0b000_0101_1111)  // bits 70…60
        #expect(try sim.getWords("joined") == [0xF000_0000_0000_0000, (1 << 8) | 0xFD])
        #expect(try sim.getWords("extended") == [~UInt64(0) - 2, (1 << 36) - 1])
        #expect(try sim.get("truncated") == 0xD)
        #expect(try sim.get("reinterpreted") == 0xFD)
    }

    @Test func reductionsNotAndMux() throws {
        var t = TestModule()
        let a = t.input("a", .uint(65))
        let s = t.input("s", .bool)
        t.output("all", .bool, t.node(.unary(.andReduce, a), .bool))
        t.output("any", .bool, t.node(.unary(.orReduce, a), .bool))
        t.output("parity", .bool, t.node(.unary(.xorReduce, a), .bool))
        let inverted = t.node(.unary(.not, a), .uint(65))
        t.output("inverted", .uint(65), inverted)
        t.output("picked", .uint(65), t.node(.mux(select: s, whenTrue: a, whenFalse: inverted), .uint(65)))
        let sim = try t.interpreter()
        try sim.set("a", words: [~0, 1])
        #expect(try sim.get("all") == 1)
        #expect(try sim.get("any") == 1)
        #expect(try sim.get("parity") == 1)  // 65 ones
        #expect(try sim.getWords("inverted") == [0, 0])
        try sim.set("a", words: [0b110, 0])
        #expect(try sim.get("all") == 0)
        #expect(try sim.get("parity") == 0)
        #expect(try sim.getWords("inverted") == [~UInt64(0b110), 1])
        try sim.set("s", 1)
        #expect(try sim.getWords("picked") == [0b110, 0])
        try sim.set("s", 0)
        #expect(try sim.getWords("picked") == [~UInt64(0b110), 1])
    }
}
