// Serrano: a hardware description language embedded in Swift.
//
// ## Design
// - ``Module``: a generator with `ports(_:)` and `build(_:_:)`; ``BlackBox`` for existing Verilog.
// - ``Elaboration/elaborate(_:file:line:)``: builds a `LegalDesign` (SerranoIR's checked design,
//   the only thing the printer and simulators take) or returns every diagnostic at once.
//   ``Circuit`` makes its IR through SerranoIR's `IRBuilder`.
//
// ## Values — see Core/Operators.swift for the width rules
// - ``Signal``: the one hardware value type (`HardwareType` `.uint(n)`, `.sint(n)`, `.bool`).
// - Operators: `+ - * &+ &- &* & | ^ ~ && || ! << >>`, comparisons `.== .!= .< .<= .> .>=`.
// - Bits: `a[i]`, `a[hi, lo]`, `cat`, `extended(to:)`, `signExtended(to:)`,
//   `zeroExtended(to:)`, `truncated(to:)`, `asSInt()`, `asUInt()`, reductions, `mux`.
//
// ## Building a module (methods of ``Circuit``)
// - State: `reg`, `regNext`, `regs`, `wire`, `memory` (``MemoryHandle``), `counter`.
// - Control: `when … elseWhen … otherwise` (``WhenChain``), `switch` (``SwitchCases``).
// - Connections: `signal.assign(value)`; hierarchy: `instance(_:_:)`; vectors: `select`,
//   `assign(_:at:_:)`.
// - Ports: ``PortBuilder`` (`input`, `output`, `bundle`, `inputs`, `outputs`).
//
// ## Aggregates — see Aggregate/Aggregate.swift
// - ``Aggregate``: a struct of signals built from ``Fields``; `wire`, `reg(…, reset: [field: value])`,
//   `regNext`, `regs`, `mux`, `select`, `assign(_:at:_:)`, `connect`, `flatten`, `unflatten`,
//   `p.input/output(name, T.self)`.
// - `signal.observable()`, `c.observeAll()`: readable by name on every simulator.
//
// ## Standard library
// - ``Decoupled`` and ``Valid`` streams, ``StreamQueue`` (register or SRAM storage), ``Arbiter``
//   (round robin, fixed priority), ``SkidBuffer``.
// - ``ReadyValid`` handshakes, ``Queue`` (FIFO), ``Counter``.
@_exported import SerranoIR
