import Accelerator
import Foundation
import GoldenModel
import SerranoSim
import SerranoVerilator
import SerranoSupport

/// A 2-layer quantized MLP (batch × 784 → 128, ReLU → 10) with seeded int8 weights and int32
/// biases: the workload `make demo` runs on the accelerator. Each layer is compiled by the
/// tiler, run on the chip with the scoreboard watching every DRAM write, and its output checked
/// against TFLite's reference kernels; layer 2 takes layer 1's output as computed by the chip.
public struct MLPWorkload {
    public let batch: Int
    public let widths: [Int]
    public let seed: UInt64

    public init(batch: Int = 64, widths: [Int] = [784, 128, 10], seed: UInt64) {
        self.batch = batch
        self.widths = widths
        self.seed = seed
    }

    /// What one layer did on the chip.
    public struct LayerOutcome {
        public let name: String
        public let counters: AcceleratorCounters
        public let outputs: Int
        /// The first wrong write, or the reference comparison's difference; nil when bit-exact.
        public let failure: String?
        public let seconds: Double
        public let simulatedCycles: UInt64
    }

    /// The layers, in order, with `input` as the first layer's input.
    func layer(_ index: Int, input: Tensor<Int8>) throws -> FullyConnectedLayer {
        var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        let inputs = widths[index], outputs = widths[index + 1]
        let weights = try Tensor<Int8>(shape: [outputs, inputs], elements: (0..<(outputs * inputs)).map { _ in Int8(truncatingIfNeeded: random.next() % 61) &- 30 })
        let bias = (0..<outputs).map { _ in Int32(truncatingIfNeeded: random.next() % 2001) - 1000 }
        // Scales that keep the int8 outputs spread: about 1/(30 · √inputs · 40) of the accumulator.
        let scale = 1.0 / (30.0 * Double(inputs).squareRoot() * 40.0)
        let last = index == widths.count - 2
        let requantization = try Requantization(
            multipliers: .perTensor(QuantizedMultiplier(realMultiplier: scale)), outputZeroPoint: last ? 0 : -128,
            activation: last ? .none : .relu(outputZeroPoint: -128), rounding: .double)
        return FullyConnectedLayer(input: input, weights: weights, bias: bias, inputZeroPoint: last ? -128 : 0,
                                   weightZeroPoint: 0, requantization: requantization)
    }

    /// The first layer's input.
    func input() throws -> Tensor<Int8> {
        var random = SplitMix64(seed: seed)
        return try Tensor(shape: [batch, widths[0]], elements: (0..<(batch * widths[0])).map { _ in Int8(truncatingIfNeeded: random.next()) })
    }

    /// Runs every layer on instances of `model`; the last layer is traced to `trace` when given.
    public func run(on model: VerilatorModel, config: AcceleratorConfig, profile: DRAMProfile,
                    trace: String? = nil) throws -> (layers: [LayerOutcome], tracePath: String?) {
        var activations = try input()
        var outcomes: [LayerOutcome] = []
        var tracePath: String?
        for index in 0..<(widths.count - 1) {
            let layer = try self.layer(index, input: activations)
            let traced = trace != nil && index == widths.count - 2
            let session = AcceleratorSession(config: config, profile: profile, trace: traced ? trace : nil)
            let (outcome, compiled, failure) = try session.run(.fullyConnected(layer), on: model)
            if traced { tracePath = outcome.tracePath }
            let run = outcome.run
            outcomes.append(LayerOutcome(name: "fc\(index + 1) \(batch)×\(widths[index]) → \(widths[index + 1])", counters: run.counters,
                                         outputs: batch * widths[index + 1], failure: failure, seconds: outcome.seconds,
                                         simulatedCycles: run.simulatedCycles))
            guard case .int8(let output) = try compiled.output(from: run.dram) else { break }
            activations = output
        }
        return (outcomes, tracePath)
    }
}
