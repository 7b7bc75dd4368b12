import SerranoIR

extension Signal {
    /// Bit `index` (0 is the least significant), as a Bool.
    public subscript(index: Int, file file: String = #fileID, filePath filePath: String = #filePath, line line: Int = #line, column column: Int = #column) -> Signal {
        self[index, index, file: file, filePath: filePath, line: line, column: column]
    }

    /// Bits `high` down to `low`, as an unsigned value of `high - low + 1` bits.
    ///
    /// An out-of-range slice is reported where it is written, even when its result is never used.
    /// (The node itself takes the statement's location, like an operator's, for the Verilog comment.)
    public subscript(high: Int, low: Int, file file: String = #fileID, filePath filePath: String = #filePath, line line: Int = #line, column column: Int = #column) -> Signal {
        guard low >= 0, high >= low, high < width else {
            circuit.diagnose(.invalidArgument, "bits [\(high), \(low)] are out of range for a \(type) value",
                             hint: "valid bits run from \(width - 1) down to 0, high first",
                             at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
            return circuit.placeholder(.uint(Swift.max(high - low + 1, 1)))
        }
        if low == 0 && high == width - 1 && !isSigned { return self }
        return circuit.add(.slice(id, high: high, low: low), .uint(high - low + 1))
    }

    /// The same bits read as unsigned.
    public func asUInt() -> Signal {
        isSigned ? circuit.add(.reinterpret(id), .uint(width)) : self
    }

    /// The same bits read as two's-complement signed.
    public func asSInt() -> Signal {
        isSigned ? self : circuit.add(.reinterpret(id), .sint(width))
    }

    /// Extends to `width` bits: sign-extends a signed value, zero-extends an unsigned one.
    /// A width it cannot extend to is reported at the caller's line.
    public func extended(to width: Int, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        extend(to: width, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    /// `extended(to:)` with the location to blame, nil for the next located call's.
    func extend(to width: Int, at location: SourceLocation?) -> Signal {
        if width == self.width { return self }
        guard width > self.width else {
            circuit.diagnose(.implicitNarrowing, "cannot extend a \(type) value to \(width) bits",
                             hint: "use `.truncated(to: \(width))` to drop bits", at: location)
            return self
        }
        guard circuit.checked(HardwareType(width: width, isSigned: isSigned), at: location) != nil else { return self }
        return circuit.add(.resize(id), HardwareType(width: width, isSigned: isSigned))
    }

    /// Sign-extends to `width` bits (the value is read as signed), giving a signed value.
    public func signExtended(to width: Int, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        asSInt().extended(to: width, file: file, filePath: filePath, line: line, column: column)
    }

    /// Zero-extends to `width` bits (the value is read as unsigned), giving an unsigned value.
    public func zeroExtended(to width: Int, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        asUInt().extended(to: width, file: file, filePath: filePath, line: line, column: column)
    }

    /// Keeps the low `width` bits: the explicit way to narrow. Keeps the signedness. A width it
    /// cannot truncate to is reported at the caller's line.
    public func truncated(to width: Int, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        if width == self.width { return self }
        guard width >= 1, width < self.width else {
            circuit.diagnose(.invalidArgument, "cannot truncate a \(type) value to \(width) bits",
                             hint: width > self.width ? "use `.extended(to: \(width))` to widen" : "widths start at 1",
                             at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
            return self
        }
        return circuit.add(.resize(id), HardwareType(width: width, isSigned: isSigned))
    }

    /// Whether every bit is 1.
    public func andReduce() -> Signal { circuit.add(.unary(.andReduce, id), .bool) }
    /// Whether any bit is 1.
    public func orReduce() -> Signal { circuit.add(.unary(.orReduce, id), .bool) }
    /// The parity of the bits.
    public func xorReduce() -> Signal { circuit.add(.unary(.xorReduce, id), .bool) }

    /// Extends (never truncates) to `width`, for operands of a wider result.
    func widened(to width: Int) -> Signal { width > self.width ? extend(to: width, at: nil) : self }
}

/// Joins values, the first the most significant; the result is unsigned.
public func cat(_ first: Signal, _ rest: Signal...) -> Signal { concatenate(first, rest) }

func concatenate(_ first: Signal, _ rest: [Signal]) -> Signal {
    let circuit = first.circuit
    for part in rest where !circuit.owns(part, at: nil) { return circuit.placeholder(.uint(1)) }
    if rest.isEmpty { return first.asUInt() }
    let parts = [first] + rest
    let width = parts.reduce(0) { $0 + $1.width }
    guard circuit.checked(.uint(width), at: nil) != nil else { return circuit.placeholder(.uint(1)) }
    return circuit.add(.concat(parts.map(\.id)), .uint(width))
}

extension Circuit {
    /// Joins a list of values, the first the most significant; the result is unsigned.
    public func cat(_ parts: [Signal], file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        guard let first = parts.first else {
            diagnose(.invalidArgument, "cat of an empty list", hint: "join at least one value", at: location)
            return placeholder(.uint(1))
        }
        let joined = concatenate(first, Array(parts.dropFirst()))
        locate(location)
        return joined
    }
}

/// `select ? whenTrue : whenFalse` as hardware. Arms of different widths are extended to the
/// wider one; they must have the same signedness.
public func mux(_ select: Signal, _ whenTrue: Signal, _ whenFalse: Signal) -> Signal {
    let circuit = select.circuit
    guard circuit.owns(whenTrue, at: nil), circuit.owns(whenFalse, at: nil) else { return circuit.placeholder(whenTrue.type) }
    if whenTrue.isSigned != whenFalse.isSigned {
        circuit.diagnose(.signednessMismatch, "mux arms are \(whenTrue.type) and \(whenFalse.type)",
                         hint: "convert one arm with `.asSInt()` or `.asUInt()`", at: nil)
        return circuit.placeholder(whenTrue.type)
    }
    let width = max(whenTrue.width, whenFalse.width)
    let condition = select.requireBool("mux")
    let type = HardwareType(width: width, isSigned: whenTrue.isSigned)
    return circuit.add(.mux(select: condition.id, whenTrue: whenTrue.widened(to: width).id,
                            whenFalse: whenFalse.widened(to: width).id), type)
}

/// `select ? whenTrue : whenFalse` with constant arms, typed like `type`.
public func mux(_ select: Signal, _ whenTrue: Int, _ whenFalse: Int, _ type: HardwareType) -> Signal {
    let circuit = select.circuit
    return mux(select, circuit.constant(whenTrue, type, at: nil), circuit.constant(whenFalse, type, at: nil))
}
