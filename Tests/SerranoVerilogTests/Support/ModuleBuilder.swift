import SerranoIR

/// Builds IR modules node by node, the way the DSL would, so printer tests need no DSL.
///
/// Every call gets its own source line (`<Module>.swift:N`, counting up), so the printed
/// `// File.swift:LINE` comments are predictable.
struct ModuleBuilder {
    var module: IRModule
    private var line = 0

    init(_ name: String, parameters: [(String, String)] = []) {
        module = IRModule(name: name, location: SourceLocation(fileID: "Tests/\(name).swift", line: 1))
        module.parameters = parameters.map { IRModule.Parameter(name: $0.0, value: $0.1) }
        line = 1
    }

    mutating func location() -> SourceLocation {
        line += 1
        return SourceLocation(fileID: "Tests/\(module.name).swift", line: line)
    }

    mutating func input(_ name: String, _ type: HardwareType) -> NodeID {
        port(name, .input, type)
    }

    mutating func output(_ name: String, _ type: HardwareType) -> NodeID {
        port(name, .output, type)
    }

    private mutating func port(_ name: String, _ direction: Port.Direction, _ type: HardwareType) -> NodeID {
        let index = module.ports.count
        let location = location()
        let operation: Operation = direction == .input ? .input(port: index) : .output(port: index)
        let id = module.add(Node(operation, type: type, name: name, location: location))
        module.ports.append(Port(name: name, direction: direction, type: type, location: location, node: id))
        return id
    }

    mutating func constant(_ value: Int, _ type: HardwareType, name: String? = nil) -> NodeID {
        node(.constant(BitVector(width: type.width, value: value)), type, name: name)
    }

    mutating func node(_ operation: Operation, _ type: HardwareType, name: String? = nil) -> NodeID {
        module.add(Node(operation, type: type, name: name, location: location()))
    }

    mutating func binary(_ op: BinaryOperator, _ a: NodeID, _ b: NodeID, _ type: HardwareType, name: String? = nil) -> NodeID {
        node(.binary(op, a, b), type, name: name)
    }

    mutating func wire(_ name: String, _ type: HardwareType) -> NodeID {
        node(.wire, type, name: name)
    }

    /// `target := value`, in the body, or in `block` when given.
    mutating func connect(_ target: NodeID, _ value: NodeID, block: Int = 0) {
        module.connections.append(Connection(target: target, value: value, block: block, location: location()))
    }

    mutating func register(_ name: String, _ type: HardwareType, reset: Int? = nil, enable: NodeID? = nil) -> NodeID {
        let index = module.registers.count
        let id = node(.register(index), type, name: name)
        module.registers.append(Register(node: id, resetValue: reset.map { BitVector(width: type.width, value: $0) }, enable: enable))
        return id
    }

    /// An instance of `child`; returns the node of each of its ports, in the child's port order.
    mutating func instance(_ name: String, of child: IRModule) -> [NodeID] {
        let index = module.instances.count
        let location = location()
        var nodes: [NodeID] = []
        for (portIndex, port) in child.ports.enumerated() {
            nodes.append(module.add(Node(.instancePort(instance: index, port: portIndex), type: port.type, location: location)))
        }
        module.instances.append(Instance(name: name, moduleName: child.name, location: location, portNodes: nodes))
        return nodes
    }

    /// A memory; returns the node of each of its fields.
    mutating func memory(_ name: String, _ kind: Memory.Kind, depth: Int, width: Int, mask: Int? = nil) -> [MemoryField: NodeID] {
        let index = module.memories.count
        let location = location()
        var memory = Memory(name: name, kind: kind, depth: depth, width: width, maskGranularity: mask, location: location, fields: [:])
        for field in memory.fieldNames {
            memory.fields[field] = module.add(Node(.memoryPort(memory: index, field: field), type: memory.type(of: field), location: location))
        }
        module.memories.append(memory)
        return memory.fields
    }
}

enum TestDesignError: Error, CustomStringConvertible {
    case rejected(String)
    var description: String {
        switch self { case .rejected(let text): return "legalization failed:\n\(text)" }
    }
}

/// Links and legalizes modules given children first.
func legalized(_ modules: [IRModule], top: String) throws -> Design {
    switch Legalization.run(Design(modules: modules, topName: top)) {
    case .success(let design): return design
    case .failure(let error): throw TestDesignError.rejected(error.description)
    }
}
