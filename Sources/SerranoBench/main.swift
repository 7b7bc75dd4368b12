// `make bench`: every suite prints its figures with units. Run one with `serrano-bench SUITE`.
//
// The bench's own workloads (used by no library):
//   - `ThroughputLoop`       a seeded per-cycle workload (poke every input, step, peek every
//                            output, checksum) for any `Simulator`.
//   - `NativeLoop`           the same workload as a plain C++ main() with the model's flags:
//                            the baseline the bench compares the bridge against.
//   - `NativeDRAMLoop`       the accelerator's harness and DRAM model as a plain C++ main():
//                            the baseline of the Swift harness.
import Foundation

let suites: [(name: String, run: () throws -> Void)] = [
    ("elaboration", runElaborationBench),
    ("golden", runGoldenBench),
    ("simulation", runSimulationBench),
    ("bridge", runBridgeBench),
    ("tracing", runTracingBench),
    ("builds", runBuildsBench),
    ("threads", runThreadsBench),
    ("interpreter", runInterpreterBench),
    ("waves", runWavesBench),
    ("accelerator", runAcceleratorBench),
    ("harness", runHarnessBench),
]

let requested = Array(CommandLine.arguments.dropFirst())
let unknown = requested.filter { name in !suites.contains { $0.name == name } }
if !unknown.isEmpty {
    FileHandle.standardError.write(Data("serrano-bench: unknown suite \(unknown.joined(separator: ", ")); suites: \(suites.map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB")
// Figures show up as they are measured, also when the output is a file or a pipe.
setvbuf(stdout, nil, _IOLBF, 0)
// `bridge`, `tracing` and `builds` are parts of `simulation`, `harness` of `accelerator`, run
// alone when asked for.
for suite in suites where requested.isEmpty ? !["bridge", "tracing", "builds", "harness"].contains(suite.name) : requested.contains(suite.name) {
    print("== \(suite.name)")
    do { try suite.run() } catch {
        print("\(suite.name): failed: \(error)")
        exit(1)
    }
}
