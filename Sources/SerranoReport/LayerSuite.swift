import GoldenModel
import SerranoSupport
import SerranoVerify

/// The layers the report runs, grouped into workloads an architect prices: one transformer block
/// of a 4096-wide coding model (batch-1 decode GEMVs and a prefill's GEMMs of its attention
/// projections and MLP) scaled down by `scale`, ResNet-style 3×3 convolutions (im2col on the
/// chip), and a 784-128-10 MLP. Data are seeded int8; results do not depend on them, but every
/// run is still checked bit for bit.
public struct LayerSuite: Sendable {
    /// One layer and how many times one inference of its workload runs it.
    public struct Entry: Sendable {
        public let name: String
        public let workload: String
        public let timesPerInference: Int
        public let layer: RegressionLayer
    }

    public let name: String
    public let entries: [Entry]

    /// The workloads in order, each with a one-line description.
    public let workloads: [(name: String, description: String)]

    /// The suite `make report` runs: a 4096-wide model's block at 1/`scale` width (512 at 8),
    /// prefill of `tokens` tokens, two conv layers and the MLP.
    public static func standard(scale: Int = 8, tokens: Int = 128, seed: UInt64 = 1) throws -> LayerSuite {
        let width = max(16, 4096 / max(scale, 1))
        // LLaMA-style MLP: 11008 hidden for 4096, scaled and rounded to a multiple of 16.
        let hidden = max(16, (width * 11008 / 4096 + 8) / 16 * 16)
        var random = SplitMix64(seed: seed)
        var entries: [Entry] = []
        let decode = "decode", prefill = "prefill"
        for (workload, m) in [(decode, 1), (prefill, tokens)] {
            entries.append(try fc("\(workload) attention q/k/v/o \(m)×\(width)·\(width)×\(width)", workload, 4, m, width, width, &random))
            entries.append(try fc("\(workload) MLP gate/up \(m)×\(width)·\(width)×\(hidden)", workload, 2, m, width, hidden, &random))
            entries.append(try fc("\(workload) MLP down \(m)×\(hidden)·\(hidden)×\(width)", workload, 1, m, hidden, width, &random))
        }
        entries.append(try conv("conv 3×3 28×28×32 → 32", "resnet", 1, size: 28, channels: 32, outputs: 32, &random))
        entries.append(try conv("conv 3×3 14×14×64 → 64", "resnet", 1, size: 14, channels: 64, outputs: 64, &random))
        entries.append(try fc("MLP fc1 64×784 → 128", "mlp", 1, 64, 784, 128, &random))
        entries.append(try fc("MLP fc2 64×128 → 10", "mlp", 1, 64, 128, 10, &random))
        return LayerSuite(name: "standard", entries: entries, workloads: [
            (decode, "one token through one transformer block of a 4096-wide model at 1/\(scale) width (\(width), MLP \(hidden)): batch-1 GEMVs"),
            (prefill, "\(tokens) tokens of prefill through the same block: GEMMs"),
            ("resnet", "two ResNet-style 3×3 convolutions (stride 1, pad 1) as im2col GEMMs"),
            ("mlp", "a 784-128-10 MLP on a batch of 64"),
        ])
    }

    /// A suite small enough for the `tiny` configuration in tests: one layer of each kind.
    public static func quick(seed: UInt64 = 1) throws -> LayerSuite {
        var random = SplitMix64(seed: seed)
        return LayerSuite(name: "quick", entries: [
            try fc("decode GEMV 1×32·32×24", "decode", 2, 1, 32, 24, &random),
            try fc("prefill GEMM 12×32·32×20", "prefill", 1, 12, 32, 20, &random),
            try conv("conv 3×3 6×6×4 → 6", "resnet", 1, size: 6, channels: 4, outputs: 6, &random),
        ], workloads: [("decode", "a GEMV twice"), ("prefill", "a GEMM"), ("resnet", "a small 3×3 convolution")])
    }

    static func int8s(_ count: Int, spread: UInt64, _ random: inout SplitMix64) -> [Int8] {
        (0..<count).map { _ in Int8(truncatingIfNeeded: Int(random.next() % (2 * spread + 1)) - Int(spread)) }
    }

