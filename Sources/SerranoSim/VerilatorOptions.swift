/// Which waveform format a model can write; fixed when the model is built.
public enum TraceFormat: String, Sendable, Hashable {
    case none, vcd, fst
}

/// Which signals a traced model records. Tracing every signal costs 40–100× in speed, so the
/// default is the top level only.
public enum TraceScope: Sendable, Hashable {
    /// The top module's ports and signals.
    case topLevel
    /// Signals down to this many levels of hierarchy (1 = the top level).
    case depth(Int)
    /// Everything.
    case all
    /// The top level plus these scopes and everything below them: instance paths from the top
    /// module, e.g. `["array.pe_0_0"]` (wildcards `*` and `?` allowed).
    case scopes([String])
}

/// How a model is verilated and compiled. Every field goes into the cache key.
public struct VerilatorOptions: Sendable, Hashable {
    /// The C++ compiler (see `CXXCompiler.preferred`).
    public var compiler: CXXCompiler
    /// The trace format compiled in (`.none` runs a little faster and cannot trace).
    public var trace: TraceFormat
    /// Which signals the trace records.
    public var traceScope: TraceScope
    /// Optimization for the model's hot code; `-O2` (verilated.mk's `-Os` measured 1.46× slower).
    public var optimization: String
    /// `--threads N`; nil runs single-threaded (threads were slower on 2 cores).
    public var threads: Int?
    /// Top-level parameter overrides, passed as `-GNAME=VALUE`.
    public var parameters: [String: String]
    /// Extra Verilator arguments (e.g. `-Wno-WIDTH`, `+define+X`).
    public var verilatorFlags: [String]

    public init(
        compiler: CXXCompiler = .preferred, trace: TraceFormat = .fst, traceScope: TraceScope = .topLevel,
        optimization: String = "-O2", threads: Int? = nil, parameters: [String: String] = [:],
        verilatorFlags: [String] = []
    ) {
        self.compiler = compiler
        self.trace = trace
        self.traceScope = traceScope
        self.optimization = optimization
        self.threads = threads
        self.parameters = parameters
        self.verilatorFlags = verilatorFlags
    }
}
