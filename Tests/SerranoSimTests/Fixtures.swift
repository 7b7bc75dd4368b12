import Foundation
@testable import SerranoSim

/// The hand-written Verilog designs under Fixtures/, found next to this file at run time.
enum Fixtures {
    static let folder: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static var counter: VerilogSources { VerilogSources(top: "counter", files: [url("counter.v")]) }
    static var wide: VerilogSources { VerilogSources(top: "wide", files: [url("wide.v")]) }
    static var systolicArray: VerilogSources { VerilogSources(top: "systolic_array", files: [url("systolic_array.v")]) }
    static var broken: VerilogSources { VerilogSources(top: "broken", files: [url("broken.v")]) }

    /// Options for a systolic array of `size` × `size` cells.
    static func arrayOptions(size: Int) -> VerilatorOptions {
        VerilatorOptions(parameters: ["N": String(size)])
    }

    /// The seed for random tests: `SERRANO_SEED` when set (to replay a failure), else fixed.
    static var seed: UInt64 {
        if let text = ProcessInfo.processInfo.environment["SERRANO_SEED"], let value = UInt64(text) { return value }
        return 0x5E22A40
    }
}

/// A model cache folder private to one test, sharing the standard cache's compiled runtime.
struct ScratchCache {
    let cache: ModelCache
    let folder: URL

    init(_ name: String) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("serrano-sim-test-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        cache = ModelCache(directory: folder, runtimeDirectory: ModelCache.standard.runtimeDirectory)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// SplitMix64: a small seeded generator, so random tests replay exactly.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z: UInt64 = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
