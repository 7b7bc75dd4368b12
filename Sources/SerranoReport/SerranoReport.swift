// SerranoReport: the architect's report of an accelerator configuration — what it costs in
// area, how fast it runs real layers, and how much energy it spends, all measured from the
// generated RTL.
//
// Public surface, by heading:
//
// Making a report
//   - `ArchitectureReport.measure(_:_:options:progress:)`  area + layer suite + energy for one configuration.
//   - `ArchitectureReport.Options`                       suite, DRAM profile, energy table, clock, area on/off.
//   - `SweepSpec`, `SweepReport`                          `--sweep rows=… columns=… bus=…` and its scaling.
//   - `ReportFiles.write`                                 report.html / report.json / energy-table.json (sweep.html…).
//
// Workloads
//   - `LayerSuite.standard(scale:tokens:)`, `.quick()`    transformer decode/prefill, ResNet conv, MLP.
//   - `RegressionLayer.gemmShape`, `.compulsoryBytes`     the layer as a GEMM and its roofline traffic.
//
// Results
//   - `LayerResult`, `WorkloadResult`                     cycles, utilization, stalls, roofline, energy.
//   - `AreaReport`                                        Yosys cells per module → NAND2 equivalents, SRAM bits, depth.
//
// Energy
//   - `EnergyTable` (`.horowitz45nm`, `load`)             pJ per action, every entry with its source.
//   - `ActionCounts` (`init(counters)`, `predicted`)       what the RTL counted, and what the program implies.
//   - `EnergyEstimate`                                    counts × table, by component.
