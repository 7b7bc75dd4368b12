/// Fixed-point requantization, bit-exact with TFLite/LiteRT's reference kernels
/// (`tensorflow/lite/kernels/internal/common.h` and gemmlowp's `fixedpoint.h`).
///
/// An int32 accumulator `acc` becomes an int8 output as
/// `clamp(MultiplyByQuantizedMultiplier(acc, M0, shift) + zeroPoint, actMin, actMax)`.
public enum FixedPoint {
    /// gemmlowp `SaturatingRoundingDoublingHighMul`: the high 32 bits of `2·a·b`, rounded half
    /// toward +∞; the one overflowing input pair (INT32_MIN, INT32_MIN) saturates to INT32_MAX.
    @inline(__always)
    public static func saturatingRoundingDoublingHighMul(_ a: Int32, _ b: Int32) -> Int32 {
        if a == b && a == Int32.min { return Int32.max }
        let product = Int64(a) * Int64(b)
        // gemmlowp nudges by (1 - 2^30) for negative products and divides truncating toward zero;
        // that is the same as floor((ab + 2^30) / 2^31).
        let nudge: Int64 = product >= 0 ? (1 << 30) : (1 - (1 << 30))
        return Int32(truncatingIfNeeded: (product + nudge) / (1 << 31))
    }

    /// gemmlowp `RoundingDivideByPOT`: `x / 2^exponent`, rounded half away from zero.
    /// `exponent` must be in 0...31.
    @inline(__always)
    public static func roundingDivideByPowerOfTwo(_ x: Int32, _ exponent: Int32) -> Int32 {
        let mask: Int32 = Int32(truncatingIfNeeded: (Int64(1) << Int64(exponent)) - 1)
        let remainder = x & mask
        let threshold = (mask >> 1) + (x < 0 ? 1 : 0)
        return (x >> exponent) + (remainder > threshold ? 1 : 0)
    }

    /// TFLite `MultiplyByQuantizedMultiplier` in either rounding mode. The caller guarantees
    /// `multiplier` in 0...Int32.max and `shift` in `QuantizedMultiplier.shiftRange`.
    ///
    /// Double rounding: `RDBPOT(SRDHM(x · 2^max(shift,0), M0), max(-shift,0))`; the left shift
    /// wraps in 32 bits as the C++ reference does on every real target.
    /// Single rounding (`TFLITE_SINGLE_ROUNDING`): `(x·M0 + 2^(30-shift)) >> (31-shift)` in 64
    /// bits, saturated to int32 (TFLite only DCHECKs the range; hardware saturates).
    @inline(__always)
    public static func multiplyByQuantizedMultiplier(
        _ x: Int32, multiplier: Int32, shift: Int32, rounding: RoundingMode
    ) -> Int32 {
        switch rounding {
        case .double:
            let leftShift: Int32 = shift > 0 ? shift : 0
            let rightShift: Int32 = shift > 0 ? 0 : -shift
            let shifted = x &* (Int32(1) &<< leftShift)
            return roundingDivideByPowerOfTwo(
                saturatingRoundingDoublingHighMul(shifted, multiplier), rightShift)
        case .single:
            let totalShift = Int64(31 - shift)
            let round: Int64 = Int64(1) << (totalShift - 1)
            let result = (Int64(x) * Int64(multiplier) + round) >> totalShift
            return Int32(clamping: result)
        }
    }
}

/// Which of TFLite's two `MultiplyByQuantizedMultiplier` builds to match.
public enum RoundingMode: String, Sendable, Equatable, CaseIterable {
    /// The default build: SRDHM then RoundingDivideByPOT (two roundings).
    case double
    /// `TFLITE_SINGLE_ROUNDING`: one 64-bit multiply, one rounding (half up).
    case single
}

/// A fixed-point multiplier `M0 · 2^(shift - 31)`, as TFLite stores a real rescale factor.
public struct QuantizedMultiplier: Equatable, Sendable, CustomStringConvertible {
    /// The shifts every rounding mode supports (TFLite's single-rounding DCHECK range).
    public static let shiftRange: ClosedRange<Int32> = -31...30

