import SerranoIR

// Every operation on an aggregate is the same operation on each of its fields: a wire of a
// `DMARequest` named `req` is the wires `req_addr`, `req_len`, `req_write`. Nothing here adds an
// IR construct; the printer and the simulators only ever see plain signals.

extension Circuit {
    // MARK: Building blocks

    /// A fresh aggregate whose every field is made by `leaf(path, type)`.
    func fresh<T: Aggregate>(_ make: AggregateShape<T>, _ leaf: @escaping (String, HardwareType) -> Signal) -> T {
        let fields = Fields(circuit: self, mode: .create(leaf), prefix: "", typeName: String(describing: T.self))
        return make(fields)
    }

    /// The value whose field `p` is `combine(p, [the field p of each source])`.
    func combined<T: Aggregate>(_ sources: [T], _ combine: @escaping (String, [Signal]) -> Signal) -> T {
        if T.self == Signal.self, let signals = sources as? [Signal], let result = combine("", signals) as? T {
            return result
        }
        let children = sources.map { Reflection.children(of: $0) }
        let fields = Fields(circuit: self, mode: .combine(sources: children, combine), prefix: "",
                            typeName: String(describing: T.self))
        return T(fields)
    }

    /// The fields of `value` in field order, each with its path (`hdr_addr`; "" for a `Signal`).
    func leaves<T: Aggregate>(_ value: T) -> [(path: String, signal: Signal)] {
        var result: [(path: String, signal: Signal)] = []
        _ = combined([value]) { path, signals in
            result.append((path, signals[0]))
            return signals[0]
        }
        return result
    }

    // MARK: Declarations

