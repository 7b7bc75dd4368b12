import SerranoExamples
import SerranoIR

/// The DSL examples, elaborated and legalized.
enum ExampleDesigns {
    static func design(_ name: String) throws -> LegalDesign {
        guard let entry = Examples.named(name) else { throw TestDesignError.rejected("no example named \(name)") }
        switch entry.elaborate() {
        case .success(let design): return design
        case .failure(let error): throw TestDesignError.rejected(error.description)
        }
    }
}
