import SerranoIR

// SerranoSim has its own `BitVector` (port values) and `SourceLocation` (tool messages); these
// names say which of SerranoIR's the interpreter and the circuit generator mean.
typealias IRBitVector = SerranoIR.BitVector
typealias IRSourceLocation = SerranoIR.SourceLocation
