import Foundation
import Testing
import GoldenModel
@testable import SerranoCLI
import SerranoVerify
import SerranoSupport

/// `serrano gemm`'s behaviour, through the library type the command wraps.
@Suite struct GemmInvocationTests {
    let directory: URL
    let a: Tensor<Int8>, b: Tensor<Int8>, bias: [Int32]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gemm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var g = SplitMix64(seed: 77)
        a = try Tensor(shape: [13, 11], elements: g.int8s(13 * 11))
        b = try Tensor(shape: [11, 7], elements: g.int8s(11 * 7))
        bias = (0..<7).map { _ in Int32(g.int(in: -300...300)) }
        try Npy.write(.int8(a), path: path("A.npy"))
        try Npy.write(.int8(b), path: path("B.npy"))
        try Npy.write(.int32(Tensor(shape: [7], elements: bias)), path: path("bias.npy"))
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func invocation(out: String = "C.npy") -> GemmInvocation {
        GemmInvocation(a: path("A.npy"), b: path("B.npy"), bias: path("bias.npy"), out: path(out))
    }

    func expectFailure(_ invocation: GemmInvocation, containing text: String) {
        do {
            _ = try invocation.run()
            Issue.record("expected '\(text)'")
        } catch {
            #expect("\(error)".contains(text), "\(error)")
            #expect(!"\(error)".contains("\n"), "errors are one line")
        }
    }

    @Test func rawGEMMWritesInt32EqualToTheReference() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try invocation().run()
        #expect(summary.outputType == "int32")
        let expected = try ReferenceKernels.gemm(a, b, bias: bias)
        #expect(try Npy.read(path: path("C.npy")) == .int32(expected))
    }

    @Test func requantizedGEMMWritesInt8OnTheTinyConfig() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var run = invocation(out: "Q.npy")
        run.multiplier = 1_288_490_189
        run.shift = -8
        run.zeroPoint = -4
        run.activation = "relu"
        run.config = "tiny"
        _ = try run.run()
        let requantization = try Requantization(
            multipliers: .perTensor(QuantizedMultiplier(multiplier: 1_288_490_189, shift: -8)), outputZeroPoint: -4,
            activation: .relu(outputZeroPoint: -4))
        let expected = try ReferenceKernels.requantize(ReferenceKernels.gemm(a, b, bias: bias), requantization)
        #expect(try Npy.read(path: path("Q.npy")) == .int8(expected))
    }

    @Test func badFlagsAreOneLineErrors() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var run = invocation()
        run.backend = "fpga"
        expectFailure(run, containing: "unknown backend 'fpga'")
        run = invocation()
        run.config = "huge"
        expectFailure(run, containing: "unknown config 'huge'")
        run = invocation()
        run.multiplier = 5
        expectFailure(run, containing: "--multiplier and --shift go together")
        run.shift = 40
        expectFailure(run, containing: "shift must be in -31...30")
        run = invocation()
        run.scale = 0.1
        run.multiplier = 1
        run.shift = 0
        expectFailure(run, containing: "alternatives")
        run = invocation()
        run.activation = "relu"
        expectFailure(run, containing: "need --multiplier/--shift or --scale")
        run.scale = 0.01
        run.activation = "relu6"
        expectFailure(run, containing: "needs --output-scale")
        run.activation = "gelu"
        expectFailure(run, containing: "unknown activation 'gelu'")
        run = invocation()
        run.inputZeroPoint = 300
        expectFailure(run, containing: "--input-zero-point must be in -128...127")
    }

    @Test func badFilesAndShapesAreOneLineErrors() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var run = invocation()
        run.b = path("A.npy")
        expectFailure(run, containing: "A is 13×11 and B is 13×11")
        run = invocation()
        run.bias = path("A.npy")
        expectFailure(run, containing: "must be an int32 vector of 7 elements")
        run = invocation()
        run.a = path("bias.npy")
        expectFailure(run, containing: "must be a 2-D int8 matrix")
        run = invocation()
        run.a = path("nothing.npy")
        expectFailure(run, containing: "nothing.npy")
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path("junk.npy")))
        run.a = path("junk.npy")
        expectFailure(run, containing: "not a .npy file")
    }
}
