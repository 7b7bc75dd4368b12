import Foundation
import Testing
@testable import SerranoSim
@testable import SerranoVerilator

@Suite("Systolic array through Verilator")
struct SystolicArrayTests {
    @Test("a 4x4 int8 array computes A x W bit-exactly, extremes included")
    func multipliesMatrices() throws {
        var random = Fixtures.random(for: "SystolicArrayTests")
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

@Suite("Verilator build options")
struct BuildOptionTests {
    @Test("a model built with --threads 2, or with g++, computes the same products")
    func threadsAndCompilers() throws {
        var random = Fixtures.random(for: "BuildOptionTests")
        let activations = SystolicArrayDriver.randomMatrix(rows: 5, columns: 4, using: &random)
        let weights = SystolicArrayDriver.randomMatrix(rows: 4, columns: 4, using: &random)
        let variants = [
            VerilatorOptions(trace: .none, threads: 2, parameters: ["N": "4"]),
            VerilatorOptions(compiler: .gcc, trace: .none, parameters: ["N": "4"]),
        ]
        for options in variants {
            let sim = try VerilatorModel.build(Fixtures.systolicArray, options: options).makeSimulator()
            try sim.reset(cycles: 1)
            let products = try SystolicArrayDriver(sim, size: 4).multiply(activations, weights)
            #expect(try products == SystolicArrayDriver.reference(activations, weights), "\(options.cacheDescription)")
        }
    }
}