    /// Scales that keep int8 outputs spread: about 1/(30 · √K · 40) of the accumulator.
    static func requantization(reduction: Int) throws -> Requantization {
        try Requantization(multipliers: .perTensor(QuantizedMultiplier(realMultiplier: 1.0 / (30.0 * Double(reduction).squareRoot() * 40.0))),
                           outputZeroPoint: -128, activation: .relu(outputZeroPoint: -128), rounding: .double)
    }

    static func fc(_ name: String, _ workload: String, _ times: Int, _ batch: Int, _ inputs: Int, _ outputs: Int,
                   _ random: inout SplitMix64) throws -> Entry {
        let input = try Tensor<Int8>(shape: [batch, inputs], elements: int8s(batch * inputs, spread: 127, &random))
        let weights = try Tensor<Int8>(shape: [outputs, inputs], elements: int8s(outputs * inputs, spread: 30, &random))
        let bias = (0..<outputs).map { _ in Int32(truncatingIfNeeded: Int(random.next() % 2001) - 1000) }
        let layer = FullyConnectedLayer(input: input, weights: weights, bias: bias, inputZeroPoint: -128, weightZeroPoint: 0,
                                        requantization: try requantization(reduction: inputs))
        return Entry(name: name, workload: workload, timesPerInference: times, layer: .fullyConnected(layer))
    }

    static func conv(_ name: String, _ workload: String, _ times: Int, size: Int, channels: Int, outputs: Int,
                     _ random: inout SplitMix64) throws -> Entry {
        let inputShape = [1, size, size, channels], filterShape = [outputs, 3, 3, channels]
        let input = try Tensor<Int8>(shape: inputShape, elements: int8s(size * size * channels, spread: 127, &random))
        let filter = try Tensor<Int8>(shape: filterShape, elements: int8s(outputs * 9 * channels, spread: 30, &random))
        let bias = (0..<outputs).map { _ in Int32(truncatingIfNeeded: Int(random.next() % 2001) - 1000) }
        let geometry = try Conv2DGeometry(input: inputShape, filter: filterShape, padding: (1, 1, 1, 1))
        // Per-channel multipliers, as TFLite quantizes conv filters.
        let base = 1.0 / (30.0 * Double(geometry.patchSize).squareRoot() * 40.0)
        let multipliers = try (0..<outputs).map { try QuantizedMultiplier(realMultiplier: base * (1 + Double($0 % 4) / 8)) }
        let requantization = try Requantization(multipliers: .perChannel(multipliers), outputZeroPoint: -128,
                                                activation: .relu(outputZeroPoint: -128), rounding: .double)
        let layer = Conv2DLayer(input: input, filter: filter, bias: bias, geometry: geometry, inputZeroPoint: -128, weightZeroPoint: 0,
                                requantization: requantization)
        return Entry(name: name, workload: workload, timesPerInference: times, layer: .conv2d(layer))
    }
}

extension RegressionLayer {
    /// The layer as a GEMM: M × K · K × N.
    public var gemmShape: (m: Int, n: Int, k: Int) {
        switch self {
        case .gemm(let p): return (p.m, p.n, p.k)
        case .fullyConnected(let l): return (l.input.shape[0], l.weights.shape[0], l.weights.shape[1])
        case .conv2d(let l): return (l.geometry.patchCount, l.geometry.outputChannels, l.geometry.patchSize)
        }
    }

    /// Values the post-processor requantizes (0 for a raw int32 output).
    public var requantizedValues: Int {
        let requantized: Bool
        switch self {
        case .gemm(let p): requantized = p.requantization != nil
        case .fullyConnected(let l): requantized = l.requantization != nil
        case .conv2d(let l): requantized = l.requantization != nil
        }
        let shape = gemmShape
        return requantized ? shape.m * shape.n : 0
    }

    /// Bytes that must cross the DRAM bus at least once: the input matrix (im2col patches for a
    /// conv, as the chip reads them), weights, int32 bias and the output.
    public var compulsoryBytes: Int {
        let shape = gemmShape
        let outputBytes = requantizedValues > 0 ? 1 : 4
        return shape.m * shape.k + shape.k * shape.n + 4 * shape.n + outputBytes * shape.m * shape.n
    }
}
