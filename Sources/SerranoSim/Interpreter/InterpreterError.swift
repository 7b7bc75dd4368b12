import SerranoIR

/// Why the IR interpreter cannot run a design. Each is a value with a readable message: a
/// design the interpreter does not support never crashes the process.
public enum InterpreterError: Error, Equatable, CustomStringConvertible {
    /// The design has no module with the top's name, or an instance names a missing module.
    case unknownModule(String)
    /// A black box has no netlist to interpret.
    case blackBox(module: String, instancePath: String)
    /// A sink without a driver, a memory without a field: legalization guarantees neither
    /// happens (the interpreter takes only a `LegalDesign`), so this is a bug in a pass,
    /// reported instead of trapping.
    case inconsistent(module: String, detail: String)
    /// A combinational loop (legalization rejects these, so this too would be a pass's bug).
    case combinationalLoop(module: String, signal: String)

    public var description: String {
        switch self {
        case .unknownModule(let name):
            return "the design has no module named '\(name)'"
        case .blackBox(let module, let path):
            return "black box \(module) cannot be interpreted; use the Verilator backend (instance '\(path)')"
        case .inconsistent(let module, let detail):
            return "module '\(module)' cannot be interpreted: \(detail) (a bug: legalization accepted it; please report)"
        case .combinationalLoop(let module, let signal):
            return "combinational loop in module '\(module)' through '\(signal)'; the interpreter needs an acyclic netlist"
        }
    }
}
