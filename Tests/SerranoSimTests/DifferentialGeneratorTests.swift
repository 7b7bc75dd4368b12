import SerranoIR
@testable import SerranoSim
import Testing

/// The random circuit generator: legal designs, deterministic, covering every construct.
@Suite struct DifferentialGeneratorTests {
    @Test func randomDesignsLegalizeAndInterpret() throws {
        for seed: UInt64 in [1, 2, 3] {
            let design: Design
            switch RandomCircuitGenerator.design(seed: seed, indices: 0..<20) {
            case .success(let legal): design = legal
            case .failure(let error):
                Issue.record("seed \(seed): \(error)")
                continue
            }
            let sim = try IRInterpreter(design: design)
            sim.runReset(cycles: 1)
            sim.run(cycles: 50)
            #expect(sim.cycle == 51)
        }
    }
}
