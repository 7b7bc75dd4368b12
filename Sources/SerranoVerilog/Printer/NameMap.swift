import Foundation
import SerranoSupport
import SerranoIR

/// The JSON map from each user-visible DSL path to its Verilog hierarchical name.
///
/// Keys are paths through the instance hierarchy from the top (`Top.pe_0_1.weight`): every
/// port, every signal a user named (wires, registers, `named` values), every instance and every
/// memory. Ports and user names are never renamed, so today each value equals its key; tools
/// (waveform viewers, the simulator) read the map rather than rely on that.
enum NameMap {
    static func entries(_ design: Design) -> [String: String] {
        var modules: [String: IRModule] = [:]
        for module in design.modules { modules[module.name] = module }
        var entries: [String: String] = [:]
        guard let top = design.top else { return entries }
        // Iterative walk: a deep hierarchy must not overflow the stack.
        var pending: [(module: IRModule, path: String, depth: Int)] = [(top, top.name, 0)]
        while let (module, path, depth) = pending.popLast() {
            // A module that instantiates itself cannot elaborate; the bound keeps a bad design finite.
            guard depth <= design.modules.count else { continue }
            for port in module.ports { entries["\(path).\(port.name)"] = "\(path).\(port.name)" }
            if case .normal = module.kind {
                for (index, node) in module.nodes.enumerated() {
                    guard let name = node.name else { continue }
                    switch node.operation {
                    case .input, .output, .instancePort, .memoryPort: continue
                    default:
                        let verilogName = module.legalNames.indices.contains(index) ? module.legalNames[index] : name
                        entries["\(path).\(name)"] = "\(path).\(verilogName)"
                    }
                }
            }
            for memory in module.memories { entries["\(path).\(memory.name)"] = "\(path).\(memory.name)" }
            for instance in module.instances {
                let childPath = "\(path).\(instance.name)"
                entries[childPath] = childPath
                if let child = modules[instance.moduleName] { pending.append((child, childPath, depth + 1)) }
            }
        }
        return entries
    }

    /// The map as JSON: one entry a line, keys sorted, so the file diffs well and never changes
    /// from run to run.
    static func json(_ design: Design) -> String {
        let entries = entries(design)
        let lines = entries.keys.sorted().map { key in "  \(JSONText.quoted(key)): \(JSONText.quoted(entries[key] ?? key))" }
        return lines.isEmpty ? "{}\n" : "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// The state names of every state register (`Circuit.fsm`), by DSL path: code (`0x2`) →
    /// case name. Nil when the design has no state machine, so no file is written.
    static func statesJSON(_ design: Design) -> String? {
        var modules: [String: IRModule] = [:]
        for module in design.modules { modules[module.name] = module }
        guard let top = design.top else { return nil }
        var entries: [String: [(code: BitVector, name: String)]] = [:]
        var pending: [(module: IRModule, path: String, depth: Int)] = [(top, top.name, 0)]
        while let (module, path, depth) = pending.popLast() {
            guard depth <= design.modules.count else { continue }
            for enumeration in module.enumerations {
                let name = module.nodes.indices.contains(enumeration.register.index) ? module[enumeration.register].name ?? "state" : "state"
                entries["\(path).\(name)"] = zip(enumeration.codes, enumeration.caseNames).map { ($0, $1) }
            }
            for instance in module.instances {
                if let child = modules[instance.moduleName] { pending.append((child, "\(path).\(instance.name)", depth + 1)) }
            }
        }
        guard !entries.isEmpty else { return nil }
        let blocks = entries.keys.sorted().map { key -> String in
            let codes = (entries[key] ?? []).map { "    \(JSONText.quoted("0x" + $0.code.hexDigits)): \(JSONText.quoted($0.name))" }
            return "  \(JSONText.quoted(key)): {\n" + codes.joined(separator: ",\n") + "\n  }"
        }
        return "{\n" + blocks.joined(separator: ",\n") + "\n}\n"
    }

}