    /// A wire of an aggregate type: one wire per field, named `name_field`. With a default,
    /// every field defaults to that value.
    public func wire<T: Aggregate>(_ name: String, _ type: T.Type, default value: Int? = nil,
                                   file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> T {
        wire(name, default: value, file: file, filePath: filePath, line: line, column: column, T.init)
    }

    /// A wire of an aggregate made by `make` (a shape with parameters).
    public func wire<T: Aggregate>(_ name: String, default value: Int? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column,
                                   _ make: AggregateShape<T>) -> T {
        fresh(make) { path, type in
            self.wire(Fields.join(name, path), type, default: value, file: file, filePath: filePath, line: line, column: column)
        }
    }

    /// A register of an aggregate type: one register per field, named `name_field`.
    ///
    /// `reset`: nil for no reset; otherwise every field resets, to the value listed under its
    /// name (`["len": 4]`, nested fields as `"hdr_addr"`) or to 0.
    public func reg<T: Aggregate>(_ name: String, _ type: T.Type, reset: [String: Int]? = nil, enable: Signal? = nil,
                                  file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> T {
        reg(name, reset: reset, enable: enable, file: file, filePath: filePath, line: line, column: column, T.init)
    }

    /// A register of an aggregate made by `make` (a shape with parameters).
    public func reg<T: Aggregate>(_ name: String, reset: [String: Int]? = nil, enable: Signal? = nil,
                                  file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ make: AggregateShape<T>) -> T {
        var used = Set<String>()
        let value: T = fresh(make) { path, type in
            let initial: Int? = reset.map { values in
                used.insert(path)
                return values[path] ?? 0
            }
            return self.reg(Fields.join(name, path), type, reset: initial, enable: enable, file: file, filePath: filePath, line: line, column: column)
        }
        checkResetFields(reset, used: used, register: name, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
        return value
    }

    /// A register that takes `value` every cycle (under the enclosing `when`), field by field.
    public func regNext<T: Aggregate>(_ value: T, _ name: String, reset: [String: Int]? = nil, enable: Signal? = nil,
                                      file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> T {
        let register = reg(name, like: value, reset: reset, enable: enable, file: file, filePath: filePath, line: line, column: column)
        connect(register, value, file: file, filePath: filePath, line: line, column: column)
        return register
    }

    /// A register with the same fields and types as `value` (which it does not read).
    public func reg<T: Aggregate>(_ name: String, like value: T, reset: [String: Int]? = nil, enable: Signal? = nil,
                                  file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> T {
        var used = Set<String>()
        let register: T = combined([value]) { path, signals in
            let initial: Int? = reset.map { values in
                used.insert(path)
                return values[path] ?? 0
            }
            return self.reg(Fields.join(name, path), signals[0].type, reset: initial, enable: enable, file: file, filePath: filePath, line: line, column: column)
        }
        checkResetFields(reset, used: used, register: name, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
        return register
    }

    func checkResetFields(_ reset: [String: Int]?, used: Set<String>, register name: String, at location: SourceLocation) {
        guard let reset else { return }
        for key in reset.keys.sorted() where !used.contains(key) {
            diagnose(.invalidArgument, "register '\(name)' has no field '\(key)' to reset",
                     hint: "its fields are \(used.sorted().joined(separator: ", "))", at: location)
        }
    }

    /// `count` registers of an aggregate type, named `name_0`, `name_1`, ….
    public func regs<T: Aggregate>(_ name: String, count: Int, _ type: T.Type, reset: [String: Int]? = nil,
                                   file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> [T] {
        regs(name, count: count, reset: reset, file: file, filePath: filePath, line: line, column: column, T.init)
    }

    /// `count` registers of an aggregate made by `make`.
    public func regs<T: Aggregate>(_ name: String, count: Int, reset: [String: Int]? = nil,
                                   file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ make: AggregateShape<T>) -> [T] {
        (0..<max(count, 0)).map { reg("\(name)_\($0)", reset: reset, file: file, filePath: filePath, line: line, column: column, make) }
    }

    // MARK: Values

    /// `values[index]` field by field; an index past the end reads the last element.
    public func select<T: Aggregate>(_ values: [T], at index: Signal, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> T {
        guard let first = values.first else {
            diagnose(.invalidArgument, "select from an empty vector", hint: "pass at least one value",
                     at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
            return combined([T]()) { _, _ in self.placeholder(.bool) }
        }
        if values.count == 1 { return first }
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        guard owns(index, at: location) else { return first }
        // One comparison per element, shared by every field.
        let matches = (1..<values.count).map { index .== $0 }
        let result: T = combined(values) { _, signals in
            var chosen = signals[0]
            for (position, match) in matches.enumerated() { chosen = mux(match, signals[position + 1], chosen) }
            return chosen
        }
        locate(location)
        return result
    }

    /// Drives `values[index]` with `value` on this cycle (under the enclosing `when`).
    public func assign<T: Aggregate>(_ values: [T], at index: Signal, _ value: T, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        for (position, target) in values.enumerated() {
            when(index .== position, file: file, filePath: filePath, line: line, column: column) { connect(target, value, file: file, filePath: filePath, line: line, column: column) }
        }
    }

    /// The fields of `value`, in field order, with their names (`hdr_addr`).
    public func fields<T: Aggregate>(of value: T) -> [(name: String, signal: Signal)] {
        leaves(value).map { ($0.path, $0.signal) }
    }

    /// All fields joined into one unsigned value, the first field in the least significant bits.
    public func flatten<T: Aggregate>(_ value: T, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let parts = leaves(value).map(\.signal)
        if parts.count == 1, let only = parts.first { return only.asUInt() }
        return cat(parts.reversed(), file: file, filePath: filePath, line: line, column: column)
    }

    /// The aggregate whose fields are the bits of `bits`, the first field in the least
    /// significant bits (the inverse of `flatten`). The widths must add up to `bits.width`.
    public func unflatten<T: Aggregate>(_ bits: Signal, as type: T.Type, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> T {
        unflatten(bits, file: file, filePath: filePath, line: line, column: column, T.init)
    }

    /// The same for an aggregate made by `make`.
    public func unflatten<T: Aggregate>(_ bits: Signal, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column,
                                        _ make: AggregateShape<T>) -> T {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        guard owns(bits, at: location) else { return fresh(make) { _, type in self.placeholder(type) } }
        var offset = 0
        let value: T = fresh(make) { path, type in
            defer { offset += type.width }
            guard offset + type.width <= bits.width else { return self.placeholder(type) }
            let slice = bits[offset + type.width - 1, offset]
            return type.isSigned ? slice.asSInt() : slice
        }
        if offset != bits.width {
            diagnose(.widthMismatch, "unflatten: the fields of \(T.self) take \(offset) bits, the value has \(bits.width)",
                     hint: "flatten a value of the same shape, or `.truncated`/`.extended` the bits first", at: location)
        }
        locate(location)
        return value
    }

    /// The number of bits of an aggregate made by `make` (its flattened width), found without
    /// building anything in a design.
    public static func width<T: Aggregate>(of make: AggregateShape<T>) -> Int {
        layout(of: make).reduce(0) { $0 + $1.type.width }
    }

    /// The fields `make` asks for, in order, with their types.
    static func layout<T: Aggregate>(of make: AggregateShape<T>) -> [(path: String, type: HardwareType)] {
        var fields: [(path: String, type: HardwareType)] = []
        let scratch = Circuit(name: "_layout", location: .synthesized, elaborator: Elaborator())
        _ = scratch.fresh(make) { path, type in
            fields.append((path, type))
            return scratch.placeholder(type)
        }
        return fields
    }

    // MARK: Connections

    /// What a field can do in a connection.
    enum Role { case source, sink, either }

    func role(of signal: Signal) -> Role {
        switch module[signal.id].operation {
        case .input: return .source
        case .output: return .sink
        case .wire, .register: return .either
        case .memoryPort(_, let field): return field.isSink ? .sink : .source
        case .instancePort(let instance, let port):
            let childName = module.instances[instance].moduleName
            guard let child = elaborator.modules.last(where: { $0.name == childName }), port < child.ports.count else {
                return .either
            }
            return child.ports[port].direction == .input ? .sink : .source
        default: return .source
        }
    }

    /// Connects two values field by field; each field flows from the side that produces it (an
    /// input of this module, an output of a child, an expression) to the side that takes it
    /// (an output of this module, an input of a child); between two wires or registers, `a`
    /// takes `b`. Works for `Decoupled` streams too: `valid` and the payload flow one way,
    /// `ready` the other. Widths and signedness must match exactly, field by field.
    public func connect<T: Aggregate>(_ a: T, _ b: T, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        connectLeaves(leaves(a), leaves(b), what: String(describing: T.self), at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    func connectLeaves(_ a: [(path: String, signal: Signal)], _ b: [(path: String, signal: Signal)], what: String,
                       at location: SourceLocation) {
        locate(location)
        guard a.count == b.count else {
            diagnose(.widthMismatch, "connect: the two \(what) values have \(a.count) and \(b.count) fields",
                     hint: "connect values of the same shape", at: location)
            return
        }
        for (left, right) in zip(a, b) {
            let name = left.path.isEmpty ? "value" : left.path
            guard owns(left.signal, at: location), owns(right.signal, at: location) else { continue }
            let roles = (role(of: left.signal), role(of: right.signal))
            if left.signal.type != right.signal.type {
                diagnose(.widthMismatch, "connect: field '\(name)' of \(what) is \(left.signal.type) on one side and \(right.signal.type) on the other",
                         hint: "make the field's types agree (resize with `.extended(to:)` or `.truncated(to:)`)", at: location)
                // Drive the taking side anyway, so that it is not also reported as undriven.
                let target = roles.1 == .sink || roles.0 == .source ? right.signal : left.signal
                if role(of: target) != .source { connect(target, placeholder(target.type), at: location) }
                continue
            }
            switch roles {
            case (.sink, .sink):
                diagnose(.directionViolation, "connect: field '\(name)' of \(what) is taken by both sides and driven by neither",
                         hint: "connect a producer (an input here, a child's output) to a consumer", at: location)
            case (.source, .source):
                diagnose(.directionViolation, "connect: field '\(name)' of \(what) is driven by both sides",
                         hint: "connect a producer to a consumer; one of them must take the field", at: location)
            case (.sink, _), (.either, .source), (.either, .either):
                connect(left.signal, right.signal, at: location)
            case (_, .sink), (.source, .either):
                connect(right.signal, left.signal, at: location)
            }
        }
    }
}

/// `select ? whenTrue : whenFalse` field by field, for aggregates.
public func mux<T: Aggregate>(_ select: Signal, _ whenTrue: T, _ whenFalse: T) -> T {
    select.circuit.combined([whenTrue, whenFalse]) { _, arms in mux(select, arms[0], arms[1]) }
}

extension PortBuilder {
    /// Input ports for every field of an aggregate, named `name_field`.
    public func input<T: Aggregate>(_ name: String, _ type: T.Type, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> T {
        input(name, file: file, filePath: filePath, line: line, column: column, T.init)
    }

    /// Input ports for an aggregate made by `make`.
    public func input<T: Aggregate>(_ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ make: AggregateShape<T>) -> T {
        circuit.fresh(make) { path, type in self.input(Fields.join(name, path), type, file: file, filePath: filePath, line: line, column: column) }
    }

    /// Output ports for every field of an aggregate, named `name_field`.
    public func output<T: Aggregate>(_ name: String, _ type: T.Type, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> T {
        output(name, file: file, filePath: filePath, line: line, column: column, T.init)
    }

    /// Output ports for an aggregate made by `make`.
    public func output<T: Aggregate>(_ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ make: AggregateShape<T>) -> T {
        circuit.fresh(make) { path, type in self.output(Fields.join(name, path), type, file: file, filePath: filePath, line: line, column: column) }
    }
}
