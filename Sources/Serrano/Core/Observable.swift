import SerranoIR

extension Signal {
    /// Keeps this signal readable by its hierarchical name on every simulator:
    /// `sim.peekSignal("Top.child.sum")` gives the same value on the IR interpreter and on
    /// Verilator (the printer marks it `/*verilator public_flat_rd*/`).
    ///
    /// A wire, register or port keeps its own name; any other value (an expression, a child's
    /// pin) needs `name`, which becomes a wire of that name. Returns the observable signal.
    @discardableResult
    public func observable(_ name: String? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        let node = circuit.module[id]
        if let own = node.name, name == nil || name == own, Signal.keepsItsName(node.operation) {
            circuit.module.nodes[id.index].isObservable = true
            return self
        }
        guard let name else {
            circuit.diagnose(.invalidArgument, "an unnamed value cannot be observed by name",
                             hint: "give it a name: `.observable(\"sum\")`", at: location)
            return self
        }
        let wire = circuit.name(self, name, at: location)
        circuit.module.nodes[wire.id.index].isObservable = true
        return wire
    }

    static func keepsItsName(_ operation: Operation) -> Bool {
        switch operation {
        case .wire, .register, .input, .output: return true
        default: return false
        }
    }
}

extension Circuit {
    /// Makes every named signal of this module (ports, wires, registers, `named` values)
    /// observable, as if each were marked `.observable()`: a trace scope for the whole module.
    public func observeAll() { observesAll = true }

    /// Applies `observeAll()` once the module is built.
    func markObservables() {
        guard observesAll else { return }
        for index in module.nodes.indices where module.nodes[index].name != nil {
            if Signal.keepsItsName(module.nodes[index].operation) { module.nodes[index].isObservable = true }
        }
    }
}
