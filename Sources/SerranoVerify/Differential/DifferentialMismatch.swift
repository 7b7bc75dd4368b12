import SerranoSim
import SerranoVerilator

/// An output on which the interpreter and Verilator disagreed.
public struct DifferentialMismatch: Sendable, CustomStringConvertible {
    public var seed: UInt64
    /// The random circuit's index (rebuild it alone with `RandomCircuitGenerator.design`).
    public var circuit: Int?
    /// Clock cycles after reset; the outputs were compared after the inputs of this cycle.
    public var cycle: Int
    public var port: String
    public var interpreter: String
    public var verilator: String
    /// Where the printed Verilog was kept.
    public var verilogDirectory: String
    /// What the two values came from (the fuzzer's reference is the interpreter; a fixture's
    /// regression compares two Verilator builds).
    public var referenceName = "interpreter"
    public var subjectName = "Verilator"

    public var description: String {
        let which = circuit.map { "circuit \($0)" } ?? "the design"
        return "mismatch: seed \(seed), \(which), cycle \(cycle), port \(port): \(referenceName) \(interpreter), \(subjectName) \(verilator) (Verilog kept in \(verilogDirectory))"
    }
}

/// Why a differential batch could not run at all (as opposed to finding a mismatch).
public enum DifferentialError: Error, CustomStringConvertible {
    /// The generator made a design that does not legalize: a generator bug.
    case illegalDesign(seed: UInt64, circuits: Range<Int>, diagnostics: String)
    /// The two backends expose different ports.
    case portsDiffer(interpreter: [String], verilator: [String])

    public var description: String {
        switch self {
        case .illegalDesign(let seed, let circuits, let diagnostics):
            return "random circuits \(circuits.lowerBound)..<\(circuits.upperBound) of seed \(seed) do not legalize (a generator bug):\n\(diagnostics)"
        case .portsDiffer(let interpreter, let verilator):
            return "the backends expose different ports: interpreter \(interpreter.joined(separator: ", ")); Verilator \(verilator.joined(separator: ", "))"
        }
    }
}
