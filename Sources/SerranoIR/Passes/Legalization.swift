/// The pass pipeline between elaboration and every backend: after it, each module has one
/// driver per sink, no combinational loop, and a Verilog name for every node. The printer and
/// the simulators take only its result, a `LegalDesign`.
public enum Legalization {
    /// Runs every check and pass; returns the legalized design or every diagnostic found.
    public static func run(_ design: Design) -> Result<LegalDesign, DiagnosticError> {
        var diagnostics: [Diagnostic] = []
        var result = design
        var childPaths: [String: [Int: [Int]]] = [:]
        var childNames: [String: Set<String>] = [:]
        let known = Set(design.modules.map(\.name))
        // Only a module that is instantiated needs its declared names (for its parents' check);
        // a top of 65,536 instances would otherwise build a set of every name it holds.
        var instantiated = Set<String>()
        for module in design.modules { for instance in module.instances { instantiated.insert(instance.moduleName) } }

        if design.top == nil {
            diagnostics.append(Diagnostic(.invalidArgument, at: .synthesized,
                                          "the design has no module named '\(design.topName)'",
                                          hint: "elaborate the top module before printing"))
        }
        var moduleDiagnostics: [Diagnostic] = []
        result.updateModules { module in
            if case .blackBox = module.kind {
                childPaths[module.name] = [:]  // a black box is assumed to register its outputs
                module.legalNames = module.nodes.map { $0.name ?? "" }
                childNames[module.name] = ScopeCheck.declaredNames(module)
                return
            }
            for instance in module.instances where !known.contains(instance.moduleName) {
                moduleDiagnostics.append(Diagnostic(.invalidArgument, at: instance.location,
                                                    "instance '\(instance.name)' refers to unknown module '\(instance.moduleName)'"))
            }
            moduleDiagnostics += NameCheck.run(module)
            moduleDiagnostics += ConnectionResolution.run(&module)
            let loops = LoopCheck.run(module, childPaths: childPaths)
            moduleDiagnostics += loops.diagnostics
            childPaths[module.name] = loops.portPaths
            Naming.run(&module)
            moduleDiagnostics += ScopeCheck.run(module, childNames: childNames)
            if instantiated.contains(module.name) { childNames[module.name] = ScopeCheck.declaredNames(module) }
        }
        diagnostics += moduleDiagnostics
        let errors = diagnostics.filter { $0.severity == .error }
        return errors.isEmpty ? .success(LegalDesign(checked: result)) : .failure(DiagnosticError(diagnostics))
    }
}
