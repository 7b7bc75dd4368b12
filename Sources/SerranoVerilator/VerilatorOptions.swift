import SerranoSim

/// Which signals a traced model records. Tracing every signal costs 40–100× in speed, so the
/// default is the top module's ports only.
public enum TraceScope: Sendable, Hashable {
    /// The top module's ports. The nets between its children (e.g. every processing element's
    /// port wires in a systolic array's top) stay out; `.topModule` or `.scopes` bring them in.
    case topLevel
    /// The top module's ports and every signal declared in it (`--trace-depth 1`).
    case topModule
    /// Signals down to this many levels of hierarchy (1 = the top level).
    case depth(Int)
    /// Everything.
    case all
    /// The top module's ports plus these scopes and everything below them, or these signals:
    /// paths from the top module, with wildcards `*` and `?`. An instance (`["pe_0_0"]`, every
    /// signal inside it), or signal globs (`["pe_0_0_sum*"]`: the top's nets of that name).
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

    /// Verilator 5.006 optimisations that differential fuzzing caught crashing or computing
    /// wrong results on Verilog Serrano prints (seed 2026: DFG miscompiles circuit 7230 and
    /// crashes on 2733; expand crashes on 3686 and 7430; all kept as regression tests). Turning
    /// them off cost nothing measurable on the 16×16 systolic array, so they are off by default.
    public static let safeOptimizationFlags = ["-fno-dfg", "-fno-expand"]

    /// `safeOptimizationFlags` plus `-fno-gate`: gate optimisation also miscompiled two of
    /// 10,000 random circuits (5078: a 121-bit subtraction off by one; 8452: a 4-bit output),
    /// but turning it off made the 16×16 systolic array 3× slower (3.39 M → 1.10 M cycles/s in
    /// a plain C++ loop), so only differential fuzzing and callers who ask use it.
    public static let conservativeOptimizationFlags = safeOptimizationFlags + ["-fno-gate"]

    public init(
        compiler: CXXCompiler = .preferred, trace: TraceFormat = .fst, traceScope: TraceScope = .topLevel,
        optimization: String = "-O2", threads: Int? = nil, parameters: [String: String] = [:],
        verilatorFlags: [String] = VerilatorOptions.safeOptimizationFlags
    ) {
        self.compiler = compiler
        self.trace = trace
        self.traceScope = traceScope
        self.optimization = optimization
        self.threads = threads
        self.parameters = parameters
        self.verilatorFlags = verilatorFlags
    }

    /// A deterministic text of every field, for cache keys (a dictionary's own description
    /// changes order from process to process).
    var cacheDescription: String {
        let parameterText: String = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let threadText: String = threads.map(String.init) ?? "none"
        return [
            "compiler=\(compiler)", "trace=\(trace.rawValue)", "scope=\(traceScope)", "opt=\(optimization)",
            "threads=\(threadText)", "parameters=\(parameterText)", "flags=\(verilatorFlags.joined(separator: " "))",
        ].joined(separator: ";")
    }
}
