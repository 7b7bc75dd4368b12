import Foundation
import SerranoIR
import SerranoVerilog
import Testing
import SerranoSupport

/// The printed Verilog computes what the IR means: checked by simulating it in Icarus and
/// comparing with plain Swift integer arithmetic, on corner cases and seeded random operands.
@Suite struct SimulationTests {
    static let corners = [-128, -127, -65, -64, -3, -2, -1, 0, 1, 2, 3, 63, 64, 126, 127]

    /// The seed of the random vectors; `SERRANO_SEED` replays a failure.
    static let seed: UInt64 = ProcessInfo.processInfo.environment["SERRANO_SEED"].flatMap { UInt64($0) } ?? 0x5EED_2026

    @Test func arithmeticMatchesSwiftIntegers() throws {
        var vectors: [[String: Int]] = []
        var index = 0
        for a in Self.corners {
            for b in Self.corners {
                vectors.append(["a": a, "b": b, "ua": a & 0xff, "ub": b & 0xff, "amount": index % 8])
                index += 1
            }
        }
        var generator = SplitMix64(seed: Self.seed)
        for _ in 0..<200 {
            let a = Int(generator.next() % 256) - 128
            let b = Int(generator.next() % 256) - 128
            vectors.append(["a": a, "b": b, "ua": Int(generator.next() % 256), "ub": Int(generator.next() % 256),
                            "amount": Int(generator.next() % 8)])
        }
        let results = try IcarusHarness.run(try TestDesigns.arithmetic(), vectors: vectors, label: "arithmetic-sim")
        try #require(results.count == vectors.count)
        var failures = 0
        for (vector, actual) in zip(vectors, results) {
            let expected = Self.expectedArithmetic(vector)
            for (name, value) in expected.sorted(by: { $0.key < $1.key }) where actual[name] != value {
                failures += 1
                if failures <= 20 {
                    Issue.record("seed \(Self.seed), inputs \(vector.sorted { $0.key < $1.key }): \(name) = \(String(actual[name] ?? 0, radix: 16)), expected \(String(value, radix: 16))")
                }
            }
        }
        #expect(failures == 0, "seed \(Self.seed) (SERRANO_SEED replays it)")
    }

    /// What each output of `TestDesigns.arithmetic` must be, as a bit pattern of its width.
    static func expectedArithmetic(_ v: [String: Int]) -> [String: UInt64] {
        let a = v["a"] ?? 0, b = v["b"] ?? 0, ua = v["ua"] ?? 0, ub = v["ub"] ?? 0, amount = v["amount"] ?? 0
        let flag: (Bool) -> UInt64 = { $0 ? 1 : 0 }
        return [
            "product": bits(a * b, 16), "uproduct": bits(ua * ub, 16), "productLow": bits(a * b, 8),
            "sum": bits(a + b, 9), "difference": bits(ua - ub, 8), "signedDifference": bits(a - b, 9),
            "andBits": bits(ua & ub, 8), "orBits": bits(ua | ub, 8), "xorBits": bits(ua ^ ub, 8),
            "shiftedRight": bits(a >> amount, 8), "logicalRight": bits(ua >> amount, 8),
            "shiftedLeft": bits(ua << amount, 10),
            "signedLess": flag(a < b), "unsignedLess": flag(ua < ub), "signedGreaterEqual": flag(a >= b),
            "unsignedLessEqual": flag(ua <= ub), "signedGreater": flag(a > b), "equal": flag(ua == ub),
            "notEqual": flag(a != b), "lessThanMinusThree": flag(a < -3),
            "inverted": bits(~ua, 8), "allOnes": flag(ua == 0xff), "anyOne": flag(ua != 0),
            "parity": UInt64(ua.nonzeroBitCount & 1), "middle": bits(ua >> 2, 4), "signBit": flag(a < 0),
            "joined": bits(ub << 5 | 1 << 4 | a & 0xf, 13), "signExtended": bits(a, 12), "zeroExtended": bits(ua, 12),
            "truncated": bits(ua, 5), "signedTruncated": bits(b, 4), "asUnsigned": bits(a, 8), "minimum": bits(min(a, b), 8),
        ]
    }

    @Test func cornerCasesNamedInTheBrief() throws {
        // -128 × -128 = 16384 needs all 16 bits; -128 >>> 3 = -16 keeps the sign; -1 < 1 signed
        // but 0xff > 0x01 unsigned.
        let vectors: [[String: Int]] = [["a": -128, "b": -128, "ua": 0xff, "ub": 0x01, "amount": 3]]
        let result = try #require(try IcarusHarness.run(try TestDesigns.arithmetic(), vectors: vectors, label: "corners").first)
        #expect(result["product"] == 0x4000)
        #expect(result["shiftedRight"] == 0xf0)
        #expect(result["unsignedLess"] == 0)
        #expect(result["signedLess"] == 0)
        #expect(result["lessThanMinusThree"] == 1)
    }
}

extension SimulationTests {
    @Test func edgeCasesComputeTheirValues() throws {
        let vectors: [[String: Int]] = [["flag": -1, "ua": 0xff, "select": 0], ["flag": 0, "ua": 0x12, "select": 1]]
        let results = try IcarusHarness.run(try TestDesigns.edgeCases(), vectors: vectors, label: "edge-sim")
        try #require(results.count == 2)
        let (high, low) = (results[0], results[1])
        #expect(high["flagExtended"] == 0xff && low["flagExtended"] == 0)
        #expect(high["flagNegated"] == 0 && low["flagNegated"] == 1)
        #expect(high["flagReduced"] == 1 && low["flagReduced"] == 0)
        // 0xff + (2^99 + 5): bit 99 set, low byte 0x04 with a carry out of it.
        #expect(high["wideHigh"] == 0x8 && high["wideLow"] == 0x04)
        #expect(high["constantSlice"] == 0xBC)
        #expect(high["magicOut"] == 0x2A)
        #expect(low["single"] == 0x12)
        #expect(high["shiftedByTwo"] == 0x3fc)
        #expect(high["minusOneWide"] == 0xff)
        #expect(high["chosen"] == 0xff && low["chosen"] == 7)
        #expect(high["constantsCompared"] == 0)
        // SInt(1) −1 × −1 = 1, as SInt(2) 0b01.
        #expect(high["flagTimesFlag"] == 1 && low["flagTimesFlag"] == 0)
    }
}
