/// Geometry of a 2-D convolution: NHWC input, OHWI filter (TFLite's layouts), NHWC output.
public struct Conv2DGeometry: Equatable, Sendable {
    public var batch: Int, inputHeight: Int, inputWidth: Int, inputChannels: Int
    public var outputChannels: Int, kernelHeight: Int, kernelWidth: Int
    public var strideHeight: Int, strideWidth: Int
    public var dilationHeight: Int, dilationWidth: Int
    public var padTop: Int, padBottom: Int, padLeft: Int, padRight: Int

    /// Reads the extents from the tensors and validates every parameter.
    public init(
        input: [Int], filter: [Int], stride: (height: Int, width: Int) = (1, 1),
        dilation: (height: Int, width: Int) = (1, 1),
        padding: (top: Int, bottom: Int, left: Int, right: Int) = (0, 0, 0, 0)
    ) throws {
        guard input.count == 4 else { throw TensorError.rankMismatch(name: "conv2d input (NHWC)", expected: 4, found: input) }
        guard filter.count == 4 else { throw TensorError.rankMismatch(name: "conv2d filter (OHWI)", expected: 4, found: filter) }
        guard input[3] == filter[3] else {
            throw TensorError.shapeMismatch("conv2d input has \(input[3]) channels, filter expects \(filter[3])")
        }
        (batch, inputHeight, inputWidth, inputChannels) = (input[0], input[1], input[2], input[3])
        (outputChannels, kernelHeight, kernelWidth) = (filter[0], filter[1], filter[2])
        (strideHeight, strideWidth) = stride
        (dilationHeight, dilationWidth) = dilation
        (padTop, padBottom, padLeft, padRight) = padding
        let positive = [batch, inputHeight, inputWidth, inputChannels, outputChannels, kernelHeight, kernelWidth,
                        strideHeight, strideWidth, dilationHeight, dilationWidth]
        guard positive.allSatisfy({ $0 >= 1 }) else {
            throw TensorError.shapeMismatch("conv2d extents, strides and dilations must be ≥ 1")
        }
        guard [padTop, padBottom, padLeft, padRight].allSatisfy({ $0 >= 0 }) else {
            throw TensorError.shapeMismatch("conv2d padding must be ≥ 0")
        }
        guard outputHeight >= 1, outputWidth >= 1 else {
            throw TensorError.shapeMismatch("conv2d output would be empty (\(outputHeight)×\(outputWidth))")
        }
    }

    /// Output rows: `(H + pads − dilated kernel) / stride + 1`.
    public var outputHeight: Int {
        (inputHeight + padTop + padBottom - ((kernelHeight - 1) * dilationHeight + 1)) / strideHeight + 1
    }
    /// Output columns.
    public var outputWidth: Int {
        (inputWidth + padLeft + padRight - ((kernelWidth - 1) * dilationWidth + 1)) / strideWidth + 1
    }
    /// Rows of the im2col matrix (= output pixels): N·OH·OW.
    public var patchCount: Int { batch * outputHeight * outputWidth }
    /// Columns of the im2col matrix: KH·KW·Cin.
    public var patchSize: Int { kernelHeight * kernelWidth * inputChannels }
    /// The output tensor's shape, NHWC.
    public var outputShape: [Int] { [batch, outputHeight, outputWidth, outputChannels] }
}

extension ReferenceKernels {
    /// The im2col matrix [N·OH·OW, KH·KW·Cin]; padded taps hold the input zero point so they
    /// contribute `(zp − zp)·w = 0`, exactly as TFLite pads quantized inputs.
    public static func im2col(_ input: Tensor<Int8>, _ g: Conv2DGeometry, inputZeroPoint: Int32) throws -> Tensor<Int8> {
        guard input.shape == [g.batch, g.inputHeight, g.inputWidth, g.inputChannels] else {
            throw TensorError.shapeMismatch("conv2d input shape \(input.shape) does not match the geometry")
        }
        guard (-128...127).contains(inputZeroPoint) else {
            throw TensorError.shapeMismatch("input zero point must be in -128...127, found \(inputZeroPoint)")
        }
        let pad = Int8(inputZeroPoint)
        var out = [Int8](repeating: pad, count: g.patchCount * g.patchSize)
        var row = 0
        for n in 0..<g.batch {
            for oy in 0..<g.outputHeight {
                for ox in 0..<g.outputWidth {
                    var column = row * g.patchSize
                    for ky in 0..<g.kernelHeight {
                        let y = oy * g.strideHeight - g.padTop + ky * g.dilationHeight
                        for kx in 0..<g.kernelWidth {
                            let x = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth
                            if y >= 0, y < g.inputHeight, x >= 0, x < g.inputWidth {
                                let base = ((n * g.inputHeight + y) * g.inputWidth + x) * g.inputChannels
                                for c in 0..<g.inputChannels { out[column + c] = input.elements[base + c] }
                            }
                            column += g.inputChannels
                        }
                    }
                    row += 1
                }
            }
        }
        return try Tensor(shape: [g.patchCount, g.patchSize], elements: out)
    }

    /// The filter OHWI as the GEMM's right operand [KH·KW·Cin, Cout].
    public static func filterMatrix(_ filter: Tensor<Int8>, _ g: Conv2DGeometry) throws -> Tensor<Int8> {
        guard filter.shape == [g.outputChannels, g.kernelHeight, g.kernelWidth, g.inputChannels] else {
            throw TensorError.shapeMismatch("conv2d filter shape \(filter.shape) does not match the geometry")
        }
        return try transpose(Tensor(shape: [g.outputChannels, g.patchSize], elements: filter.elements))
    }

    /// int8 conv2d (NHWC, OHWI, stride, padding, dilation) via im2col + GEMM; int32 result NHWC.
    public static func conv2d(
        input: Tensor<Int8>, filter: Tensor<Int8>, bias: [Int32]?, geometry g: Conv2DGeometry,
        inputZeroPoint: Int32 = 0, weightZeroPoint: Int32 = 0
    ) throws -> Tensor<Int32> {
        let patches = try im2col(input, g, inputZeroPoint: inputZeroPoint)
        let weights = try filterMatrix(filter, g)
        let product = try gemm(patches, weights, bias: bias, inputZeroPoint: inputZeroPoint, weightZeroPoint: weightZeroPoint)
        return try Tensor(shape: g.outputShape, elements: product.elements)
    }
}
