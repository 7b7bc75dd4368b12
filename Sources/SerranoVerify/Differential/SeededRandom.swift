import SerranoSim
import SerranoVerilator

/// A small, fast, seeded random number generator (SplitMix64): the same seed gives the same
/// circuits and stimulus on every machine and every run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    /// A uniformly chosen element (the collection must not be empty).
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
        items[items.startIndex + Int.random(in: 0..<items.count, using: &self)]
    }

    /// `count` random bits, little-endian words, bits above `count` zero.
    public mutating func bits(_ count: Int) -> [UInt64] {
        var words = (0..<((count + 63) / 64)).map { _ in next() }
        if count % 64 != 0 { words[words.count - 1] &= (UInt64(1) << UInt64(count % 64)) - 1 }
        return words
    }
}
