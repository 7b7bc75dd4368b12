import GoldenModel

/// One layer of a regression case, in the form its reference kernel takes it.
///
/// The expected answer comes from `ReferenceKernels` on the layer as written (FC weights
/// [out, in], conv2d NHWC/OHWI); the tiler's lowering (transpose, im2col) is what is under test.
public enum RegressionLayer: Equatable, Sendable {
    case gemm(GEMMProblem)
    case fullyConnected(FullyConnectedLayer)
    case conv2d(Conv2DLayer)

    /// `gemm`, `fc` or `conv2d`: the JUnit class of the case.
    public var kind: String {
        switch self {
        case .gemm: return "gemm"
        case .fullyConnected: return "fc"
        case .conv2d: return "conv2d"
        }
    }

    /// Multiply-accumulates the layer needs (M·N·K of its GEMM).
    public var macs: Int {
        switch self {
        case .gemm(let p): return p.macs
        case .fullyConnected(let l): return l.input.shape[0] * l.weights.shape[0] * l.weights.shape[1]
        case .conv2d(let l): return l.geometry.patchCount * l.geometry.patchSize * l.geometry.outputChannels
        }
    }

    /// Compiles for `config` with the tiler.
    public func compile(for config: AcceleratorConfig) throws -> CompiledProgram {
        switch self {
        case .gemm(let p): return try Tiler.compile(p, config: config)
        case .fullyConnected(let l):
            return try Tiler.compileFullyConnected(
                input: l.input, weights: l.weights, bias: l.bias, inputZeroPoint: l.inputZeroPoint,
                weightZeroPoint: l.weightZeroPoint, requantization: l.requantization, config: config)
        case .conv2d(let l):
            return try Tiler.compileConv2D(
                input: l.input, filter: l.filter, bias: l.bias, geometry: l.geometry, inputZeroPoint: l.inputZeroPoint,
                weightZeroPoint: l.weightZeroPoint, requantization: l.requantization, config: config)
        }
    }

    /// The reference kernels' answer, in the layer's output shape.
    public func reference() throws -> GEMMOutput {
        switch self {
        case .gemm(let p): return try p.reference()
        case .fullyConnected(let l):
            let accumulators = try ReferenceKernels.fullyConnected(
                input: l.input, weights: l.weights, bias: l.bias, inputZeroPoint: l.inputZeroPoint,
                weightZeroPoint: l.weightZeroPoint)
            return try Self.finish(accumulators, l.requantization, shape: accumulators.shape)
        case .conv2d(let l):
            let accumulators = try ReferenceKernels.conv2d(
                input: l.input, filter: l.filter, bias: l.bias, geometry: l.geometry,
                inputZeroPoint: l.inputZeroPoint, weightZeroPoint: l.weightZeroPoint)
            // Requantization is per output channel, the innermost NHWC dimension.
            let matrix = try Tensor(shape: [l.geometry.patchCount, l.geometry.outputChannels], elements: accumulators.elements)
            return try Self.finish(matrix, l.requantization, shape: l.geometry.outputShape)
        }
    }

    private static func finish(_ matrix: Tensor<Int32>, _ requantization: Requantization?, shape: [Int]) throws -> GEMMOutput {
        guard let requantization else { return try GEMMOutput.int32(matrix).reshaped(shape) }
        return try GEMMOutput.int8(ReferenceKernels.requantize(matrix, requantization)).reshaped(shape)
    }
}

/// A TFLite fully connected layer: input [batch, in], weights [out, in], bias [out].
public struct FullyConnectedLayer: Equatable, Sendable {
    public var input: Tensor<Int8>
    public var weights: Tensor<Int8>
    public var bias: [Int32]?
    public var inputZeroPoint: Int32
    public var weightZeroPoint: Int32
    public var requantization: Requantization?

    public init(input: Tensor<Int8>, weights: Tensor<Int8>, bias: [Int32]?, inputZeroPoint: Int32,
                weightZeroPoint: Int32, requantization: Requantization?) {
        self.input = input
        self.weights = weights
        self.bias = bias
        self.inputZeroPoint = inputZeroPoint
        self.weightZeroPoint = weightZeroPoint
        self.requantization = requantization
    }
}

/// A TFLite conv2d layer: input NHWC, filter OHWI, bias [out channels].
public struct Conv2DLayer: Equatable, Sendable {
    public var input: Tensor<Int8>
    public var filter: Tensor<Int8>
    public var bias: [Int32]?
    public var geometry: Conv2DGeometry
    public var inputZeroPoint: Int32
    public var weightZeroPoint: Int32
    public var requantization: Requantization?

    public init(input: Tensor<Int8>, filter: Tensor<Int8>, bias: [Int32]?, geometry: Conv2DGeometry,
                inputZeroPoint: Int32, weightZeroPoint: Int32, requantization: Requantization?) {
        self.input = input
        self.filter = filter
        self.bias = bias
        self.geometry = geometry
        self.inputZeroPoint = inputZeroPoint
        self.weightZeroPoint = weightZeroPoint
        self.requantization = requantization
    }
}
