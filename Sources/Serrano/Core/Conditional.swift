import SerranoIR

/// A `when … elseWhen … otherwise` chain under construction.
///
/// Connections inside a branch apply only on cycles where the branch is taken, and override
/// what was connected before the `when`. A Swift `if` is different: it runs once, while the
/// circuit is built, and decides which hardware exists.
public struct WhenChain {
    let circuit: Circuit
    let parent: Int
    let chain: Int
    /// High when no branch of the chain so far was taken (enclosing conditions included).
    let noneTaken: Signal?

    /// The next branch: taken when no earlier branch was and `condition` holds.
    @discardableResult
    public func elseWhen(_ condition: Signal, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ body: () -> Void) -> WhenChain {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        let taken = circuit.condition(condition, at: location)
        return circuit.branch(parent: parent, chain: chain, noneTaken: noneTaken, condition: taken,
                              isOtherwise: false, at: location, body)
    }

    /// The last branch: taken when no other was.
    public func otherwise(file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ body: () -> Void) {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        _ = circuit.branch(parent: parent, chain: chain, noneTaken: noneTaken, condition: nil,
                           isOtherwise: true, at: location, body)
    }
}

extension Circuit {
    /// Starts a conditional chain: connections in `body` apply when `condition` is high.
    @discardableResult
    public func when(_ condition: Signal, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ body: () -> Void) -> WhenChain {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        let taken = self.condition(condition, at: location)
        let parent = blockStack.last ?? 0
        let chain = nextChain
        nextChain += 1
        let enclosing = module.blocks[parent].condition.map { Signal(id: $0, type: .bool, circuit: self) }
        return branch(parent: parent, chain: chain, noneTaken: enclosing, condition: taken,
                      isOtherwise: false, at: location, body)
    }

    /// Chooses by value: the case equal to `selector` is taken, else `default`.
    ///
    ///     c.switch(state) { s in
    ///         s.is(0) { … }
    ///         s.is(1, 2) { … }
    ///         s.default { … }
    ///     }
    ///
    /// A value may appear in one case only, so the cases exclude each other: each branch's
    /// condition is just `selector == value`, and the printed Verilog is a `case` statement.
    public func `switch`(_ selector: Signal, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ cases: (SwitchCases) -> Void) {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        guard owns(selector, at: location) else { return }
        let builder = SwitchCases(selector: selector, location: location)
        cases(builder)
        let parent = blockStack.last ?? 0
        let chain = nextChain
        nextChain += 1
        let enclosing = module.blocks[parent].condition.map { Signal(id: $0, type: .bool, circuit: self) }
        var noneMatched = enclosing
        var seenInts: [Int: SourceLocation] = [:]
        var seenBits: [BitVector: SourceLocation] = [:]
        for (position, entry) in builder.entries.enumerated() {
            if entry.isDefault {
                if position != builder.entries.count - 1 {
                    diagnose(.invalidArgument, "`default` must be the last case of a switch", hint: "move it after the other cases", at: entry.location)
                }
                _ = branch(parent: parent, chain: chain, noneTaken: noneMatched, condition: nil, isOtherwise: true,
                           at: entry.location, entry.body)
                return
            }
            if entry.values.isEmpty {
                diagnose(.invalidArgument, "a switch case with no values", hint: "list the values it matches: `s.is(1, 2) { … }`", at: entry.location)
                continue
            }
            var matches: Signal?
            for value in entry.values {
                let equal: Signal
                switch value {
                case .int(let number):
                    if let first = seenInts.updateValue(entry.location, forKey: number) {
                        diagnose(.invalidArgument, "the value \(number) appears in two cases of a switch (first at \(first))",
                                 hint: "list each value in one case only", at: entry.location)
                    }
                    equal = selector .== number
                case .bits(let pattern):
                    if let first = seenBits.updateValue(entry.location, forKey: pattern) {
                        diagnose(.invalidArgument, "the value \(pattern) appears in two cases of a switch (first at \(first))",
                                 hint: "list each value in one case only", at: entry.location)
                    }
                    let fitted = BitVector(width: selector.width, exactWords: pattern.words)
                    let type = fitted == nil ? HardwareType.uint(pattern.width) : HardwareType(width: selector.width, isSigned: selector.isSigned)
                    let constant = add(.constant(fitted ?? pattern), type, at: entry.location)
                    equal = selector .== (selector.isSigned && fitted == nil ? constant.asSInt() : constant)
                }
                matches = matches.map { $0 || equal } ?? equal
            }
            guard let condition = matches else { continue }
            locate(entry.location)
            _ = branch(parent: parent, chain: chain, noneTaken: enclosing, condition: condition, isOtherwise: false,
                       at: entry.location, entry.body)
            let missed = add(.unary(.not, condition.id), .bool, at: entry.location)
            noneMatched = noneMatched.map { add(.binary(.and, $0.id, missed.id), .bool, at: entry.location) } ?? missed
        }
    }