    /// Q0.31 mantissa, 0 or in [2^30, 2^31) when produced by `init(realMultiplier:)`.
    public let multiplier: Int32
    /// Power-of-two exponent: positive shifts left, negative shifts right.
    public let shift: Int32

    /// Validates a hand-written pair; the error names the bad field.
    public init(multiplier: Int32, shift: Int32) throws {
        guard multiplier >= 0 else { throw RequantizationError.negativeMultiplier(multiplier) }
        guard Self.shiftRange.contains(shift) else { throw RequantizationError.shiftOutOfRange(shift) }
        self.multiplier = multiplier
        self.shift = shift
    }

    /// TFLite `QuantizeMultiplier`: `q, e = frexp(real)`; `M0 = round(q · 2^31)` (half away from
    /// zero); `M0 == 2^31` renormalizes; shifts below −31 flush to zero; shifts above 30 saturate
    /// (as TFLite does for single rounding, so the pair is valid in both modes).
    public init(realMultiplier real: Double) throws {
        guard real.isFinite, real >= 0 else { throw RequantizationError.invalidRealMultiplier(real) }
        if real == 0 {
            multiplier = 0
            shift = 0
            return
        }
        let fraction = real.significand / 2  // frexp: real = fraction · 2^exponent, fraction in [0.5, 1)
        var exponent = Int(real.exponent) + 1
        var fixed = Int64((fraction * Double(Int64(1) << 31)).rounded(.toNearestOrAwayFromZero))
        if fixed == Int64(1) << 31 {
            fixed /= 2
            exponent += 1
        }
        if exponent < -31 {
            exponent = 0
            fixed = 0
        }
        if exponent > 30 {
            exponent = 30
            fixed = Int64(Int32.max)
        }
        multiplier = Int32(fixed)
        shift = Int32(exponent)
    }

    public var description: String { "(M0 \(multiplier), shift \(shift))" }
}

/// The int8 output range after a fused activation, as TFLite's `CalculateActivationRangeQuantized`.
public struct ActivationRange: Equatable, Sendable, CustomStringConvertible {
    /// Lowest output value.
    public let min: Int32
    /// Highest output value.
    public let max: Int32

    /// A validated `[min, max]` inside the int8 range.
    public init(min: Int32, max: Int32) throws {
        guard Int32(Int8.min) <= min, min <= max, max <= Int32(Int8.max) else {
            throw RequantizationError.badActivationRange(min: min, max: max)
        }
        self.min = min
        self.max = max
    }

    /// No fused activation: the full int8 range.
    public static let none = ActivationRange(unchecked: -128, 127)

    /// ReLU: values below the real 0 (the zero point) are clamped.
    public static func relu(outputZeroPoint zeroPoint: Int32) throws -> ActivationRange {
        try ActivationRange(min: Swift.max(-128, zeroPoint), max: 127)
    }

    /// ReLU6: `[0, 6]` in real terms; needs the output scale to place 6.
    public static func relu6(outputZeroPoint zeroPoint: Int32, outputScale scale: Double) throws -> ActivationRange {
        guard scale.isFinite, scale > 0 else { throw RequantizationError.invalidOutputScale(scale) }
        // TFLite computes in float (tensor scales are float32): zp + round(6 / scale).
        let six = (Float(6) / Float(scale)).rounded(.toNearestOrAwayFromZero)
        let top = Int32(Swift.min(127, Double(zeroPoint) + Double(six)))
        return try ActivationRange(min: Swift.max(-128, zeroPoint), max: top)
    }

    private init(unchecked min: Int32, _ max: Int32) {
        self.min = min
        self.max = max
    }

    public var description: String { "[\(min), \(max)]" }
}

