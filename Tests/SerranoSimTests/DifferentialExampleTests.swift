import Foundation
import SerranoExamples
import SerranoIR
@testable import SerranoSim
@testable import SerranoVerify
import Testing

/// The DSL examples on both backends: the interpreter and Verilator (through the printer) give
/// identical outputs on every cycle of random stimulus.
@Suite struct DifferentialExampleTests {
    @Test(arguments: ["counter", "fifo", "pe", "systolic4x4", "sram"])
    func exampleAgreesOnBothBackends(name: String) throws {
        let entry = try #require(Examples.named(name), "no example named \(name)")
        let design = try entry.elaborate().get()
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("serrano-example-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try DifferentialBatch.run(design, seed: Fixtures.seed, stimulus: Fixtures.seed, cycles: 1000, directory: folder)
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.map(\.description))")
        #expect(outcome.instructions > 0)
    }
}
