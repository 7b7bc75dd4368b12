/// A whole design: every module it uses, children before parents, and the top's name.
public struct Design: Hashable, Sendable {
    public private(set) var modules: [IRModule]
    public let topName: String

    /// Builds a design from modules given children first; fills in what a parent needs to know
    /// about its children (port directions, whether they need clock and reset).
    public init(modules: [IRModule], topName: String) {
        self.modules = modules
        self.topName = topName
        linkInstances()
    }

    public var top: IRModule? { modules.first { $0.name == topName } }

    public func module(named name: String) -> IRModule? {
        index(ofModule: name).map { modules[$0] }
    }

    public func index(ofModule name: String) -> Int? {
        modules.firstIndex { $0.name == name }
    }

    /// Replaces every module with `transform(module)`, children first.
    public mutating func updateModules(_ transform: (inout IRModule) -> Void) {
        for index in modules.indices { transform(&modules[index]) }
        linkInstances()
    }

    /// Every distinct memory shape, for printing one SRAM module per shape.
    public var memoryShapes: [Memory] {
        var seen = Set<String>()
        var shapes: [Memory] = []
        for module in modules {
            for memory in module.memories where seen.insert(memory.shapeName).inserted {
                shapes.append(memory)
            }
        }
        return shapes
    }

    private mutating func linkInstances() {
        var needsClock: [String: Bool] = [:]
        var needsReset: [String: Bool] = [:]
        for index in modules.indices {
            var module = modules[index]
            let children = module.instances.map { instance in modules.first { $0.name == instance.moduleName } }
            module.instancePortDirections = children.map { $0?.ports.map(\.direction) ?? [] }
            module.instancePortNames = children.map { $0?.ports.map(\.name) ?? [] }
            if case .blackBox(_, let usesClock, let usesReset) = module.kind {
                module.usesClockThroughChildren = usesClock
                module.usesReset = usesReset
            } else {
                module.usesClockThroughChildren = module.instances.contains { needsClock[$0.moduleName] ?? false }
                module.usesReset = module.registers.contains { $0.resetValue != nil } || !module.checks.isEmpty
                    || module.instances.contains { needsReset[$0.moduleName] ?? false }
            }
            needsClock[module.name] = module.isSequential
            needsReset[module.name] = module.usesReset
            modules[index] = module
        }
    }
}