    /// The 1-bit condition, or a placeholder after a diagnostic.
    func condition(_ signal: Signal, at location: SourceLocation) -> Signal {
        guard owns(signal, at: location) else { return placeholder(.bool) }
        if signal.width != 1 {
            diagnose(.widthMismatch, "a `when` condition must be a 1-bit Bool, got \(signal.type)",
                     hint: "compare (`x .!= 0`) or reduce (`x.orReduce()`)", at: location)
            return placeholder(.bool)
        }
        return signal.asUInt()
    }

    /// Opens one branch. `noneTaken` is high when no earlier branch of the chain (and every
    /// enclosing condition) holds; nil stands for "always" in the module body, which keeps the
    /// conditions of top-level `when`s free of `1 & …`.
    func branch(parent: Int, chain: Int, noneTaken: Signal?, condition: Signal?, isOtherwise: Bool,
                at location: SourceLocation, _ body: () -> Void) -> WhenChain {
        let taken: Signal
        let remaining: Signal
        switch (noneTaken, condition) {
        case (let open?, let condition?):
            taken = add(.binary(.and, open.id, condition.id), .bool, at: location)
            let notCondition = add(.unary(.not, condition.id), .bool, at: location)
            remaining = add(.binary(.and, open.id, notCondition.id), .bool, at: location)
        case (nil, let condition?):
            taken = condition
            remaining = add(.unary(.not, condition.id), .bool, at: location)
        case (let open?, nil):
            taken = open
            remaining = add(.constant(BitVector(width: 1)), .bool, at: location)
        case (nil, nil):
            taken = add(.constant(BitVector(width: 1, value: 1)), .bool, at: location)
            remaining = add(.constant(BitVector(width: 1)), .bool, at: location)
        }
        blockStack.append(builder.block(parent: parent, chain: chain, isOtherwise: isOtherwise, condition: taken.id,
                                        localCondition: condition?.id))
        body()
        blockStack.removeLast()
        return WhenChain(circuit: self, parent: parent, chain: chain, noneTaken: remaining)
    }
}

/// The cases of a `switch`, collected in order.
public final class SwitchCases {
    enum Value: Hashable {
        case int(Int)
        case bits(BitVector)
    }

    struct Entry {
        var isDefault = false
        let values: [Value]
        let location: SourceLocation
        let body: () -> Void
    }

    let selector: Signal
    let location: SourceLocation
    var entries: [Entry] = []

    init(selector: Signal, location: SourceLocation) {
        self.selector = selector
        self.location = location
    }

    /// Taken when the selector equals any of `values`.
    public func `is`(_ values: Int..., file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ body: @escaping () -> Void) {
        entries.append(Entry(values: values.map { .int($0) }, location: SourceLocation(fileID: file, filePath: filePath, line: line, column: column), body: body))
    }

    /// Taken when the selector equals the bit pattern `value` (any width, e.g. a 128-bit opcode).
    public func `is`(BitVector value: BitVector, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ body: @escaping () -> Void) {
        entries.append(Entry(values: [.bits(value)], location: SourceLocation(fileID: file, filePath: filePath, line: line, column: column), body: body))
    }

    /// Taken when no case matched; must come last.
    public func `default`(file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column, _ body: @escaping () -> Void) {
        entries.append(Entry(isDefault: true, values: [], location: SourceLocation(fileID: file, filePath: filePath, line: line, column: column), body: body))
    }
}
