import SerranoIR
import Testing

/// Names that clash across a module boundary are diagnostics, because Verilator -Wall flags them.
@Suite("ScopeCheck")
struct ScopeCheckTests {
    let here = SourceLocation(fileID: "Test/Scope.swift", line: 4)

    /// A child with input `a` and output `y` (= a), and a parent with one instance of it.
    func design(instanceName: String) -> Design {
        var child = IRModule(name: "Child", location: here)
        let a = child.add(Node(.input(port: 0), type: .uint(4), name: "a", location: here))
        let y = child.add(Node(.output(port: 1), type: .uint(4), name: "y", location: here))
        child.ports = [Port(name: "a", direction: .input, type: .uint(4), location: here, node: a),
                       Port(name: "y", direction: .output, type: .uint(4), location: here, node: y)]
        child.connections.append(Connection(target: y, value: a, block: 0, location: here))

        var parent = IRModule(name: "Parent", location: here)
        let input = parent.add(Node(.input(port: 0), type: .uint(4), name: "in", location: here))
        let output = parent.add(Node(.output(port: 1), type: .uint(4), name: "out", location: here))
        parent.ports = [Port(name: "in", direction: .input, type: .uint(4), location: here, node: input),
                        Port(name: "out", direction: .output, type: .uint(4), location: here, node: output)]
        let childIn = parent.add(Node(.instancePort(instance: 0, port: 0), type: .uint(4), location: here))
        let childOut = parent.add(Node(.instancePort(instance: 0, port: 1), type: .uint(4), location: here))
        parent.instances = [Instance(name: instanceName, moduleName: "Child", location: SourceLocation(fileID: "Test/Scope.swift", line: 9),
                                     portNodes: [childIn, childOut])]
        parent.connections.append(Connection(target: childIn, value: input, block: 0, location: here))
        parent.connections.append(Connection(target: output, value: childOut, block: 0, location: here))
        return Design(modules: [child, parent], topName: "Parent")
    }

    @Test("an instance named like a port inside its module is reported with a hint")
    func instanceNamedLikeChildPort() {
        guard case .failure(let error) = Legalization.run(design(instanceName: "y")) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.diagnostics.map(\.kind) == [.nameCollision])
        #expect(error.diagnostics.first?.description.hasPrefix(
            "Scope.swift:9: error: instance 'y' has the name of a signal or port inside module 'Child'") == true)
    }

    @Test("an instance with its own name legalizes")
    func distinctInstanceName() {
        #expect((try? Legalization.run(design(instanceName: "child")).get()) != nil)
    }

    @Test("a memory named like an SRAM port is reported")
    func memoryNamedLikeSRAMPort() {
        var module = IRModule(name: "M", location: here)
        module.memories = [Memory(name: "readData", kind: .oneReadOneWrite, depth: 4, width: 8, maskGranularity: nil, location: here, fields: [:])]
        let diagnostics = ScopeCheck.run(module, childNames: [:])
        #expect(diagnostics.map(\.kind) == [.nameCollision])
        #expect(diagnostics.first?.message == "memory 'readData' has the name of a port of its SRAM module")
    }
}
