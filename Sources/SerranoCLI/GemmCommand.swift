import ArgumentParser
import Foundation
import GoldenModel
import SerranoVerify

/// `serrano gemm`: an int8 GEMM from `.npy` files on the golden model or on the Verilated
/// accelerator (checked write by write against the golden model). All flag validation lives in
/// `GemmInvocation` (beside this file), the run on the chip in `SerranoVerify.AcceleratorSession`.
struct GemmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "Run an int8 GEMM (A·B + bias, optionally requantized) on the golden model or the accelerator RTL.",
        discussion: OutputHelp.text)

    @Option(help: "M×K int8 matrix (.npy).") var a: String
    @Option(help: "K×N int8 matrix (.npy).") var b: String
    @Option(help: "N int32 bias vector (.npy).") var bias: String?
    @Option(help: "Output .npy: int8 when requantized, int32 otherwise.") var out: String
    @Option(parsing: .unconditional, help: "Requantization multiplier M0 (0...2^31-1).") var multiplier: Int?
    @Option(parsing: .unconditional, help: "Requantization shift (-31...30; positive shifts left).") var shift: Int?
    @Option(parsing: .unconditional, help: "Real rescale factor, converted with TFLite's QuantizeMultiplier (instead of M0/shift).") var scale: Double?
    @Option(parsing: .unconditional, help: "Output zero point (-128...127).") var zeroPoint: Int?
    @Option(help: "Fused activation: none, relu or relu6.") var activation: String?
    @Option(parsing: .unconditional, help: "Output scale, required by relu6.") var outputScale: Double?
    @Option(parsing: .unconditional, help: "Zero point subtracted from A (-128...127).") var inputZeroPoint: Int?
    @Option(parsing: .unconditional, help: "Zero point subtracted from B (-128...127).") var weightZeroPoint: Int?
    @Option(help: "Rounding: double (TFLite default) or single (TFLITE_SINGLE_ROUNDING).") var rounding: String?
    @Option(help: "golden (the ISA-level model) or rtl (the Verilated accelerator).") var backend: String = "golden"
    @Option(help: "Accelerator configuration: tiny, default, large, wide, or a .json file.") var config: String = "default"
    @Option(help: "rtl: write the run's waveform here (.fst or .vcd).") var trace: String?
    @Option(parsing: .unconditional, help: "rtl: DRAM latency in cycles (1...100000).") var dramLatency: Int = 50
    @Option(parsing: .unconditional, help: "rtl: DRAM bandwidth in bytes per cycle (1...1048576).") var dramBandwidth: Int = 16

    func run() throws {
        let invocation = GemmInvocation(
            a: a, b: b, bias: bias, out: out, multiplier: multiplier, shift: shift, scale: scale, zeroPoint: zeroPoint,
            activation: activation, outputScale: outputScale, inputZeroPoint: inputZeroPoint,
            weightZeroPoint: weightZeroPoint, rounding: rounding, backend: backend, config: config)
        do {
            guard backend == "rtl" else {
                if trace != nil { throw UsageFailure("serrano gemm: --trace needs --backend rtl") }
                print(try invocation.run())
                return
            }
            let profile = DRAMProfile(latency: dramLatency, bytesPerCycle: dramBandwidth)
            do { try profile.validate() } catch { throw UsageFailure("serrano gemm: \(error)") }
            var outcome: AcceleratorSession.Outcome?
            let summary = try invocation.run { compiled, config in
                let result = try AcceleratorSession(config: config, profile: profile, trace: trace).run(compiled)
                outcome = result
                return result.run.dram
            }
            print("\(summary) · \(profile)")
            guard let outcome else { return }
            let report = AcceleratorSession.report(outcome)
            report.lines.forEach { print($0) }
            if !report.passed { throw ExitCode(1) }
        } catch let error as GemmInvocationError {
            throw UsageFailure("serrano gemm: \(error.message)")
        }
    }
}
