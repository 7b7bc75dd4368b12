// `serrano-bench simulation`: the Verilator bridge's speed and build times on a 16x16 int8
// weight-stationary systolic array: the DSL example (SerranoExamples.SystolicArray).
import Foundation
import Serrano
import SerranoExamples
import SerranoVerilog
import SerranoSim

/// The array's Verilog, found from this file's path.
/// The DSL's 16×16 systolic array example, printed to Verilog (the cache keys on its contents).
private let systolicArraySources: VerilogSources = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-bench-systolic16x16")
    do {
        let design = try Elaboration.elaborate(SystolicArray(rows: 16, columns: 16)).get()
        try VerilogPrinter.print(design).write(to: folder)
        return try VerilogSources(top: design.topName, fileList: folder.appendingPathComponent("\(design.topName).f"))
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
private struct Rounds {
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

/// Cycles/s of `options`' build, with an FST trace open when `traced`.
private func measure(_ options: VerilatorOptions, cycles: Int, seed: UInt64, traced: Bool) throws -> (result: ThroughputLoop.Result, bytesPerCycle: Double) {
    let build = try ModelCache.standard.build(systolicArraySources, options: options)
    let sim = try VerilatorModel.load(build).makeSimulator()
    let tracePath = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-bench-\(UUID().uuidString).fst").path
    defer { try? FileManager.default.removeItem(atPath: tracePath) }
    if traced { try sim.trace(to: tracePath) }
    let result = try ThroughputLoop.run(sim, cycles: cycles, seed: seed)
    try sim.stopTrace()
    let bytes = traced ? ((try? FileManager.default.attributesOfItem(atPath: tracePath)[.size] as? Int) ?? 0) : 0
    return (result, Double(bytes) / Double(cycles))
}

func runSimulationBench() throws {
    let size = 16
    let cycles = 400_000
    let seed: UInt64 = 0x5E22A40
    let options = VerilatorOptions()
    let toolchain = try VerilatorToolchain.detect()
    print("\(toolchain.versionLine); design: \(size)x\(size) int8 systolic array, driven every cycle (poke inputs, step, peek outputs)")
    print("default compiler: \(CXXCompiler.preferred) (SERRANO_CXX=clang|gcc overrides)")

    // Build times: a fresh cache (runtime included), a fresh model cache with the runtime
    // already compiled, and a cache hit.
    for compiler in [CXXCompiler.clang, .gcc] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-bench-cold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var compilerOptions = options
        compilerOptions.compiler = compiler
        let fresh = ModelCache(directory: folder.appendingPathComponent("all"))
        let cold = try fresh.build(systolicArraySources, options: compilerOptions)
        report("build, cold incl. Verilator runtime (\(compiler))", String(format: "%.1f s", cold.seconds))
        let modelOnly = ModelCache(directory: folder.appendingPathComponent("model"), runtimeDirectory: fresh.runtimeDirectory)
        let coldModel = try modelOnly.build(systolicArraySources, options: compilerOptions)
        report("build, cold with runtime cached (\(compiler))", String(format: "%.1f s (%d C++ files)", coldModel.seconds, coldModel.compiledFiles))
        let hit = try modelOnly.build(systolicArraySources, options: compilerOptions)
        report("build, cached (\(compiler))", String(format: "%.3f s (cache hit: %@)", hit.seconds, hit.cacheHit ? "yes" : "no"))
    }

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

    // Tracing: compiled in but closed, open on the top level, open on every signal; and no
    // tracing compiled in at all.
    let untraced = try measure(VerilatorOptions(trace: .none), cycles: cycles, seed: seed, traced: false)
    report("Swift, model built without tracing", rates(untraced.result))
    let closed = try measure(options, cycles: cycles, seed: seed, traced: false)
    report("Swift, FST compiled in, no trace open", rates(closed.result))
    let topLevel = try measure(options, cycles: cycles / 4, seed: seed, traced: true)
    report("Swift, FST trace of the top level open", rates(topLevel.result) + String(format: ", %.1f bytes/cycle", topLevel.bytesPerCycle))
    let everything = try measure(
        VerilatorOptions(traceScope: .all), cycles: cycles / 40, seed: seed, traced: true)
    report("Swift, FST trace of every signal open", rates(everything.result) + String(format: ", %.1f bytes/cycle", everything.bytesPerCycle))
    print("reference: cocotb 1.9 drove an 8x8 array through Verilator 5.006 here at about 5,000 cycles/s")
}
