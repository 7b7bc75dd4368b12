/// Gives every node of a resolved module its Verilog name.
///
/// Users' names are kept as written. A temporary is named after what it computes from: its
/// first operand's name and its operator (`_activationIn_mul`, `_count_add`), so that a local
/// edit renames only the temporaries near it — unlike a global counter, which renumbers the
/// whole design. Temporaries start with `_`; clashes get `_2`, `_3`, … in node order.
public enum Naming {
    /// Longest temporary name before its root is shortened.
    static let maximumLength = 48

    public static func run(_ module: inout IRModule) {
        var taken = Set<String>(module.ports.map(\.name))
        if module.isSequential { taken.insert("clock") }
        if module.usesReset { taken.insert("reset") }
        taken.formUnion(module.instances.map(\.name))
        taken.formUnion(module.memories.map(\.name))
        for node in module.nodes { if let name = node.name { taken.insert(name) } }

        var names = Array(repeating: "", count: module.nodes.count)
        for (index, node) in module.nodes.enumerated() {
            if let name = node.name {
                names[index] = name
                continue
            }
            var base = derivedName(node, names: names, in: module)
            if base.count > maximumLength { base = String(base.prefix(maximumLength)) }
            var candidate = base
            var suffix = 2
            while taken.contains(candidate) || VerilogNames.keywords.contains(candidate) {
                candidate = "\(base)_\(suffix)"
                suffix += 1
            }
            taken.insert(candidate)
            names[index] = candidate
        }
        module.legalNames = names
    }

    private static func root(_ id: NodeID, _ names: [String]) -> String {
        let name = names[id.index]
        return name.hasPrefix("_") ? String(name.dropFirst()) : name
    }

    private static func derivedName(_ node: Node, names: [String], in module: IRModule) -> String {
        switch node.operation {
        case .constant(let value): return "_const_\(value.width)_\(value.hexDigits)"
        case .unary(let op, let a): return "_\(root(a, names))_\(op.rawValue)"
        case .binary(let op, let a, _): return "_\(root(a, names))_\(op.rawValue)"
        case .mux(let select, _, _): return "_\(root(select, names))_mux"
        case .slice(let a, let high, let low):
            return high == low ? "_\(root(a, names))_bit\(low)" : "_\(root(a, names))_\(high)_\(low)"
        case .concat(let parts): return "_\(parts.first.map { root($0, names) } ?? "")_cat"
        case .resize(let a):
            return "_\(root(a, names))_\(module[a].type.width > node.type.width ? "trunc" : "ext")"
        case .reinterpret(let a): return "_\(root(a, names))_as\(node.type.isSigned ? "s" : "u")"
        case .instancePort(let instance, let port):
            let portName = module.instancePortNames[instance].indices.contains(port) ? module.instancePortNames[instance][port] : "port\(port)"
            return "\(module.instances[instance].name)_\(portName)"
        case .memoryPort(let memory, let field): return "\(module.memories[memory].name)_\(field.rawValue)"
        case .input(let port), .output(let port): return module.ports[port].name
        case .wire: return "_wire"
        case .register(let index): return "_reg\(index)"
        }
    }
}
