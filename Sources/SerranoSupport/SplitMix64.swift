import Foundation

/// The one seeded random source of the package: SplitMix64, with bounded draws of its own, so a
/// seed replays the same fuzzing circuits, regression cases and test stimulus on any toolchain
/// (the standard library's `random(in:using:)` and `shuffled(using:)` algorithms may change).
///
/// The bounded draws use Lemire's nearly divisionless method, the algorithm the standard library
/// uses today, so streams recorded before this type existed replay unchanged.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A stream started directly from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The stream of case `index` of a run seeded with `seed`: case *i* regenerates alone, in
    /// any shard, without drawing the cases before it.
    public init(seed: UInt64, case index: Int) {
        // Mixing the index first keeps neighbouring (seed, index) pairs far apart.
        state = Self.mix(seed ^ Self.mix(UInt64(truncatingIfNeeded: index) &+ 0x632B_E59B_D9B4_E019))
    }

    /// SplitMix64's finalizer: a bijective 64-bit mix.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in `0..<bound`, without bias; an empty range (`bound` 0) draws nothing and gives 0,
    /// so no caller's count can trap.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        guard bound != 0 else { return 0 }
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }

    /// Uniform in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound)
        if span == .max { return Int(truncatingIfNeeded: next()) }  // the whole Int range
        return range.lowerBound &+ Int(truncatingIfNeeded: below(span &+ 1))
    }

    /// Uniform in `range`; an empty range draws nothing and gives its lower bound.
    public mutating func int(in range: Range<Int>) -> Int {
        guard !range.isEmpty else { return range.lowerBound }
        return range.lowerBound &+ Int(truncatingIfNeeded: below(UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound)))
    }

    /// Uniform in `range`, as an Int32.
    public mutating func int32(in range: ClosedRange<Int32>) -> Int32 {
        Int32(truncatingIfNeeded: int(in: Int(range.lowerBound)...Int(range.upperBound)))
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `probability` (labelled, so an integer percent cannot be taken
    /// for a probability).
    public mutating func chance(probability: Double) -> Bool { unit() < probability }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { int(in: 0..<100) < percent }

    /// One of the arguments, uniformly.
    public mutating func pick<T>(_ first: T, _ rest: T...) -> T {
        let index = int(in: 0...rest.count)
        return index == 0 ? first : rest[index - 1]
    }

    /// A uniformly chosen element (the collection must not be empty).
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
        items[items.startIndex + int(in: 0..<items.count)]
    }

    /// `items` in a uniformly random order (Fisher–Yates, front to back).
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        var remaining = result.count
        var index = 0
        while remaining > 1 {
            let offset = int(in: 0..<remaining)
            remaining -= 1
            result.swapAt(index, index + offset)
            index += 1
        }
        return result
    }

    /// `count` uniform int8 values, eight from each draw.
    public mutating func int8s(_ count: Int) -> [Int8] {
        var values = [Int8]()
        values.reserveCapacity(max(0, count))
        var bits: UInt64 = 0
        for i in 0..<max(0, count) {
            if i % 8 == 0 { bits = next() }
            values.append(Int8(truncatingIfNeeded: bits))
            bits >>= 8
        }
        return values
    }

    /// `count` random bits, little-endian words, bits above `count` zero.
    public mutating func bits(_ count: Int) -> [UInt64] {
        var words = (0..<((max(0, count) + 63) / 64)).map { _ in next() }
        if count % 64 != 0 { words[words.count - 1] &= (UInt64(1) << UInt64(count % 64)) - 1 }
        return words
    }

    /// A generator for a seeded test and its seed (see `testSeed`).
    public static func forTest(_ name: String, fallback: UInt64) -> (generator: SplitMix64, seed: UInt64) {
        let seed = testSeed(name, fallback: fallback)
        return (SplitMix64(seed: seed), seed)
    }

    /// The seed of a seeded test: `SERRANO_SEED` when set (to replay a failure), else
    /// `fallback`; printed with the test's name so every failure can be replayed.
    public static func testSeed(_ name: String, fallback: UInt64) -> UInt64 {
        let seed = ProcessInfo.processInfo.environment["SERRANO_SEED"].flatMap { UInt64($0) } ?? fallback
        print("\(name): seed \(seed) (replay with SERRANO_SEED=\(seed))")
        return seed
    }
}
