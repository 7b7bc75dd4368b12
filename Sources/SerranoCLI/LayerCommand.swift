import ArgumentParser
import Foundation
import GoldenModel
import SerranoVerify

/// `serrano layer fc|conv2d`: a TFLite-style fully connected or conv2d layer from `.npy` files,
/// compiled by the tiler and run on the golden model or on the Verilated accelerator (every DRAM
/// write checked against the golden model), writing the same `.npy` either way.
struct LayerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layer",
        abstract: "Run an int8 fully connected (fc) or conv2d layer on the golden model or the accelerator RTL.",
        discussion: """
        fc: --input [batch, in] int8, --weights [out, in] int8. conv2d: --input NHWC int8, --weights \
        (the filter) OHWI int8, --stride H,W, --dilation H,W, --padding TOP,BOTTOM,LEFT,RIGHT. --bias is \
        int32 [out]. Requantization flags as in `serrano gemm`; without them the output is raw int32.

        \(OutputHelp.text)
        """)

    @Argument(help: "fc or conv2d.") var kind: String
    @Option(help: "Input tensor (.npy, int8).") var input: String
    @Option(help: "Weights (.npy, int8): [out, in] for fc, the OHWI filter for conv2d.") var weights: String
    @Option(help: "Bias (.npy, int32, one per output channel).") var bias: String?
    @Option(help: "Output .npy: int8 when requantized, int32 otherwise.") var out: String
    @Option(help: "conv2d stride H,W.") var stride: String = "1,1"
    @Option(help: "conv2d dilation H,W.") var dilation: String = "1,1"
    @Option(help: "conv2d padding TOP,BOTTOM,LEFT,RIGHT.") var padding: String = "0,0,0,0"
    @Option(help: "Requantization multiplier M0 (0...2^31-1).") var multiplier: Int?
    @Option(parsing: .unconditional, help: "Requantization shift (-31...30).") var shift: Int?
    @Option(parsing: .unconditional, help: "Real rescale factor (instead of M0/shift).") var scale: Double?
    @Option(parsing: .unconditional, help: "Output zero point (-128...127).") var zeroPoint: Int?
    @Option(help: "Fused activation: none, relu or relu6.") var activation: String?
    @Option(parsing: .unconditional, help: "Output scale, required by relu6.") var outputScale: Double?
    @Option(parsing: .unconditional, help: "Zero point subtracted from the input (-128...127).") var inputZeroPoint: Int?
    @Option(parsing: .unconditional, help: "Zero point subtracted from the weights (-128...127).") var weightZeroPoint: Int?
    @Option(help: "Rounding: double or single.") var rounding: String?
    @Option(help: "golden or rtl.") var backend: String = "golden"
    @Option(help: "Accelerator configuration: tiny, default, large, wide, or a .json file.") var config: String = "default"
    @Option(help: "rtl: write the run's waveform here (.fst or .vcd).") var trace: String?
    @Option(parsing: .unconditional, help: "rtl: DRAM latency in cycles (1...100000).") var dramLatency: Int = 50
    @Option(parsing: .unconditional, help: "rtl: DRAM bandwidth in bytes per cycle (1...1048576).") var dramBandwidth: Int = 16

    /// Layers larger than this many elements per tensor are refused before they are read.
    static let maximumElements = 1 << 26

    func run() throws {
        do { try runLayer() } catch let error as GemmInvocationError { throw UsageFailure("serrano layer: \(error.message)") }
    }

    private func runLayer() throws {
        guard kind == "fc" || kind == "conv2d" else { throw UsageFailure("serrano layer: the layer is fc or conv2d, found '\(kind)'") }
        let flags = GemmInvocation(
            a: input, b: weights, bias: bias, out: out, multiplier: multiplier, shift: shift, scale: scale, zeroPoint: zeroPoint,
            activation: activation, outputScale: outputScale, inputZeroPoint: inputZeroPoint,
            weightZeroPoint: weightZeroPoint, rounding: rounding, backend: backend, config: config)
        let accelerator = try flags.acceleratorConfig()
        let requantization = try flags.requantization()
        if backend != "rtl", trace != nil { throw UsageFailure("serrano layer: --trace needs --backend rtl") }
        let x = try int8(input, "--input"), w = try int8(weights, "--weights")
        let biasValues = try bias.map { try int32(vector: $0) }
        let zpIn = Int32(inputZeroPoint ?? 0), zpW = Int32(weightZeroPoint ?? 0)
        let compiled: CompiledProgram
        do {
            if kind == "fc" {
                compiled = try Tiler.compileFullyConnected(input: x, weights: w, bias: biasValues, inputZeroPoint: zpIn,
                                                           weightZeroPoint: zpW, requantization: requantization, config: accelerator)
            } else {
                let geometry = try Conv2DGeometry(input: x.shape, filter: w.shape, stride: try pair(stride, "--stride"),
                                                  dilation: try pair(dilation, "--dilation"), padding: try four(padding))
                compiled = try Tiler.compileConv2D(input: x, filter: w, bias: biasValues, geometry: geometry, inputZeroPoint: zpIn,
                                                   weightZeroPoint: zpW, requantization: requantization, config: accelerator)
            }
        } catch let error as UsageFailure { throw error } catch { throw UsageFailure("serrano layer: \(error)") }

        let start = Date()
        var session: AcceleratorSession.Outcome?
        let finalDRAM: [UInt8]
        do {
            if backend == "rtl" {
                let profile = DRAMProfile(latency: dramLatency, bytesPerCycle: dramBandwidth)
                try profile.validate()
                let outcome = try AcceleratorSession(config: accelerator, profile: profile, trace: trace).run(compiled)
                session = outcome
                finalDRAM = outcome.run.dram
            } else {
                finalDRAM = try FunctionalModel(config: accelerator).run(compiled.program, dram: compiled.dram).dram
            }
        } catch { throw UsageFailure("serrano layer: \(error)") }
        let output = try compiled.output(from: finalDRAM)
        let array: NpyArray = output
        do { try Npy.write(array, path: out, inputs: [input, weights] + (bias.map { [$0] } ?? [])) } catch {
            throw UsageFailure("serrano layer: \(error)")
        }
        print(String(format: "layer    %@ %@ · %@ → %@ %@ on %@ in %.3f s", kind, x.shape.description, w.shape.description, out,
                     array.shape.description, backend, Date().timeIntervalSince(start)))
        guard let session else { return }
        let report = AcceleratorSession.report(session)
        report.lines.forEach { print($0) }
        if !report.passed { throw ExitCode(1) }
    }

    private func header(_ path: String) throws -> NpyFileHeader {
        let header: NpyFileHeader
        do { header = try Npy.readHeader(path: path) } catch { throw UsageFailure("serrano layer: \(error)") }
        guard header.elementCount <= Self.maximumElements else {
            throw UsageFailure("serrano layer: \(path) has \(header.elementCount) elements; at most \(Self.maximumElements) are supported")
        }
        return header
    }

    private func int8(_ path: String, _ flag: String) throws -> Tensor<Int8> {
        _ = try header(path)
        let array: NpyArray
        do { array = try Npy.read(path: path) } catch { throw UsageFailure("serrano layer: \(error)") }
        guard case .int8(let tensor) = array else { throw UsageFailure("serrano layer: \(flag) \(path) must be int8, found \(array.dtype)") }
        return tensor
    }

    private func int32(vector path: String) throws -> [Int32] {
        _ = try header(path)
        let array: NpyArray
        do { array = try Npy.read(path: path) } catch { throw UsageFailure("serrano layer: \(error)") }
        guard case .int32(let tensor) = array, tensor.rank == 1 else {
            throw UsageFailure("serrano layer: --bias \(path) must be an int32 vector, found \(array.dtype) with shape \(array.shape)")
        }
        return tensor.elements
    }

    private func numbers(_ text: String, count: Int, _ flag: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == count, parts.allSatisfy({ $0.map { (0...1024).contains($0) } ?? false }) else {
            throw UsageFailure("serrano layer: \(flag) takes \(count) comma-separated integers in 0...1024, found '\(text)'")
        }
        return parts.compactMap { $0 }
    }

    private func pair(_ text: String, _ flag: String) throws -> (height: Int, width: Int) {
        let values = try numbers(text, count: 2, flag)
        return (values[0], values[1])
    }

    private func four(_ text: String) throws -> (top: Int, bottom: Int, left: Int, right: Int) {
        let values = try numbers(text, count: 4, "--padding")
        return (values[0], values[1], values[2], values[3])
    }
}
