import Foundation
import SerranoIR
@testable import SerranoSim
@testable import SerranoVerify
import Testing

/// The differential slice of `make test`: 200 random circuits × 1000 cycles, interpreter
/// against Verilator, in four builds of 50 (cached after the first run).
@Suite struct DifferentialSliceTests {
    static let circuitsPerBatch = 50
    static let cycles = 1000

    @Test(arguments: 0..<4)
    func randomCircuitsAgreeOnEveryCycle(batch: Int) throws {
        let seed = Fixtures.seed
        print("DifferentialSliceTests batch \(batch) seed \(seed) (replay: SERRANO_SEED=\(seed), or serrano fuzz --seed \(seed))")
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("serrano-differential-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let circuits = (batch * Self.circuitsPerBatch)..<((batch + 1) * Self.circuitsPerBatch)
        let outcome = try DifferentialBatch(seed: seed, circuits: circuits, cycles: Self.cycles, workDirectory: folder).run()
        if !outcome.mismatches.isEmpty {
            // Keep the Verilog of a failing batch where a developer can find it.
            let kept = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-differential-failure-seed\(seed)-batch\(batch)")
            try? FileManager.default.removeItem(at: kept)
            try? FileManager.default.copyItem(at: folder, to: kept)
            Issue.record("\(outcome.mismatches.map(\.description).joined(separator: "\n"))\nVerilog copied to \(kept.path)")
        }
        #expect(outcome.cyclesRun == Self.cycles)
        #expect(outcome.instructions > 1000 * Self.circuitsPerBatch / 10, "the circuits are not trivially small")
    }
}
