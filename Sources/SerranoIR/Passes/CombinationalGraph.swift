/// The combinational dependencies of a resolved module: for each node, the nodes whose value it
/// reads in the same cycle. Registers and memory read data break every path (they change only
/// on a clock edge); a child's output depends on the child's inputs it reaches combinationally.
public struct CombinationalGraph {
    /// `dependencies[n]`: the nodes `n` reads this cycle.
    public let dependencies: [[Int]]

    /// - Parameter childPaths: for each child module name, for each output port index, the
    ///   input port indices it depends on combinationally.
    public init(_ module: IRModule, childPaths: [String: [Int: [Int]]]) {
        var dependencies = Array(repeating: [Int](), count: module.nodes.count)
        for (index, node) in module.nodes.enumerated() {
            var reads = node.operation.operands.map(\.index)
            switch node.operation {
            case .wire, .output:
                if let driver = module.drivers[NodeID(index)] { reads.append(driver.index) }
            case .memoryPort(_, let field) where field.isSink:
                if let driver = module.drivers[NodeID(index)] { reads.append(driver.index) }
            case .instancePort(let instance, let port):
                if module.direction(ofInstance: instance, port: port) == .input {
                    if let driver = module.drivers[NodeID(index)] { reads.append(driver.index) }
                } else {
                    let child = module.instances[instance]
                    let inputs = childPaths[child.moduleName]?[port] ?? []
                    reads += inputs.compactMap { child.portNodes.indices.contains($0) ? child.portNodes[$0].index : nil }
                }
            default: break
            }
            dependencies[index] = reads
        }
        self.dependencies = dependencies
    }

    /// For each output port, the input ports it reaches combinationally.
    public func portPaths(of module: IRModule) -> [Int: [Int]] {
        var inputPortOfNode: [Int: Int] = [:]
        for (portIndex, port) in module.ports.enumerated() where port.direction == .input {
            inputPortOfNode[port.node.index] = portIndex
        }
        var paths: [Int: [Int]] = [:]
        for (portIndex, port) in module.ports.enumerated() where port.direction == .output {
            var seen = Set<Int>()
            var stack = [port.node.index]
            var inputs = Set<Int>()
            while let node = stack.popLast() {
                guard seen.insert(node).inserted else { continue }
                if let input = inputPortOfNode[node] { inputs.insert(input) }
                stack += dependencies[node]
            }
            paths[portIndex] = inputs.sorted()
        }
        return paths
    }

    /// Every cycle, as one representative loop per strongly connected component (Tarjan's
    /// algorithm, iterative so that deep netlists do not overflow the stack).
    public func cycles() -> [[Int]] {
        let count = dependencies.count
        var index = Array(repeating: -1, count: count)
        var lowLink = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var nextIndex = 0
        var components: [[Int]] = []

        for root in 0..<count where index[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = nextIndex; lowLink[root] = nextIndex; nextIndex += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < dependencies[node].count {
                    work[work.count - 1].edge += 1
                    let next = dependencies[node][edge]
                    if index[next] < 0 {
                        index[next] = nextIndex; lowLink[next] = nextIndex; nextIndex += 1
                        stack.append(next); onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], index[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { lowLink[parent.node] = min(lowLink[parent.node], lowLink[node]) }
                guard lowLink[node] == index[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                if component.count > 1 || dependencies[node].contains(node) { components.append(component) }
            }
        }
        return components.map(loop(within:))
    }

    /// A simple cycle through the component's smallest node, following dependencies.
    private func loop(within component: [Int]) -> [Int] {
        let members = Set(component)
        guard let start = component.min() else { return [] }
        var parent: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            for next in dependencies[node] where members.contains(next) {
                if next == start {
                    var path = [node]
                    var current = node
                    while current != start, let previous = parent[current] { path.append(previous); current = previous }
                    return path.reversed()
                }
                if parent[next] == nil && next != start { parent[next] = node; queue.append(next) }
            }
        }
        return component.sorted()
    }
}
