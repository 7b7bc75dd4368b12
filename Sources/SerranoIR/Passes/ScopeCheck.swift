/// Checks names across module boundaries that Verilog tools treat as clashes.
///
/// An instance named like something declared inside the module it instantiates (`sum` of a
/// module with a register `sum`) is legal Verilog, but Verilator -Wall reports it (VARHIDDEN),
/// and generated Verilog must lint clean. Likewise a memory named like a port of its SRAM module
/// (`clock`, `readData`, …). Names are never changed silently, so each is a diagnostic.
public enum ScopeCheck {
    /// Every name declared inside a named module: ports, implicit clock and reset, every node's
    /// Verilog name, instances and memories. A black box declares its ports (and clock, reset).
    public static func declaredNames(_ module: IRModule) -> Set<String> {
        var names = Set(module.ports.map(\.name))
        if module.isSequential { names.insert("clock") }
        if module.usesReset { names.insert("reset") }
        if case .normal = module.kind {
            names.formUnion(module.legalNames.filter { !$0.isEmpty })
            names.formUnion(module.instances.map(\.name))
            names.formUnion(module.memories.map(\.name))
        }
        return names
    }

    /// The ports of every printed SRAM module.
    public static let memoryPortNames: Set<String> = Set(["clock"] + MemoryField.allCases.map(\.rawValue))

    /// - Parameter childNames: `declaredNames` of each module already checked, by module name.
    public static func run(_ module: IRModule, childNames: [String: Set<String>]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for instance in module.instances where childNames[instance.moduleName]?.contains(instance.name) == true {
            diagnostics.append(Diagnostic(
                .nameCollision, at: instance.location,
                "instance '\(instance.name)' has the name of a signal or port inside module '\(instance.moduleName)'",
                hint: "Verilog lint (Verilator VARHIDDEN) rejects the clash; name the instance differently, e.g. '\(instance.name)_unit'"))
        }
        for memory in module.memories where memoryPortNames.contains(memory.name) {
            diagnostics.append(Diagnostic(
                .nameCollision, at: memory.location,
                "memory '\(memory.name)' has the name of a port of its SRAM module",
                hint: "the SRAM module's ports are \(memoryPortNames.sorted().joined(separator: ", ")); choose another name"))
        }
        return diagnostics
    }
}
