// Accelerator: the int8 inference chip, written in the Serrano DSL, for any `AcceleratorConfig`.
//
// The chip
//   - `Accelerator`          the top: units in, interfaces connected, one comment a group.
//   - `Accelerator.elaborate(_:mutation:)`, `HardwareLimits`, `UnsupportedConfiguration`.
//
// Its blocks, one a file
//   - `InstructionFetch`     the instruction stream into the three units' queues.
//   - `LoadUnit`, `ComputeUnit`, `StoreUnit`   the decoupled units (TVM VTA's), `TokenQueue`s
//                            between them (`TokenLink` is a unit's side).
//   - `SystolicArray`, `ProcessingElement`     the weight-stationary array.
//   - `Scratchpad`, `AccumulatorMemory`        the banked on-chip memories.
//   - `DMAReader`, `DMAWriter`, `DRAMArbiter`  the DRAM side; `DRAMPort` and the request bundles.
//   - `Requantizer`          one lane of the post-processor.
//   - `PerformanceCounters`, `CounterOutputs`  the host-readable counters.
//
// Testing the tests
//   - `Mutation`             deliberate bugs built in at elaboration, for mutation testing only.
