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
    /// Calls `visit` with every module instance of the design and its DSL path, from the top.
    private static func forEachInstance(of design: LegalDesign, _ visit: (IRModule, String) -> Void) {
        var modules: [String: IRModule] = [:]
        for module in design.modules { modules[module.name] = module }
        guard let top = design.top else { return }
        // Iterative walk: a deep hierarchy must not overflow the stack.
        var pending: [(module: IRModule, path: String, depth: Int)] = [(top, top.name, 0)]
        while let (module, path, depth) = pending.popLast() {
            // A module that instantiates itself cannot elaborate; the bound keeps a bad design finite.
            guard depth <= design.modules.count else { continue }
            visit(module, path)
            for instance in module.instances {
                if let child = modules[instance.moduleName] { pending.append((child, "\(path).\(instance.name)", depth + 1)) }
            }
        }
    }

    /// One entry of the map: a DSL path, its Verilog name, and whether it is a signed port or
    /// signal (`signedJSON` lists those).
    struct Entry {
        let key: String
        let value: String
        let signed: Bool
    }

    /// One module's own names, sorted: (name, Verilog name, the instantiated module if an
    /// instance, signed).
    private typealias LocalNames = [(name: String, verilogName: String, child: String?, signed: Bool)]

    /// Every entry of the map, in key order when every character that can follow a name sorts
    /// after `.` (see `inKeyOrder`): each module's own names — ports, named signals, memories,
    /// instances, later ones replacing earlier ones of the same name — are collected and sorted
    /// once per module (a 256×256 array has 65,536 instances of one PE), and a depth-first walk
    /// emits an instance's names right after the instance's own key.
    static func entries(_ design: LegalDesign) -> [Entry] {
        var modules: [String: IRModule] = [:]
        for module in design.modules { modules[module.name] = module }
        guard let top = design.top else { return [] }
        var locals: [String: LocalNames] = [:]
        func localNames(_ module: IRModule) -> LocalNames {
            if let known = locals[module.name] { return known }
            var names: [String: (verilogName: String, child: String?, signed: Bool)] = [:]
            for port in module.ports { names[port.name] = (port.name, nil, port.type.isSigned) }
            if case .normal = module.kind {
                for (index, node) in module.nodes.enumerated() {
                    guard let name = node.name else { continue }
                    switch node.operation {
                    case .input, .output, .instancePort, .memoryPort: continue
                    default: names[name] = (module.legalNames.indices.contains(index) ? module.legalNames[index] : name, nil, node.type.isSigned)
                    }
                }
            }
            for memory in module.memories { names[memory.name] = (memory.name, nil, false) }
            for instance in module.instances { names[instance.name] = (instance.name, instance.moduleName, false) }
            let sorted = names.sorted { $0.key < $1.key }.map {
                (name: $0.key, verilogName: $0.value.verilogName, child: $0.value.child, signed: $0.value.signed)
            }
            locals[module.name] = sorted
            return sorted
        }
        var entries: [Entry] = []
        // Iterative depth-first walk (a deep hierarchy must not overflow the stack): each frame
        // is a module's sorted names and the next one to emit.
        var stack: [(names: LocalNames, next: Int, path: String, depth: Int)] = [(localNames(top), 0, top.name, 0)]
        while var frame = stack.popLast() {
            guard frame.next < frame.names.count else { continue }
            let name = frame.names[frame.next]
            frame.next += 1
            stack.append(frame)
            let key = frame.path + "." + name.name
            entries.append(Entry(key: key, value: name.child == nil ? frame.path + "." + name.verilogName : key, signed: name.signed))
            // A module that instantiates itself cannot elaborate; the bound keeps a bad design finite.
            if let child = name.child.flatMap({ modules[$0] }), frame.depth + 1 <= design.modules.count {
                stack.append((localNames(child), 0, key, frame.depth + 1))
            }
        }
        return entries
    }

    /// `entries` with strictly increasing keys: as walked when they already are (the usual
    /// case, checked in one pass), else deduplicated (the last wins) and sorted.
    static func inKeyOrder(_ entries: [Entry]) -> [Entry] {
        if !entries.indices.dropFirst().contains(where: { !(entries[$0 - 1].key < entries[$0].key) }) { return entries }
        var byKey: [String: Entry] = [:]
        for entry in entries { byKey[entry.key] = entry }
        return byKey.values.sorted { $0.key < $1.key }
    }

    /// The map as JSON: one entry a line, keys sorted, so the file diffs well and never changes
    /// from run to run. `entries` must be in key order.
    static func json(_ entries: [Entry]) -> String {
        let lines = entries.map { "  \(JSONText.quoted($0.key)): \(JSONText.quoted($0.value))" }
        return lines.isEmpty ? "{}\n" : "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// The map of `design` as JSON.
    static func json(_ design: LegalDesign) -> String { json(inKeyOrder(entries(design))) }

    /// The DSL paths of every signed port and named signal (two's complement values), as a
    /// sorted JSON array, one a line: `serrano wave diff --signed-from` shows them in decimal.
    /// Nil when the design has none, so no file is written. `entries` must be in key order.
    static func signedJSON(_ entries: [Entry]) -> String? {
        let signed = entries.filter(\.signed)
        guard !signed.isEmpty else { return nil }
        return "[\n" + signed.map { "  " + JSONText.quoted($0.key) }.joined(separator: ",\n") + "\n]\n"
    }

    /// The state names of every state register (`Circuit.fsm`), by DSL path: code (`0x2`) →
    /// case name. Nil when the design has no state machine, so no file is written.
    static func statesJSON(_ design: LegalDesign) -> String? {
        var entries: [String: [(code: BitVector, name: String)]] = [:]
        forEachInstance(of: design) { module, path in
            for enumeration in module.enumerations {
                let name = module.nodes.indices.contains(enumeration.register.index) ? module[enumeration.register].name ?? "state" : "state"
                entries["\(path).\(name)"] = zip(enumeration.codes, enumeration.caseNames).map { ($0, $1) }
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
