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

    /// The named nodes a user sees (not ports: those are listed from `ports`), with their index.
    private static func namedSignals(of module: IRModule) -> [(index: Int, name: String, type: HardwareType)] {
        guard case .normal = module.kind else { return [] }
        return module.nodes.enumerated().compactMap { index, node in
            guard let name = node.name else { return nil }
            switch node.operation {
            case .input, .output, .instancePort, .memoryPort: return nil
            default: return (index, name, node.type)
            }
        }
    }

    static func entries(_ design: LegalDesign) -> [String: String] {
        var entries: [String: String] = [:]
        forEachInstance(of: design) { module, path in
            for port in module.ports { entries["\(path).\(port.name)"] = "\(path).\(port.name)" }
            for signal in namedSignals(of: module) {
                let verilogName = module.legalNames.indices.contains(signal.index) ? module.legalNames[signal.index] : signal.name
                entries["\(path).\(signal.name)"] = "\(path).\(verilogName)"
            }
            for memory in module.memories { entries["\(path).\(memory.name)"] = "\(path).\(memory.name)" }
            for instance in module.instances { entries["\(path).\(instance.name)"] = "\(path).\(instance.name)" }
        }
        return entries
    }

    /// The DSL paths of every signed port and named signal (two's complement values), as a
    /// sorted JSON array, one a line: `serrano wave diff --signed-from` shows them in decimal.
    /// Nil when the design has none, so no file is written.
    static func signedJSON(_ design: LegalDesign) -> String? {
        let sorted: [String]
        if let walked = sortedByWalk(design) {
            sorted = walked.filter(\.signed).map(\.key)
        } else {
            var paths: Set<String> = []
            forEachInstance(of: design) { module, path in
                for port in module.ports where port.type.isSigned { paths.insert("\(path).\(port.name)") }
                for signal in namedSignals(of: module) where signal.type.isSigned { paths.insert("\(path).\(signal.name)") }
            }
            sorted = paths.sorted()
        }
        guard !sorted.isEmpty else { return nil }
        return "[\n" + sorted.map { "  " + JSONText.quoted($0) }.joined(separator: ",\n") + "\n]\n"
    }

    /// The map as JSON: one entry a line, keys sorted, so the file diffs well and never changes
    /// from run to run.
    static func json(_ design: LegalDesign) -> String {
        let pairs = sortedByWalk(design)?.map { (key: $0.key, value: $0.value) } ?? entries(design).sorted { $0.key < $1.key }
        let lines = pairs.map { "  \(JSONText.quoted($0.key)): \(JSONText.quoted($0.value))" }
        return lines.isEmpty ? "{}\n" : "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// One module's own names, sorted: (name, Verilog name, the instantiated module if an
    /// instance, whether it is a signed port or signal).
    private typealias LocalNames = [(name: String, verilogName: String, child: String?, signed: Bool)]

    /// The same entries as `entries`, already in key order, without sorting the whole map: each
    /// module's own names are sorted once (a 256×256 array has 65,536 instances of one PE), and a
    /// depth-first walk emits an instance's names right after the instance's own key. That is the
    /// global order as long as every character that can follow a name sorts after `.`; the result
    /// is checked, and nil (sort the map instead) when it is not strictly increasing.
    /// Also says of each entry whether it is signed (for `signedJSON`, which lists those).
    private static func sortedByWalk(_ design: LegalDesign) -> [(key: String, value: String, signed: Bool)]? {
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
        var pairs: [(key: String, value: String, signed: Bool)] = []
        // Iterative depth-first walk (a deep hierarchy must not overflow the stack): each frame
        // is a module's sorted names and the next one to emit.
        var stack: [(entries: LocalNames, next: Int, path: String, depth: Int)] = [(localNames(top), 0, top.name, 0)]
        while var frame = stack.popLast() {
            guard frame.next < frame.entries.count else { continue }
            let entry = frame.entries[frame.next]
            frame.next += 1
            stack.append(frame)
            let key = frame.path + "." + entry.name
            pairs.append((key, entry.child == nil ? frame.path + "." + entry.verilogName : key, entry.signed))
            // A module that instantiates itself cannot elaborate; the bound keeps a bad design finite.
            if let child = entry.child.flatMap({ modules[$0] }), frame.depth + 1 <= design.modules.count {
                stack.append((localNames(child), 0, key, frame.depth + 1))
            }
        }
        for index in pairs.indices.dropFirst() where !(pairs[index - 1].key < pairs[index].key) { return nil }
        return pairs
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
