/// Builds one `IRModule` node by node: the one place that creates nodes, ports, registers,
/// instances, memories, blocks and checks, so that every producer of IR (the DSL's `Circuit`,
/// the differential fuzzer's random modules, hand-written test modules) makes the same shapes.
///
/// Locations: every call takes `at:`; without one, a builder made with `countingLinesIn:` gives
/// each call its own line of that file (`File.swift:2`, `:3`, …, so that printed `// File:LINE`
/// comments are predictable), and any other builder gives `.synthesized`. Temporaries (nodes
/// without a name) are named later by `Naming`, after what drives them.
///
/// A memory gets its idle defaults here: every input field is driven by zero until a
/// connection refines it (`Connection.isDefault`), so a memory nobody reads or writes is legal.
public struct IRBuilder: Sendable {
    public var module: IRModule
    /// The file whose lines are counted for calls without a location; nil: `.synthesized`.
    private let countedFile: String?
    private var line = 1

    /// A builder of a new module at `location`.
    public init(name: String, kind: IRModule.Kind = .normal, location: SourceLocation) {
        module = IRModule(name: name, kind: kind, location: location)
        countedFile = nil
    }

    /// A builder whose module is at `fileID:1` and whose calls without a location take the next
    /// line of `fileID` each.
    public init(name: String, countingLinesIn fileID: String) {
        module = IRModule(name: name, location: SourceLocation(fileID: fileID, line: 1))
        countedFile = fileID
    }

    /// The next counted line, or `.synthesized` for a builder that counts none.
    public mutating func nextLocation() -> SourceLocation {
        guard let countedFile else { return .synthesized }
        line += 1
        return SourceLocation(fileID: countedFile, line: line)
    }

    private mutating func resolve(_ location: SourceLocation?) -> SourceLocation {
        location ?? nextLocation()
    }

    // MARK: Nodes

    /// Appends a node and returns its id.
    @discardableResult
    public mutating func add(_ operation: Operation, _ type: HardwareType, name: String? = nil, at location: SourceLocation? = nil) -> NodeID {
        module.add(Node(operation, type: type, name: name, location: resolve(location)))
    }

    /// A constant node of `type` holding `value` (as wide as `type`).
    @discardableResult
    public mutating func constant(_ value: BitVector, _ type: HardwareType, name: String? = nil, at location: SourceLocation? = nil) -> NodeID {
        add(.constant(value), type, name: name, at: location)
    }

    /// A named (or, without a name, temporary) combinational wire.
    public mutating func wire(_ name: String?, _ type: HardwareType, at location: SourceLocation? = nil) -> NodeID {
        add(.wire, type, name: name, at: location)
    }

    // MARK: Ports and connections

    /// A port of the module; its node stands for it inside (`.input` or `.output`).
    @discardableResult
    public mutating func port(_ name: String, _ direction: Port.Direction, _ type: HardwareType, at location: SourceLocation? = nil) -> NodeID {
        let location = resolve(location)
        let index = module.ports.count
        let operation: Operation = direction == .input ? .input(port: index) : .output(port: index)
        let id = add(operation, type, name: name, at: location)
        module.ports.append(Port(name: name, direction: direction, type: type, location: location, node: id))
        return id
    }

    @discardableResult
    public mutating func input(_ name: String, _ type: HardwareType, at location: SourceLocation? = nil) -> NodeID {
        port(name, .input, type, at: location)
    }

    @discardableResult
    public mutating func output(_ name: String, _ type: HardwareType, at location: SourceLocation? = nil) -> NodeID {
        port(name, .output, type, at: location)
    }

    /// `target := value` in `block` (0: the body). A default is refined by later connections.
    public mutating func connect(_ target: NodeID, _ value: NodeID, block: Int = 0, isDefault: Bool = false,
                                 at location: SourceLocation? = nil) {
        module.connections.append(Connection(target: target, value: value, block: block, location: resolve(location),
                                             isDefault: isDefault))
    }

    // MARK: State, children and blocks

    /// A register clocked by the module's clock; see `Register` for reset and enable.
    @discardableResult
    public mutating func register(_ name: String?, _ type: HardwareType, reset: BitVector? = nil, enable: NodeID? = nil,
                                  at location: SourceLocation? = nil) -> NodeID {
        let id = add(.register(module.registers.count), type, name: name, at: location)
        module.registers.append(Register(node: id, resetValue: reset, enable: enable))
        return id
    }

    /// An instance of module `moduleName` with one pin per type in `pins` (the child's ports,
    /// in order); returns the pins' nodes. Pins may also be added one by one with `pin`.
    @discardableResult
    public mutating func instance(_ name: String, of moduleName: String, pins: [HardwareType] = [],
                                  at location: SourceLocation? = nil) -> (index: Int, pins: [NodeID]) {
        let location = resolve(location)
        let index = module.instances.count
        module.instances.append(Instance(name: name, moduleName: moduleName, location: location, portNodes: []))
        let nodes = pins.map { pin(ofInstance: index, $0) }
        return (index, nodes)
    }

    /// The next pin of instance `index`, at the instance's location.
    public mutating func pin(ofInstance index: Int, _ type: HardwareType) -> NodeID {
        let instance = module.instances[index]
        let id = add(.instancePort(instance: index, port: instance.portNodes.count), type, at: instance.location)
        module.instances[index].portNodes.append(id)
        return id
    }

    /// A memory; each input field is driven by zero by default (idle: no read, no write) until
    /// a connection refines it. Returns its index; `module.memories[index].fields` has its nodes.
    @discardableResult
    public mutating func memory(_ name: String, _ kind: Memory.Kind, depth: Int, width: Int, maskGranularity: Int? = nil,
                                readDuringWrite: Memory.ReadDuringWrite = .oldData, at location: SourceLocation? = nil) -> Int {
        let location = resolve(location)
        let index = module.memories.count
        var memory = Memory(name: name, kind: kind, depth: depth, width: width, maskGranularity: maskGranularity,
                            location: location, fields: [:], readDuringWrite: readDuringWrite)
        for field in memory.fieldNames {
            let type = memory.type(of: field)
            let node = add(.memoryPort(memory: index, field: field), type, at: location)
            memory.fields[field] = node
            if field.isSink {
                let idle = constant(BitVector(width: type.width), type, at: location)
                connect(node, idle, isDefault: true, at: location)
            }
        }
        module.memories.append(memory)
        return index
    }

    /// A new conditional block (see `ConditionalBlock`); returns its index.
    public mutating func block(parent: Int, chain: Int, isOtherwise: Bool, condition: NodeID?, localCondition: NodeID? = nil) -> Int {
        module.blocks.append(ConditionalBlock(parent: parent, chain: chain, isOtherwise: isOtherwise, condition: condition,
                                              localCondition: localCondition))
        return module.blocks.count - 1
    }

    /// An assertion, assumption or cover on the 1-bit `condition`.
    public mutating func check(_ kind: Check.Kind, _ condition: NodeID, message: String, at location: SourceLocation? = nil) {
        module.checks.append(Check(kind: kind, condition: condition, message: message, location: resolve(location)))
    }
}
