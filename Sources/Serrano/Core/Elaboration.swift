import SerranoIR

/// Turns a top module written in the DSL into a `LegalDesign`, or every diagnostic found.
public enum Elaboration {
    /// Elaborates `top` and every module it instantiates, then runs the IR's checks
    /// (`Legalization`). The design is ready for the Verilog printer and the simulators.
    public static func elaborate<M: Module>(_ top: M, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Result<LegalDesign, DiagnosticError> {
        let elaborator = Elaborator()
        // Circuits live until the whole design is elaborated, so that a signal leaked out of a
        // child's `build` is reported where it is used instead of ending the process; releasing
        // them afterwards breaks the circuit ↔ elaborator cycle.
        defer { elaborator.circuits.removeAll() }
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        guard let topName = elaborator.define(top, at: location) else {
            return .failure(DiagnosticError(elaborator.diagnostics))
        }
        let design = Design(modules: elaborator.modules, topName: topName)
        if !elaborator.diagnostics.isEmpty {
            // Report elaboration errors together with what the checks find in the rest, but not
            // the undriven ports and wires of a module that stopped building at its own
            // `c.error`/`c.require`: they follow from that error.
            if case .failure(let checks) = Legalization.run(design) {
                let stopped = elaborator.stoppedModules
                let own = checks.diagnostics.filter { $0.kind != .undriven || !stopped.contains($0.module ?? "") }
                return .failure(DiagnosticError(elaborator.diagnostics + own))
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
    /// The Swift type and parameters that defined each module name.
    var definedBy: [String: (type: ObjectIdentifier, parameters: [IRModule.Parameter])] = [:]
    var inProgress: Set<String> = []
    /// Modules that reported an error of their own (`Circuit.error`, `Circuit.require`).
    var stoppedModules: Set<String> = []
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
        let parameters = ModuleNaming.parameters(of: module)
        if let existing = definedBy[name] {
            if existing.type != type {
                diagnostics.append(Diagnostic(.nameCollision, at: location,
                                              "module name '\(name)' is used by two different Swift types",
                                              hint: "give one of them another `moduleName`"))
            } else if existing.parameters != parameters {
                // Two variants under one name would silently become one Verilog module.
                let describe: ([IRModule.Parameter]) -> String = { $0.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") }
                diagnostics.append(Diagnostic(.nameCollision, at: location,
                                              "module name '\(name)' stands for two different variants of \(M.self): (\(describe(existing.parameters))) and (\(describe(parameters)))",
                                              hint: "make `moduleName` include every parameter that changes the hardware, or use the default name"))
            }
            if inProgress.contains(name) {
                diagnostics.append(Diagnostic(.invalidArgument, at: location,
                                              "module '\(name)' instantiates itself",
                                              hint: "hardware recursion must end: make the parameters change and stop at a base case"))
            }
            return name
        }
        definedBy[name] = (type, parameters)
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
        circuit.markObservables()
        circuit.locate(location)
        modules.append(circuit.module)
        return name
    }
}

extension Circuit {
    /// Instantiates `module` here as `name`; returns its ports, to connect in this module.
    public func instance<M: Module>(_ module: M, _ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> M.Ports {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        let moduleName = elaborator.define(module, at: location) ?? module.moduleName
        let index = builder.instance(name, of: moduleName, at: location).index
        let ports = module.ports(PortBuilder(circuit: self, mode: .instance(index)))
        checkPins(of: index, against: moduleName, at: location)
        return ports
    }

    /// The pins an instance declared must be the child's ports: same count, widths, signedness.
    private func checkPins(of index: Int, against moduleName: String, at location: SourceLocation) {
        guard let child = elaborator.modules.last(where: { $0.name == moduleName }) else { return }
        let pins = module.instances[index].portNodes.map { module[$0].type }
        let expected = child.ports.map(\.type)
        guard pins != expected else { return }
        let first = zip(pins, expected).enumerated().first { $0.element.0 != $0.element.1 }
        let detail = first.map { "port '\(child.ports[$0.offset].name)' is \($0.element.1) in the module but \($0.element.0) here" }
            ?? "the module has \(expected.count) ports, the instance \(pins.count)"
        diagnose(.widthMismatch, "instance '\(module.instances[index].name)' does not match module '\(moduleName)': \(detail)",
                 hint: "`ports(_:)` must declare the same ports for the same parameters", at: location)
    }
}
