// `serrano-bench simulation`: the Verilator bridge's speed and build times on a 16x16 int8
// weight-stationary systolic array: the DSL example (SerranoExamples.SystolicArray).
import Foundation
import Serrano
import SerranoExamples
import SerranoVerilog
import SerranoSim
import SerranoVerilator

/// The DSL's N×N systolic array example, printed to Verilog in a temporary folder (the model
/// cache keys on its contents).
func printedSystolicArray(_ size: Int) throws -> VerilogSources {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-bench-systolic\(size)x\(size)")
    let design = try Elaboration.elaborate(SystolicArray(rows: size, columns: size)).get()
    try VerilogPrinter.print(design).write(to: folder)
    return try VerilogSources(top: design.topName, fileList: folder.appendingPathComponent("\(design.topName).f"))
}

/// The 16×16 array the simulation bench drives.
private let systolicArraySources: VerilogSources = {
    do {
        return try printedSystolicArray(16)
    } catch {
        print("simulation bench: cannot generate the systolic array: \(error)")
        exit(1)
    }
}()

private func report(_ label: String, _ value: String) {
    print(label.padding(toLength: 58, withPad: " ", startingAt: 0) + value)
}

private func rates(_ result: ThroughputLoop.Result) -> String {
    String(format: "%.3f M cycles/CPU-s (wall: %.3f M cycles/s)", result.cyclesPerCPUSecond / 1e6, result.cyclesPerSecond / 1e6)
}

/// The median of several rounds by CPU time, and their spread (slowest and fastest against
/// the median), so a reader sees how steady the machine was.
struct Rounds {
    let runs: [ThroughputLoop.Result]

    var sortedRates: [Double] { runs.map(\.cyclesPerCPUSecond).sorted() }
    var median: Double {
        let rates = sortedRates
        guard !rates.isEmpty else { return 0 }
        return rates.count % 2 == 1 ? rates[rates.count / 2] : (rates[rates.count / 2 - 1] + rates[rates.count / 2]) / 2
    }
    var medianWall: Double {
        let rates = runs.map(\.cyclesPerSecond).sorted()
        return rates.isEmpty ? 0 : rates[rates.count / 2]
    }
    var text: String {
        let rates = sortedRates
        guard let low = rates.first, let high = rates.last, median > 0 else { return "no runs" }
        return String(format: "%.3f M cycles/CPU-s median of %d (spread %+.1f%% / %+.1f%%; wall median %.3f M cycles/s)",
                      median / 1e6, rates.count, (low / median - 1) * 100, (high / median - 1) * 100, medianWall / 1e6)
    }
    var checksums: Set<UInt64> { Set(runs.map(\.checksum)) }
}

/// Cycles/s of `options`' build through port groups, with an FST trace open when `traced`
/// (only for the last `window` cycles when given).
private func measure(_ options: VerilatorOptions, cycles: Int, seed: UInt64, traced: Bool, window: Int? = nil) throws -> (result: ThroughputLoop.Result, bytesPerCycle: Double) {
    let build = try ModelCache.standard.build(systolicArraySources, options: options)
    let sim = try VerilatorModel.load(build).makeSimulator()
    let tracePath = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-bench-\(UUID().uuidString).fst").path
    defer { try? FileManager.default.removeItem(atPath: tracePath) }
    if traced {
        if let window {
            // The loop resets for one cycle first: the window is the run's last `window` cycles.
            let end = UInt64(cycles + 1)
            try sim.startTrace(to: tracePath, cycles: (end - UInt64(window))..<end)
        } else {
            try sim.trace(to: tracePath)
        }
    }
    let result = try ThroughputLoop.run(sim, cycles: cycles, seed: seed, access: .batched)
    try sim.stopTrace()
    let bytes = traced ? ((try? FileManager.default.attributesOfItem(atPath: tracePath)[.size] as? Int) ?? 0) : 0
    return (result, Double(bytes) / Double(window ?? cycles))
}

private let size = 16
private let cycles = 400_000
private let seed: UInt64 = 0x5E22A40

