// SerranoVerify: verification of the accelerator against the golden model.
//
// The regression (`serrano verify`)
//   RegressionCaseGenerator, RegressionCase, RegressionLayer   case i of seed S, drawn from (S, i) alone
//   RegressionConfiguration          the fixed configurations (default, tiny, 3x5, 8x2, 7x1, 1x9) and drawn ones
//   RegressionBackend, GoldenBackend, RegressionBackends   the executor column; backends register by name
//   RegressionRunner, RegressionSelection, RegressionShard  run all, a `--shard K/N`, or one case
//   RegressionCaseResult, RegressionReport                  outcomes, per-case times, totals, replay commands
//   JUnitXML                         testsuites/testsuite/testcase/failure, escaped
//   DRAMComparison                   a backend's final DRAM image against the reference's
//   Npy.read/readHeader/write        .npy files on disk, through SerranoFiles
//   SystolicArrayDriver              the one systolic-array driver, on any `Simulator`: the DSL
//                                    example's per-lane ports or packed buses (`Ports`)
//
// Running the chip
//   - `AcceleratorHarness`   drives any `Simulator` of the `Accelerator`: feeds a program, serves
//                            DRAM with a `DRAMModel`, runs to `done` within a cycle limit.
//   - `DRAMProfile`          latency, bandwidth, outstanding-request limit, seeded back-pressure.
//   - `AcceleratorCounters`  the chip's performance counters, read after a run.
//   - `AcceleratorRun`       the final DRAM image, counters and cycles of one run.
//   - `HarnessError`         hangs (with every unit's state), illegal instructions, wrong writes.
//   - `AcceleratorSimulation`  Verilator models and interpreters of a configuration.
//   - `AcceleratorSession`   one program on the Verilated chip, traced on request (`serrano gemm`).
//
// Checking it
//   - `DRAMScoreboard`, `WriteMismatch`   every DRAM write against the golden model, as it happens.
//   - `RTLBackend`, `InterpreterBackend`  the chip as a `RegressionBackend` (`serrano verify`).
//   - `FailureArtifacts`     one folder per failing case: trace, program, operands, outputs, README.
//   - `VerilogFolder`        Verilog not from the generator (`serrano verify --rtl DIR`).
//   - `MLPWorkload`          the 2-layer quantized MLP `make demo` runs.
//
// Generating it
//   - `AcceleratorRTL`       the chip's files for a configuration: Verilog and `config.json`.
//
// Differential testing (the interpreter and the printer against Verilator; `serrano fuzz`)
//   - `RandomCircuitGenerator`  seeded random IR designs covering every IR construct.
//   - `DifferentialBatch`    many circuits in one Verilator build, every output compared on
//                            every cycle; `DifferentialMismatch`, `DifferentialError`.
//   (seeded by SerranoSupport's `SplitMix64`, the generator behind every seeded run).