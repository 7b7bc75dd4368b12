import SerranoIR

/// Vectors are Swift arrays of signals; these build the hardware that indexes them with a
/// value known only at run time.
extension Circuit {
    /// `values[index]` as a multiplexer tree; an index past the end reads the last element.
    public func select(_ values: [Signal], at index: Signal, file: String = #fileID, line: Int = #line) -> Signal {
        let location = SourceLocation(fileID: file, line: line)
        guard let first = values.first else {
            diagnose(.invalidArgument, "select from an empty vector", hint: "pass at least one value", at: location)
            return placeholder(.bool)
        }
        guard owns(index, at: location) else { return first }
        var result = first
        for (position, value) in values.enumerated().dropFirst() {
            result = mux(index .== position, value, result)
        }
        locate(location)
        return result
    }

    /// Drives `values[index]` with `value` on this cycle (under the enclosing `when`).
    public func assign(_ values: [Signal], at index: Signal, _ value: Signal, file: String = #fileID, line: Int = #line) {
        for (position, target) in values.enumerated() {
            when(index .== position, file: file, line: line) { target.assign(value, file: file, line: line) }
        }
    }

    /// `count` registers named `name_0`, `name_1`, … of one type.
    public func regs(_ name: String, count: Int, _ type: HardwareType, reset: Int? = nil,
                     file: String = #fileID, line: Int = #line) -> [Signal] {
        (0..<max(count, 0)).map { reg("\(name)_\($0)", type, reset: reset, file: file, line: line) }
    }
}
