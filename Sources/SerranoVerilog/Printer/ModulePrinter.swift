import SerranoIR

/// Prints one legalized module as a Verilog-2005 file.
///
/// Layout, top to bottom: header comment, port list (implicit `clock` and `reset` first),
/// declarations, continuous assignments in node order, one `always` block per register, then
/// child and memory instances. Every declaration and statement ends with the `File.swift:LINE`
/// it came from.
struct ModulePrinter {
    let module: IRModule
    /// Every module of the design by name, to know which children take a clock and a reset.
    let modules: [String: IRModule]
    private var expressions: Expressions
    private var names: [String] { expressions.names }
    /// Where each sink was last connected: the line its `assign` cites.
    private let connectionLocations: [Int: SourceLocation]
    /// Mux chains printed as `case` statements.
    private let cases: CaseChains
    /// Per state register (by node index): the `localparam` name of each state code.
    private var stateNames: [Int: [BitVector: String]] = [:]
    /// The `localparam`s of the module's state machines, in declaration order.
    private var localparams: [(name: String, width: Int, code: BitVector, location: SourceLocation)] = []

    init(module: IRModule, modules: [String: IRModule]) {
        self.module = module
        self.modules = modules
        var usage = SignalUsage(module)
        let cases = CaseChains(module, live: usage.live)
        var names = module.legalNames
        var taken = Set(names)
        var sinkOf: [Int: Int] = [:]
        for (sink, driver) in module.drivers { sinkOf[driver.index] = sink.index }
        for head in cases.chains.keys.sorted() {
            // The chain's value is declared: name it after the sink it drives when it has one.
            usage.inlined[head] = false
            if let sink = sinkOf[head], names.indices.contains(sink) {
                var candidate = "\(names[sink])_next"
                var suffix = 2
                while taken.contains(candidate) {
                    candidate = "\(names[sink])_next_\(suffix)"
                    suffix += 1
                }
                taken.insert(candidate)
                names[head] = candidate
            }
        }
        self.cases = cases
        var stateNames: [Int: [BitVector: String]] = [:]
        var localparams: [(name: String, width: Int, code: BitVector, location: SourceLocation)] = []
        for enumeration in module.enumerations where names.indices.contains(enumeration.register.index) {
            var byCode: [BitVector: String] = [:]
            let register = names[enumeration.register.index]
            for (caseName, code) in zip(enumeration.caseNames, enumeration.codes) {
                var candidate = "\(register)_\(caseName)".uppercased()
                var suffix = 2
                while taken.contains(candidate) || VerilogNames.keywords.contains(candidate) {
                    candidate = "\(register)_\(caseName)_\(suffix)".uppercased()
                    suffix += 1
                }
                taken.insert(candidate)
                byCode[code] = candidate
                localparams.append((candidate, code.width, code, module[enumeration.register].location))
            }
            stateNames[enumeration.register.index] = byCode
        }
        self.stateNames = stateNames
        self.localparams = localparams
        self.expressions = Expressions(module: module, names: names, usage: usage)
        self.expressions.stateNames = stateNames
        var locations: [Int: SourceLocation] = [:]
        for (sink, location) in module.driverLocations { locations[sink.index] = location }
        self.connectionLocations = locations
    }

