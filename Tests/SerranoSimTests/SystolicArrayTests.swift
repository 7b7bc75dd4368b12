import Foundation
import GoldenModel
import Testing
@testable import SerranoSim
@testable import SerranoVerilator
import SerranoVerify

@Suite("Systolic array through Verilator")
struct SystolicArrayTests {
    @Test("a 4x4 int8 array computes A x W bit-exactly, extremes included")
    func multipliesMatrices() throws {
        var random = Fixtures.random(for: "SystolicArrayTests")
        let sim = try VerilatorModel.build(Fixtures.systolicArray, options: Fixtures.arrayOptions(size: 4)).makeSimulator()
        let driver = try Fixtures.arrayDriver(sim, size: 4)
        try sim.reset(cycles: 1)
        var activations = Fixtures.randomMatrix(rows: 9, columns: 4, using: &random)
        activations.append([-128, -128, -128, -128])
        activations.append([127, -128, 127, -128])
        let weights: [[Int8]] = [[-128, 127, 0, 1], [-128, -1, 5, -7]]
            + Fixtures.randomMatrix(rows: 2, columns: 4, using: &random)
        #expect(try driver.multiply(activations, weights, reset: false) == ReferenceKernels.gemm(activations, weights))
        // New weights replace the old ones without a reset.
        let second = Fixtures.randomMatrix(rows: 4, columns: 4, using: &random)
        #expect(try driver.multiply(activations, second, reset: false) == ReferenceKernels.gemm(activations, second))
    }

    @Test("buses that do not hold the driver's lanes are a shape error, not a trap")
    func mismatchedBuses() throws {
        let sim = try VerilatorModel.build(Fixtures.systolicArray, options: Fixtures.arrayOptions(size: 4)).makeSimulator()
        #expect(throws: SystolicArrayDriver.ShapeError.self) { try SystolicArrayDriver(sim, rows: 3, columns: 4, ports: .packed) }
        #expect(throws: SystolicArrayDriver.ShapeError.self) { try SystolicArrayDriver(sim, rows: 0, columns: 4, ports: .packed) }
        #expect(throws: (any Error).self) { try SystolicArrayDriver(sim, rows: 4, columns: 4, ports: .example) }
    }
}

@Suite("Verilator build options")
struct BuildOptionTests {
    @Test("a model built with --threads 2, or with g++, computes the same products")
    func threadsAndCompilers() throws {
        var random = Fixtures.random(for: "BuildOptionTests")
        let activations = Fixtures.randomMatrix(rows: 5, columns: 4, using: &random)
        let weights = Fixtures.randomMatrix(rows: 4, columns: 4, using: &random)
        let variants = [
            VerilatorOptions(trace: .none, threads: 2, parameters: ["N": "4"]),
            VerilatorOptions(compiler: .gcc, trace: .none, parameters: ["N": "4"]),
        ]
        for options in variants {
            let sim = try VerilatorModel.build(Fixtures.systolicArray, options: options).makeSimulator()
            try sim.reset(cycles: 1)
            let products = try Fixtures.arrayDriver(sim, size: 4).multiply(activations, weights, reset: false)
            #expect(try products == ReferenceKernels.gemm(activations, weights), "\(options.cacheDescription)")
        }
    }
}