/// Everything the post-processor needs to turn int32 accumulators into int8 outputs.
public struct Requantization: Equatable, Sendable {
    /// One multiplier for the whole tensor, or one per output channel (column).
    public enum Multipliers: Equatable, Sendable {
        case perTensor(QuantizedMultiplier)
        case perChannel([QuantizedMultiplier])
    }

    public var multipliers: Multipliers
    /// Added after scaling; an int8 value.
    public var outputZeroPoint: Int32
    public var activation: ActivationRange
    public var rounding: RoundingMode

    /// Validates the zero point; the multipliers and range validated themselves.
    public init(
        multipliers: Multipliers, outputZeroPoint: Int32 = 0,
        activation: ActivationRange = .none, rounding: RoundingMode = .double
    ) throws {
        guard (-128...127).contains(outputZeroPoint) else {
            throw RequantizationError.zeroPointOutOfRange(outputZeroPoint)
        }
        if case .perChannel(let list) = multipliers, list.isEmpty {
            throw RequantizationError.emptyPerChannelMultipliers
        }
        self.multipliers = multipliers
        self.outputZeroPoint = outputZeroPoint
        self.activation = activation
        self.rounding = rounding
    }

    /// The multiplier of output channel `channel`.
    @inline(__always)
    public func multiplier(forChannel channel: Int) -> QuantizedMultiplier {
        switch multipliers {
        case .perTensor(let m): return m
        case .perChannel(let list): return list[channel]
        }
    }

    /// Requantizes one accumulator of output channel `channel`.
    @inline(__always)
    public func apply(_ accumulator: Int32, channel: Int) -> Int8 {
        let m = multiplier(forChannel: channel)
        return Self.requantize(
            accumulator, multiplier: m.multiplier, shift: m.shift, zeroPoint: outputZeroPoint,
            activation: activation, rounding: rounding)
    }

    /// The post-processor datapath on raw fields, shared by the reference kernel and the
    /// functional model's store unit.
    @inline(__always)
    public static func requantize(
        _ accumulator: Int32, multiplier: Int32, shift: Int32, zeroPoint: Int32,
        activation: ActivationRange, rounding: RoundingMode
    ) -> Int8 {
        let scaled = FixedPoint.multiplyByQuantizedMultiplier(
            accumulator, multiplier: multiplier, shift: shift, rounding: rounding)
        // Saturating, as the post-processor does; TFLite's int32 add would overflow (UB) there.
        let shifted = Int32(clamping: Int64(scaled) + Int64(zeroPoint))
        let clamped = Swift.min(Swift.max(shifted, activation.min), activation.max)
        return Int8(truncatingIfNeeded: clamped)
    }
}

/// Invalid requantization parameters.
public enum RequantizationError: Error, Equatable, CustomStringConvertible {
    case negativeMultiplier(Int32)
    case shiftOutOfRange(Int32)
    case invalidRealMultiplier(Double)
    case invalidOutputScale(Double)
    case badActivationRange(min: Int32, max: Int32)
    case zeroPointOutOfRange(Int32)
    case emptyPerChannelMultipliers
    case channelCountMismatch(expected: Int, found: Int)

    public var description: String {
        switch self {
        case .negativeMultiplier(let m): return "multiplier M0 must be in 0...\(Int32.max), found \(m)"
        case .shiftOutOfRange(let s):
            return "shift must be in \(QuantizedMultiplier.shiftRange.lowerBound)...\(QuantizedMultiplier.shiftRange.upperBound), found \(s)"
        case .invalidRealMultiplier(let r): return "real multiplier must be finite and ≥ 0, found \(r)"
        case .invalidOutputScale(let s): return "output scale must be finite and > 0, found \(s)"
        case .badActivationRange(let lo, let hi): return "activation range [\(lo), \(hi)] is not an ordered int8 range"
        case .zeroPointOutOfRange(let z): return "output zero point must be in -128...127, found \(z)"
        case .emptyPerChannelMultipliers: return "per-channel requantization needs at least one multiplier"
        case .channelCountMismatch(let e, let f): return "per-channel requantization has \(f) multipliers for \(e) output channels"
        }
    }
}
