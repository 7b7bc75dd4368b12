import Serrano

/// A throwaway module for tests: ports and body given as closures.
struct Probe<P>: Module {
    let name: String
    let declare: (PortBuilder) -> P
    let body: (P, Circuit) -> Void

    init(_ name: String = "Probe", ports: @escaping (PortBuilder) -> P, build: @escaping (P, Circuit) -> Void) {
        self.name = name
        self.declare = ports
        self.body = build
    }

    var moduleName: String { name }
    func ports(_ p: PortBuilder) -> P { declare(p) }
    func build(_ io: P, _ c: Circuit) { body(io, c) }
}

/// Elaborates and returns the diagnostics (empty when the design is fine).
func diagnostics<M: Module>(of module: M) -> [Diagnostic] {
    switch Elaboration.elaborate(module) {
    case .success: return []
    case .failure(let error): return error.diagnostics
    }
}
