import Foundation
@testable import SerranoSim
@testable import SerranoVerilator
@testable import SerranoVerify
import SerranoSupport

/// The hand-written Verilog designs under Fixtures/, found next to this file at run time.
enum Fixtures {
    static let folder: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static var counter: VerilogSources { VerilogSources(top: "counter", files: [url("counter.v")]) }
    static var wide: VerilogSources { VerilogSources(top: "wide", files: [url("wide.v")]) }
    static var mixed: VerilogSources { VerilogSources(top: "mixed", files: [url("mixed.v")]) }
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

    /// A generator seeded with `seed`, after printing the seed and how to replay it.
    static func random(for test: String) -> SplitMix64 {
        print("\(test) seed \(seed) (replay: SERRANO_SEED=\(seed))")
        return SplitMix64(seed: seed)
    }

    /// A random int8 matrix.
    static func randomMatrix(rows: Int, columns: Int, using random: inout SplitMix64) -> [[Int8]] {
        (0..<rows).map { _ in (0..<columns).map { _ in Int8(truncatingIfNeeded: random.next()) } }
    }

    /// The systolic_array fixture (packed buses) of size × size, through the one driver.
    static func arrayDriver(_ simulator: any Simulator, size: Int) throws -> SystolicArrayDriver {
        try SystolicArrayDriver(simulator, rows: size, columns: size, ports: .packed)
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