/// `serrano-bench simulation`: build times, the bridge against C++, tracing.
func runSimulationBench() throws {
    try printSimulationHeader()
    try runBuildBench()
    try runThroughput()
    try runTraceBench()
}

/// `serrano-bench bridge`: only the Swift-against-C++ throughput.
func runBridgeBench() throws {
    try printSimulationHeader()
    try runThroughput()
}

/// `serrano-bench builds`: only the model build times.
func runBuildsBench() throws {
    try printSimulationHeader()
    try runBuildBench()
}

/// `serrano-bench tracing`: only the trace figures.
func runTracingBench() throws {
    try printSimulationHeader()
    try runTraceBench()
}

private func printSimulationHeader() throws {
    let toolchain = try VerilatorToolchain.detect()
    print("\(toolchain.versionLine); design: \(size)x\(size) int8 systolic array, driven every cycle (poke inputs, step, peek outputs)")
    print("default compiler: \(CXXCompiler.preferred) (SERRANO_CXX=clang|gcc overrides)")
}

private func runBuildBench() throws {
    let options = VerilatorOptions()
    let ccache = ModelCache.standard.ccachePath
    print("ccache: \(ccache.map { "\($0) (model and runtime compiles go through it; SERRANO_CCACHE=0 turns it off)" } ?? "not installed (install it and rebuilds of the same C++ take seconds)")")
    // Build times: a fresh cache (runtime included) and a fresh model cache with the runtime
    // already compiled, both without ccache; the same with ccache warm; a cache hit.
    for compiler in [CXXCompiler.clang, .gcc] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-bench-cold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var compilerOptions = options
        compilerOptions.compiler = compiler
        var fresh = ModelCache(directory: folder.appendingPathComponent("all"))
        fresh.useCCache = false
        let cold = try fresh.build(systolicArraySources, options: compilerOptions)
        report("build, cold incl. Verilator runtime (\(compiler))", String(format: "%.1f s", cold.seconds))
        var modelOnly = ModelCache(directory: folder.appendingPathComponent("model"), runtimeDirectory: fresh.runtimeDirectory)
        modelOnly.useCCache = false
        let coldModel = try modelOnly.build(systolicArraySources, options: compilerOptions)
        report("build, cold with runtime cached (\(compiler))", String(format: "%.1f s (%d C++ files)", coldModel.seconds, coldModel.compiledFiles))
        if ccache != nil {
            // The first fills ccache (if this C++ was never compiled here); then the entry is
            // deleted (as after `rm -rf` of the models or a damaged entry) and rebuilt from
            // ccache. ccache keys on the preprocessed source, which names the entry's folder:
            // a model built in another cache folder misses.
            let through = ModelCache(directory: folder.appendingPathComponent("ccache"), runtimeDirectory: fresh.runtimeDirectory)
            for pass in ["filling", "warm"] {
                try? FileManager.default.removeItem(at: through.directory.appendingPathComponent("models"))
                let build = try through.build(systolicArraySources, options: compilerOptions)
                report("build, runtime cached, ccache \(pass) (\(compiler))", String(format: "%.1f s (%d C++ files)", build.seconds, build.compiledFiles))
            }
        }
        let hit = try modelOnly.build(systolicArraySources, options: compilerOptions)
        report("build, cached (\(compiler))", String(format: "%.3f s (cache hit: %@)", hit.seconds, hit.cacheHit ? "yes" : "no"))
    }
}

