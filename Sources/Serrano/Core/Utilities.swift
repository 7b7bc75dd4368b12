import SerranoIR

/// ⌈log₂ n⌉: the address bits that select among `n` things (0 for n ≤ 1).
public func log2Ceil(_ n: Int) -> Int {
    guard n > 1 else { return 0 }
    return Int.bitWidth - (n - 1).leadingZeroBitCount
}

/// The bits an unsigned value up to `value` needs (at least 1; a negative value needs 1 too,
/// having no unsigned width: use `BitVector.minimumWidth(of:signed: true)` for signed values).
public func bitsToHold(_ value: Int) -> Int {
    guard value > 0 else { return 1 }
    return Int.bitWidth - value.leadingZeroBitCount
}

extension Signal {
    /// The number of set bits, `bitsToHold(width)` bits wide.
    public func popCount() -> Signal {
        let width = bitsToHold(self.width)
        var terms = (0..<self.width).map { self[$0].extended(to: width) }
        // A balanced adder tree: depth log2(width) rather than width.
        while terms.count > 1 {
            var next: [Signal] = []
            var index = 0
            while index + 1 < terms.count {
                next.append(terms[index] &+ terms[index + 1])
                index += 2
            }
            if index < terms.count { next.append(terms[index]) }
            terms = next
        }
        return terms.first ?? circuit.placeholder(.uint(1))
    }

    /// The index of the lowest set bit (`log2Ceil(width)` bits, at least 1); 0 when no bit is
    /// set — check `orReduce()` for that case.
    public func priorityEncoder() -> Signal {
        let width = Swift.max(log2Ceil(self.width), 1)
        var result = circuit.add(.constant(BitVector(width: width)), .uint(width))
        for bit in stride(from: self.width - 1, through: 0, by: -1) {
            let index = circuit.add(.constant(BitVector(width: width, value: bit)), .uint(width))
            result = mux(self[bit], index, result)
        }
        return result
    }

    /// Saturates to `width` bits: a signed value to −2^(w−1)…2^(w−1)−1, an unsigned one to
    /// 0…2^w−1, instead of wrapping like `truncated(to:)`. Same signedness.
    public func clamp(to width: Int) -> Signal {
        if width >= self.width { return self }
        guard width >= 1 else {
            circuit.diagnose(.invalidArgument, "cannot clamp a \(type) value to \(width) bits", hint: "widths start at 1", at: nil)
            return self
        }
        let kept = truncated(to: width)
        if isSigned {
            // In range when every bit from `width - 1` up equals the sign bit.
            let top = self[self.width - 1, width - 1]
            let inRange = top.andReduce() || !top.orReduce()
            let negative = self[self.width - 1]
            let high = circuit.add(.constant(BitVector(width: width, value: (1 << (width - 1)) - 1)), .sint(width))
            let low = circuit.add(.constant(BitVector(width: width, value: -(1 << (width - 1)))), .sint(width))
            return mux(inRange, kept, mux(negative, low, high))
        }
        let overflow = self[self.width - 1, width].orReduce()
        let all = circuit.add(.constant(BitVector(width: width, words: [UInt64](repeating: ~0, count: (width + 63) / 64))), .uint(width))
        return mux(overflow, all, kept)
    }
}

extension Circuit {
    /// `values[i]` for the one `selects[i]` that is high, as an AND-OR (no priority): with no
    /// select high the result is 0, and with several high it is their OR. Pairs are
    /// (select, value); values are extended to the widest.
    public func oneHotMux(_ cases: [(select: Signal, value: Signal)], file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        guard let first = cases.first else {
            diagnose(.invalidArgument, "oneHotMux of no cases", hint: "pass at least one (select, value) pair", at: location)
            return placeholder(.bool)
        }
        let width = cases.map(\.value.width).max() ?? first.value.width
        let type = HardwareType(width: width, isSigned: first.value.isSigned)
        let zero = add(.constant(BitVector(width: width)), type, at: location)
        var result: Signal?
        for entry in cases {
            let term = mux(entry.select, entry.value, zero)
            result = result.map { $0 | term } ?? term
        }
        locate(location)
        return result ?? zero
    }

    /// The value of the first case whose select is high, else `default`.
    public func priorityMux(_ cases: [(select: Signal, value: Signal)], default fallback: Signal,
                            file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        var result = fallback
        for entry in cases.reversed() { result = mux(entry.select, entry.value, result) }
        locate(location)
        return result
    }

    /// `value` delayed by `cycles` clock cycles through registers `name_1` … `name_<cycles>`
    /// (reset to `reset` when given). Zero cycles is `value` itself.
    public func delay(_ value: Signal, cycles: Int, _ name: String, reset: Int? = nil,
                      file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        guard cycles >= 0, cycles <= 4096 else {
            diagnose(.invalidArgument, "delay '\(name)' of \(cycles) cycles", hint: "delays go from 0 to 4096 cycles; use a memory for more", at: location)
            return value
        }
        var current = value
        for stage in stride(from: 1, through: cycles, by: 1) {
            current = regNext(current, "\(name)_\(stage)", reset: reset, file: file, filePath: filePath, line: line, column: column)
        }
        return current
    }
}
