import SerranoIR

/// A ready/valid stream carrying any payload (an aggregate or a plain `Signal`): a transfer
/// happens on cycles where both `valid` and `ready` are high. The producer drives `valid` and
/// the payload and must hold them until the transfer; the consumer drives `ready`.
///
///     struct Ports { let req: Decoupled<DMARequest>; let data: Decoupled<Signal> }
///     func ports(_ p: PortBuilder) -> Ports {
///         Ports(req: .consumer(p, "req", DMARequest.self),   // req_valid, req_ready, req_addr, …
///               data: .producer(p, "data", .uint(64)))       // data_valid, data_ready, data_bits
///     }
///
/// Declare the producer's side with `producer`, the consumer's with `consumer` (the same ports,
/// flipped); `c.decoupled` makes one from wires inside a module, and `c.connect(a, b)` joins
/// two streams in both directions at once.
public struct Decoupled<Payload: Aggregate> {
    public let valid: Signal
    public let ready: Signal
    public let payload: Payload
    /// The prefix of its Verilog names (`req`), for the `fire` wire.
    public let name: String
    private let cache = FireCache()

    /// A stream from existing signals (e.g. the pins of a `ReadyValid`).
    public init(valid: Signal, ready: Signal, payload: Payload, name: String) {
        self.valid = valid
        self.ready = ready
        self.payload = payload
        self.name = name
    }

    /// High on cycles where a transfer happens: one `valid & ready`, named `name_fire`, however
    /// often it is read.
    public var fire: Signal { cache.fire(valid: valid, ready: ready, name: name) }

