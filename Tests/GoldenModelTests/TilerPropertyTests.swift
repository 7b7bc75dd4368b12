import Testing
import GoldenModel
import SerranoSupport

/// Tiler + functional model must equal the reference kernels bit for bit.
@Suite struct TilerPropertyTests {
    /// A config small enough that modest matrices overflow the scratchpad and accumulators.
    static let small = AcceleratorConfig(
        rows: 3, columns: 5, scratchpadRows: 24, scratchpadBanks: 2, accumulatorRows: 12, accumulatorBanks: 1,
        dramBusBytes: 8, instructionQueueDepth: 3, tokenQueueDepth: 2)

    static func randomRequantization(columns: Int, using g: inout SplitMix64) throws -> Requantization? {
        switch g.int(in: 0..<3) {
        case 0: return nil
        case 1:
            let m = try QuantizedMultiplier(realMultiplier: Double.random(in: 1e-5...0.05, using: &g))
            return try Requantization(multipliers: .perTensor(m), outputZeroPoint: Int32.random(in: -20...20, using: &g),
                                      activation: Bool.random(using: &g) ? .none : .relu(outputZeroPoint: 3),
                                      rounding: Bool.random(using: &g) ? .double : .single)
        default:
            let list = try (0..<columns).map { _ in try QuantizedMultiplier(realMultiplier: Double.random(in: 1e-5...0.05, using: &g)) }
            return try Requantization(multipliers: .perChannel(list), outputZeroPoint: Int32.random(in: -20...20, using: &g))
        }
    }

    @Test func tiledGEMMMatchesReferenceForRandomShapes() throws {
        var (g, seed) = SplitMix64.forTest("tiledGEMMMatchesReferenceForRandomShapes", fallback: 20261125)
        let primes = [1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
        let configs: [AcceleratorConfig] = [.tiny, Self.small, AcceleratorConfig(
            rows: 8, columns: 2, scratchpadRows: 40, scratchpadBanks: 4, accumulatorRows: 64, accumulatorBanks: 2,
            dramBusBytes: 16, instructionQueueDepth: 8, tokenQueueDepth: 3)]
        var shapes: [(Int, Int, Int)] = [(1, 1, 1), (37, 31, 29), (64, 64, 64)]
        while shapes.count < 520 {
            let pick = { (g: inout SplitMix64) -> Int in
                Bool.random(using: &g) ? primes.randomElement(using: &g) ?? 1 : g.int(in: 1...40)
            }
            shapes.append((pick(&g), pick(&g), pick(&g)))
        }
        var largerThanScratchpad = 0
        for (index, (m, n, k)) in shapes.enumerated() {
            let config = configs[index % configs.count]
            if m * k + k * n > config.scratchpadBytes { largerThanScratchpad += 1 }
            let problem = try GEMMProblem(
                a: g.int8Tensor([m, k]), b: g.int8Tensor([k, n]),
                bias: Bool.random(using: &g) ? (0..<n).map { _ in Int32.random(in: -5000...5000, using: &g) } : nil,
                inputZeroPoint: Int32.random(in: -128...127, using: &g) / (Bool.random(using: &g) ? 1 : 256),
                weightZeroPoint: Bool.random(using: &g) ? Int32.random(in: -10...10, using: &g) : 0,
                requantization: try Self.randomRequantization(columns: n, using: &g))
            let compiled = try Tiler.compile(problem, config: config)
            let golden = try compiled.run(on: FunctionalModel(config: config))
            let expected = try problem.reference()
            #expect(golden.output == expected, "seed \(seed), shape #\(index) M=\(m) N=\(n) K=\(k) on \(config)")
            #expect(golden.statistics.macs == m * k * compiled.plan.nTiles * config.columns)
            if golden.output != expected { return }
        }
        #expect(largerThanScratchpad >= 100, "the shapes must overflow the scratchpad often")
    }
}
