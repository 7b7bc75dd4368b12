import Foundation
import GoldenModel
import Testing

/// `serrano layer` runs TFLite-style layers from `.npy` files and writes the reference answer.
@Suite struct LayerCommandTests {
    @Test func conv2dWithStrideAndPaddingEqualsTheReferenceKernel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-layer-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try Tensor<Int8>(shape: [1, 6, 5, 2], elements: (0..<60).map { Int8(truncatingIfNeeded: $0 * 37 - 90) })
        let filter = try Tensor<Int8>(shape: [3, 3, 2, 2], elements: (0..<36).map { Int8(truncatingIfNeeded: $0 * 53 + 7) })
        try Npy.write(.int8(input), path: folder.appendingPathComponent("x.npy").path)
        try Npy.write(.int8(filter), path: folder.appendingPathComponent("f.npy").path)
        let run = try CLI.run(["layer", "conv2d", "--input", "x.npy", "--weights", "f.npy", "--stride", "2,1",
                               "--padding", "1,0,1,1", "--input-zero-point", "3", "--out", "y.npy"], in: folder)
        #expect(run.status == 0, "\(run)")
        let geometry = try Conv2DGeometry(input: input.shape, filter: filter.shape, stride: (2, 1), padding: (1, 0, 1, 1))
        let expected = try ReferenceKernels.conv2d(input: input, filter: filter, bias: nil, geometry: geometry, inputZeroPoint: 3)
        #expect(try Npy.read(path: folder.appendingPathComponent("y.npy").path) == .int32(expected))
    }

    @Test func badLayerFlagsAreOneSentenceWithExitCode2() throws {
        for arguments in [["layer", "conv3d", "--input", "x", "--weights", "w", "--out", "y"],
                          ["layer", "conv2d", "--input", "/nonexistent.npy", "--weights", "w", "--out", "y"],
                          ["layer", "fc", "--input", "x", "--weights", "w", "--out", "y", "--backend", "fpga"]] {
            let run = try CLI.run(arguments)
            #expect(run.status == 2 && !run.signaled && run.stderr.hasPrefix("serrano layer:"), "\(arguments): \(run)")
        }
    }
}
