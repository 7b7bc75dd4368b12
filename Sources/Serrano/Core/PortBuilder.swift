import SerranoIR

/// Declares a module's ports. The same `ports(_:)` function runs once inside the module (where
/// the ports are its inputs and outputs) and once for each instance (where they are the
/// instance's pins in the parent), so both sides always agree.
public final class PortBuilder {
    enum Mode {
        case definition
        case instance(Int)
    }

    let circuit: Circuit
    let mode: Mode
    var prefix: [String] = []
    var isFlipped = false

    init(circuit: Circuit, mode: Mode) {
        self.circuit = circuit
        self.mode = mode
    }

    /// An input port (an output when declared inside a flipped bundle).
    public func input(_ name: String, _ type: HardwareType, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        port(name, type, isFlipped ? .output : .input, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    /// An output port (an input when declared inside a flipped bundle).
    public func output(_ name: String, _ type: HardwareType, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        port(name, type, isFlipped ? .input : .output, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    /// A group of ports whose names start with `name_`. With `flipped`, inputs and outputs
    /// swap: declare a bundle from the producer's side once, flip it for the consumer.
    public func bundle<T>(_ name: String, flipped: Bool = false, _ declare: (PortBuilder) -> T) -> T {
        prefix.append(name)
        let saved = isFlipped
        if flipped { isFlipped.toggle() }
        defer {
            prefix.removeLast()
            isFlipped = saved
        }
        return declare(self)
    }

    /// `count` ports named `name_0`, `name_1`, … of one type and direction.
    public func inputs(_ name: String, count: Int, _ type: HardwareType, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> [Signal] {
        (0..<max(count, 0)).map { input("\(name)_\($0)", type, file: file, filePath: filePath, line: line, column: column) }
    }

    /// `count` output ports named `name_0`, `name_1`, ….
    public func outputs(_ name: String, count: Int, _ type: HardwareType, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> [Signal] {
        (0..<max(count, 0)).map { output("\(name)_\($0)", type, file: file, filePath: filePath, line: line, column: column) }
    }

    private func port(_ name: String, _ type: HardwareType, _ direction: Port.Direction, at location: SourceLocation) -> Signal {
        let fullName = (prefix + [name]).filter { !$0.isEmpty }.joined(separator: "_")
        guard let type = circuit.checked(type, at: location) else { return circuit.placeholder(.bool) }
        switch mode {
        case .definition:
            let node = circuit.builder.port(fullName, direction, type, at: location)
            return Signal(id: node, type: type, circuit: circuit)
        case .instance(let instance):
            let node = circuit.builder.pin(ofInstance: instance, type)
            return Signal(id: node, type: type, circuit: circuit)
        }
    }
}
