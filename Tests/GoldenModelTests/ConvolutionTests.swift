import Testing
import GoldenModel
import SerranoSupport

/// conv2d and fully connected, against direct loops that share no code with im2col.
@Suite struct ConvolutionTests {
    /// The textbook seven-deep loop: NHWC input, OHWI filter, padding taps skipped.
    static func directConv2D(input: Tensor<Int8>, filter: Tensor<Int8>, bias: [Int32]?, g: Conv2DGeometry,
                             inputZeroPoint: Int32, weightZeroPoint: Int32) -> [Int32] {
        var out: [Int32] = []
        for n in 0..<g.batch {
            for oy in 0..<g.outputHeight {
                for ox in 0..<g.outputWidth {
                    for oc in 0..<g.outputChannels {
                        var sum: Int32 = bias?[oc] ?? 0
                        for ky in 0..<g.kernelHeight {
                            for kx in 0..<g.kernelWidth {
                                let y = oy * g.strideHeight - g.padTop + ky * g.dilationHeight
                                let x = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth
                                guard y >= 0, y < g.inputHeight, x >= 0, x < g.inputWidth else { continue }
                                for ic in 0..<g.inputChannels {
                                    let a = Int32(input[n, y, x, ic]) - inputZeroPoint
                                    let w = Int32(filter[oc, ky, kx, ic]) - weightZeroPoint
                                    sum = sum &+ a &* w
                                }
                            }
                        }
                        out.append(sum)
                    }
                }
            }
        }
        return out
    }

    @Test func conv2dViaIm2colMatchesTheDirectLoop() throws {
        var (g, seed) = SplitMix64.forTest("conv2dDirect", fallback: 42)
        var checked = 0
        while checked < 60 {
            let n = g.int(in: 1...2), h = g.int(in: 1...7), w = g.int(in: 1...7)
            let c = g.int(in: 1...5), oc = g.int(in: 1...6)
            let kh = g.int(in: 1...3), kw = g.int(in: 1...3)
            guard let geometry = try? Conv2DGeometry(
                input: [n, h, w, c], filter: [oc, kh, kw, c],
                stride: (g.int(in: 1...2), g.int(in: 1...3)),
                dilation: (g.int(in: 1...2), g.int(in: 1...2)),
                padding: (g.int(in: 0...2), g.int(in: 0...1),
                          g.int(in: 0...2), g.int(in: 0...1)))
            else { continue }
            let input = g.int8Tensor([n, h, w, c]), filter = g.int8Tensor([oc, kh, kw, c])
            let bias: [Int32]? = Bool.random(using: &g) ? (0..<oc).map { _ in Int32.random(in: -999...999, using: &g) } : nil
            let zpA = Int32.random(in: -128...127, using: &g), zpW = Bool.random(using: &g) ? Int32.random(in: -5...5, using: &g) : 0
            let direct = Self.directConv2D(input: input, filter: filter, bias: bias, g: geometry, inputZeroPoint: zpA, weightZeroPoint: zpW)
            let viaIm2col = try ReferenceKernels.conv2d(input: input, filter: filter, bias: bias, geometry: geometry,
                                                        inputZeroPoint: zpA, weightZeroPoint: zpW)
            #expect(viaIm2col.shape == geometry.outputShape)
            #expect(viaIm2col.elements == direct, "seed \(seed): \(geometry)")
            // The same layer compiled for the accelerator, requantized per output channel.
            let multipliers = try (0..<oc).map { _ in try QuantizedMultiplier(realMultiplier: Double.random(in: 0.001...0.02, using: &g)) }
            let requantization = try Requantization(multipliers: .perChannel(multipliers), outputZeroPoint: -7,
                                                    activation: .relu(outputZeroPoint: -7))
            let compiled = try Tiler.compileConv2D(input: input, filter: filter, bias: bias, geometry: geometry, inputZeroPoint: zpA,
                                                   weightZeroPoint: zpW, requantization: requantization, config: .tiny)
            let golden = try compiled.run(on: FunctionalModel(config: .tiny)).output
            let expected = try ReferenceKernels.requantize(Tensor(shape: [geometry.patchCount, oc], elements: direct), requantization)
            #expect(golden == .int8(try Tensor(shape: geometry.outputShape, elements: expected.elements)), "seed \(seed): \(geometry)")
            checked += 1
        }
    }

    @Test func geometryRejectsEmptyOutputsAndMismatchedChannels() {
        #expect(throws: TensorError.self) { try Conv2DGeometry(input: [1, 2, 2, 3], filter: [1, 3, 3, 3]) }
        #expect(throws: TensorError.self) { try Conv2DGeometry(input: [1, 4, 4, 3], filter: [1, 3, 3, 2]) }
        #expect(throws: TensorError.self) { try Conv2DGeometry(input: [1, 4, 4, 3], filter: [1, 1, 1, 3], stride: (0, 1)) }
        #expect(throws: TensorError.self) { try Conv2DGeometry(input: [4, 4, 3], filter: [1, 1, 1, 3]) }
    }

    @Test func fullyConnectedMatchesADirectLoopOnTheAccelerator() throws {
        var (g, seed) = SplitMix64.forTest("fullyConnected", fallback: 9)
        for _ in 0..<20 {
            let batch = g.int(in: 1...9), inputs = g.int(in: 1...40), outputs = g.int(in: 1...17)
            let input = g.int8Tensor([batch, inputs]), weights = g.int8Tensor([outputs, inputs])
            let bias = (0..<outputs).map { _ in Int32.random(in: -500...500, using: &g) }
            let zpA = Int32.random(in: -128...127, using: &g)
            var direct: [Int32] = []
            for b in 0..<batch {
                for o in 0..<outputs {
                    var sum = bias[o]
                    for i in 0..<inputs { sum = sum &+ (Int32(input[b, i]) - zpA) &* Int32(weights[o, i]) }
                    direct.append(sum)
                }
            }
            #expect(try ReferenceKernels.fullyConnected(input: input, weights: weights, bias: bias, inputZeroPoint: zpA).elements == direct)
            let compiled = try Tiler.compileFullyConnected(input: input, weights: weights, bias: bias, inputZeroPoint: zpA,
                                                           requantization: nil, config: .tiny)
            #expect(try compiled.run(on: FunctionalModel(config: .tiny)).output == .int32(Tensor(shape: [batch, outputs], elements: direct)),
                    "seed \(seed)")
        }
    }
}
