import Serrano

/// One lane of the post-processor: int32 accumulator → int8, bit-exact with TFLite's
/// `MultiplyByQuantizedMultiplier` (both builds), then the output zero point and the activation
/// clamp (which also saturates to int8).
///
/// Double rounding: `RDBPOT(SRDHM(x·2^max(shift,0), M0), max(−shift,0))` — SRDHM is
/// `(p + 2^30) >> 31` of the 64-bit product (with M0 ≤ INT32_MAX its one overflow case cannot
/// happen), RDBPOT rounds half away from zero. Single rounding: `(x·M0 + 2^(30−shift)) >>
/// (31−shift)` in 64 bits, saturated to int32. One multiplier serves both.
public struct Requantizer: Module {
    public let mutation: Mutation?

    public init(mutation: Mutation? = nil) { self.mutation = mutation }

    public struct Ports {
        public let accumulator: Signal
        public let multiplier: Signal
        public let shift: Signal
        public let zeroPoint: Signal
        public let activationMin: Signal
        public let activationMax: Signal
        public let singleRounding: Signal
        public let output: Signal
    }

    public var moduleName: String { "Requantizer" + Mutation.suffix(mutation, affects: [.roundingFlipped, .saturationOffByOne]) }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(accumulator: p.input("accumulator", .sint(32)),
              multiplier: p.input("multiplier", .uint(31)),
              shift: p.input("shift", .sint(6)),
              zeroPoint: p.input("zeroPoint", .sint(8)),
              activationMin: p.input("activationMin", .sint(8)),
              activationMax: p.input("activationMax", .sint(8)),
              singleRounding: p.input("singleRounding", .bool),
              output: p.output("result", .sint(8)))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let x = io.accumulator
        let positiveShift = (io.shift .> 0).named("positiveShift")
        let leftShift = mux(positiveShift, io.shift.asUInt(), c.constant(0, .uint(6))).named("leftShift")
        let rightShift = mux(positiveShift, c.constant(0, .sint(7)), c.constant(0, .sint(6)) - io.shift).asUInt().truncated(to: 6).named("rightShift")
        let shifted = x.shiftedLeft(by: leftShift).named("shifted")
        let operand = mux(io.singleRounding, x, shifted).named("operand")
        let multiplier = cat(c.constant(0, .uint(1)), io.multiplier).asSInt()
        let product = (operand * multiplier).named("product")

        // Double rounding.
        let high = ((product + (1 << 30)) >> 31).truncated(to: 32).asSInt().named("highMul")
        let ones = c.constant(0xFFFF_FFFF, .uint(32))
        let mask = (~ones.shiftedLeft(by: rightShift)).named("remainderMask")
        let remainder = (high.asUInt() & mask).named("remainder")
        let negative = (high .< 0).named("negative")
        let threshold = ((mask >> 1) + mux(negative, c.constant(1, .uint(1)), c.constant(0, .uint(1)))).named("threshold")
        let quotient = high.shiftedRight(by: rightShift).named("quotient")
        let roundsUp = mutation == .roundingFlipped ? remainder .>= threshold : remainder .> threshold
        let doubleRounded = mux(roundsUp, quotient &+ 1, quotient).named("doubleRounded")

        // Single rounding.
        let totalShift = (c.constant(31, .sint(7)) - io.shift).asUInt().truncated(to: 7).named("totalShift")
        let one = c.constant(1, .uint(66))
        let round = one.shiftedLeft(by: (totalShift &- 1).truncated(to: 7)).truncated(to: 65).asSInt().named("round")
        let singleSum = (product.extended(to: 65) + round).named("singleSum")
        let singleShifted = singleSum.shiftedRight(by: totalShift).named("singleShifted")
        let int32Max = c.constant(Int(Int32.max), .sint(32)), int32Min = c.constant(Int(Int32.min), .sint(32))
        let saturated = mux(singleShifted .> int32Max, int32Max,
                            mux(singleShifted .< int32Min, int32Min, singleShifted.truncated(to: 32).asSInt())).named("singleRounded")

        let scaled = mux(io.singleRounding, saturated, doubleRounded).named("scaled")
        let withZeroPoint = (scaled + io.zeroPoint).named("withZeroPoint")
        let upper = mutation == .saturationOffByOne ? (io.activationMax &- 1).named("mutantMax") : io.activationMax
        let clamped = mux(withZeroPoint .< io.activationMin, io.activationMin,
                          mux(withZeroPoint .> upper, upper, withZeroPoint.truncated(to: 8).asSInt()))
        io.output.assign(clamped.truncated(to: 8).asSInt())
    }
}
