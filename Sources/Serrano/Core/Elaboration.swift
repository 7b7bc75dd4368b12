import SerranoIR

/// Turns a top module written in the DSL into a legalized `Design`, or every diagnostic found.
public enum Elaboration {
    /// Elaborates `top` and every module it instantiates, then runs the IR's checks
    /// (`Legalization`). The design is ready for the Verilog printer and the simulators.
    public static func elaborate<M: Module>(_ top: M, file: String = #fileID, line: Int = #line) -> Result<Design, DiagnosticError> {
        let elaborator = Elaborator()
        // Circuits live until the whole design is elaborated, so that a signal leaked out of a
        // child's `build` is reported where it is used instead of ending the process; releasing
        // them afterwards breaks the circuit ↔ elaborator cycle.
        defer { elaborator.circuits.removeAll() }
        let location = SourceLocation(fileID: file, line: line)
        guard let topName = elaborator.define(top, at: location) else {
            return .failure(DiagnosticError(elaborator.diagnostics))
        }
        let design = Design(modules: elaborator.modules, topName: topName)
        if !elaborator.diagnostics.isEmpty {
            // Report elaboration errors together with what the checks find in the rest.
            if case .failure(let checks) = Legalization.run(design) {
                return .failure(DiagnosticError(elaborator.diagnostics + checks.diagnostics))
            }
            return .failure(DiagnosticError(elaborator.diagnostics))
        }
        return Legalization.run(design)
    }
}

/// Elaboration state shared by every circuit of one design.
final class Elaborator {
    var diagnostics: [Diagnostic] = []
    /// Finished modules, children before parents.
    var modules: [IRModule] = []
    /// The Swift type that defined each module name.
    var definedBy: [String: ObjectIdentifier] = [:]
    var inProgress: Set<String> = []
    /// Every circuit built so far (see `Elaboration.elaborate`).
    var circuits: [Circuit] = []

    /// Elaborates `module` unless an identical one (same type and name) exists; returns its name.
    func define<M: Module>(_ module: M, at location: SourceLocation) -> String? {
        let name = module.moduleName
        if let problem = VerilogNames.problem(with: name) {
            diagnostics.append(Diagnostic(.invalidName, at: location, "module name '\(name)' \(problem)",
                                          hint: "override `moduleName` with a legal Verilog identifier"))
            return nil
        }
        let type = ObjectIdentifier(M.self)
        if let existing = definedBy[name] {
            if existing != type {
                diagnostics.append(Diagnostic(.nameCollision, at: location,
                                              "module name '\(name)' is used by two different Swift types",
                                              hint: "give one of them another `moduleName`"))
            }
            if inProgress.contains(name) {
                diagnostics.append(Diagnostic(.invalidArgument, at: location,
                                              "module '\(name)' instantiates itself",
                                              hint: "hardware recursion must end: make the parameters change and stop at a base case"))
            }
            return name
        }
        definedBy[name] = type
        inProgress.insert(name)
        defer { inProgress.remove(name) }

        let circuit = Circuit(name: name, location: location, elaborator: self)
        circuits.append(circuit)
        circuit.module.parameters = ModuleNaming.parameters(of: module)
        if let blackBox = module as? any BlackBox {
            circuit.module.kind = .blackBox(source: blackBox.verilogSource, usesClock: blackBox.usesClock, usesReset: blackBox.usesReset)
        }
        let ports = module.ports(PortBuilder(circuit: circuit, mode: .definition))
        module.build(ports, circuit)
        circuit.locate(location)
        modules.append(circuit.module)
        return name
    }
}

extension Circuit {
    /// Instantiates `module` here as `name`; returns its ports, to connect in this module.
    public func instance<M: Module>(_ module: M, _ name: String, file: String = #fileID, line: Int = #line) -> M.Ports {
        let location = SourceLocation(fileID: file, line: line)
        locate(location)
        let moduleName = elaborator.define(module, at: location) ?? module.moduleName
        let index = self.module.instances.count
        self.module.instances.append(Instance(name: name, moduleName: moduleName, location: location, portNodes: []))
        return module.ports(PortBuilder(circuit: self, mode: .instance(index)))
    }
}
