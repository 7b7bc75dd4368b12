import SerranoIR

/// How a state machine encodes its states.
public enum StateEncoding: Sendable, Hashable {
    /// Codes 0, 1, 2, … in the enum's case order: ⌈log₂ n⌉ bits.
    case binary
    /// One bit per state, the first case bit 0: n bits, and a one-bit test per state.
    case oneHot
}

/// A state register over a Swift enum, with its states named in the Verilog and the waveforms.
///
///     enum Phase: CaseIterable { case idle, load, compute, drain }
///     let fsm = c.fsm("phase", Phase.self, reset: .idle)
///     fsm.switch { s in
///         s.on(.idle) { c.when(io.start) { fsm.goto(.load) } }
///         s.on(.load) { fsm.goto(.compute) }
///         s.on(.compute) { c.when(done) { fsm.goto(.drain) } }
///         s.on(.drain) { fsm.goto(.idle) }
///     }
///     io.busy.assign(!fsm.is(.idle))
///
/// The register keeps its state on cycles no `goto` applies. The printed Verilog declares a
/// `localparam` per state (`PHASE_IDLE`) and prints the next-state logic as a `case`.
public struct StateMachine<State: CaseIterable & Hashable> {
    /// The state register (binary or one-hot code).
    public let state: Signal
    public let encoding: StateEncoding
    let codes: [State: BitVector]
    /// One comparison per state, made on first use and shared (it is the same hardware anywhere).
    private let tests = TestCache()

    final class TestCache {
        var signals: [State: Signal] = [:]
    }

    init(state: Signal, encoding: StateEncoding, codes: [State: BitVector]) {
        self.state = state
        self.encoding = encoding
        self.codes = codes
    }

    /// High while the machine is in `candidate`.
    public func `is`(_ candidate: State) -> Signal {
        if let known = tests.signals[candidate] { return known }
        let circuit = state.circuit
        guard let code = codes[candidate] else { return circuit.placeholder(.bool) }
        let test: Signal
        switch encoding {
        case .binary:
            test = state .== circuit.add(.constant(code), state.type)
        case .oneHot:
            test = state[code.significantWidth - 1]
        }
        tests.signals[candidate] = test
        return test
    }

    /// The code of `target` as a constant of the register's type.
    public func code(_ target: State) -> Signal {
        let circuit = state.circuit
        guard let code = codes[target] else { return circuit.placeholder(state.type) }
        return circuit.add(.constant(code), state.type)
    }

    /// Moves to `target` on the next edge (on cycles the enclosing `when` is taken).
    public func goto(_ target: State, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        state.assign(code(target), file: file, filePath: filePath, line: line, column: column)
    }

    /// One block per state; a state without a block does nothing (the machine stays).
    public func `switch`(file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ body: (StateCases<State>) -> Void) {
        let cases = StateCases<State>()
        body(cases)
        let circuit = state.circuit
        switch encoding {
        case .binary:
            circuit.switch(state, file: file, filePath: filePath, line: line, column: column) { s in
                for entry in cases.entries {
                    guard let code = codes[entry.state] else { continue }
                    s.is(BitVector: code, file: entry.location.fileID, filePath: entry.location.filePath, line: entry.location.line, column: entry.location.column, entry.body)
                }
            }
        case .oneHot:
            // One-hot states exclude each other: each block is its own `when` on the state's bit.
            for entry in cases.entries {
                circuit.when(self.is(entry.state), file: entry.location.fileID, filePath: entry.location.filePath, line: entry.location.line, column: entry.location.column, entry.body)
            }
        }
    }
}

/// The per-state blocks of `StateMachine.switch`, collected in order.
public final class StateCases<State: CaseIterable & Hashable> {
    struct Entry {
        let state: State
        let location: SourceLocation
        let body: () -> Void
    }
    var entries: [Entry] = []

    /// What the machine does while in `state`.
    public func on(_ state: State, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ body: @escaping () -> Void) {
        entries.append(Entry(state: state, location: SourceLocation(fileID: file, filePath: filePath, line: line, column: column), body: body))
    }
}

extension Circuit {
    /// A state register named `name` over the cases of `State`, reset to `reset`.
    public func fsm<State: CaseIterable & Hashable>(
        _ name: String, _ type: State.Type, reset: State, encoding: StateEncoding = .binary,
        file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) -> StateMachine<State> {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        let states = Array(State.allCases)
        let width: Int
        switch encoding {
        case .binary: width = max(log2Ceil(states.count), 1)
        case .oneHot: width = max(states.count, 1)
        }
        guard !states.isEmpty, states.count <= 4096 else {
            diagnose(.invalidArgument, "state machine '\(name)' has \(states.count) states",
                     hint: "a state machine needs 1 to 4096 states", at: location)
            let register = reg(name, .bool, reset: 0, file: file, filePath: filePath, line: line, column: column)
            return StateMachine(state: register, encoding: encoding, codes: [:])
        }
        var codes: [State: BitVector] = [:]
        var names: [String] = []
        for (index, state) in states.enumerated() {
            var code = BitVector(width: width)
            switch encoding {
            case .binary: code = BitVector(width: width, value: index)
            case .oneHot: code[bit: index] = true
            }
            codes[state] = code
            names.append(ModuleNaming.sanitized(String(describing: state)))
        }
        let register = reg(name, .uint(width), file: file, filePath: filePath, line: line, column: column)
        if let index = register.registerIndex, let resetCode = codes[reset] {
            module.registers[index].resetValue = resetCode
        }
        module.enumerations.append(Enumeration(register: register.id, caseNames: names, codes: states.compactMap { codes[$0] },
                                               isOneHot: encoding == .oneHot))
        return StateMachine(state: register, encoding: encoding, codes: codes)
    }
}

extension Signal {
    /// The index in `module.registers` when this signal is a register.
    var registerIndex: Int? {
        if case .register(let index) = circuit.module[id].operation { return index }
        return nil
    }
}
