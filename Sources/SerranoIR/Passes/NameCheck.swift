/// Checks the names a user gave: legal Verilog identifiers, not keywords, unique in a module.
///
/// User names are never renamed (a port must keep its name for whoever instantiates the
/// module); a clash is an error. Only temporaries are renamed, by `Naming`.
public enum NameCheck {
    public static func run(_ module: IRModule) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        var implicit: Set<String> = []
        if module.isSequential { implicit.insert("clock") }
        if module.usesReset { implicit.insert("reset") }

        func claim(_ name: String, at location: SourceLocation, what: String) {
            if let problem = VerilogNames.problem(with: name) {
                diagnostics.append(Diagnostic(.invalidName, at: location, "\(what) name '\(name)' \(problem)",
                                              hint: "choose a name made of letters, digits and '_' that is not a Verilog keyword"))
                return
            }
            if implicit.contains(name), case .normal = module.kind {
                diagnostics.append(Diagnostic(.nameCollision, at: location,
                                              "\(what) name '\(name)' collides with the implicit \(name) of module '\(module.name)'",
                                              hint: "every sequential module has implicit 'clock' and 'reset' ports; choose another name"))
                return
            }
            if let first = seen[name] {
                diagnostics.append(Diagnostic(.nameCollision, at: location,
                                              "name '\(name)' is used twice in module '\(module.name)': at \(first) and at \(location)",
                                              hint: "rename one; inside a Swift loop, put the index in the name (\"pe_\\(row)_\\(column)\")",
                                              related: [first, location]))
                return
            }
            seen[name] = location
        }

        for port in module.ports { claim(port.name, at: port.location, what: "port") }
        for node in module.nodes {
            guard let name = node.name else { continue }
            switch node.operation {
            case .input, .output, .instancePort, .memoryPort: continue
            default: claim(name, at: node.location, what: "signal")
            }
        }
        for instance in module.instances { claim(instance.name, at: instance.location, what: "instance") }
        for memory in module.memories { claim(memory.name, at: memory.location, what: "memory") }
        return diagnostics
    }
}

/// Verilog-2005 identifier rules and reserved words.
public enum VerilogNames {
    /// Why `name` cannot be a Verilog identifier, or nil when it can.
    public static func problem(with name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "is empty" }
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "_" }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        guard isLetter(first) else { return "must start with a letter or '_'" }
        guard name.unicodeScalars.allSatisfy({ isLetter($0) || isDigit($0) }) else {
            return "may only contain letters, digits and '_'"
        }
        if keywords.contains(name) { return "is a Verilog keyword" }
        return nil
    }

    /// IEEE 1364-2005 keywords plus SystemVerilog's, since Verilator and Yosys reject those too.
    public static let keywords: Set<String> = [
        "always", "and", "assign", "automatic", "begin", "buf", "bufif0", "bufif1", "case", "casex", "casez",
        "cell", "cmos", "config", "deassign", "default", "defparam", "design", "disable", "edge", "else",
        "end", "endcase", "endconfig", "endfunction", "endgenerate", "endmodule", "endprimitive",
        "endspecify", "endtable", "endtask", "event", "for", "force", "forever", "fork", "function",
        "generate", "genvar", "highz0", "highz1", "if", "ifnone", "incdir", "include", "initial", "inout",
        "input", "instance", "integer", "join", "large", "liblist", "library", "localparam", "macromodule",
        "medium", "module", "nand", "negedge", "nmos", "nor", "noshowcancelled", "not", "notif0", "notif1",
        "or", "output", "parameter", "pmos", "posedge", "primitive", "pull0", "pull1", "pulldown", "pullup",
        "pulsestyle_onevent", "pulsestyle_ondetect", "rcmos", "real", "realtime", "reg", "release",
        "repeat", "rnmos", "rpmos", "rtran", "rtranif0", "rtranif1", "scalared", "showcancelled", "signed",
        "small", "specify", "specparam", "strong0", "strong1", "supply0", "supply1", "table", "task",
        "time", "tran", "tranif0", "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg", "unsigned",
        "use", "uwire", "vectored", "wait", "wand", "weak0", "weak1", "while", "wire", "wor", "xnor", "xor",
        "alias", "always_comb", "always_ff", "always_latch", "assert", "assume", "before", "bind", "bins",
        "binsof", "bit", "break", "byte", "chandle", "class", "clocking", "const", "constraint", "context",
        "continue", "cover", "covergroup", "coverpoint", "cross", "dist", "do", "endclass", "endclocking",
        "endgroup", "endinterface", "endpackage", "endprogram", "endproperty", "endsequence", "enum",
        "expect", "export", "extends", "extern", "final", "first_match", "foreach", "forkjoin", "iff",
        "ignore_bins", "illegal_bins", "import", "inside", "int", "interface", "intersect", "join_any",
        "join_none", "local", "logic", "longint", "matches", "modport", "new", "null", "package", "packed",
        "priority", "program", "property", "protected", "pure", "rand", "randc", "randcase", "randsequence",
        "ref", "return", "sequence", "shortint", "shortreal", "solve", "static", "string", "struct", "super",
        "tagged", "this", "throughout", "timeprecision", "timeunit", "type", "typedef", "union", "unique",
        "var", "virtual", "void", "wait_order", "wildcard", "with", "within",
    ]
}
