// SerranoVerify: verification of the accelerator against the golden model.
//
// Running the chip
//   - `AcceleratorHarness`   drives any `Simulator` of the `Accelerator`: feeds a program, serves
//                            DRAM with a `DRAMModel`, runs to `done` within a cycle limit.
//   - `DRAMModel`            latency, bandwidth, outstanding-request limit, seeded back-pressure.
//   - `AcceleratorCounters`  the chip's performance counters, read after a run.
//   - `AcceleratorRun`       the final DRAM image, counters and cycles of one run.
