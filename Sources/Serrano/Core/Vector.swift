import SerranoIR

/// Vectors are Swift arrays of signals; these build the hardware that indexes them with a
/// value known only at run time.
extension Circuit {
    /// `values[index]` as a balanced multiplexer tree (depth ⌈log₂ count⌉, one level per index
    /// bit). An index past the end reads element 0.
    public func select(_ values: [Signal], at index: Signal, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        guard let first = values.first else {
            diagnose(.invalidArgument, "select from an empty vector", hint: "pass at least one value", at: location)
            return placeholder(.bool)
        }
        guard owns(index, at: location) else { return first }
        if index.isSigned {
            diagnose(.signednessMismatch, "a select index must be unsigned, got \(index.type)",
                     hint: "use `.asUInt()` on a non-negative index", at: location)
            return first
        }
        let levels = log2Ceil(values.count)
        // Padding with element 0 keeps "past the end reads element 0" for counts that are not
        // powers of two.
        var layer = values + Array(repeating: first, count: (1 << levels) - values.count)
        for bit in 0..<min(levels, index.width) {
            var next: [Signal] = []
            for pair in stride(from: 0, to: layer.count, by: 2) {
                next.append(mux(index[bit], layer[pair + 1], layer[pair]))
            }
            layer = next
        }
        var result = layer[0]
        if index.width > levels {
            // Index bits above the tree's: any of them set is past the end.
            let high = index[index.width - 1, levels].orReduce()
            result = mux(high, first, result)
        }
        locate(location)
        return result
    }

    /// Drives `values[index]` with `value` on this cycle (under the enclosing `when`).
    public func assign(_ values: [Signal], at index: Signal, _ value: Signal, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        for (position, target) in values.enumerated() {
            when(index .== position, file: file, filePath: filePath, line: line, column: column) { target.assign(value, file: file, filePath: filePath, line: line, column: column) }
        }
    }

    /// `count` registers named `name_0`, `name_1`, … of one type.
    public func regs(_ name: String, count: Int, _ type: HardwareType, reset: Int? = nil,
                     file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> [Signal] {
        (0..<max(count, 0)).map { reg("\(name)_\($0)", type, reset: reset, file: file, filePath: filePath, line: line, column: column) }
    }
}