    mutating func print() throws -> String {
        // Statements first: printing them records which bits of each signal are read, which
        // the declarations need for their lint waivers.
        let assigns = try assignStatements()
        let registers = try registerBlocks()
        let checks = checkBlock()
        let instances = instanceBlocks()
        let ports = portList()
        let declarations = declarationTable()

        var lines = header()
        lines.append("`default_nettype none")
        lines.append("")
        if ports.isEmpty {
            lines.append("module \(module.name);")
        } else {
            lines.append("module \(module.name) (")
            lines += ports.render(indent: "    ")
            lines.append(");")
        }
        var assignLines = assigns.render()
        while assignLines.last == "" { assignLines.removeLast() }
        for section in [declarations.render(indent: "    "), assignLines, registers, checks, instances] where !section.isEmpty {
            lines.append("")
            lines += section
        }
        lines.append("")
        lines.append("endmodule")
        lines.append("")
        lines.append("`default_nettype wire")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Header and ports

    private func header() -> [String] {
        var lines = [
            "// \(module.name): generated by Serrano from \(module.location).",
            "// Do not edit: change the Swift source and regenerate.",
        ]
        if module.parameters.isEmpty {
            lines.append("// Parameters: none.")
        } else {
            lines.append("// Parameters:")
            for parameter in module.parameters { lines.append("//   \(parameter.name) = \(parameter.value)") }
        }
        lines.append("")
        return lines
    }

    private func portList() -> TextTable {
        var entries: [(cells: [String], waiver: [String]?)] = []
        if module.isSequential {
            entries.append((["input", "wire", "", "", "clock", "// clock of every register, memory and child"], nil))
        }
        if module.usesReset {
            entries.append((["input", "wire", "", "", "reset", "// synchronous, active high"], nil))
        }
        for port in module.ports {
            let type = port.type
            let direction = port.direction == .input ? "input" : "output"
            let waiver = port.direction == .input ? expressions.usage.unreadBits(port.node, width: type.width) : nil
            let mark = module.nodes.indices.contains(port.node.index) && module[port.node].isObservable ? " \(Self.observableMark)" : ""
            entries.append(([direction, "wire", type.isSigned ? "signed" : "", Self.range(type.width), port.name + mark,
                             "// \(port.location)"], waiver))
        }
        var table = TextTable()
        for (index, entry) in entries.enumerated() {
            var cells = entry.cells
            if index < entries.count - 1 { cells[4] += "," }
            Self.addWaived(cells, unread: entry.waiver, to: &table)
        }
        return table
    }

    /// A declaration row, wrapped in a Verilator waiver when some of its bits are never read.
    ///
    /// Unread bits are legitimate (an input whose high bits a child ignores, a sum whose carry is
    /// dropped), but Verilator -Wall flags them as UNUSEDSIGNAL. The waiver covers only this
    /// declaration and says which bits.
    private static func addWaived(_ cells: [String], unread: [String]?, to table: inout TextTable) {
        guard let unread else {
            table.row(cells)
            return
        }
        let what = unread == ["all"] ? "not read here" : "bits \(unread.joined(separator: ", ")) not read here"
        table.raw("/* verilator lint_off UNUSEDSIGNAL */  // \(what)")
        table.row(cells)
        table.raw("/* verilator lint_on UNUSEDSIGNAL */")
    }

    /// Keeps a signal readable by name in a Verilator model (`Simulator.peekSignal`) without
    /// stopping Verilator from inlining its module.
    static let observableMark = "/*verilator public_flat_rd*/"

    static func range(_ width: Int) -> String { width == 1 ? "" : "[\(width - 1):0]" }

    // MARK: Declarations

    /// Whether the node is declared in the module body (not a port, not an inlined constant).
    private func isDeclared(_ index: Int) -> Bool {
        guard expressions.usage.live[index], !expressions.usage.inlined[index], !cases.hidden.contains(index) else { return false }
        let node = module.nodes[index]
        switch node.operation {
        case .input, .output: return false
        case .constant: return node.name != nil
        default: return true
        }
    }

    private func declarationTable() -> TextTable {
        var table = TextTable()
        // Every state is named, used or not (a one-hot machine tests bits, not codes).
        if !localparams.isEmpty { table.raw("/* verilator lint_off UNUSEDPARAM */") }
        for parameter in localparams {
            table.row(["localparam", "", Self.range(parameter.width), "\(parameter.name) = \(Literal.text(parameter.code, sourceSigned: false, width: parameter.width, verilogSigned: false));",
                       "// \(parameter.location)"])
        }
        if !localparams.isEmpty { table.raw("/* verilator lint_on UNUSEDPARAM */") }
        for (index, node) in module.nodes.enumerated() where isDeclared(index) {
            var kind = "wire"
            if case .register = node.operation { kind = "reg" }
            if cases.chains[index] != nil { kind = "reg" }
            let cells = [kind, node.type.isSigned ? "signed" : "", Self.range(node.type.width),
                         names[index] + (node.isObservable ? " \(Self.observableMark);" : ";"),
                         "// \(node.location)"]
            Self.addWaived(cells, unread: expressions.usage.unreadBits(NodeID(index), width: node.type.width), to: &table)
        }
        return table
    }

    // MARK: Statements

    private mutating func assignStatements() throws -> CommentedLines {
        var lines = CommentedLines()
        for (index, node) in module.nodes.enumerated() where expressions.usage.live[index] && !cases.hidden.contains(index) {
            let id = NodeID(index)
            if let chain = cases.chains[index] {
                caseStatement(chain, target: index, into: &lines)
                continue
            }
            let width = node.type.width
            let value: String
            var location = node.location
            if isDrivenSink(node) {
                guard let driver = module.drivers[id] else {
                    throw VerilogPrinter.Error.inconsistent(module: module.name, reason: "'\(names[index])' has no driver")
                }
                value = try sinkValue(of: driver, width: width)
                location = connectionLocations[index] ?? node.location
            } else if isDeclared(index), let expression = expressions.expression(for: id) {
                value = expression
            } else {
                continue
            }
            lines.add("    assign \(names[index]) = \(value);", comment: location.description)
        }
        return lines
    }

    /// A chain of `x == c ? v : …` muxes as `always @(*) case (x)`, state codes by name.
    private mutating func caseStatement(_ chain: CaseChains.Chain, target: Int, into lines: inout CommentedLines) {
        let node = module.nodes[target]
        let width = node.type.width
        let name = names[target]
        let selectorWidth = module[chain.selector].type.width
        let selectorStates = stateNames[chain.selector.index] ?? [:]
        var drivenStates: [BitVector: String] = [:]
        for (sink, driver) in module.drivers where driver.index == target { drivenStates = stateNames[sink.index] ?? [:] }
        let selector = expressions.operand(chain.selector, width: selectorWidth)
        if !lines.isEmpty && lines.entries.last?.code != "" { lines.add("", comment: nil) }
        lines.add("    always @(*)", comment: nil)
        lines.add("        case (\(selector))", comment: nil)
        for arm in chain.arms {
            guard case .constant(let value) = module[arm.constant].operation else { continue }
            let code = Literal.resized(value, sourceSigned: module[arm.constant].type.isSigned, to: selectorWidth)
            let item = selectorStates[code] ?? Literal.text(code, sourceSigned: false, width: selectorWidth, verilogSigned: false)
            lines.add("            \(item): \(name) = \(caseValue(arm.value, width: width, states: drivenStates));", comment: arm.location.description)
        }
        lines.add("            default: \(name) = \(caseValue(chain.fallback, width: width, states: drivenStates));", comment: node.location.description)
        lines.add("        endcase", comment: nil)
        lines.add("", comment: nil)
    }

    /// An arm's value; a constant that is a state code of the driven register prints by name.
    private mutating func caseValue(_ id: NodeID, width: Int, states: [BitVector: String]) -> String {
        if case .constant(let value) = module[id].operation, module[id].name == nil,
           let state = states[Literal.resized(value, sourceSigned: module[id].type.isSigned, to: width)] {
            return state
        }
        return expressions.operand(id, width: width)
    }

    /// The text a sink takes from its driver: the driver's expression itself when the driver is
    /// an inlined temporary, else the driver's name (or literal) at the sink's width.
    private mutating func sinkValue(of driver: NodeID, width: Int) throws -> String {
        guard expressions.usage.inlined[driver.index] else { return expressions.operand(driver, width: width) }
        guard let expression = expressions.expression(for: driver) else {
            throw VerilogPrinter.Error.inconsistent(module: module.name, reason: "'\(names[driver.index])' is not an expression")
        }
        return expression
    }

    /// Sinks other than registers: their value is their driver, by a continuous assignment.
    private func isDrivenSink(_ node: Node) -> Bool {
        switch node.operation {
        case .wire, .output: return true
        case .instancePort(let instance, let port): return module.direction(ofInstance: instance, port: port) == .input
        case .memoryPort(_, let field): return field.isSink
        default: return false
        }
    }

    /// One `always` block per register, comments in one column, a blank line after each block
    /// that takes more than one line.
    private mutating func registerBlocks() throws -> [String] {
        var lines = CommentedLines()
        for register in module.registers {
            let id = register.node
            let node = module[id]
            let name = names[id.index]
            guard let driver = module.drivers[id] else {
                throw VerilogPrinter.Error.inconsistent(module: module.name, reason: "register '\(name)' has no next value")
            }
            let next = try sinkValue(of: driver, width: node.type.width)
            let declared = node.location.description
            let assigned = (connectionLocations[id.index] ?? node.location).description
            var update = "\(name) <= \(next);"
            if let enable = register.enable {
                update = "if (\(expressions.operand(enable, width: 1))) " + update
            }
            let separate = !lines.isEmpty && lines.entries.last?.code != ""
            if let resetValue = register.resetValue {
                let initial = stateNames[id.index]?[resetValue]
                    ?? Literal.text(resetValue, sourceSigned: node.type.isSigned, width: node.type.width, verilogSigned: false)
                if separate { lines.add("", comment: nil) }
                lines.add("    always @(posedge clock)", comment: declared)
                lines.add("        if (reset) \(name) <= \(initial);", comment: declared)
                lines.add("        else " + update, comment: assigned)
                lines.add("", comment: nil)
            } else if register.enable != nil {
                if separate { lines.add("", comment: nil) }
                lines.add("    always @(posedge clock)", comment: declared)
                lines.add("        " + update, comment: assigned)
                lines.add("", comment: nil)
            } else {
                lines.add("    always @(posedge clock) " + update, comment: assigned)
            }
        }
        var rendered = lines.render()
        while rendered.last == "" { rendered.removeLast() }
        return rendered
    }

    /// Assertions, assumptions and covers, for simulation only: inside `ifndef SYNTHESIS`
    /// (Yosys defines SYNTHESIS), in plain Verilog-2005 so every simulator runs them. A failed
    /// assertion prints its Swift location and message and executes `$stop` on the edge it
    /// fails; a cover counts in a 64-bit register, `<cover>_count`, public to Verilator.
    private mutating func checkBlock() -> [String] {
        guard !module.checks.isEmpty else { return [] }
        var lines = CommentedLines()
        lines.add("`ifndef SYNTHESIS", comment: nil)
        let covers = module.checks.filter { $0.kind == .cover }
        for cover in covers {
            lines.add("    reg [63:0] \(names[cover.condition.index])_count /*verilator public*/ = 64'd0;", comment: cover.location.description)
        }
        lines.add("    // Checked at each rising clock edge outside reset (simulation only).", comment: nil)
        lines.add("    always @(posedge clock)", comment: nil)
        lines.add("        if (!reset) begin", comment: nil)
        for check in module.checks {
            let condition = expressions.operand(check.condition, width: 1)
            switch check.kind {
            case .assert, .assume:
                let text = "\(Self.verilogString(check.report))"
                lines.add("            if (!\(condition)) begin $display(\"\(check.kind.rawValue) failed in %m: \(text)\"); $stop; end",
                          comment: check.location.description)
            case .cover:
                let counter = "\(names[check.condition.index])_count"
                lines.add("            if (\(condition)) \(counter) <= \(counter) + 64'd1;", comment: check.location.description)
            }
        }
        lines.add("        end", comment: nil)
        lines.add("`endif", comment: nil)
        return lines.render()
    }

    /// Text inside a Verilog `$display` format string: quotes, backslashes and `%` escaped.
    static func verilogString(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "%": result += "%%"
            default:
                // Control characters cannot stand in a string literal.
                result += character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) ? String(character) : " "
            }
        }
        return result
    }

    private mutating func instanceBlocks() -> [String] {
        var blocks: [String] = []
        for (index, instance) in module.instances.enumerated() {
            let child = modules[instance.moduleName]
            let portNames = module.instancePortNames.indices.contains(index) ? module.instancePortNames[index] : []
            var connections: [(port: String, signal: String)] = []
            if child?.isSequential == true { connections.append(("clock", "clock")) }
            if child?.usesReset == true { connections.append(("reset", "reset")) }
            for (port, node) in instance.portNodes.enumerated() {
                let portName = portNames.indices.contains(port) ? portNames[port] : "port\(port)"
                connections.append((portName, connection(to: node)))
            }
            if !blocks.isEmpty { blocks.append("") }
            blocks += instanceBlock(module: instance.moduleName, name: instance.name, location: instance.location,
                                    connections: connections)
        }
        for memory in module.memories {
            var connections: [(port: String, signal: String)] = [("clock", "clock")]
            for field in memory.fieldNames {
                guard let node = memory.fields[field] else { continue }
                connections.append((field.rawValue, connection(to: node)))
            }
            if !blocks.isEmpty { blocks.append("") }
            blocks += instanceBlock(module: memory.shapeName, name: memory.name, location: memory.location,
                                    connections: connections)
        }
        return blocks
    }

    /// The signal an instance port connects to: the port node's own wire. The instance reads
    /// the wire of an input (a sink here); the wire of an output is only driven by it.
    private mutating func connection(to node: NodeID) -> String {
        if module.isSink(node) {
            let width = module[node].type.width
            expressions.usage.read(node, low: 0, high: width - 1, width: width)
        }
        return names[node.index]
    }

    private func instanceBlock(module child: String, name: String, location: SourceLocation,
                               connections: [(port: String, signal: String)]) -> [String] {
        var table = TextTable()
        for (index, connection) in connections.enumerated() {
            let separator = index < connections.count - 1 ? ")," : ")"
            table.row("." + connection.port, "(" + connection.signal + separator)
        }
        var lines = CommentedLines()
        lines.add("    \(child) \(name) (", comment: location.description)
        for line in table.render(indent: "        ") { lines.add(line, comment: nil) }
        lines.add("    );", comment: nil)
        return lines.render()
    }
}
