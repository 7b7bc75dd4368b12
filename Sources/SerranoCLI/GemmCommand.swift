import ArgumentParser
import GoldenModel

/// `serrano gemm`: an int8 GEMM from `.npy` files on the golden model (the RTL backend arrives
/// with the accelerator). All validation lives in `GoldenModel.GemmInvocation`.
struct GemmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "Run an int8 GEMM (A·B + bias, optionally requantized) on the golden model.",
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
    @Option(help: "golden (rtl arrives with the accelerator).") var backend: String = "golden"
    @Option(help: "Accelerator configuration: default or tiny.") var config: String = "default"

    func run() throws {
        let invocation = GemmInvocation(
            a: a, b: b, bias: bias, out: out, multiplier: multiplier, shift: shift, scale: scale, zeroPoint: zeroPoint,
            activation: activation, outputScale: outputScale, inputZeroPoint: inputZeroPoint,
            weightZeroPoint: weightZeroPoint, rounding: rounding, backend: backend, config: config)
        do {
            print(try invocation.run())
        } catch let error as GemmInvocationError {
            throw UsageFailure("serrano gemm: \(error.message)")
        }
    }
}
