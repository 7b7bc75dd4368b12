import Foundation
import GoldenModel

/// SplitMix64: a small deterministic generator, so a printed seed replays a failure exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed for a test: `SERRANO_SEED` when set (to replay), otherwise `fallback`; printed.
    static func forTest(_ name: String, fallback: UInt64) -> (generator: SeededGenerator, seed: UInt64) {
        let seed = ProcessInfo.processInfo.environment["SERRANO_SEED"].flatMap { UInt64($0) } ?? fallback
        print("\(name): seed \(seed) (replay with SERRANO_SEED=\(seed))")
        return (SeededGenerator(seed: seed), seed)
    }

    mutating func int8Tensor(_ shape: [Int]) -> Tensor<Int8> {
        let count = shape.reduce(1, *)
        let values = (0..<count).map { _ in Int8.random(in: .min ... .max, using: &self) }
        // Shapes come from the test itself, so the count always matches.
        return (try? Tensor(shape: shape, elements: values)) ?? Tensor(zeros: shape)
    }
}
