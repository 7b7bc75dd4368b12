/// Finds combinational loops, through child instances too, and reports each with every source
/// line on it.
public enum LoopCheck {
    public static func run(_ module: IRModule, childPaths: [String: [Int: [Int]]]) -> (diagnostics: [Diagnostic], portPaths: [Int: [Int]]) {
        let graph = CombinationalGraph(module, childPaths: childPaths)
        var diagnostics: [Diagnostic] = []
        for cycle in graph.cycles() {
            let ids = cycle.map(NodeID.init)
            let labels = ids.map { label($0, in: module) }
            let chain = (labels + [labels.first ?? ""]).joined(separator: " ← ")
            // Where each signal on the loop is declared and where it is driven.
            let locations = orderedUnique(ids.flatMap { [location(of: $0, in: module), module[$0].location] })
            let anchor = ids.first { module[$0].name != nil }.map { module[$0].location } ?? locations.first ?? module.location
            diagnostics.append(Diagnostic(
                .combinationalLoop, at: anchor,
                "combinational loop in module '\(module.name)': \(chain)",
                hint: "break the loop with a register (`regNext`), or compute one of these signals from values that do not depend on it",
                related: locations))
        }
        return (diagnostics, graph.portPaths(of: module))
    }

    private static func label(_ id: NodeID, in module: IRModule) -> String {
        let node = module[id]
        let name: String
        switch node.operation {
        case .instancePort(let instance, let port):
            let portName = module.instancePortNames[instance].indices.contains(port) ? module.instancePortNames[instance][port] : "port\(port)"
            name = "\(module.instances[instance].name).\(portName)"
        case .mux: name = node.name ?? "mux"
        case .binary(let op, _, _): name = node.name ?? op.rawValue
        case .unary(let op, _): name = node.name ?? op.rawValue
        default: name = node.name ?? "value"
        }
        return "\(name) (\(location(of: id, in: module)))"
    }

    /// Where a sink is driven (that is where the loop is closed), else where the node is made.
    private static func location(of id: NodeID, in module: IRModule) -> SourceLocation {
        module.driverLocations[id] ?? module[id].location
    }

    private static func orderedUnique(_ locations: [SourceLocation]) -> [SourceLocation] {
        var seen = Set<SourceLocation>()
        return locations.filter { seen.insert($0).inserted }
    }
}
