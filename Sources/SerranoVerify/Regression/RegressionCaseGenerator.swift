import GoldenModel
import SerranoSupport

/// Draws random layers × accelerator configurations for the regression.
///
/// Case `i` of seed `S` depends only on (S, i): its random stream is `SplitMix64(seed: S,
/// case: i)`. Layers are GEMM (with and without bias), fully connected and conv2d (stride,
/// padding, dilation, batches); outputs raw int32 or requantized per tensor or per channel, with
/// ReLU / ReLU6 / no clamp and single or double rounding; zero points on inputs and weights.
/// Dimensions favour tile edges (multiples of the array extents and of the tile height ± 1) and
/// sizes that overflow the scratchpad; one case in twenty is large (on the default configuration,
/// several accumulator buffers tall). A case needing more than `maxSteps` load → compute steps or
/// `maxMACs` multiply-accumulates is redrawn smaller, which bounds every case's run time.
public struct RegressionCaseGenerator: Sendable {
    public var seed: UInt64
    /// Largest tiling (tiles × K slices) a case may need.
    public var maxSteps: Int
    /// Largest layer (M·N·K) a case may have.
    public var maxMACs: Int

    /// The configurations cases are drawn for; nil draws from `RegressionConfiguration.fixed`
    /// and random ones (a backend that needs a build per configuration passes its own list).
    public var configurations: [RegressionConfiguration]?

