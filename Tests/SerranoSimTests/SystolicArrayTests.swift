import Foundation
import Testing
@testable import SerranoSim

@Suite("Systolic array through Verilator")
struct SystolicArrayTests {
    @Test("a 4x4 int8 array computes A x W bit-exactly, extremes included")
    func multipliesMatrices() throws {
        let seed = Fixtures.seed
        print("SystolicArrayTests seed \(seed) (replay: SERRANO_SEED=\(seed))")
        var random = SeededRandom(seed: seed)
        let sim = try VerilatorModel.build(Fixtures.systolicArray, options: Fixtures.arrayOptions(size: 4)).makeSimulator()
        let driver = try SystolicArrayDriver(sim, size: 4)
        try sim.reset(cycles: 1)
        var activations = SystolicArrayDriver.randomMatrix(rows: 9, columns: 4, using: &random)
        activations.append([-128, -128, -128, -128])
        activations.append([127, -128, 127, -128])
        let weights = [[-128, 127, 0, 1], [-128, -1, 5, -7]]
            + SystolicArrayDriver.randomMatrix(rows: 2, columns: 4, using: &random)
        #expect(try driver.multiply(activations, weights) == SystolicArrayDriver.reference(activations, weights))
        // New weights replace the old ones without a reset.
        let second = SystolicArrayDriver.randomMatrix(rows: 4, columns: 4, using: &random)
        #expect(try driver.multiply(activations, second) == SystolicArrayDriver.reference(activations, second))
    }
}
