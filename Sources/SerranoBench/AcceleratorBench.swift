import Accelerator
import Foundation
import GoldenModel
import SerranoSim
import SerranoVerify
import SerranoVerilator
import SerranoSupport

/// The accelerator on `default` in Verilator, with a DRAM of 16 bytes/cycle and 50 cycles of
/// latency: MAC utilization from the chip's own counters for GEMM 64³, 256³ and 512³, the batch-1
/// GEMV (M = 1, N = K = 1024) against its DRAM-bandwidth bound, the Verilator build time and
/// simulated cycles per second. Every run is checked bit for bit against the golden model.
/// Then the harness against the C++ DRAM model (`runHarnessBench`).
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
    try runHarnessBench()
}

/// `serrano-bench harness`: the Swift harness (`AcceleratorHarness`, port groups) against
/// `NativeDRAMLoop`, the same harness and DRAM model as a plain C++ `main()` with the model's
/// compiler and flags, on `default` running GEMM 384³ (240 k cycles, about 1 s with clang++), DRAM
/// 16 bytes/cycle, 50 cycles latency, no back-pressure. Alternating rounds, C++ first; the
/// figure is the median by CPU time of the driving thread. Both sides must end with the same
/// DRAM (the golden model's) and the same cycle count.
func runHarnessBench() throws {
    let config = AcceleratorConfig.default
    let profile = DRAMProfile(latency: 50, bytesPerCycle: 16, maxOutstanding: 64)
    var random = SplitMix64(seed: 0x384)
    func matrix(_ rows: Int, _ columns: Int) throws -> Tensor<Int8> {
        try Tensor(shape: [rows, columns], elements: (0..<(rows * columns)).map { _ in Int8(truncatingIfNeeded: random.next()) })
    }
    let size = 384
    let requantization = try Requantization(multipliers: .perTensor(QuantizedMultiplier(realMultiplier: 0.0008)), outputZeroPoint: 0)
    let problem = try GEMMProblem(a: matrix(size, size), b: matrix(size, size), bias: nil, inputZeroPoint: 0, requantization: requantization)
    let compiled = try Tiler.compile(problem, config: config)
    let expected = try FunctionalModel(config: config).run(compiled.program, dram: compiled.dram).dram
    print("harness  GEMM \(size)³ on default, \(profile); Swift harness (port groups, one call a cycle) against the same harness and DRAM model in C++")
    let rounds = 7
    for compiler in [CXXCompiler.clang, .gcc] {
        let model = try AcceleratorSimulation.verilatorModel(config, options: VerilatorOptions(compiler: compiler))
        let native = try NativeDRAMLoop.build(for: model.build)
        var nativeRuns: [ThroughputLoop.Result] = [], swiftRuns: [ThroughputLoop.Result] = []
        var outcomes = Set<[UInt8]>(), cycleCounts = Set<UInt64>()
        for _ in 0..<rounds {
            let cpp = try native.run(compiled.program, dram: compiled.dram, profile: profile, busBytes: config.dramBusBytes)
            nativeRuns.append(ThroughputLoop.Result(cycles: Int(cpp.cycles), seconds: cpp.seconds, cpuSeconds: cpp.cpuSeconds,
                                                    checksum: cpp.cycles))
            outcomes.insert(cpp.dram)
            cycleCounts.insert(cpp.cycles)

            let harness = try AcceleratorHarness(model.makeSimulator(), config: config)
            let wallStart = DispatchTime.now().uptimeNanoseconds
            let cpuStart = ThroughputLoop.threadCPUTime()
            let run = try harness.run(compiled.program, dram: compiled.dram, profile: profile)
            let cpuSeconds = ThroughputLoop.threadCPUTime() - cpuStart
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
            swiftRuns.append(ThroughputLoop.Result(cycles: Int(run.simulatedCycles), seconds: seconds, cpuSeconds: cpuSeconds,
                                                   checksum: run.simulatedCycles))
            outcomes.insert(run.dram)
            cycleCounts.insert(run.simulatedCycles)
        }
        let cpp = Rounds(runs: nativeRuns), swift = Rounds(runs: swiftRuns)
        func line(_ label: String, _ value: String) { print("harness  " + label.padding(toLength: 64, withPad: " ", startingAt: 0) + value) }
        line("C++ harness and DRAM model, same flags (\(compiler))", cpp.text)
        line("Swift harness, port groups (\(compiler))", swift.text)
        line("ratio Swift / C++ (\(compiler), goal >= 0.95)",
             String(format: "%.3f (wall: %.3f)", swift.median / max(cpp.median, 1e-9), swift.medianWall / max(cpp.medianWall, 1e-9)))
        let same = outcomes.count == 1 && cycleCounts.count == 1 && outcomes.first == expected
        line("same final DRAM (= golden) and cycles, C++ / Swift (\(compiler))",
             same ? "yes (\(cycleCounts.first.map { $0.formatted() } ?? "?") cycles)" : "NO (\(cycleCounts.sorted()) cycles, \(outcomes.count) DRAM images)")
    }
}
