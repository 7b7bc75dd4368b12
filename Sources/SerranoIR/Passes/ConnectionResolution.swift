/// Turns a module's connections into one driver per sink.
///
/// Semantics (documented for users in the DSL's `when`): a connection in a `when` branch
/// overrides, on the cycles the branch is taken, whatever was connected before it. A sink may be
/// connected once per block; connecting it again in the same block, or in an enclosing block
/// after a nested connection, is a second driver. A register keeps its value on paths that do
/// not assign it; any other sink must be assigned on every path, or it would be a latch.
///
/// Checks made here, each a diagnostic: driving something that is not a sink (an input port, a
/// child's output, an expression), signedness and width mismatches (narrowing needs an explicit
/// `.truncated(to:)`; widening extends by the value's signedness), multiple drivers, latches and
/// undriven sinks.
public enum ConnectionResolution {
    public static func run(_ module: inout IRModule) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var byTarget: [NodeID: [Connection]] = [:]
        var targetOrder: [NodeID] = []
        byTarget.reserveCapacity(module.connections.count)
        targetOrder.reserveCapacity(module.connections.count)

        var rejected = Set<NodeID>()
        for connection in module.connections {
            guard module.isSink(connection.target) else {
                diagnostics.append(directionViolation(connection, in: module))
                continue
            }
            guard let resized = conform(connection, in: &module, diagnostics: &diagnostics) else {
                rejected.insert(connection.target)  // already reported; not "undriven" as well
                continue
            }
            if byTarget[connection.target] == nil { targetOrder.append(connection.target) }
            byTarget[connection.target, default: []].append(resized)
        }

