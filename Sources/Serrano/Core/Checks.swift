import SerranoIR

/// Assertions, assumptions and covers: simulation-only properties checked at every rising clock
/// edge while reset is low.
///
///     c.assert(count .< 10, "the count stays below 10")
///     c.when(io.start) { c.assume(io.length .!= 0, "a transfer is never empty") }
///     c.cover(io.full, "full")
///
/// The IR interpreter checks them on every edge and throws `SimulationError.checkFailed` naming
/// the Swift line, the cycle and the message; the printed Verilog holds them inside
/// `ifndef SYNTHESIS` (an immediate `assert` with `$error`), so Verilator (built with
/// `--assert`) stops on the same cycle with the same message, and Yosys never sees them.
/// Inside a `when`, a property applies only on the cycles the branch is taken. A cover counts
/// the checked edges on which its condition holds: read it with `Simulator.coverCount(_:)`.
extension Circuit {
    /// Fails the simulation on an edge where `condition` is low.
    public func assert(_ condition: Signal, _ message: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        check(.assert, condition, message, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    /// States what the inputs are expected to do; checked like `assert` in simulation (a formal
    /// tool would take it as a constraint).
    public func assume(_ condition: Signal, _ message: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        check(.assume, condition, message, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    /// Counts the edges on which `condition` is high; `name` must be a legal Verilog name,
    /// unique among the module's covers.
    public func cover(_ condition: Signal, _ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        check(.cover, condition, name, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    private func check(_ kind: Check.Kind, _ condition: Signal, _ message: String, at location: SourceLocation) {
        locate(location)
        guard owns(condition, at: location) else { return }
        guard condition.width == 1 else {
            diagnose(.widthMismatch, "the condition of `\(kind.rawValue)` must be a 1-bit Bool, got \(condition.type)",
                     hint: "compare (`x .!= 0`) or reduce (`x.orReduce()`)", at: location)
            return
        }
        if kind == .cover {
            if VerilogNames.problem(with: message) != nil {
                diagnose(.invalidName, "cover name '\(message)' is not a legal Verilog identifier",
                         hint: "name a cover with letters, digits and '_', e.g. \"queue_full\"", at: location)
                return
            }
            if module.checks.contains(where: { $0.kind == .cover && $0.message == message }) {
                diagnose(.nameCollision, "cover '\(message)' is declared twice", hint: "give each cover its own name", at: location)
                return
            }
        }
        if message.contains(where: { $0.isNewline }) {
            diagnose(.invalidArgument, "the message of `\(kind.rawValue)` spans several lines",
                     hint: "keep it on one line: it is printed into a Verilog string", at: location)
            return
        }
        // Fold in the enclosing `when`: outside the branch an assertion holds and a cover misses.
        var effective = condition.asUInt()
        if let block = module.blocks[blockStack.last ?? 0].condition {
            let taken = Signal(id: block, type: .bool, circuit: self)
            effective = kind == .cover ? (taken & effective) : (~taken | effective)
        }
        let index = module.checks.count
        let wireName = kind == .cover ? "cover_\(message)" : "\(kind.rawValue)_\(index)"
        let wire = name(effective, wireName, at: location)
        locate(location)
        builder.check(kind, wire.id, message: message, at: location)
    }
}
