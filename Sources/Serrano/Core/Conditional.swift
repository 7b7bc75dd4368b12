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
    public func elseWhen(_ condition: Signal, file: String = #fileID, line: Int = #line, _ body: () -> Void) -> WhenChain {
        let location = SourceLocation(fileID: file, line: line)
        circuit.locate(location)
        let taken = circuit.condition(condition, at: location)
        return circuit.branch(parent: parent, chain: chain, noneTaken: noneTaken, condition: taken,
                              isOtherwise: false, at: location, body)
    }

    /// The last branch: taken when no other was.
    public func otherwise(file: String = #fileID, line: Int = #line, _ body: () -> Void) {
        let location = SourceLocation(fileID: file, line: line)
        circuit.locate(location)
        _ = circuit.branch(parent: parent, chain: chain, noneTaken: noneTaken, condition: nil,
                           isOtherwise: true, at: location, body)
    }
}

extension Circuit {
    /// Starts a conditional chain: connections in `body` apply when `condition` is high.
    @discardableResult
    public func when(_ condition: Signal, file: String = #fileID, line: Int = #line, _ body: () -> Void) -> WhenChain {
        let location = SourceLocation(fileID: file, line: line)
        locate(location)
        let taken = self.condition(condition, at: location)
        let parent = blockStack.last ?? 0
        let chain = nextChain
        nextChain += 1
        let enclosing = module.blocks[parent].condition.map { Signal(id: $0, type: .bool, circuit: self) }
        return branch(parent: parent, chain: chain, noneTaken: enclosing, condition: taken,
                      isOtherwise: false, at: location, body)
    }

    /// Chooses by value: the first case equal to `selector` is taken, else `default`.
    ///
    ///     c.switch(state) { s in
    ///         s.is(0) { … }
    ///         s.is(1, 2) { … }
    ///         s.default { … }
    ///     }
    public func `switch`(_ selector: Signal, file: String = #fileID, line: Int = #line, _ cases: (SwitchCases) -> Void) {
        let location = SourceLocation(fileID: file, line: line)
        locate(location)
        let builder = SwitchCases(selector: selector, location: location)
        cases(builder)
        var chain: WhenChain?
        for (position, entry) in builder.entries.enumerated() {
            if entry.isDefault && position != builder.entries.count - 1 {
                diagnose(.invalidArgument, "`default` must be the last case of a switch", hint: "move it after the other cases", at: entry.location)
            }
            if !entry.isDefault && entry.values.isEmpty {
                diagnose(.invalidArgument, "a switch case with no values", hint: "list the values it matches: `s.is(1, 2) { … }`", at: entry.location)
                continue
            }
            var matches: Signal?
            for value in entry.values {
                let equal = selector .== value
                matches = matches.map { $0 || equal } ?? equal
            }
            guard let condition = matches else {
                let fallback = entry.body
                if let open = chain { open.otherwise(file: entry.location.fileID, line: entry.location.line, fallback) }
                else { fallback() }
                return
            }
            if let open = chain {
                chain = open.elseWhen(condition, file: entry.location.fileID, line: entry.location.line, entry.body)
            } else {
                chain = when(condition, file: entry.location.fileID, line: entry.location.line, entry.body)
            }
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
        module.blocks.append(ConditionalBlock(parent: parent, chain: chain, isOtherwise: isOtherwise, condition: taken.id))
        blockStack.append(module.blocks.count - 1)
        body()
        blockStack.removeLast()
        return WhenChain(circuit: self, parent: parent, chain: chain, noneTaken: remaining)
    }
}

/// The cases of a `switch`, collected in order.
public final class SwitchCases {
    struct Entry {
        var isDefault = false
        let values: [Int]
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
    public func `is`(_ values: Int..., file: String = #fileID, line: Int = #line, _ body: @escaping () -> Void) {
        entries.append(Entry(values: values, location: SourceLocation(fileID: file, line: line), body: body))
    }

    /// Taken when no case matched; must come last.
    public func `default`(file: String = #fileID, line: Int = #line, _ body: @escaping () -> Void) {
        entries.append(Entry(isDefault: true, values: [], location: SourceLocation(fileID: file, line: line), body: body))
    }
}
