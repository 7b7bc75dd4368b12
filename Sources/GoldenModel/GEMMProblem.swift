/// One int8 GEMM layer as the accelerator runs it: `A (M×K) · B (K×N) + bias`, with zero points,
/// producing raw int32 or requantized int8.
public struct GEMMProblem: Equatable, Sendable {
    public var a: Tensor<Int8>
    public var b: Tensor<Int8>
    public var bias: [Int32]?
    public var inputZeroPoint: Int32
    public var weightZeroPoint: Int32
    /// nil: the output is the raw int32 accumulators.
    public var requantization: Requantization?

    /// Validates shapes, zero points and the per-channel multiplier count.
    public init(
        a: Tensor<Int8>, b: Tensor<Int8>, bias: [Int32]? = nil, inputZeroPoint: Int32 = 0,
        weightZeroPoint: Int32 = 0, requantization: Requantization? = nil
    ) throws {
        let (m, k, n) = try ReferenceKernels.gemmShape(a, b, bias: bias)
        guard m >= 1, k >= 1, n >= 1 else { throw TensorError.shapeMismatch("GEMM dimensions must be ≥ 1, found M=\(m) K=\(k) N=\(n)") }
        guard (-128...127).contains(inputZeroPoint), (-128...127).contains(weightZeroPoint) else {
            throw TensorError.shapeMismatch("zero points must be in -128...127, found \(inputZeroPoint) and \(weightZeroPoint)")
        }
        if case .perChannel(let list)? = requantization?.multipliers, list.count != n {
            throw RequantizationError.channelCountMismatch(expected: n, found: list.count)
        }
        self.a = a
        self.b = b
        self.bias = bias
        self.inputZeroPoint = inputZeroPoint
        self.weightZeroPoint = weightZeroPoint
        self.requantization = requantization
    }

    public var m: Int { a.shape[0] }
    public var k: Int { a.shape[1] }
    public var n: Int { b.shape[1] }
    /// Multiply-accumulates the layer needs: M·N·K.
    public var macs: Int { m * n * k }

    /// The reference kernels' answer: what the accelerator must produce bit for bit.
    public func reference() throws -> GEMMOutput {
        let accumulators = try ReferenceKernels.gemm(a, b, bias: bias, inputZeroPoint: inputZeroPoint, weightZeroPoint: weightZeroPoint)
        guard let requantization else { return .int32(accumulators) }
        return .int8(try ReferenceKernels.requantize(accumulators, requantization))
    }
}

/// A layer's output: requantized int8 or raw int32 (the same enum as `NpyArray`).
public typealias GEMMOutput = IntegerTensor
