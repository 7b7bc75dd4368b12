import Foundation
import GoldenModel
import Testing
@testable import SerranoSim
@testable import SerranoVerilator
import SerranoVerify

@Suite("Several models in one process")
struct MultiModelTests {
    @Test("three models plus a second instance of one, stepped interleaved with FST traces open")
    func interleavedWithTraces() throws {
        var random = Fixtures.random(for: "MultiModelTests")
        let arrayModel = try VerilatorModel.build(Fixtures.systolicArray, options: Fixtures.arrayOptions(size: 4))
        let counter = try VerilatorModel.build(Fixtures.counter).makeSimulator()
        let wide = try VerilatorModel.build(Fixtures.wide).makeSimulator()
        let arrays = [try arrayModel.makeSimulator(name: "first"), try arrayModel.makeSimulator(name: "second")]
        let folder = "multi-model"  // overwritten by the next run; kept for a look after a failure
        let traces: [String] = [
            try counter.trace(to: "\(folder)/counter.fst"), try wide.trace(to: "\(folder)/wide.fst"),
            try arrays[0].trace(to: "\(folder)/array-first.fst"), try arrays[1].trace(to: "\(folder)/array-second.fst"),
        ]

        let drivers = try arrays.map { try Fixtures.arrayDriver($0, size: 4) }
        let weights = (0..<2).map { _ in Fixtures.randomMatrix(rows: 4, columns: 4, using: &random) }
        let activations = (0..<2).map { _ in Fixtures.randomMatrix(rows: 6, columns: 4, using: &random) }
        for sim in arrays { try sim.reset(cycles: 1) }
        try counter.reset(cycles: 1)
        try counter.poke("enable", 1)
        for (driver, matrix) in zip(drivers, weights) { try driver.load(weights: matrix) }

        var results = [[[Int32]]](repeating: [[Int32]](repeating: [Int32](repeating: 0, count: 4), count: 6), count: 2)
        let a = try wide.port("a"), b = try wide.port("b"), registered = try wide.port("sum_registered")
        let count = try counter.port("count")
        for t in 0..<drivers[0].streamCycles(vectors: 6) {
            for index in 0..<2 { try drivers[index].streamCycle(t, activations: activations[index], results: &results[index]) }
            try counter.step(1)
            #expect(try counter.peek(count) == UInt64(t + 1))
            let high = random.next() & ((1 << 36) - 1)
            try wide.poke(a, try BitVector.checked(width: 100, words: [UInt64(t), high]))
            try wide.poke(b, try BitVector.checked(width: 100, words: [~0, 0]))
            try wide.step(1)
            // t + (2^64 - 1) carries into the high word for every t > 0.
            let expected = try BitVector.checked(width: 100, words: [UInt64(t) &- 1, (high + (t > 0 ? 1 : 0)) & ((1 << 36) - 1)])
            #expect(try wide.peekBits(registered) == expected)
        }
        for index in 0..<2 {
            #expect(try results[index] == ReferenceKernels.gemm(activations[index], weights[index]))
        }
        for sim in [counter, wide] + arrays as [Simulator] { try sim.stopTrace() }
        for path in traces {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            #expect(size > 0, "empty trace \(path)")
        }
    }

    @Test("the same library loaded twice gives independent models")
    func loadedTwice() throws {
        let build = try ModelCache.standard.build(Fixtures.counter)
        let first = try VerilatorModel.load(build).makeSimulator()
        let second = try VerilatorModel.load(build).makeSimulator()
        try first.reset(cycles: 1)
        try second.reset(cycles: 1)
        try first.poke("enable", 1)
        try second.poke("enable", 1)
        try first.step(3)
        try second.step(7)
        #expect(try first.peek("count") == 3)
        #expect(try second.peek("count") == 7)
    }
}
