// SerranoWaves: waveforms in and out, compared and drawn. Depends on nothing but Foundation (the
// simulator, the golden model and the CLI depend on it, never the reverse).
//
// Reading
// - `VCDReader`            memory-mapped byte parser of IEEE 1364 §18 VCD → `Waveform`
//   (`VCDParser` feeds a `VCDChangeSink`: `WaveformBuilder` stores, `ChunkSink` streams)
// - `VCDStream`            one file streamed: header once, changes in chunks from a reader thread
// - `WaveFile`             open VCD or FST by extension
// - `FSTConverter`         FST through GTKWave's `fst2vcd` / `vcd2fst`
// - `Waveform`, `WaveVariable`, `SignalTrace`, `VariableKind`, `Timescale`
// - `LogicValue`, `LogicBit`, `WaveValue`  4-state values as two bit planes; reals
//
// Writing
// - `VCDWriter`            streaming writer: declare, then `advance(to:)` / `change`, only changes
//
// Comparing (`serrano wave diff`)
// - `DiffOptions`, `SignalPairName`, `NameMap`  flags, validated; `--map` prefix renames
// - `DiffPlan`             signals resolved in both files, with close-name suggestions
// - `WaveDiff`             timestamp, cycle (`--clock`) or transaction (`--valid`/`--ready`) alignment
// - `StreamingDiff`, `StreamSide`  the same diff over two streams in lock step (what `run` uses)
// - `DiffResult`, `Divergence`, `SignalMismatch`, `DiffWindow`, `Alignment`, `SamplePoint`
// - `DiffReport`           the text report
// - `SignalNames`          globs, edit distance, suggestions
//
// Drawing and exporting
// - `WaveChart`            self-contained SVG of lanes with highlighted spans
// - `DiffPicture`          the divergence window as SVG and a self-contained HTML report
// - `WaveShow`             a window of one file on a time axis (`serrano wave show --svg`)
// - `WaveDromExport`       WaveDrom JSON for documentation (`serrano wave export --wavedrom`)
//
// Command line
// - `WaveTool`             each `serrano wave` subcommand as a call returning its output and exit code
// - `WaveError`            every failure, one printable line (the CLI exits 2)
