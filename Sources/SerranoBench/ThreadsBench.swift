// `serrano-bench threads`: Verilator's `--threads` (`VerilatorOptions.threads`) on the DSL's
// N×N systolic array, single-threaded against two threads, by wall-clock cycles/s.
import Foundation
import SerranoSim
import SerranoVerilator

/// For each size: the model built single-threaded and with `--threads 2`, each run three rounds
/// of the same seeded loop (batched ports); the median wall-clock rate, the ratio, and whether
/// the two computed the same outputs. Threads pay only when a cycle's work outweighs their
/// synchronisation, so the crossover size is the figure to read.
func runThreadsBench() throws {
    let toolchain = try VerilatorToolchain.detect()
    print("\(toolchain.versionLine); N×N int8 systolic array, batched ports, wall-clock cycles/s (threads use more CPU time)")
    print("  size    1 thread (M cycles/s)   2 threads (M cycles/s)   2 / 1   build 1 / 2 (s)   outputs equal")
    for size in [16, 32, 64] {
        let sources = try printedSystolicArray(size)
        let cycles = max(20_000, 400_000 * 256 / (size * size))
        var rates: [Double] = []
        var builds: [Double] = []
        var checksums: [Set<UInt64>] = []
        for threads in [nil, 2] as [Int?] {
            let started = Date()
            let build = try ModelCache.standard.build(sources, options: VerilatorOptions(trace: .none, threads: threads))
            builds.append(build.cacheHit ? 0 : Date().timeIntervalSince(started))
            let model = try VerilatorModel.load(build)
            var runs: [ThroughputLoop.Result] = []
            for _ in 0..<3 { runs.append(try ThroughputLoop.run(try model.makeSimulator(), cycles: cycles, seed: 0x7EAD5, access: .batched)) }
            rates.append(runs.map(\.cyclesPerSecond).sorted()[1])
            checksums.append(Set(runs.map(\.checksum)))
        }
        let buildText = builds.map { $0 == 0 ? "cached" : String(format: "%.0f", $0) }.joined(separator: " / ")
        let equal = checksums[0] == checksums[1] && checksums[0].count == 1 ? "yes" : "NO"
        let figures = String(format: "  %2d×%-2d   %21.3f   %22.3f   %5.2f", size, size, rates[0] / 1e6, rates[1] / 1e6,
                             rates[1] / max(rates[0], 1e-9))
        print(figures + "   " + String(repeating: " ", count: max(0, 15 - buildText.count)) + buildText + "   " + equal)
    }
}