    public init(seed: UInt64, maxSteps: Int = 6000, maxMACs: Int = 3_000_000, configurations: [RegressionConfiguration]? = nil) {
        self.seed = seed
        self.maxSteps = maxSteps
        self.maxMACs = maxMACs
        self.configurations = configurations.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Case `index`; throws only if a drawn parameter is invalid (a generator bug, reported as
    /// a failing case).
    public func makeCase(_ index: Int) throws -> RegressionCase {
        var random = SplitMix64(seed: seed, case: index)
        let configuration: RegressionConfiguration
        if let configurations {
            configuration = configurations[random.int(in: 0...(configurations.count - 1))]
        } else {
            let configurationIndex = random.int(in: 0...RegressionConfiguration.fixed.count)
            configuration = configurationIndex < RegressionConfiguration.fixed.count
                ? RegressionConfiguration.fixed[configurationIndex] : RegressionConfiguration.random(using: &random)
        }
        var draw = try LayerDraw(random: random, config: configuration.config, maxSteps: maxSteps, maxMACs: maxMACs)
        let (layer, summary) = try draw.layer()
        return RegressionCase(seed: seed, index: index, configuration: configuration, layer: layer,
                              summary: summary + " on \(configuration.name)")
    }
}

/// The drawing of one layer for one configuration.
private struct LayerDraw {
    var random: SplitMix64
    let config: AcceleratorConfig
    let maxSteps: Int
    let maxMACs: Int
    /// Output rows per tile (the M edge), for the largest per-tensor layer.
    let tileRows: Int

    init(random: SplitMix64, config: AcceleratorConfig, maxSteps: Int, maxMACs: Int) throws {
        self.random = random
        self.config = config
        self.maxSteps = maxSteps
        self.maxMACs = maxMACs
        tileRows = try Tiler.plan(m: 1 << 20, n: 1, k: 1, perChannel: false, config: config).tileRows
    }

    enum Output { case raw, perTensor, perChannel }

    mutating func layer() throws -> (RegressionLayer, String) {
        let output: Output = random.chance(probability: 0.3) ? .raw : (random.chance(probability: 0.6) ? .perTensor : .perChannel)
        let extremes = random.chance(probability: 0.1)
        let roll = random.unit()
        // Large layers on the 16×16 default; the small configurations overflow with less. One
        // case in ten is taller still (M past two tile heights).
        var limit = config.rows * config.columns >= 64 ? 192 : 64
        var rowLimit = random.chance(probability: 0.1) ? max(3 * limit, 2 * tileRows + 2) : limit
        for attempt in 0..<10 {
            if attempt == 9 { (limit, rowLimit) = (1, 1) }
            let drawn: (RegressionLayer, String)?
            if roll < 0.45 {
                drawn = try gemm(limit: limit, rowLimit: rowLimit, output: output, extremes: extremes)
            } else if roll < 0.65 {
                drawn = try fullyConnected(limit: limit, rowLimit: rowLimit, output: output, extremes: extremes)
            } else {
                drawn = try conv2d(limit: limit, output: output, extremes: extremes)
            }
            if let drawn { return drawn }
            // Shrink the columns and the reduction first; the rows only every other time.
            if attempt % 2 == 1 { rowLimit = max(1, rowLimit / 2) }
            limit = max(1, limit / 2)
        }
        throw TilerError.configTooSmall("no layer of one element fits \(config)")
    }

    /// Whether an M×K·K×N GEMM stays within the step and MAC budgets.
    func fits(m: Int, n: Int, k: Int, output: Output) throws -> Bool {
        guard m * n * k <= maxMACs else { return false }
        return try Tiler.plan(m: m, n: n, k: k, perChannel: output == .perChannel, config: config).steps <= maxSteps
    }

    mutating func gemm(limit: Int, rowLimit: Int, output: Output, extremes: Bool) throws -> (RegressionLayer, String)? {
        let m = dimension(rowLimit, edge: tileRows), n = dimension(limit, edge: config.columns)
        let k = dimension(limit, edge: config.rows)
        guard try fits(m: m, n: n, k: k, output: output) else { return nil }
        let bias = biasVector(n, probability: 0.5)
        let (inputZero, weightZero) = zeroPoints()
        let requantization = try self.requantization(output, channels: n)
        let problem = try GEMMProblem(
            a: tensor([m, k], extremes), b: tensor([k, n], extremes), bias: bias, inputZeroPoint: inputZero,
            weightZeroPoint: weightZero, requantization: requantization.value)
        let text = "gemm \(m)×\(k)·\(k)×\(n)\(bias == nil ? "" : " +bias")"
        return (.gemm(problem), describe(text, inputZero, weightZero, extremes, requantization.summary))
    }

    mutating func fullyConnected(limit: Int, rowLimit: Int, output: Output, extremes: Bool) throws -> (RegressionLayer, String)? {
        let batch = dimension(rowLimit, edge: tileRows)
        let inFeatures = dimension(limit, edge: config.rows), outFeatures = dimension(limit, edge: config.columns)
        guard try fits(m: batch, n: outFeatures, k: inFeatures, output: output) else { return nil }
        let bias = biasVector(outFeatures, probability: 0.7)
        let (inputZero, weightZero) = zeroPoints()
        let requantization = try self.requantization(output, channels: outFeatures)
        let layer = FullyConnectedLayer(
            input: try tensor([batch, inFeatures], extremes), weights: try tensor([outFeatures, inFeatures], extremes),
            bias: bias, inputZeroPoint: inputZero, weightZeroPoint: weightZero, requantization: requantization.value)
        let text = "fc \(batch)×\(inFeatures)→\(outFeatures)\(bias == nil ? "" : " +bias")"
        return (.fullyConnected(layer), describe(text, inputZero, weightZero, extremes, requantization.summary))
    }

    mutating func conv2d(limit: Int, output: Output, extremes: Bool) throws -> (RegressionLayer, String)? {
        let batch = random.chance(probability: 0.8) ? 1 : 2
        let inputChannels = random.int(in: 1...min(6, limit)), outputChannels = dimension(min(limit, 24), edge: config.columns)
        let kernelHeight = random.int(in: 1...(random.chance(probability: 0.1) ? 5 : 3)), kernelWidth = random.int(in: 1...3)
        let stride = (random.int(in: 1...3), random.int(in: 1...3))
        let dilation = random.chance(probability: 0.7) ? (1, 1) : (random.int(in: 1...3), random.int(in: 1...3))
        let padding = random.chance(probability: 0.5) ? (0, 0, 0, 0)
            : (random.int(in: 0...2), random.int(in: 0...2), random.int(in: 0...2), random.int(in: 0...2))
        // The smallest input the dilated kernel fits once padded, plus a few rows of slack.
        let spread = max(1, min(48, limit / 8 + 4))
        let height = max(1, (kernelHeight - 1) * dilation.0 + 1 - padding.0 - padding.1) + random.int(in: 0...spread)
        let width = max(1, (kernelWidth - 1) * dilation.1 + 1 - padding.2 - padding.3) + random.int(in: 0...spread)
        let geometry = try Conv2DGeometry(
            input: [batch, height, width, inputChannels], filter: [outputChannels, kernelHeight, kernelWidth, inputChannels],
            stride: stride, dilation: dilation, padding: padding)
        guard try fits(m: geometry.patchCount, n: outputChannels, k: geometry.patchSize, output: output) else { return nil }
        let bias = biasVector(outputChannels, probability: 0.7)
        let (inputZero, weightZero) = zeroPoints()
        let requantization = try self.requantization(output, channels: outputChannels)
        let layer = Conv2DLayer(
            input: try tensor([batch, height, width, inputChannels], extremes),
            filter: try tensor([outputChannels, kernelHeight, kernelWidth, inputChannels], extremes), bias: bias,
            geometry: geometry, inputZeroPoint: inputZero, weightZeroPoint: weightZero, requantization: requantization.value)
        let shape = "\(batch)×\(height)×\(width)×\(inputChannels) ⊛ \(outputChannels)×\(kernelHeight)×\(kernelWidth)"
        let text = "conv2d \(shape) s\(stride.0)×\(stride.1) d\(dilation.0)×\(dilation.1) "
            + "p\(padding.0),\(padding.1),\(padding.2),\(padding.3)\(bias == nil ? "" : " +bias")"
        return (.conv2d(layer), describe(text, inputZero, weightZero, extremes, requantization.summary))
    }

    /// Mostly small, often up to `limit`, sometimes on a tile edge (a multiple of `edge` ± 1).
    mutating func dimension(_ limit: Int, edge: Int) -> Int {
        let roll = random.unit()
        if roll < 0.35 { return random.int(in: 1...min(8, limit)) }
        if roll < 0.8 { return random.int(in: 1...limit) }
        let onEdge = edge * random.int(in: 1...3) + random.int(in: -1...1)
        return min(max(1, onEdge), limit)
    }

    /// Uniform int8 values, or only −128 and 127 (`extremes`) to stress the int32 wrap.
    mutating func tensor(_ shape: [Int], _ extremes: Bool) throws -> Tensor<Int8> {
        var values = random.int8s(shape.reduce(1, *))
        if extremes { values = values.map { $0 < 0 ? Int8.min : Int8.max } }
        return try Tensor(shape: shape, elements: values)
    }

    mutating func biasVector(_ count: Int, probability: Double) -> [Int32]? {
        guard random.chance(probability: probability) else { return nil }
        // Now and then anywhere in int32, so the bias itself can wrap the sum.
        if random.chance(probability: 0.1) { return (0..<count).map { _ in Int32(truncatingIfNeeded: random.next()) } }
        return (0..<count).map { _ in random.int32(in: -65536...65536) }
    }

    /// (input, weight) zero points; TFLite weights are usually symmetric, inputs usually not.
    mutating func zeroPoints() -> (Int32, Int32) {
        let input: Int32 = random.chance(probability: 0.4) ? 0 : random.int32(in: -128...127)
        let weight: Int32 = random.chance(probability: 0.7) ? 0 : random.int32(in: -128...127)
        return (input, weight)
    }

    mutating func multiplier() throws -> QuantizedMultiplier {
        // Mostly what QuantizeMultiplier makes of a real scale; sometimes any raw (M0, shift),
        // including left shifts that wrap in double rounding.
        if random.chance(probability: 0.1) {
            return try QuantizedMultiplier(multiplier: random.int32(in: 0...Int32.max), shift: random.int32(in: -31...4))
        }
        let real = Double(sign: .plus, exponent: random.int(in: -22...1), significand: 1 + random.unit())
        return try QuantizedMultiplier(realMultiplier: real)
    }

    mutating func requantization(_ output: Output, channels: Int) throws -> (value: Requantization?, summary: String) {
        let multipliers: Requantization.Multipliers
        switch output {
        case .raw: return (nil, "→ int32")
        case .perTensor: multipliers = .perTensor(try multiplier())
        case .perChannel: multipliers = .perChannel(try (0..<channels).map { _ in try multiplier() })
        }
        let zeroPoint: Int32 = random.chance(probability: 0.3) ? 0 : random.int32(in: -128...127)
        let activation: ActivationRange, activationName: String
        switch random.int(in: 0...2) {
        case 0: (activation, activationName) = (.none, "no clamp")
        case 1: (activation, activationName) = (try .relu(outputZeroPoint: zeroPoint), "relu")
        default:
            let scale = 0.005 + random.unit() * 0.3
            (activation, activationName) = (try .relu6(outputZeroPoint: zeroPoint, outputScale: scale), "relu6")
        }
        let rounding: RoundingMode = random.chance(probability: 0.5) ? .double : .single
        let kind = output == .perTensor ? "per-tensor" : "per-channel"
        let value = try Requantization(multipliers: multipliers, outputZeroPoint: zeroPoint, activation: activation, rounding: rounding)
        return (value, "→ int8 \(kind) zp \(zeroPoint) \(activationName) \(rounding.rawValue) rounding")
    }

    func describe(_ layer: String, _ inputZero: Int32, _ weightZero: Int32, _ extremes: Bool, _ output: String) -> String {
        let zeros = inputZero == 0 && weightZero == 0 ? "" : " zp \(inputZero)/\(weightZero)"
        return layer + zeros + (extremes ? " extremes" : "") + " " + output
    }
}