        let children = childChains(of: module.blocks)
        var drivers = NodeTable<NodeID>()
        var driverLocations = NodeTable<SourceLocation>()
        drivers.reserveCapacity(module.nodes.count)
        driverLocations.reserveCapacity(module.nodes.count)
        for target in targetOrder {
            let connections = byTarget[target] ?? []
            driverLocations[target] = connections.last { !$0.isDefault }?.location ?? connections.last?.location
            diagnostics += multipleDrivers(connections, target: target, in: module)
            if let driver = lower(connections, target: target, children: children, in: &module, diagnostics: &diagnostics) {
                drivers[target] = driver
            }
        }
        diagnostics += undriven(module, drivers: drivers, attempted: Set(byTarget.keys).union(rejected))
        module.drivers = drivers
        module.driverLocations = driverLocations
        return diagnostics
    }

    /// A readable description of a sink or source for messages: `output 'sum'`, `wire 't'`.
    public static func describe(_ id: NodeID, in module: IRModule) -> String {
        let node = module[id]
        let name = node.name ?? "value"
        switch node.operation {
        case .input: return "input port '\(name)'"
        case .output: return "output '\(name)'"
        case .wire: return "wire '\(name)'"
        case .register: return "register '\(name)'"
        case .instancePort(let instance, let port):
            let instanceName = module.instances[instance].name
            let direction = module.direction(ofInstance: instance, port: port) == .input ? "input" : "output"
            let portName = module.instancePortNames[instance].indices.contains(port) ? module.instancePortNames[instance][port] : name
            return "\(direction) '\(portName)' of instance '\(instanceName)'"
        case .memoryPort(let memory, let field):
            return "\(field.rawValue) of memory '\(module.memories[memory].name)'"
        default: return node.name.map { "'\($0)'" } ?? "an expression"
        }
    }

    private static func directionViolation(_ connection: Connection, in module: IRModule) -> Diagnostic {
        let what = describe(connection.target, in: module)
        let node = module[connection.target]
        let hint: String
        switch node.operation {
        case .input: hint = "an input is driven by the parent; drive an output or a wire instead"
        case .instancePort(let instance, _):
            hint = "a child's output drives the parent; connect it the other way round (`x.assign(\(module.instances[instance].name).port)`)"
        case .memoryPort: hint = "read data comes out of the memory; connect it to a wire or register"
        default: hint = "only wires, registers, outputs, child inputs and memory inputs can be connected; give the value a wire"
        }
        return Diagnostic(.directionViolation, at: connection.location,
                          "cannot drive \(what) in module '\(module.name)': it is a source, not a sink",
                          hint: hint, related: [node.location])
    }

    /// Checks the value's type against the target's; widens it when needed.
    private static func conform(_ connection: Connection, in module: inout IRModule, diagnostics: inout [Diagnostic]) -> Connection? {
        let targetType = module[connection.target].type
        let valueType = module[connection.value].type
        let targetName = module[connection.target].name ?? "value"
        if targetType.isSigned != valueType.isSigned && !(valueType.width == 1 && targetType.width == 1) {
            let convert = targetType.isSigned ? ".asSInt()" : ".asUInt()"
            diagnostics.append(Diagnostic(
                .signednessMismatch, at: connection.location,
                "connecting a \(valueType) value to '\(targetName)' (\(targetType)) mixes signed and unsigned",
                hint: "convert explicitly, e.g. `\(convert)` after extending if the value must keep its sign"))
            return nil
        }
        if valueType.width > targetType.width {
            let dropped = valueType.width - targetType.width == 1
                ? "bit \(targetType.width)" : "bits \(valueType.width - 1)…\(targetType.width)"
            diagnostics.append(Diagnostic(
                .implicitNarrowing, at: connection.location,
                "connecting a \(valueType.width)-bit value to '\(targetName)' (\(targetType.width) bits) would drop \(dropped)",
                hint: "widen '\(targetName)', or write `.truncated(to: \(targetType.width))` if dropping \(valueType.width - targetType.width == 1 ? "it" : "them") is intended",
                related: [module[connection.target].location]))
            return nil
        }
        var conformed = connection
        if valueType.width < targetType.width {
            let extended = Node(.resize(connection.value), type: HardwareType(width: targetType.width, isSigned: valueType.isSigned),
                                location: connection.location)
            conformed.value = module.add(extended)
        }
        if targetType.isSigned != valueType.isSigned {
            conformed.value = module.add(Node(.reinterpret(conformed.value), type: targetType, location: connection.location))
        }
        return conformed
    }

    private static func isAncestor(_ ancestor: Int, of block: Int, in blocks: [ConditionalBlock]) -> Bool {
        var current: Int? = block
        while let index = current {
            if index == ancestor { return true }
            current = blocks[index].parent
        }
        return false
    }

    private static func multipleDrivers(_ connections: [Connection], target: NodeID, in module: IRModule) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let real = connections.filter { !$0.isDefault }
        for (laterIndex, later) in real.enumerated() {
            guard let earlier = real[..<laterIndex].last(where: { isAncestor(later.block, of: $0.block, in: module.blocks) }) else { continue }
            let what = describe(target, in: module)
            diagnostics.append(Diagnostic(
                .multipleDrivers, at: later.location,
                "multiple drivers for \(what): driven at \(earlier.location) and again at \(later.location)",
                hint: "drive it once per block; to override on some cycles, put the second connection inside `when`",
                related: [earlier.location, later.location]))
        }
        return diagnostics
    }

    /// For each block, its child branches grouped by chain (in order).
    private static func childChains(of blocks: [ConditionalBlock]) -> [[Int: [Int]]] {
        var children = Array(repeating: [Int: [Int]](), count: blocks.count)
        for (index, block) in blocks.enumerated() {
            if let parent = block.parent { children[parent][block.chain, default: []].append(index) }
        }
        return children
    }

    /// Whether every path through `block` assigns the target.
    private static func covers(_ block: Int, assigned: Set<Int>, blocks: [ConditionalBlock], children: [[Int: [Int]]]) -> Bool {
        if assigned.contains(block) { return true }
        for chain in children[block].keys.sorted() {
            let branches = children[block][chain] ?? []
            guard branches.contains(where: { blocks[$0].isOtherwise }) else { continue }
            if branches.allSatisfy({ covers($0, assigned: assigned, blocks: blocks, children: children) }) { return true }
        }
        return false
    }

    private static func lower(_ connections: [Connection], target: NodeID, children: [[Int: [Int]]],
                              in module: inout IRModule, diagnostics: inout [Diagnostic]) -> NodeID? {
        guard let first = connections.first else { return nil }
        let targetNode = module[target]
        var base: NodeID
        if case .register = targetNode.operation {
            base = target
        } else if covers(0, assigned: Set(connections.map(\.block)), blocks: module.blocks, children: children) {
            // Every path assigns it, so the first value can stand in for "unassigned".
            base = first.value
        } else {
            let conditional = connections.first { $0.block != 0 } ?? first
            diagnostics.append(Diagnostic(
                .latch, at: conditional.location,
                "\(describe(target, in: module)) is not assigned on every path: it would hold its value (a latch)",
                hint: "give it a default (`wire(default:)` or an unconditional connection before the `when`), or assign it in an `otherwise` branch",
                related: connections.map(\.location)))
            return nil
        }
        // Lowered along the block tree: within a block, its own connection, then each chain of
        // branches under it as muxes on the branches' own conditions (an earlier branch is the
        // outer mux, so it takes priority). A `switch` then lowers to muxes on `sel == value`,
        // which the printer shows as a `case`.
        var direct: [Int: [Connection]] = [:]
        var relevant = Set<Int>()
        var firstLocation: [Int: SourceLocation] = [:]
        for connection in connections {
            direct[connection.block, default: []].append(connection)
            var block: Int? = connection.block
            while let current = block, module.blocks.indices.contains(current) {
                relevant.insert(current)
                if firstLocation[current] == nil { firstLocation[current] = connection.location }
                block = module.blocks[current].parent
            }
        }
        func lowerBlock(_ block: Int, _ incoming: NodeID, _ module: inout IRModule) -> NodeID {
            var value = incoming
            for connection in direct[block] ?? [] { value = connection.value }
            let chains = children.indices.contains(block) ? children[block] : [:]
            for chain in chains.keys.sorted() {
                let branches = chains[chain] ?? []
                guard let last = branches.lastIndex(where: { relevant.contains($0) }) else { continue }
                var result = value
                for branch in branches[...last].reversed() {
                    let inner = lowerBlock(branch, value, &module)
                    let info = module.blocks[branch]
                    guard !info.isOtherwise, let select = info.localCondition ?? info.condition else {
                        result = inner
                        continue
                    }
                    if inner == result { continue }
                    let location = firstLocation[branch] ?? first.location
                    result = module.add(Node(.mux(select: select, whenTrue: inner, whenFalse: result), type: targetNode.type, location: location))
                }
                value = result
            }
            return value
        }
        return lowerBlock(0, base, &module)
    }

    private static func undriven(_ module: IRModule, drivers: NodeTable<NodeID>, attempted: Set<NodeID>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, node) in module.nodes.enumerated() {
            let id = NodeID(index)
            guard drivers[id] == nil, !attempted.contains(id), module.isSink(id) else { continue }
            let what = describe(id, in: module)
            let hint: String
            switch node.operation {
            case .register: hint = "assign its next value (`\(node.name ?? "r").assign(…)`), or use a constant if it never changes"
            case .instancePort: hint = "connect every input of a child"
            default: hint = "drive it (`\(node.name ?? "x").assign(…)`)"
            }
            diagnostics.append(Diagnostic(.undriven, at: node.location,
                                          "\(what) in module '\(module.name)' is never driven", hint: hint, module: module.name))
        }
        return diagnostics
    }
}
