import Testing
import GoldenModel
import SerranoSupport

@Suite struct RequantizationTests {
    @Test func doubleAndSingleRoundingDifferOnThePinnedVectors() {
        let inputs: [Int32] = [-2, -6, -10]
        let double = inputs.map { FixedPoint.multiplyByQuantizedMultiplier($0, multiplier: 1 << 30, shift: -1, rounding: .double) }
        let single = inputs.map { FixedPoint.multiplyByQuantizedMultiplier($0, multiplier: 1 << 30, shift: -1, rounding: .single) }
        #expect(double == [-1, -2, -3])
        #expect(single == [0, -1, -2])
    }

    @Test func saturatingRoundingDoublingHighMulSaturatesOnlyForMinTimesMin() {
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(.min, .min) == .max)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(.min, .max) == -Int32.max)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(.max, .max) == Int32.max - 1)
        // Halves round toward +∞: 2·(−1)·2^30 / 2^32 = −0.5 → 0; 2·1·2^30 / 2^32 = 0.5 → 1.
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(-1, 1 << 30) == 0)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(1, 1 << 30) == 1)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(-3, 1 << 30) == -1)
    }

    @Test func saturatingRoundingDoublingHighMulMatchesTheShiftFormula() {
        var (g, seed) = SplitMix64.forTest("srdhmFormula", fallback: 7)
        for _ in 0..<20_000 {
            let a = Int32.random(in: .min ... .max, using: &g), b = Int32.random(in: .min ... .max, using: &g)
            guard !(a == .min && b == .min) else { continue }
            // REFERENCES.md: (a·b + 2^30) >> 31 in 64 bits.
            let expected = Int32(truncatingIfNeeded: (Int64(a) * Int64(b) + (1 << 30)) >> 31)
            #expect(FixedPoint.saturatingRoundingDoublingHighMul(a, b) == expected, "seed \(seed): a=\(a) b=\(b)")
        }
    }

    @Test func roundingDivideByPowerOfTwoRoundsHalfAwayFromZero() {
        let cases: [(Int32, Int32, Int32)] = [(5, 1, 3), (-5, 1, -3), (3, 1, 2), (-3, 1, -2), (7, 2, 2), (-7, 2, -2),
                                              (6, 2, 2), (-6, 2, -2), (4, 2, 1), (-4, 2, -1), (0, 5, 0), (-1, 0, -1),
                                              (.max, 31, 1), (.min, 31, -1)]
        for (x, e, expected) in cases {
            #expect(FixedPoint.roundingDivideByPowerOfTwo(x, e) == expected, "RDBPOT(\(x), \(e))")
        }
    }

    @Test func multiplyByQuantizedMultiplierMatchesExactRationalRounding() {
        var (g, seed) = SplitMix64.forTest("mbqmExact", fallback: 11)
        for _ in 0..<20_000 {
            let x = Int32.random(in: -100_000...100_000, using: &g)
            let m = Int32.random(in: (1 << 30)...Int32.max, using: &g)
            let shift = Int32.random(in: -31...4, using: &g)
            // Single rounding: round half up of x·M0 / 2^(31−shift), computed with floor division.
            let total = Int64(31 - shift)
            let product = Int64(x) * Int64(m)
            let floorDivided = product >> total
            let remainder = product - (floorDivided << total)
            let singleExpected = floorDivided + (remainder * 2 >= (Int64(1) << total) ? 1 : 0)
            #expect(Int64(FixedPoint.multiplyByQuantizedMultiplier(x, multiplier: m, shift: shift, rounding: .single)) == singleExpected,
                    "seed \(seed): x=\(x) M0=\(m) shift=\(shift)")
            // Double rounding: first to 32 bits half up, then half away from zero.
            let left = Int64(x) << Int64(max(shift, 0))
            let high = (left * Int64(m) + (1 << 30)) >> 31
            let right = Int64(max(-shift, 0))
            let magnitude = abs(high)
            let rounded = right == 0 ? magnitude : (magnitude + (Int64(1) << (right - 1))) >> right
            let doubleExpected = high < 0 ? -rounded : rounded
            #expect(Int64(FixedPoint.multiplyByQuantizedMultiplier(x, multiplier: m, shift: shift, rounding: .double)) == doubleExpected,
                    "seed \(seed): x=\(x) M0=\(m) shift=\(shift)")
        }
    }

    @Test func quantizeMultiplierFollowsTFLite() throws {
        #expect(try QuantizedMultiplier(realMultiplier: 0.5) == QuantizedMultiplier(multiplier: 1 << 30, shift: 0))
        #expect(try QuantizedMultiplier(realMultiplier: 1.0) == QuantizedMultiplier(multiplier: 1 << 30, shift: 1))
        #expect(try QuantizedMultiplier(realMultiplier: 0.25) == QuantizedMultiplier(multiplier: 1 << 30, shift: -1))
        #expect(try QuantizedMultiplier(realMultiplier: 0.3) == QuantizedMultiplier(multiplier: 1_288_490_189, shift: -1))
        #expect(try QuantizedMultiplier(realMultiplier: 0) == QuantizedMultiplier(multiplier: 0, shift: 0))
        // Rounds up to 2^31: renormalized.
        #expect(try QuantizedMultiplier(realMultiplier: 1 - 0x1p-40) == QuantizedMultiplier(multiplier: 1 << 30, shift: 1))
        // Below 2^-31 flushes to zero; above 2^30 saturates.
        #expect(try QuantizedMultiplier(realMultiplier: 1e-12) == QuantizedMultiplier(multiplier: 0, shift: 0))
        #expect(try QuantizedMultiplier(realMultiplier: 0x1p40) == QuantizedMultiplier(multiplier: .max, shift: 30))
        #expect(throws: RequantizationError.invalidRealMultiplier(-1)) { try QuantizedMultiplier(realMultiplier: -1) }
        #expect(throws: RequantizationError.self) { try QuantizedMultiplier(realMultiplier: .nan) }
        #expect(throws: RequantizationError.shiftOutOfRange(31)) { try QuantizedMultiplier(multiplier: 1, shift: 31) }
        #expect(throws: RequantizationError.negativeMultiplier(-1)) { try QuantizedMultiplier(multiplier: -1, shift: 0) }
    }

    @Test func activationRangesFollowCalculateActivationRangeQuantized() throws {
        #expect(try ActivationRange.relu(outputZeroPoint: -5) == ActivationRange(min: -5, max: 127))
        #expect(try ActivationRange.relu(outputZeroPoint: -128) == ActivationRange.none)
        #expect(try ActivationRange.relu6(outputZeroPoint: 0, outputScale: 0.1) == ActivationRange(min: 0, max: 60))
        #expect(try ActivationRange.relu6(outputZeroPoint: -128, outputScale: 6.0 / 255) == ActivationRange(min: -128, max: 127))
        #expect(throws: RequantizationError.badActivationRange(min: 5, max: 4)) { try ActivationRange(min: 5, max: 4) }
        #expect(throws: RequantizationError.invalidOutputScale(0)) { try ActivationRange.relu6(outputZeroPoint: 0, outputScale: 0) }
    }

    @Test func requantizeAddsZeroPointThenClamps() throws {
        let half = try QuantizedMultiplier(realMultiplier: 0.5)
        let relu = try Requantization(multipliers: .perTensor(half), outputZeroPoint: -10, activation: .relu(outputZeroPoint: -10))
        #expect(relu.apply(41, channel: 0) == 11)     // 20.5 → 21 − 10
        #expect(relu.apply(-41, channel: 0) == -10)   // −21 − 10 clamps to the zero point
        #expect(relu.apply(100_000, channel: 0) == 127)
        // The zero-point add saturates instead of wrapping past INT32_MAX.
        let unity = try Requantization(multipliers: .perTensor(QuantizedMultiplier(multiplier: .max, shift: 0)), outputZeroPoint: 5)
        #expect(unity.apply(.max, channel: 0) == 127)
        let perChannel = try Requantization(multipliers: .perChannel([half, QuantizedMultiplier(realMultiplier: 0.25)]))
        let out = try ReferenceKernels.requantize(Tensor(rows: 1, columns: 2, [40, 40]), perChannel)
        #expect(out.elements == [20, 10])
        #expect(throws: RequantizationError.zeroPointOutOfRange(200)) {
            try Requantization(multipliers: .perTensor(half), outputZeroPoint: 200)
        }
    }
}
