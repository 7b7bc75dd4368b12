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
// ## Passes
// - ``Legalization/run(_:)``: ``NameCheck``, ``ConnectionResolution`` (when → muxes, width,
//   direction, multiple drivers, latches, undriven), ``LoopCheck`` (combinational loops through
//   the hierarchy) and ``Naming`` (stable Verilog names).
// - ``Diagnostic`` and ``DiagnosticError``: every problem with a location and a hint.
