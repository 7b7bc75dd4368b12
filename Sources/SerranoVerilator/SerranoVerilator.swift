// SerranoVerilator: the Verilator backend of SerranoSim's `Simulator` protocol — the toolchain,
// the model build and its cache, the C++ bridge, and `VerilatorSimulator`.
//
// Building and running models
//   - `VerilogSources`       top module + Verilog files (or a file list); `init(printing:into:)`
//                            prints a `LegalDesign` first.
//   - `VerilatorOptions`     compiler (clang++/g++), trace format and scope, -O level, threads.
//   - `ModelCache`           builds models once per design/options/tools (`.build/serrano-sim-cache`),
//                            locked per entry across processes, compiles bounded by core count.
//   - `VerilatorBuild`       what a build produced and cost (cache hit, files compiled, seconds).
//   - `VerilatorModel`       a loaded model library (dlopen, RTLD_LOCAL); `makeSimulator()`.
//   - `VerilatorSimulator`   one instance, conforming to `Simulator`.
//   - `VerilatorToolchain`, `CXXCompiler`   detection of Verilator ≥ 5.006 and the compiler.
//   - `VerilatorBuildError`, `ToolFailure`, `FileLocation`     build errors with file:line and
//                            the Swift line from a `// File.swift:LINE` comment.
//
// The C ABI the backend loads is testbench/serrano_harness.h.
//
// `TraceFormat`, `TraceFiles` and `PackageLocation` are SerranoSim's (the interpreter traces too);
// importing SerranoVerilator imports SerranoSim.
@_exported import SerranoSim
