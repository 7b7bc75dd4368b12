/// What the interpreter's registers do on a rising clock edge, in two phases so that every
/// register samples the state from before the edge (a register's next value may be another
/// register's state).
enum InterpreterRegisters {
    typealias Words = UnsafeMutablePointer<UInt64>

    /// Phase one: each register's new value into its staging words — the reset value while
    /// reset is high (when it has one), else its next value when enabled, else its state.
    @inline(__always)
    static func clockEdge(_ registers: UnsafeBufferPointer<InterpreterProgram.RegisterUpdate>, resetting: Bool, words w: Words) {
        for register in registers {
            let source: Int
            if resetting && register.resetValue >= 0 {
                source = register.resetValue
            } else if register.enable < 0 || w[register.enable] != 0 {
                source = register.next
            } else {
                source = register.state
            }
            if register.width <= 64 {
                w[register.staging] = w[source]
            } else {
                for word in 0..<wordsNeeded(register.width) { w[register.staging + word] = w[source + word] }
            }
        }
    }

    /// Phase two, after the memories sampled too: the staged values become the state.
    @inline(__always)
    static func commit(_ registers: UnsafeBufferPointer<InterpreterProgram.RegisterUpdate>, words w: Words) {
        for register in registers {
            if register.width <= 64 {
                w[register.state] = w[register.staging]
            } else {
                for word in 0..<wordsNeeded(register.width) { w[register.state + word] = w[register.staging + word] }
            }
        }
    }
}
