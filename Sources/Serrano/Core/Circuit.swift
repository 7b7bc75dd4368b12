import SerranoIR

/// The builder for one module: every DSL call on a `Circuit` adds nodes to its netlist.
///
/// Misuse never traps: a problem is recorded as a `Diagnostic` and elaboration goes on with a
/// placeholder value, so that one run reports every error.
///
/// Source locations: calls that take `file:`/`line:` defaults record where they were written.
/// Swift operators cannot capture the caller's line, so a node made by an operator takes the
/// line of the next located call that uses it (usually the `assign`, `reg` or `named` on the
/// same statement). Name an intermediate value with `.named(_:)` to pin its line.
public final class Circuit {
    /// Creates the nodes, ports, registers and memories of the module (see `IRBuilder`).
    var builder: IRBuilder
    var module: IRModule {
        get { builder.module }
        _modify { yield &builder.module }
    }
    let elaborator: Elaborator
    /// Conditional blocks currently open, innermost last; block 0 is the module body.
    var blockStack: [Int] = [0]
    var nextChain = 1
    /// Nodes made by operators that still wait for a source location.
    var unlocated: [Int] = []
    /// Diagnostics raised by operators, waiting for a source location.
    var unlocatedDiagnostics: [Diagnostic] = []
    /// Set by `observeAll()`.
    var observesAll = false

    init(name: String, location: SourceLocation, elaborator: Elaborator) {
        self.builder = IRBuilder(name: name, location: location)
        self.elaborator = elaborator
    }

    /// The name of the module being built.
    public var moduleName: String { module.name }

    // MARK: Locations and diagnostics

    /// Gives every node and diagnostic made since the last located call this location.
    func locate(_ location: SourceLocation) {
        for index in unlocated { module.nodes[index].location = location }
        unlocated.removeAll(keepingCapacity: true)
        for var diagnostic in unlocatedDiagnostics {
            diagnostic.location = location
            elaborator.diagnostics.append(diagnostic)
        }
        unlocatedDiagnostics.removeAll()
    }

    /// Records an error; `location` nil means "the next located call's".
    func diagnose(_ kind: Diagnostic.Kind, _ message: String, hint: String? = nil, at location: SourceLocation?) {
        let diagnostic = Diagnostic(kind, at: location ?? .synthesized, "\(message) (in module '\(module.name)')", hint: hint)
        if location == nil { unlocatedDiagnostics.append(diagnostic) } else { elaborator.diagnostics.append(diagnostic) }
    }

    /// Whether `signal` belongs to this circuit; records an error otherwise.
    func owns(_ signal: Signal, at location: SourceLocation?) -> Bool {
        if signal.circuit === self { return true }
        diagnose(.directionViolation,
                 "a signal of module '\(signal.circuit.module.name)' is used in module '\(module.name)'",
                 hint: "values cross module boundaries only through ports: declare an input and connect it at the instance",
                 at: location)
        return false
    }

    // MARK: Nodes

    /// Appends a node; without a location it waits for the next located call.
    func add(_ operation: Operation, _ type: HardwareType, name: String? = nil, at location: SourceLocation? = nil) -> Signal {
        let id = builder.add(operation, type, name: name, at: location ?? .synthesized)
        if location == nil { unlocated.append(id.index) }
        return Signal(id: id, type: type, circuit: self)
    }

