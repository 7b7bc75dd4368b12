import SerranoIR

/// A user-defined record of hardware values: a Swift struct whose stored properties are
/// `Signal`s, `[Signal]`s or other aggregates, usable wherever a `Signal` is (port, wire,
/// register, `mux` arm, `when` target, `Queue` payload, vector element).
///
///     struct DMARequest: Aggregate {
///         var addr: Signal
///         var len: Signal
///         var write: Signal
///         init(_ f: Fields) {
///             addr = f.field("addr", .uint(32))
///             len = f.field("len", .uint(16))
///             write = f.field("write", .bool)
///         }
///     }
///     let req = c.reg("req", DMARequest.self, reset: ["len": 0])   // req_addr, req_len, req_write
///
/// The one requirement is `init(_:)`, which asks `f` for each field by name and type. The library
/// runs it to make fresh values (the field names become Verilog names: `req_addr`) and to
/// rebuild values from existing ones (`mux`, `select`, `connect`), where it looks each field up
/// among the value's stored properties by that name, so a field's name must be its property's
/// name. The order of the `f.field` calls is the field order: the first field is the least
/// significant when the value is flattened to bits.
///
/// Widths that depend on parameters: give the operations a closure instead of the type,
/// `c.wire("req") { DMARequest($0, addressWidth: 40) }`.
public protocol Aggregate {
    /// Builds the value field by field, asking `f` for each one.
    init(_ f: Fields)
}

/// Makes an aggregate value; `Fields` supplies each field.
public typealias AggregateShape<T> = (Fields) -> T

extension Signal: Aggregate {
    /// A `Signal` as an aggregate of one field named `bits` (a stream of plain values).
    /// A fresh `Signal` needs a type: pass a closure, `{ $0.field("bits", .uint(8)) }`.
    public init(_ f: Fields) {
        guard let type = f.signalType else {
            f.circuit.diagnose(.invalidArgument, "a Signal has no fixed shape to build from its type",
                               hint: "pass a closure giving its type: `{ $0.field(\"bits\", .uint(8)) }`", at: nil)
            self = f.field("bits", .bool)
            return
        }
        self = f.field("bits", type)
    }
}

/// Supplies the fields of an aggregate while its `init(_:)` runs: fresh signals (ports,
/// wires, registers, slices of a flat value) or signals combined from existing values.
public final class Fields {
    enum Mode {
        /// Makes a leaf from its full path (`hdr_addr`) and type.
        case create((String, HardwareType) -> Signal)
        /// Combines the same leaf of several existing values (one per source).
        case combine(sources: [[String: Any]], (String, [Signal]) -> Signal)
    }

    /// The circuit the value belongs to.
    public let circuit: Circuit
    let mode: Mode
    let prefix: String
    let typeName: String
    /// The type of a fresh plain `Signal` built through `Signal.init(_:)`.
    var signalType: HardwareType?

    init(circuit: Circuit, mode: Mode, prefix: String, typeName: String) {
        self.circuit = circuit
        self.mode = mode
        self.prefix = prefix
        self.typeName = typeName
    }

    static func join(_ a: String, _ b: String) -> String {
        a.isEmpty ? b : (b.isEmpty ? a : a + "_" + b)
    }

    /// A field of `type` named `name` (its Verilog name is the aggregate's name, `_`, `name`).
    public func field(_ name: String, _ type: HardwareType) -> Signal {
        let path = Fields.join(prefix, name)
        switch mode {
        case .create(let make):
            guard let checked = circuit.checked(type, at: nil) else { return make(path, .bool) }
            return make(path, checked)
        case .combine(let sources, let combine):
            var signals: [Signal] = []
            signals.reserveCapacity(sources.count)
            for source in sources {
                guard let signal = source[name] as? Signal else {
                    return missing(name, type)
                }
                signals.append(signal)
            }
            return combine(path, signals)
        }
    }

    /// `count` fields of one type, named `name_0`, `name_1`, … (a `[Signal]` property).
    public func field(_ name: String, count: Int, _ type: HardwareType) -> [Signal] {
        let path = Fields.join(prefix, name)
        switch mode {
        case .create(let make):
            let type = circuit.checked(type, at: nil) ?? .bool
            return (0..<max(count, 0)).map { make(path + "_\($0)", type) }
        case .combine(let sources, let combine):
            var lanes: [[Signal]] = []
            for source in sources {
                guard let values = source[name] as? [Signal] else { return [missing(name, type)] }
                lanes.append(values)
            }
            let length = lanes.map(\.count).min() ?? 0
            if lanes.contains(where: { $0.count != length }) {
                circuit.diagnose(.widthMismatch, "field '\(path)' of \(typeName) has vectors of different lengths",
                                 hint: "every value of one aggregate type needs the same number of lanes", at: nil)
            }
            return (0..<length).map { lane in combine(path + "_\(lane)", lanes.map { $0[lane] }) }
        }
    }

    /// A nested aggregate field, built by its own `init(_:)`.
    public func field<T: Aggregate>(_ name: String, _ type: T.Type) -> T {
        field(name, T.init)
    }

    /// A nested aggregate field built by `make` (for a shape with parameters).
    public func field<T: Aggregate>(_ name: String, _ make: AggregateShape<T>) -> T {
        let path = Fields.join(prefix, name)
        let nestedName = String(describing: T.self)
        switch mode {
        case .create:
            return make(Fields(circuit: circuit, mode: mode, prefix: path, typeName: nestedName))
        case .combine(let sources, let combine):
            if T.self == Signal.self, let leaf = field(name, .bool) as? T { return leaf }
            var nested: [[String: Any]] = []
            for source in sources {
                guard let value = source[name] as? T else {
                    _ = missing(name, .bool)
                    return make(Fields(circuit: circuit, mode: .create { [circuit] _, type in circuit.placeholder(type) },
                                       prefix: path, typeName: nestedName))
                }
                nested.append(Reflection.children(of: value))
            }
            return make(Fields(circuit: circuit, mode: .combine(sources: nested, combine), prefix: path, typeName: nestedName))
        }
    }

    private func missing(_ name: String, _ type: HardwareType) -> Signal {
        circuit.diagnose(.invalidArgument, "field '\(name)' of \(typeName) is not a stored property of the value",
                         hint: "name each field after the property that holds it: `addr = f.field(\"addr\", …)`", at: nil)
        return circuit.placeholder(type)
    }
}

/// Reads an aggregate's stored properties by name.
enum Reflection {
    static func children(of value: Any) -> [String: Any] {
        var result: [String: Any] = [:]
        for child in Mirror(reflecting: value).children {
            if let label = child.label { result[label] = child.value }
        }
        return result
    }
}
