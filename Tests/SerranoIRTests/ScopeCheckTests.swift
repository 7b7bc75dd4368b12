import SerranoIR
import Testing

/// Names that clash across a module boundary are diagnostics, because Verilator -Wall flags them.
@Suite("ScopeCheck")
struct ScopeCheckTests {
    let here = SourceLocation(fileID: "Test/Scope.swift", line: 4)

    /// A child with input `a` and output `y` (= a), and a parent with one instance of it.
    func design(instanceName: String) -> Design {
        var child = IRBuilder(name: "Child", location: here)
        let a = child.input("a", .uint(4), at: here)
        child.connect(child.output("y", .uint(4), at: here), a, at: here)

        var parent = IRBuilder(name: "Parent", location: here)
        let input = parent.input("in", .uint(4), at: here)
        let output = parent.output("out", .uint(4), at: here)
        let pins = parent.instance(instanceName, of: "Child", pins: [.uint(4), .uint(4)],
                                   at: SourceLocation(fileID: "Test/Scope.swift", line: 9)).pins
        parent.connect(pins[0], input, at: here)
        parent.connect(output, pins[1], at: here)
        return Design(modules: [child.module, parent.module], topName: "Parent")
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