    /// A constant of `type`; a value that does not fit is an error.
    public func constant(_ value: Int, _ type: HardwareType, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        constant(value, type, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    func constant(_ value: Int, _ type: HardwareType, at location: SourceLocation?) -> Signal {
        guard let type = checked(type, at: location) else { return placeholder(.bool) }
        if !type.isSigned && value < 0 {
            diagnose(.signednessMismatch, "the negative constant \(value) does not fit in the unsigned \(type)",
                     hint: "use a signed type (`.sint(\(BitVector.minimumWidth(of: value, signed: true)))`), or a non-negative value", at: location)
        } else if !BitVector.fits(value, width: type.width, signed: type.isSigned) {
            diagnose(.invalidArgument, "the constant \(value) does not fit in \(type)",
                     hint: "widen the type to at least \(BitVector.minimumWidth(of: value, signed: type.isSigned)) bits", at: location)
        }
        return add(.constant(BitVector(width: type.width, value: value)), type, at: location)
    }

    /// A constant just wide enough for `value`, signed like `like`.
    func literal(_ value: Int, like other: Signal) -> Signal {
        let signed = other.isSigned
        if !signed && value < 0 {
            diagnose(.signednessMismatch, "the negative constant \(value) is used with an unsigned \(other.type) value",
                     hint: "make the other operand signed (`.asSInt()` after extending), or use a non-negative constant", at: nil)
        }
        let type = HardwareType(width: BitVector.minimumWidth(of: value, signed: signed), isSigned: signed)
        return add(.constant(BitVector(width: type.width, value: value)), type)
    }

    /// A value standing in for one that could not be built, so elaboration can go on.
    func placeholder(_ type: HardwareType) -> Signal {
        add(.constant(BitVector(width: max(type.width, 1))), HardwareType(width: max(type.width, 1), isSigned: type.isSigned))
    }

    /// Checks a width the user gave.
    func checked(_ type: HardwareType, at location: SourceLocation?) -> HardwareType? {
        if type.width < 1 || type.width > Circuit.maximumWidth {
            diagnose(.invalidArgument, "width \(type.width) is out of range",
                     hint: "widths go from 1 to \(Circuit.maximumWidth) bits", at: location)
            return nil
        }
        return type
    }

    /// The widest value the DSL accepts.
    public static let maximumWidth = 1 << 16

    // MARK: Connections

    func connect(_ target: Signal, _ value: Signal, at location: SourceLocation, isDefault: Bool = false) {
        guard owns(target, at: location), owns(value, at: location) else { return }
        builder.connect(target.id, value.id, block: blockStack.last ?? 0, isDefault: isDefault, at: location)
    }

    /// A named wire driven by `signal`.
    func name(_ signal: Signal, _ name: String, at location: SourceLocation) -> Signal {
        guard owns(signal, at: location) else { return signal }
        let wire = add(.wire, signal.type, name: name, at: location)
        builder.connect(wire.id, signal.id, at: location)
        return wire
    }

    // MARK: Declarations

    /// A named combinational wire. Without a default it must be assigned on every path.
    public func wire(_ name: String, _ type: HardwareType, default value: Int? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        guard let type = checked(type, at: location) else { return placeholder(.bool) }
        let wire = add(.wire, type, name: name, at: location)
        if let value {
            connect(wire, constant(value, type, at: location), at: location, isDefault: true)
        }
        return wire
    }

    /// A register clocked by the module's clock. With `reset`, it loads that value while the
    /// (synchronous, active-high) reset is high. With `enable`, it loads its next value only on
    /// cycles where `enable` is high. On cycles where it is not assigned it keeps its value.
    public func reg(_ name: String, _ type: HardwareType, reset: Int? = nil, enable: Signal? = nil,
                    file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        guard let type = checked(type, at: location) else { return placeholder(.bool) }
        var resetValue: BitVector?
        if let reset {
            if !BitVector.fits(reset, width: type.width, signed: type.isSigned) {
                diagnose(.invalidArgument, "reset value \(reset) of register '\(name)' does not fit in \(type)",
                         hint: "widen the register or change the reset value", at: location)
            }
            resetValue = BitVector(width: type.width, value: reset)
        }
        if let enable {
            if !owns(enable, at: location) { return placeholder(type) }
            if enable.width != 1 {
                diagnose(.widthMismatch, "the enable of register '\(name)' is \(enable.width) bits wide",
                         hint: "an enable is a 1-bit Bool: compare, or use `.orReduce()`", at: location)
            }
        }
        let node = builder.register(name, type, reset: resetValue, enable: enable?.id, at: location)
        return Signal(id: node, type: type, circuit: self)
    }

    /// A register that takes `value` every cycle (one cycle of delay), named `name`. Inside a
    /// `when`, like any connection, it takes it only on cycles the branch is taken.
    public func regNext(_ value: Signal, _ name: String, reset: Int? = nil, enable: Signal? = nil,
                        file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        guard owns(value, at: location) else { return placeholder(value.type) }
        let register = reg(name, value.type, reset: reset, enable: enable, file: file, filePath: filePath, line: line, column: column)
        connect(register, value, at: location)
        return register
    }
}