private func runThroughput() throws {
    let options = VerilatorOptions()
    // Throughput: the plain C++ loop, Swift port by port and Swift through port groups, one
    // after the other in each round, several rounds; the figure is the median by CPU time.
    let rounds = 7
    var swiftRates: [String: Double] = [:]
    for compiler in [CXXCompiler.clang, .gcc] {
        var compilerOptions = options
        compilerOptions.compiler = compiler
        let build = try ModelCache.standard.build(systolicArraySources, options: compilerOptions)
        let model = try VerilatorModel.load(build)
        let native = try NativeLoop.build(for: build)
        var nativeRuns: [ThroughputLoop.Result] = []
        var perPortRuns: [ThroughputLoop.Result] = []
        var batchedRuns: [ThroughputLoop.Result] = []
        for _ in 0..<rounds {
            nativeRuns.append(try native.run(cycles: cycles, seed: seed))
            perPortRuns.append(try ThroughputLoop.run(try model.makeSimulator(), cycles: cycles, seed: seed, access: .perPort))
            batchedRuns.append(try ThroughputLoop.run(try model.makeSimulator(), cycles: cycles, seed: seed, access: .batched))
        }
        let nativeRounds = Rounds(runs: nativeRuns), perPort = Rounds(runs: perPortRuns), batched = Rounds(runs: batchedRuns)
        swiftRates[compiler.description] = batched.median
        report("plain C++ main() loop, same flags (\(compiler))", nativeRounds.text)
        report("Swift, port groups, one call a cycle (\(compiler))", batched.text)
        report("Swift, one call per port (\(compiler))", perPort.text)
        report("ratio Swift / C++, port groups (\(compiler), goal >= 0.95)",
               String(format: "%.3f (wall: %.3f)", batched.median / nativeRounds.median, batched.medianWall / nativeRounds.medianWall))
        report("ratio Swift / C++, per port (\(compiler))",
               String(format: "%.3f (wall: %.3f)", perPort.median / nativeRounds.median, perPort.medianWall / nativeRounds.medianWall))
        let same = nativeRounds.checksums.count == 1 && nativeRounds.checksums == perPort.checksums && perPort.checksums == batched.checksums
        report("outputs identical, C++ / per port / groups (\(compiler))", same ? "yes" : "NO")
    }
    if let clang = swiftRates["clang++"], let gcc = swiftRates["g++"] {
        report("clang++ / g++ simulation speed", String(format: "%.2fx", clang / gcc))
    }

}

private func runTraceBench() throws {
    let options = VerilatorOptions()
    // Tracing, through port groups: no tracing compiled in; compiled in but closed; open on
    // the top's ports (the default), on the top module's every net, on a 2,000-cycle window,
    // on every signal. Each traced figure is also given as a slowdown against the closed one.
    let untraced = try measure(VerilatorOptions(trace: .none), cycles: cycles, seed: seed, traced: false)
    report("Swift, model built without tracing", rates(untraced.result))
    let closed = try measure(options, cycles: cycles, seed: seed, traced: false)
    report("Swift, FST compiled in, no trace open", rates(closed.result))
    func slowdown(_ traced: ThroughputLoop.Result) -> String {
        String(format: ", %.1fx slower by CPU time (wall: %.1fx)", closed.result.cyclesPerCPUSecond / traced.cyclesPerCPUSecond,
               closed.result.cyclesPerSecond / traced.cyclesPerSecond)
    }
    let ports = try measure(options, cycles: cycles / 4, seed: seed, traced: true)
    report("Swift, FST trace of the top's ports (default, goal <= 5x)",
           rates(ports.result) + String(format: ", %.1f bytes/cycle", ports.bytesPerCycle) + slowdown(ports.result))
    let window = try measure(options, cycles: cycles, seed: seed, traced: true, window: 2_000)
    report("Swift, the same, last 2,000 of \(cycles.formatted()) cycles",
           rates(window.result) + String(format: ", %.1f bytes/cycle traced", window.bytesPerCycle) + slowdown(window.result))
    let topModule = try measure(VerilatorOptions(traceScope: .topModule), cycles: cycles / 40, seed: seed, traced: true)
    report("Swift, FST trace of the top module's every net",
           rates(topModule.result) + String(format: ", %.1f bytes/cycle", topModule.bytesPerCycle) + slowdown(topModule.result))
    let everything = try measure(VerilatorOptions(traceScope: .all), cycles: cycles / 40, seed: seed, traced: true)
    report("Swift, FST trace of every signal open",
           rates(everything.result) + String(format: ", %.1f bytes/cycle", everything.bytesPerCycle) + slowdown(everything.result))
    print("reference: cocotb 1.9 drove an 8x8 array through Verilator 5.006 here at about 5,000 cycles/s")
}
