// SerranoSim: cycle-based simulation of Serrano designs behind one protocol, and the IR
// interpreter that implements it in Swift.
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
// The Swift IR interpreter
//   - `IRInterpreter`        a `LegalDesign` (SerranoIR's: only legalization makes one),
//                            flattened and compiled once to an ordered instruction list;
//                            conforms to `Simulator`; VCD/FST traces.
//   - `InterpreterError`     what cannot be interpreted (black boxes).
//
// Elsewhere: the Verilator backend is SerranoVerilator; differential fuzzing (interpreter
// against Verilator) is in SerranoVerify; the bench's workloads are in SerranoBench.
import SerranoIR
@_exported import struct SerranoIR.BitVector
