import SerranoIR

/// A hardware value while a module is being built: a node of the module's netlist.
///
/// `Signal` is the DSL's one concrete value type (`UInt`, `SInt` and `Bool` are its
/// `HardwareType`s), which keeps Swift's type checker fast. Operators on signals build hardware;
/// a plain Swift `if` or `for` runs at elaboration time and chooses what hardware to build —
/// use `Circuit.when` for a multiplexer.
public struct Signal {
    public let type: HardwareType
    let id: NodeID
    /// The circuit (module being built) the signal belongs to.
    public unowned let circuit: Circuit

    init(id: NodeID, type: HardwareType, circuit: Circuit) {
        self.id = id
        self.type = type
        self.circuit = circuit
    }

    public var width: Int { type.width }
    public var isSigned: Bool { type.isSigned }

    /// Drives this signal (a wire, output, register's next value, child input) with `value`.
    ///
    /// Narrowing is an error (use `.truncated(to:)`); a narrower value is extended by its own
    /// signedness. Inside `when`, the connection applies on the cycles the branch is taken.
    public func assign(_ value: Signal, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        guard circuit.owns(value, at: location) else { return }
        circuit.connect(self, value, at: location)
    }

    /// Drives this signal with a constant of its own type.
    public func assign(_ value: Int, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        circuit.connect(self, circuit.constant(value, type, at: location), at: location)
    }

    /// Gives this value a name that the generated Verilog keeps.
    @discardableResult
    public func named(_ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        return circuit.name(self, name, at: location)
    }
}
