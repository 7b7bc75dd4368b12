import Accelerator
import Foundation
import GoldenModel
import SerranoSim
import SerranoVerify
import SerranoSupport

/// The accelerator on `default` in Verilator, with a DRAM of 16 bytes/cycle and 50 cycles of
/// latency: MAC utilization from the chip's own counters for GEMM 64³, 256³ and 512³, the batch-1
/// GEMV (M = 1, N = K = 1024) against its DRAM-bandwidth bound, the Verilator build time and
/// simulated cycles per second. Every run is checked bit for bit against the golden model.
func runAcceleratorBench() throws {
    let config = AcceleratorConfig.default
    let profile = DRAMProfile(latency: 50, bytesPerCycle: 16, maxOutstanding: 64)
    let buildStart = Date()
    let model = try AcceleratorSimulation.verilatorModel(config)
    print(String(format: "accel    Verilator model of default: %.1f s%@", Date().timeIntervalSince(buildStart),
                 model.build.cacheHit ? " (cached)" : " (cold)"))
    var random = SplitMix64(seed: 7)
    func matrix(_ rows: Int, _ columns: Int) throws -> Tensor<Int8> {
        try Tensor(shape: [rows, columns], elements: (0..<(rows * columns)).map { _ in Int8(truncatingIfNeeded: random.next()) })
    }
    let requantization = try Requantization(multipliers: .perTensor(QuantizedMultiplier(realMultiplier: 0.0008)), outputZeroPoint: 0)
    let shapes: [(name: String, m: Int, n: Int, k: Int)] = [
        ("GEMM 64³", 64, 64, 64), ("GEMM 256³", 256, 256, 256), ("GEMM 512³", 512, 512, 512), ("GEMV 1×1024·1024×1024", 1, 1024, 1024),
    ]
    for shape in shapes {
        let problem = try GEMMProblem(a: matrix(shape.m, shape.k), b: matrix(shape.k, shape.n), bias: nil, inputZeroPoint: 0,
                                      requantization: requantization)
        let compiled = try Tiler.compile(problem, config: config)
        let expected = try FunctionalModel(config: config).run(compiled.program, dram: compiled.dram)
        let start = Date()
        let run = try AcceleratorHarness(model.makeSimulator(), config: config).run(compiled.program, dram: compiled.dram, profile: profile)
        let seconds = Date().timeIntervalSince(start)
        let verdict = run.dram == expected.dram ? "bit-exact" : "MISMATCH"
        let counters = run.counters
        var line = String(format: "accel    %@ on default: %@ cycles, MAC utilization %.1f %%", shape.name,
                          counters.cycles.formatted(), 100 * counters.utilization)
        if shape.m == 1 {
            // DRAM-bandwidth bounds at the configured bytes/cycle: for the bytes the program moved
            // (the tiler reloads A per N tile), and for the compulsory traffic (A, B, C once).
            let moved = Double(counters.dramBytesRead + counters.dramBytesWritten)
            let compulsory = Double(shape.m * shape.k + shape.k * shape.n + shape.m * shape.n)
            let cycles = Double(counters.cycles), rate = Double(profile.bytesPerCycle)
            line += String(format: ", %.1f %% of the DRAM-bandwidth bound for the %.0f bytes moved, %.1f %% of the bound for the %.0f compulsory bytes",
                           100 * moved / rate / cycles, moved, 100 * compulsory / rate / cycles, compulsory)
        }
        let stalls = counters.stalls.map { String(format: "%@ %.1f %%", $0.cause, 100 * Double($0.cycles) / Double(max(counters.cycles, 1))) }
        line += " · stalls: " + stalls.joined(separator: ", ")
        line += String(format: " · %@ cycles/s simulated · %@", Int(Double(run.simulatedCycles) / max(seconds, 1e-9)).formatted(), verdict)
        print(line)
    }
}
