// SerranoVerilog: a pure printer from legalized IR to Verilog-2005, and the external tools that
// check what it prints.
//
// ## Printing
// - ``VerilogPrinter/print(_:)``: a ``LegalDesign`` (only `Legalization.run` makes one, so an
//   unchecked design cannot be printed) → ``GeneratedFile``s: one `.v` per
//   module, one behavioural SRAM per memory shape (`serrano_sram_1r1w_d256_w32_m8.v`, to swap for
//   a macro), black-box sources, `<Top>.f` (children first) and `<Top>.names.json`.
// - ``VerilogPrinter/print(module:of:)``: one module's text. ``VerilogPrinter/nameMap(_:)``: the
//   DSL path → Verilog name map. ``VerilogPrinter/Error``: a module name the design lacks.
// - `[GeneratedFile].write(to:)`: writes the files, touching nothing else in the directory.
//
// What is printed (each rule checked by the tests): ports, registers and named signals keep
// their Swift names; every declaration and statement ends with `// File.swift:LINE`; each
// operation gets operands of exactly the width the IR defines, so Verilog's context sizing never
// changes a value; unread bits get a Verilator waiver scoped to their declaration; output is
// byte-identical run to run.
//
// ## Checking (Tools/)
// - ``VerilogChecks``: `verilatorLint` (`--lint-only -Wall`), `yosysCheck` (`hierarchy -check;
//   proc; check -assert`, no latch cells, optional full `synth`), `icarusParse`
//   (`iverilog -g2005 -Wall`), `all`. Each returns a ``ToolReport`` of ``ToolFinding``s
//   (file:line, severity, message); a missing tool throws ``ToolError/notInstalled(_:)``, whose
//   message says how to install it.
// - ``LintUnit``: the designs in a directory tree, found by their `.f` file lists.
