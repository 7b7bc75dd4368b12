import Foundation
import SerranoSupport

/// The wave tests' seeds: `SERRANO_WAVE_SEED` when set (it replays a failure), else one from the
/// clock; printed with how to replay it. The draws are the package's `SplitMix64`.
enum WaveTestRandom {
    static func seed(_ label: String) -> UInt64 {
        let seed = ProcessInfo.processInfo.environment["SERRANO_WAVE_SEED"].flatMap { UInt64($0) }
            ?? UInt64(Date().timeIntervalSince1970 * 1000) & 0xFFFF_FFFF
        print("\(label): seed \(seed) (SERRANO_WAVE_SEED=\(seed) replays it)")
        return seed
    }
}

extension SplitMix64 {
    /// Uniform in `0..<bound` (0 for a bound below 1), as an Int.
    mutating func below(_ bound: Int) -> Int { int(in: 0..<max(1, bound)) }

    /// True `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}
