import SerranoIR

/// Builds IR modules node by node with `IRBuilder`, so printer tests need no DSL.
///
/// Every call gets its own source line (`Tests/<Module>.swift:N`, counting up), so the printed
/// `// File.swift:LINE` comments are predictable.
struct ModuleBuilder {
    var ir: IRBuilder
    var module: IRModule {
        get { ir.module }
        _modify { yield &ir.module }
    }

    init(_ name: String, parameters: [(String, String)] = []) {
        ir = IRBuilder(name: name, countingLinesIn: "Tests/\(name).swift")
        ir.module.parameters = parameters.map { IRModule.Parameter(name: $0.0, value: $0.1) }
    }

    mutating func location() -> SourceLocation { ir.nextLocation() }

    mutating func input(_ name: String, _ type: HardwareType) -> NodeID { ir.input(name, type) }

    mutating func output(_ name: String, _ type: HardwareType) -> NodeID { ir.output(name, type) }

    mutating func constant(_ value: Int, _ type: HardwareType, name: String? = nil) -> NodeID {
        ir.constant(BitVector(width: type.width, value: value), type, name: name)
    }

    mutating func node(_ operation: Operation, _ type: HardwareType, name: String? = nil) -> NodeID {
        ir.add(operation, type, name: name)
    }

    mutating func binary(_ op: BinaryOperator, _ a: NodeID, _ b: NodeID, _ type: HardwareType, name: String? = nil) -> NodeID {
        ir.add(.binary(op, a, b), type, name: name)
    }

    mutating func wire(_ name: String, _ type: HardwareType) -> NodeID { ir.wire(name, type) }

    /// `target := value`, in the body, or in `block` when given.
    mutating func connect(_ target: NodeID, _ value: NodeID, block: Int = 0) {
        ir.connect(target, value, block: block)
    }

    mutating func register(_ name: String, _ type: HardwareType, reset: Int? = nil, enable: NodeID? = nil) -> NodeID {
        ir.register(name, type, reset: reset.map { BitVector(width: type.width, value: $0) }, enable: enable)
    }

    /// An instance of `child`; returns the node of each of its ports, in the child's port order.
    mutating func instance(_ name: String, of child: IRModule) -> [NodeID] {
        ir.instance(name, of: child.name, pins: child.ports.map(\.type)).pins
    }

    /// A memory (idle by default); returns the node of each of its fields.
    mutating func memory(_ name: String, _ kind: Memory.Kind, depth: Int, width: Int, mask: Int? = nil,
                         readDuringWrite: Memory.ReadDuringWrite = .oldData) -> [MemoryField: NodeID] {
        let index = ir.memory(name, kind, depth: depth, width: width, maskGranularity: mask, readDuringWrite: readDuringWrite)
        return module.memories[index].fields
    }
}

enum TestDesignError: Error, CustomStringConvertible {
    case rejected(String)
    var description: String {
        switch self { case .rejected(let text): return "legalization failed:\n\(text)" }
    }
}

/// Links and legalizes modules given children first.
func legalized(_ modules: [IRModule], top: String) throws -> LegalDesign {
    switch Legalization.run(Design(modules: modules, topName: top)) {
    case .success(let design): return design
    case .failure(let error): throw TestDesignError.rejected(error.description)
    }
}
