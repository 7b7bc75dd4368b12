import Foundation
import GoldenModel

/// Golden-model figures: reference GEMM MAC/s, tiler time, functional-model MAC/s and
/// instructions/s, for a 256³ GEMM on the default and tiny configurations.
func runGoldenBench() throws {
    var generator = SystemRandomNumberGenerator()
    let size = 256
    func matrix(_ rows: Int, _ columns: Int) throws -> Tensor<Int8> {
        try Tensor(shape: [rows, columns], elements: (0..<(rows * columns)).map { _ in Int8(truncatingIfNeeded: generator.next()) })
    }
    let requantization = try Requantization(multipliers: .perTensor(QuantizedMultiplier(realMultiplier: 0.0008)), outputZeroPoint: 0)
    let problem = try GEMMProblem(a: matrix(size, size), b: matrix(size, size), bias: Array(repeating: 17, count: size),
                                  inputZeroPoint: 3, requantization: requantization)
    let macs = Double(problem.macs)

    /// Best of `repeats` wall-clock runs (at least one), in seconds, and the last result.
    func best<T>(_ repeats: Int, _ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
        func timed() throws -> (Double, T) {
            let start = DispatchTime.now().uptimeNanoseconds
            let value = try body()
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, value)
        }
        var (fastest, last) = try timed()
        for _ in 1..<max(1, repeats) {
            let (seconds, value) = try timed()
            fastest = min(fastest, seconds)
            last = value
        }
        return (fastest, last)
    }

    let reference = try best(5) { try problem.reference() }
    print(String(format: "golden   reference GEMM %d³ (int8, bias, requantized): %.2f ms, %.3f GMAC/s",
                 size, reference.seconds * 1e3, macs / reference.seconds / 1e9))

    for (name, config) in [("default", AcceleratorConfig.default), ("tiny", AcceleratorConfig.tiny)] {
        let model = try FunctionalModel(config: config)
        let compiled = try best(3) { try Tiler.compile(problem, config: config) }
        let run = try best(3) { try model.run(compiled.value.program, dram: compiled.value.dram) }
        let output = try compiled.value.output(from: run.value.dram)
        guard output == reference.value else { throw GoldenBenchFailure("functional model differs from the reference on \(name)") }
        let instructions = Double(run.value.statistics.instructions)
        print(String(format: "golden   %@ %@: tiler %.2f ms for %d instructions", name, config.description,
                     compiled.seconds * 1e3, compiled.value.program.count))
        print(String(format: "golden   functional model %@ GEMM %d³: %.2f ms, %.3f GMAC/s, %.0f instructions/s (%.0f instructions)",
                     name, size, run.seconds * 1e3, macs / run.seconds / 1e9, instructions / run.seconds, instructions))
    }
}

/// The bench checks its own result before printing a figure for it.
struct GoldenBenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