    /// The producer's ports: `name_valid` and the payload's fields out, `name_ready` in.
    public static func producer(_ p: PortBuilder, _ name: String, _ type: Payload.Type,
                                file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Decoupled {
        declare(p, name, flipped: false, file: file, filePath: filePath, line: line, column: column, Payload.init)
    }

    /// The producer's ports for a payload made by `make`.
    public static func producer(_ p: PortBuilder, _ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column,
                                _ make: AggregateShape<Payload>) -> Decoupled {
        declare(p, name, flipped: false, file: file, filePath: filePath, line: line, column: column, make)
    }

    /// The consumer's ports: the producer's, flipped.
    public static func consumer(_ p: PortBuilder, _ name: String, _ type: Payload.Type,
                                file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Decoupled {
        declare(p, name, flipped: true, file: file, filePath: filePath, line: line, column: column, Payload.init)
    }

    /// The consumer's ports for a payload made by `make`.
    public static func consumer(_ p: PortBuilder, _ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column,
                                _ make: AggregateShape<Payload>) -> Decoupled {
        declare(p, name, flipped: true, file: file, filePath: filePath, line: line, column: column, make)
    }

    static func declare(_ p: PortBuilder, _ name: String, flipped: Bool, file: String, filePath: String, line: Int, column: Int,
                        _ make: AggregateShape<Payload>) -> Decoupled {
        let fullName = p.qualifiedName(name)
        return p.bundle(name, flipped: flipped) { b in
            let valid = b.output("valid", .bool, file: file, filePath: filePath, line: line, column: column)
            let ready = b.input("ready", .bool, file: file, filePath: filePath, line: line, column: column)
            let payload: Payload = b.output("", file: file, filePath: filePath, line: line, column: column, make)
            return Decoupled(valid: valid, ready: ready, payload: payload, name: fullName)
        }
    }

    /// Its fields for `connect`: valid, ready, then the payload's.
    func leaves() -> [(path: String, signal: Signal)] {
        [("valid", valid), ("ready", ready)] + valid.circuit.leaves(payload).map { (Fields.join("payload", $0.path), $0.signal) }
    }
}

extension Decoupled where Payload == Signal {
    /// The producer's ports for a plain value: `name_valid`, `name_ready`, `name_bits`.
    public static func producer(_ p: PortBuilder, _ name: String, _ type: HardwareType,
                                file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Decoupled {
        declare(p, name, flipped: false, file: file, filePath: filePath, line: line, column: column) { $0.field("bits", type) }
    }

    /// The consumer's ports for a plain value.
    public static func consumer(_ p: PortBuilder, _ name: String, _ type: HardwareType,
                                file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Decoupled {
        declare(p, name, flipped: true, file: file, filePath: filePath, line: line, column: column) { $0.field("bits", type) }
    }

    /// The payload under the name `ReadyValid` uses.
    public var bits: Signal { payload }
}

/// Computes `valid & ready` once per stream.
final class FireCache {
    private var signal: Signal?

    func fire(valid: Signal, ready: Signal, name: String) -> Signal {
        if let signal, signal.circuit === valid.circuit { return signal }
        let circuit = valid.circuit
        let both = valid && ready
        let wireName = Fields.join(name, "fire")
        let location = circuit.module[valid.id].location
        let named = name.isEmpty || circuit.module.nodes.contains(where: { $0.name == wireName })
            ? both : circuit.name(both, wireName, at: location)
        signal = named
        return named
    }
}

/// A value with a `valid` flag and no back-pressure: the consumer must take it on the cycle it
/// is valid.
public struct Valid<Payload: Aggregate> {
    public let valid: Signal
    public let payload: Payload

    public init(valid: Signal, payload: Payload) {
        self.valid = valid
        self.payload = payload
    }

    /// The producer's ports: `name_valid` and the payload's fields, out.
    public static func producer(_ p: PortBuilder, _ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column,
                                _ make: AggregateShape<Payload>) -> Valid {
        p.bundle(name) { b in
            Valid(valid: b.output("valid", .bool, file: file, filePath: filePath, line: line, column: column), payload: b.output("", file: file, filePath: filePath, line: line, column: column, make))
        }
    }

    /// The consumer's ports: the producer's, flipped.
    public static func consumer(_ p: PortBuilder, _ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column,
                                _ make: AggregateShape<Payload>) -> Valid {
        p.bundle(name, flipped: true) { b in producer(b, "", file: file, filePath: filePath, line: line, column: column, make) }
    }

    /// The producer's ports for an aggregate type.
    public static func producer(_ p: PortBuilder, _ name: String, _ type: Payload.Type,
                                file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Valid {
        producer(p, name, file: file, filePath: filePath, line: line, column: column, Payload.init)
    }

    /// The consumer's ports for an aggregate type.
    public static func consumer(_ p: PortBuilder, _ name: String, _ type: Payload.Type,
                                file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Valid {
        consumer(p, name, file: file, filePath: filePath, line: line, column: column, Payload.init)
    }

    func leaves() -> [(path: String, signal: Signal)] {
        [("valid", valid)] + valid.circuit.leaves(payload).map { (Fields.join("payload", $0.path), $0.signal) }
    }
}

extension Circuit {
    /// A stream made of wires inside this module (`name_valid`, `name_ready`, payload fields),
    /// to join instances or to build a stream from logic.
    public func decoupled<P: Aggregate>(_ name: String, _ type: P.Type, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Decoupled<P> {
        decoupled(name, file: file, filePath: filePath, line: line, column: column, P.init)
    }

    /// A stream of wires for a payload made by `make`.
    public func decoupled<P: Aggregate>(_ name: String, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column,
                                        _ make: AggregateShape<P>) -> Decoupled<P> {
        Decoupled(valid: wire(Fields.join(name, "valid"), .bool, file: file, filePath: filePath, line: line, column: column),
                  ready: wire(Fields.join(name, "ready"), .bool, file: file, filePath: filePath, line: line, column: column),
                  payload: wire(name, file: file, filePath: filePath, line: line, column: column, make), name: name)
    }

    /// Joins two streams: `valid` and the payload flow from the producing side to the consuming
    /// side, `ready` back (each field's direction comes from what it is: a port of this module,
    /// a pin of a child, a wire). Types must match field by field.
    public func connect<P: Aggregate>(_ a: Decoupled<P>, _ b: Decoupled<P>, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        connectLeaves(a.leaves(), b.leaves(), what: "Decoupled<\(P.self)>", at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    /// Joins two `Valid` values, field by field.
    public func connect<P: Aggregate>(_ a: Valid<P>, _ b: Valid<P>, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        connectLeaves(a.leaves(), b.leaves(), what: "Valid<\(P.self)>", at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }
}

extension PortBuilder {
    /// `name` under the current bundle prefix, and the instance's name on the parent's side.
    func qualifiedName(_ name: String) -> String {
        let local = (prefix + [name]).filter { !$0.isEmpty }.joined(separator: "_")
        if case .instance(let index) = mode, index < circuit.module.instances.count {
            return Fields.join(circuit.module.instances[index].name, local)
        }
        return local
    }
}
