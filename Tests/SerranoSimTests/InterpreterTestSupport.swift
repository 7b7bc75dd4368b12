import SerranoIR
@testable import SerranoSim

/// Builds small hand-written modules for the interpreter's unit tests, with `IRBuilder`.
struct TestModule {
    var ir: IRBuilder
    var module: IRModule {
        get { ir.module }
        _modify { yield &ir.module }
    }

    init(_ name: String = "dut") {
        ir = IRBuilder(name: name, countingLinesIn: "Tests/\(name).swift")
    }

    mutating func location() -> SerranoIR.SourceLocation { ir.nextLocation() }

    mutating func node(_ operation: Operation, _ type: HardwareType, name: String? = nil) -> NodeID {
        ir.add(operation, type, name: name)
    }

    mutating func input(_ name: String, _ type: HardwareType) -> NodeID { ir.input(name, type) }

    mutating func output(_ name: String, _ type: HardwareType, _ value: NodeID) {
        connect(ir.output(name, type), value)
    }

    mutating func constant(_ value: Int, _ type: HardwareType) -> NodeID {
        ir.constant(SerranoIR.BitVector(width: type.width, value: value), type)
    }

    mutating func connect(_ target: NodeID, _ value: NodeID, block: Int = 0) {
        ir.connect(target, value, block: block)
    }

    /// A memory whose every input field is an input port named after the field and whose read
    /// data is the output `rdata` (and `rdataB` for a second read port).
    mutating func memoryWithPorts(kind: Memory.Kind, depth: Int, width: Int, maskGranularity: Int?,
                                  readDuringWrite: Memory.ReadDuringWrite = .oldData) {
        let index = ir.memory("ram", kind, depth: depth, width: width, maskGranularity: maskGranularity, readDuringWrite: readDuringWrite)
        let memory = module.memories[index]
        for field in memory.fieldNames {
            guard let id = memory.fields[field] else { continue }
            if field.isReadData {
                output(field == .readData ? "rdata" : "rdataB", .uint(width), id)
            } else {
                connect(id, input(field.rawValue, memory.type(of: field)))
            }
        }
    }

    /// A legalized single-module design (children listed first), or the diagnostics.
    func design(children: [IRModule] = []) throws -> LegalDesign {
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
