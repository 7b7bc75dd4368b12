// SerranoSim: cycle-based simulation of Serrano designs behind one protocol.
//
// Simulating
//   - `Simulator`            the protocol every backend implements: poke/peek ports of any
//                            width through `PortHandle`s looked up once, `eval`, `step`,
//                            `reset`, `startTrace(to:)`/`trace(to:)`, `stopTrace`, `peekSignal`.
//   - `PortInfo`, `PortDirection`, `PortHandle`, `SimulatorInstanceID`
//   - `BitVector`            SerranoIR's, re-exported: values of any width, little-endian words.
//   - `SimulationError`      run-time failures (unknown port, value too wide, missing clock…).
//   - `TraceFiles`           where traces go (`.build/serrano-traces`), `withTrace` keeps the
//                            trace of a failing test.
//
// The Verilator backend
//   - `VerilogSources`       top module + Verilog files (or a file list).
//   - `VerilatorOptions`     compiler (clang++/g++), trace format and scope, -O level, threads.
//   - `ModelCache`           builds models once per design/options/tools (`.build/serrano-sim-cache`),
//                            locked per entry across processes, compiles bounded by core count.
//   - `VerilatorBuild`       what a build produced and cost (cache hit, files compiled, seconds).
//   - `VerilatorModel`       a loaded model library (dlopen, RTLD_LOCAL); `makeSimulator()`.
//   - `VerilatorSimulator`   one instance, conforming to `Simulator`.
//   - `VerilatorToolchain`, `CXXCompiler`   detection of Verilator ≥ 5.006 and the compiler.
//   - `VerilatorBuildError`, `ToolFailure`, `FileLocation`     build errors with file:line and
//                            the Swift line from a `// File.swift:LINE` comment.
//   - `ThroughputLoop`       a seeded per-cycle workload (poke every input, step, peek every
//                            output, checksum) for any `Simulator`.
//   - `NativeLoop`           the same workload as a plain C++ main() with the model's flags:
//                            the baseline the bench compares the bridge against.
//
// The C ABI the backend loads is testbench/serrano_harness.h.
//
// The Swift IR interpreter
//   - `IRInterpreter`        a legalized design, flattened and compiled once to an ordered
//                            instruction list; conforms to `Simulator`; VCD/FST traces.
//   - `InterpreterError`     what cannot be interpreted (black boxes, unlegalized designs).
//
// Differential testing (interpreter against Verilator)
//   - `RandomCircuitGenerator`  seeded random IR designs covering every IR construct.
//   - `DifferentialBatch`    many circuits in one Verilator build, every output compared on
//                            every cycle; `DifferentialMismatch`, `DifferentialError`.
//   - `SeededRandom`         the SplitMix64 generator behind every seeded run.
import SerranoIR
@_exported import struct SerranoIR.BitVector
