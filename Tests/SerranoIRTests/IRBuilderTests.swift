import Testing
import SerranoIR

/// `IRBuilder`: the one place IR nodes are made (the DSL, the fuzzer and the tests use it).
@Suite("IRBuilder")
struct IRBuilderTests {
    @Test("calls without a location count the lines of the builder's file")
    func countedLines() {
        var builder = IRBuilder(name: "Counted", countingLinesIn: "Tests/Counted.swift")
        let a = builder.input("a", .uint(4))
        let b = builder.add(.unary(.not, a), .uint(4))
        let fixed = builder.add(.unary(.not, b), .uint(4), at: SourceLocation(fileID: "Other.swift", line: 40))
        #expect(builder.module.location == SourceLocation(fileID: "Tests/Counted.swift", line: 1))
        #expect(builder.module[a].location == SourceLocation(fileID: "Tests/Counted.swift", line: 2))
        #expect(builder.module.ports[0].location == builder.module[a].location)
        #expect(builder.module[b].location == SourceLocation(fileID: "Tests/Counted.swift", line: 3))
        #expect(builder.module[fixed].location == SourceLocation(fileID: "Other.swift", line: 40))
        var synthesized = IRBuilder(name: "Plain", location: SourceLocation(fileID: "Plain.swift", line: 1))
        #expect(synthesized.nextLocation() == .synthesized)
    }

    @Test("a memory nobody reads or writes is idle, and legal, by its defaults")
    func idleMemory() throws {
        for kind in [Memory.Kind.oneReadOneWrite, .singlePort] {
            var builder = IRBuilder(name: "Idle", countingLinesIn: "Tests/Idle.swift")
            let index = builder.memory("ram", kind, depth: 4, width: 8, maskGranularity: 4)
            let memory = builder.module.memories[index]
            let y = builder.output("y", .uint(8))
            builder.connect(y, try #require(memory.fields[.readData]))
            let defaults = builder.module.connections.filter(\.isDefault)
            #expect(defaults.count == memory.fieldNames.filter(\.isSink).count)
            for connection in defaults {
                guard case .constant(let value) = builder.module[connection.value].operation else {
                    Issue.record("a default that is not a constant")
                    continue
                }
                #expect(value == BitVector(width: value.width))
            }
            let legal = try Legalization.run(Design(modules: [builder.module], topName: "Idle")).get()
            let enable = try #require(memory.fields[kind == .singlePort ? .enable : .readEnable])
            let driver = try #require(legal.top?.drivers[enable])
            #expect(legal.top?[driver].operation == .constant(BitVector(width: 1)))
        }
    }

    @Test("instances get one pin per child port, added in order at the instance's location")
    func instancePins() {
        var builder = IRBuilder(name: "Parent", countingLinesIn: "Tests/Parent.swift")
        let (index, pins) = builder.instance("u_child", of: "Child", pins: [.bool, .uint(3)])
        let extra = builder.pin(ofInstance: index, .sint(5))
        let instance = builder.module.instances[index]
        #expect(instance.portNodes == pins + [extra])
        #expect(instance.portNodes.map { builder.module[$0].operation } ==
                [.instancePort(instance: 0, port: 0), .instancePort(instance: 0, port: 1), .instancePort(instance: 0, port: 2)])
        #expect(instance.portNodes.allSatisfy { builder.module[$0].location == instance.location })
    }
}
