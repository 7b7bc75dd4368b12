import Foundation
@testable import SerranoWaves

/// A fixture file's path, found next to this source file (the package declares no resources).
func fixture(_ name: String, file: StaticString = #filePath) -> String {
    URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

/// A fresh directory per test (tests run in parallel).
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-waves-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The value of a named variable at a time, as text (`0x05`, `x`, `1.5`).
func valueText(_ waveform: Waveform, _ name: String, at ticks: UInt64) -> String? {
    waveform.variable(named: name).map { waveform.value(of: $0, at: ticks).description }
}

/// A deterministic generator for seeded tests (`SERRANO_SEED` replays a run).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func seed(default value: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["SERRANO_SEED"].flatMap(UInt64.init) ?? value
    }
}
