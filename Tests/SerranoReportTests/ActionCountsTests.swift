import Accelerator
import SerranoSim
import GoldenModel
import SerranoSupport
import SerranoReport
import SerranoVerify
import Testing

/// The energy model charges what the RTL's counters saw; these tests hold those counts to the
/// ones the instruction stream implies, computed without the chip.
@Suite struct ActionCountsTests {
    /// Layers that exercise every counted path: edge tiles in M/N/K, accumulation over K tiles,
    /// unaligned DRAM rows, raw int32 stores, per-channel parameters, a conv's im2col.
    static func layers() throws -> [(String, RegressionLayer)] {
        var random = SplitMix64(seed: 11)
        func tensor(_ shape: [Int]) throws -> Tensor<Int8> {
            try Tensor(shape: shape, elements: (0..<shape.reduce(1, *)).map { _ in Int8(truncatingIfNeeded: random.next() % 61) &- 30 })
        }
        let raw = try GEMMProblem(a: tensor([7, 13]), b: tensor([13, 9]), bias: (0..<9).map { Int32($0 * 7 - 20) }, inputZeroPoint: 3)
        let perTensor = try Requantization(multipliers: .perTensor(QuantizedMultiplier(realMultiplier: 0.004)), outputZeroPoint: -5)
        let fc = FullyConnectedLayer(input: try tensor([5, 22]), weights: try tensor([11, 22]), bias: nil, inputZeroPoint: -128,
                                     weightZeroPoint: 0, requantization: perTensor)
        let channels = try (0..<6).map { try QuantizedMultiplier(realMultiplier: 0.002 * Double($0 + 1)) }
        let perChannel = try Requantization(multipliers: .perChannel(channels), outputZeroPoint: 0)
        let geometry = try Conv2DGeometry(input: [1, 5, 5, 3], filter: [6, 3, 3, 3], stride: (2, 1), padding: (1, 1, 0, 1))
        let conv = Conv2DLayer(input: try tensor([1, 5, 5, 3]), filter: try tensor([6, 3, 3, 3]), bias: (0..<6).map { Int32($0) },
                               geometry: geometry, inputZeroPoint: 1, weightZeroPoint: 0, requantization: perChannel)
        return [("raw GEMM 7×13·13×9", .gemm(raw)), ("fc 5×22 → 11", .fullyConnected(fc)), ("conv 5×5×3 → 6 per channel", .conv2d(conv))]
    }

    @Test("the RTL's counters equal the counts derived from the golden model's instruction stream", arguments: ["tiny", "wide"])
    func countersMatchTheProgram(configName: String) throws {
        guard let config = AcceleratorConfig.named(configName) else { Issue.record("no config \(configName)"); return }
        let model = try AcceleratorSimulation.verilatorModel(config)
        let session = AcceleratorSession(config: config, profile: DRAMProfile(latency: 7, bytesPerCycle: config.dramBusBytes,
                                                                                requestStallPercent: 20, responseStallPercent: 20, seed: 3))
        for (name, layer) in try Self.layers() {
            let (outcome, compiled, failure) = try session.run(layer, on: model)
            #expect(failure == nil, "\(name) on \(configName): \(failure ?? "")")
            let measured = ActionCounts(outcome.run.counters)
            let predicted = ActionCounts.predicted(for: compiled.program, config: config)
            #expect(measured == predicted, "\(name) on \(configName):\n  RTL       \(measured)\n  predicted \(predicted)")
            #expect(measured.macs > 0 && measured.dramBytesWritten > 0)
        }
    }

    @Test("the prediction counts per bank, by the row's low address bits")
    func bankInterleaving() {
        let config = AcceleratorConfig.tiny
        let program: [Instruction] = [
            .load(.init(target: .scratchpad, sramRow: 1, rowCount: 3, elementsPerRow: 4, dramAddress: 2, dramStride: 4)),
            .preload(.init(scratchpadRow: 1, rowCount: 2)),
            .compute(.init(inputRow: 2, rowCount: 2, accumulatorRow: 0, accumulate: true)),
            .store(.init(raw: true, accumulatorRow: 0, rowCount: 1, elementsPerRow: 4, dramAddress: 0, dramStride: 16)),
            // A broadcast: one row's beats from DRAM, three accumulator rows written.
            .load(.init(target: .accumulator, sramRow: 4, rowCount: 3, elementsPerRow: 4, dramAddress: 64, dramStride: 0)),
        ]
        let counts = ActionCounts.predicted(for: program, config: config)
        #expect(counts.scratchpadWrites == [1, 2])
        #expect(counts.scratchpadReads == [2, 2])
        #expect(counts.accumulatorWrites == [5])
        #expect(counts.accumulatorReads == [3])
        // Rows of 4 bytes at 2, 6, 10 on a 4-byte bus touch two beats each.
        // The broadcast's 16-byte row at 64 is four beats, read once.
        #expect(counts.dramBytesRead == 24 + 16)
        #expect(counts.dramBytesWritten == 16)
        #expect(counts.macs == 2 * 2 * 4)
    }
}
