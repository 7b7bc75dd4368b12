import SerranoIR
@testable import SerranoSim

/// Builds small hand-written modules for the interpreter's unit tests.
struct TestModule {
    var module: IRModule
    private var line = 1

    init(_ name: String = "dut") {
        module = IRModule(name: name, location: SerranoIR.SourceLocation(fileID: "Tests/\(name).swift", line: 1))
    }

    mutating func location() -> SerranoIR.SourceLocation {
        line += 1
        return SerranoIR.SourceLocation(fileID: "Tests/\(module.name).swift", line: line)
    }

    mutating func node(_ operation: Operation, _ type: HardwareType, name: String? = nil) -> NodeID {
        module.add(Node(operation, type: type, name: name, location: location()))
    }

    mutating func input(_ name: String, _ type: HardwareType) -> NodeID {
        let id = node(.input(port: module.ports.count), type, name: name)
        module.ports.append(Port(name: name, direction: .input, type: type, location: location(), node: id))
        return id
    }

    mutating func output(_ name: String, _ type: HardwareType, _ value: NodeID) {
        let id = node(.output(port: module.ports.count), type, name: name)
        module.ports.append(Port(name: name, direction: .output, type: type, location: location(), node: id))
        connect(id, value)
    }

    mutating func constant(_ value: Int, _ type: HardwareType) -> NodeID {
        node(.constant(SerranoIR.BitVector(width: type.width, value: value)), type)
    }

    mutating func connect(_ target: NodeID, _ value: NodeID, block: Int = 0) {
        module.connections.append(Connection(target: target, value: value, block: block, location: location()))
    }

    /// A memory whose every input field is an input port named after the field and whose read
    /// data is the output `rdata`.
    mutating func memoryWithPorts(kind: Memory.Kind, depth: Int, width: Int, maskGranularity: Int?) {
        var memory = Memory(name: "ram", kind: kind, depth: depth, width: width, maskGranularity: maskGranularity,
                            location: location(), fields: [:])
        let index = module.memories.count
        for field in memory.fieldNames {
            let id = node(.memoryPort(memory: index, field: field), memory.type(of: field))
            memory.fields[field] = id
            if field == .readData {
                output("rdata", .uint(width), id)
            } else {
                connect(id, input(field.rawValue, memory.type(of: field)))
            }
        }
        module.memories.append(memory)
    }

    /// A legalized single-module design (children listed first), or the diagnostics.
    func design(children: [IRModule] = []) throws -> Design {
        try Legalization.run(Design(modules: children + [module], topName: module.name)).get()
    }

    func interpreter(children: [IRModule] = []) throws -> IRInterpreter {
        try IRInterpreter(design: design(children: children))
    }
}

/// A port name the test got wrong.
struct UnknownTestPort: Error { let name: String }

extension IRInterpreter {
    func index(_ name: String) throws -> Int {
        guard let index = portIndex(named: name) else { throw UnknownTestPort(name: name) }
        return index
    }

    func set(_ name: String, _ value: UInt64) throws {
        let index = try index(name)
        setInput(index, value)
    }

    func set(_ name: String, words: [UInt64]) throws {
        let index = try index(name)
        setInput(index, words: words)
    }

    func get(_ name: String) throws -> UInt64 {
        let index = try index(name)
        return value(index)
    }

    func getWords(_ name: String) throws -> [UInt64] {
        let index = try index(name)
        let width = program.ports[index].width
        var words = [UInt64](repeating: 0, count: (width + 63) / 64)
        words.withUnsafeMutableBufferPointer { value(index, into: $0) }
        return words
    }

    /// The two's-complement pattern of `value` in `width` bits (≤ 64).
    static func pattern(_ value: Int64, width: Int) -> UInt64 {
        UInt64(bitPattern: value) & (width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) - 1)
    }
}
