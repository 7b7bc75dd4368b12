// SerranoIR: the typed netlist that every Serrano layer shares, and the passes that check it.
//
// ## Values
// - ``HardwareType``: width and signedness of every value. ``BitVector``: a constant of any width.
// - ``SourceLocation``: `File.swift:LINE`, captured by every DSL call.
//
// ## The netlist
// - ``Design``: modules, children first, and the top's name.
// - ``IRModule``: ``Node``s (each an ``Operation`` with a type, an optional user name and a
//   location), ``Port``s, ``Register``s, ``Memory``s, ``Instance``s, ``ConditionalBlock``s and
//   ``Connection``s. Primitive operations are few (unary, binary, mux, slice, concat, resize,
//   reinterpret); everything else is derived in the DSL.
//
// ## Building it
// - ``IRBuilder``: the one place IR is made — nodes, ports, registers, instances and their pins,
//   memories (with their idle defaults), blocks and checks; locations given, or counted lines
//   of a file. The DSL's `Circuit`, the differential fuzzer's random modules and the tests'
//   hand-written modules all build through it.
//
// ## Passes
// - ``Legalization/run(_:)``: ``NameCheck``, ``ConnectionResolution`` (when → muxes, width,
//   direction, multiple drivers, latches, undriven), ``LoopCheck`` (combinational loops through
//   the hierarchy) and ``Naming`` (stable Verilog names). Returns a ``LegalDesign``.
// - ``LegalDesign``: a design that passed them; only `Legalization.run` makes one, and the
//   printer, the interpreter and the Verilator backend take nothing else.
// - ``Diagnostic`` and ``DiagnosticError``: every problem with a location and a hint.
