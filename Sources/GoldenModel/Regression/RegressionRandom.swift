/// The regression's random source: SplitMix64 with its own bounded draws, so a seed replays the
/// same cases on any toolchain (the standard library's `random(in:using:)` algorithms may change).
///
/// Each case has its own stream derived from (seed, case index), so case *i* regenerates alone,
/// in any shard, without generating the cases before it.
public struct RegressionRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A stream started directly from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The stream of case `index` of the regression seeded with `seed`.
    public init(seed: UInt64, case index: Int) {
        // Mixing the index first keeps neighbouring (seed, index) pairs far apart.
        state = Self.mix(seed ^ Self.mix(UInt64(truncatingIfNeeded: index) &+ 0x632B_E59B_D9B4_E019))
    }

    /// SplitMix64's finalizer: a bijective 64-bit mix.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in `range` (multiply-high; the bias is below 2^-40 for the small ranges drawn here).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }  // the whole Int range
        let (high, _) = next().multipliedFullWidth(by: span)
        return range.lowerBound &+ Int(truncatingIfNeeded: high)
    }

    /// Uniform in `range`, as an Int32.
    public mutating func int32(in range: ClosedRange<Int32>) -> Int32 {
        Int32(truncatingIfNeeded: int(in: Int(range.lowerBound)...Int(range.upperBound)))
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// One of `choices` (which must not be empty), uniformly.
    public mutating func pick<T>(_ first: T, _ rest: T...) -> T {
        let index = int(in: 0...rest.count)
        return index == 0 ? first : rest[index - 1]
    }

    /// `count` uniform int8 values, eight from each draw.
    public mutating func int8s(_ count: Int) -> [Int8] {
        var values = [Int8]()
        values.reserveCapacity(count)
        var bits: UInt64 = 0
        for i in 0..<count {
            if i % 8 == 0 { bits = next() }
            values.append(Int8(truncatingIfNeeded: bits))
            bits >>= 8
        }
        return values
    }
}
