// SerranoCLI: the command line as a library. Commands parse and check their flags here and
// call the libraries for the work; a bad flag or file is one sentence and exit code 2.
//
// Entry point
//   - `SerranoCommand`       `main(designs:)` runs the command line over any set of designs
//                            (`generate`, `lint`, `wave` for a package's own designs).
//   - `DesignEntry`          one design a registry offers (name, summary, how to elaborate it).
//
// Commands (internal, one file each): generate, lint, wave, demo, fuzz, verify, gemm, layer, report.
//
// Flags as values
//   - `GemmInvocation`       `serrano gemm`'s (and `serrano layer`'s) requantization and operand
//                            flags, validated, with the run they describe; `GemmInvocationError`.
//   - `verify --backend`     names an entry of SerranoVerify's `RegressionBackends.standard`:
//                            the backends are listed there, not here (only `--rtl DIR` is rtl's own flag).
