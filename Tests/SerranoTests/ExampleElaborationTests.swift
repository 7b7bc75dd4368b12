import Testing
import Serrano
import SerranoExamples

@Suite("Examples elaborate")
struct ExampleElaborationTests {
    @Test("every example elaborates without diagnostics", arguments: Examples.all.map(\.name))
    func elaborates(name: String) throws {
        let entry = try #require(Examples.named(name))
        switch entry.elaborate() {
        case .success(let design):
            #expect(design.top != nil)
            for module in design.modules { #expect(module.legalNames.count == module.nodes.count) }
        case .failure(let error):
            Issue.record("\(name) failed:\n\(error)")
        }
    }

    @Test("the systolic array instantiates one PE per cell and shares one definition")
    func systolicStructure() throws {
        let design = try Elaboration.elaborate(SystolicArray(rows: 3, columns: 5)).get()
        let top = try #require(design.top)
        #expect(top.instances.count == 15)
        #expect(Set(top.instances.map(\.moduleName)) == ["ProcessingElement_accWidth32"])
        #expect(design.modules.map(\.name) == ["ProcessingElement_accWidth32", "SystolicArray_3x5"])
        #expect(top.ports.map(\.name).prefix(4) == ["activation_0", "activation_1", "activation_2", "weight_0"])
    }
}
