import SerranoIR

/// A counter: its value and a Bool that is high on the cycle it wraps.
public struct Counter {
    public let value: Signal
    public let wraps: Signal
}

extension Circuit {
    /// Counts 0, 1, …, `limit` − 1, 0, … on cycles where `enable` is high (every cycle without
    /// one); reset to 0.
    public func counter(_ name: String, limit: Int, enable: Signal? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Counter {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        guard limit >= 2 else {
            diagnose(.invalidArgument, "counter '\(name)' needs a limit of at least 2, got \(limit)",
                     hint: "a counter with one state is a constant", at: location)
            let zero = constant(0, .uint(1), at: location)
            return Counter(value: zero, wraps: zero)
        }
        let width = BitVector.minimumWidth(of: limit - 1, signed: false)
        let count = reg(name, .uint(width), reset: 0, file: file, filePath: filePath, line: line, column: column)
        let atLast = count .== (limit - 1)
        let step = enable ?? constant(1, .bool, at: location)
        when(step, file: file, filePath: filePath, line: line, column: column) {
            count.assign(mux(atLast, constant(0, .uint(width), at: location), count &+ 1), file: file, filePath: filePath, line: line, column: column)
        }
        let wraps = (atLast && step).named("\(name)_wraps", file: file, filePath: filePath, line: line, column: column)
        return Counter(value: count, wraps: wraps)
    }
}
