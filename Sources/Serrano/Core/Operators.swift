import SerranoIR

// # Width rules — the one place they are defined
//
// Operands of arithmetic, bitwise and comparison operators must have the same signedness
// (convert with `.asSInt()` / `.asUInt()`); an integer literal takes the other operand's
// signedness and the smallest width that holds it.
//
// | operation               | result width            | notes                                   |
// |-------------------------|-------------------------|-----------------------------------------|
// | `a + b`, `a - b`        | max(wa, wb) + 1         | full precision, never overflows         |
// | `a &+ b`, `a &- b`      | max(wa, wb)             | wraps, like Swift's `&+`                |
// | `a * b`                 | wa + wb                 | full precision                          |
// | `a &* b`                | max(wa, wb)             | wraps                                   |
// | `-a`                    | wa + 1                  | full precision (`0 - a`)                 |
// | `a & b`, `a \| b`, `a ^ b` | max(wa, wb)          | operands extended by their signedness   |
// | `~a`                    | wa                      |                                         |
// | `a .== b` … `a .>= b`   | 1 (Bool)                | signed compare when both are signed     |
// | `a << n` (constant)     | wa + n                  | no bit is lost                          |
// | `a >> n` (constant)     | max(wa − n, 1)          | arithmetic when `a` is signed           |
// | `a.shiftedLeft(by: s)`  | wa                      | dynamic amount; bits shifted out are lost |
// | `a.shiftedRight(by: s)` | wa                      | dynamic; arithmetic when `a` is signed  |
// | `a[i]`, `a[hi, lo]`     | 1, hi − lo + 1          | unsigned                                |
// | `cat(a, b, …)`          | wa + wb + …             | unsigned; `a` is the most significant   |
// | `a.extended(to: w)`     | w ≥ wa                  | sign- or zero-extends by `a`'s sign     |
// | `a.truncated(to: w)`    | w ≤ wa                  | the only way to drop bits               |
// | `mux(s, a, b)`          | max(wa, wb)             | `s` is a Bool                            |
//
// Connecting a value to a narrower signal is an error; to a wider one, it is extended by the
// value's signedness. Comparisons return a hardware Bool and are spelled with a leading dot,
// like SIMD masks, so that `==` keeps meaning Swift equality.

infix operator .== : ComparisonPrecedence
infix operator .!= : ComparisonPrecedence
infix operator .< : ComparisonPrecedence
infix operator .<= : ComparisonPrecedence
infix operator .> : ComparisonPrecedence
infix operator .>= : ComparisonPrecedence

extension Signal {
    /// Builds `op` over two operands of the same signedness; nil after a diagnostic.
    fileprivate static func binary(_ op: BinaryOperator, _ a: Signal, _ b: Signal, width: Int) -> Signal {
        let circuit = a.circuit
        guard circuit.owns(b, at: nil) else { return circuit.placeholder(a.type) }
        if a.isSigned != b.isSigned {
            circuit.diagnose(.signednessMismatch,
                             "'\(op.rawValue)' of \(a.type) and \(b.type) mixes signed and unsigned",
                             hint: "convert one side explicitly: `.asSInt()` (after `.extended(to:)` to keep the value) or `.asUInt()`",
                             at: nil)
            return circuit.placeholder(HardwareType(width: width, isSigned: a.isSigned))
        }
        let type = op.isComparison ? HardwareType.bool : HardwareType(width: width, isSigned: a.isSigned)
        guard circuit.checked(type, at: nil) != nil else { return circuit.placeholder(.bool) }
        return circuit.add(.binary(op, a.id, b.id), type)
    }

    fileprivate static func widest(_ a: Signal, _ b: Signal) -> Int { Swift.max(a.width, b.width) }

    // MARK: Arithmetic

    public static func + (a: Signal, b: Signal) -> Signal { binary(.add, a, b, width: widest(a, b) + 1) }
    public static func - (a: Signal, b: Signal) -> Signal { binary(.sub, a, b, width: widest(a, b) + 1) }
    public static func * (a: Signal, b: Signal) -> Signal { binary(.mul, a, b, width: a.width + b.width) }
    public static func &+ (a: Signal, b: Signal) -> Signal { binary(.add, a, b, width: widest(a, b)) }
    public static func &- (a: Signal, b: Signal) -> Signal { binary(.sub, a, b, width: widest(a, b)) }
    public static func &* (a: Signal, b: Signal) -> Signal { binary(.mul, a, b, width: widest(a, b)) }

    public static func + (a: Signal, b: Int) -> Signal { a + a.circuit.literal(b, like: a) }
    public static func - (a: Signal, b: Int) -> Signal { a - a.circuit.literal(b, like: a) }
    public static func * (a: Signal, b: Int) -> Signal { a * a.circuit.literal(b, like: a) }
    public static func &+ (a: Signal, b: Int) -> Signal { a &+ a.circuit.literal(b, like: a) }
    public static func &- (a: Signal, b: Int) -> Signal { a &- a.circuit.literal(b, like: a) }

    /// Two's-complement negation, one bit wider so that the most negative value negates exactly.
    public static prefix func - (a: Signal) -> Signal {
        binary(.sub, a.circuit.literal(0, like: a), a, width: a.width + 1)
    }

    // MARK: Bitwise

    public static func & (a: Signal, b: Signal) -> Signal { binary(.and, a, b, width: widest(a, b)) }
    public static func | (a: Signal, b: Signal) -> Signal { binary(.or, a, b, width: widest(a, b)) }
    public static func ^ (a: Signal, b: Signal) -> Signal { binary(.xor, a, b, width: widest(a, b)) }
    public static func & (a: Signal, b: Int) -> Signal { a & a.circuit.literal(b, like: a) }
    public static func | (a: Signal, b: Int) -> Signal { a | a.circuit.literal(b, like: a) }
    public static func ^ (a: Signal, b: Int) -> Signal { a ^ a.circuit.literal(b, like: a) }

    public static prefix func ~ (a: Signal) -> Signal { a.circuit.add(.unary(.not, a.id), a.type) }

    /// Logical operators on 1-bit values (`Bool`s); wider operands are an error.
    public static func && (a: Signal, b: Signal) -> Signal { a.requireBool("&&") & b.requireBool("&&") }
    public static func || (a: Signal, b: Signal) -> Signal { a.requireBool("||") | b.requireBool("||") }
    public static prefix func ! (a: Signal) -> Signal { ~a.requireBool("!") }

    /// `self` when it is a Bool; otherwise a diagnostic and a placeholder Bool.
    func requireBool(_ what: String) -> Signal {
        if type == .bool { return self }
        if width == 1 { return asUInt() }
        circuit.diagnose(.widthMismatch, "'\(what)' needs a 1-bit Bool, got \(type)",
                         hint: "compare first (`x .!= 0`) or reduce (`x.orReduce()`)", at: nil)
        return circuit.placeholder(.bool)
    }

    // MARK: Comparisons

    public static func .== (a: Signal, b: Signal) -> Signal { binary(.equal, a, b, width: 1) }
    public static func .!= (a: Signal, b: Signal) -> Signal { binary(.notEqual, a, b, width: 1) }
    public static func .< (a: Signal, b: Signal) -> Signal { binary(.less, a, b, width: 1) }
    public static func .<= (a: Signal, b: Signal) -> Signal { binary(.lessOrEqual, a, b, width: 1) }
    public static func .> (a: Signal, b: Signal) -> Signal { binary(.greater, a, b, width: 1) }
    public static func .>= (a: Signal, b: Signal) -> Signal { binary(.greaterOrEqual, a, b, width: 1) }
    public static func .== (a: Signal, b: Int) -> Signal { a .== a.circuit.literal(b, like: a) }
    public static func .!= (a: Signal, b: Int) -> Signal { a .!= a.circuit.literal(b, like: a) }
    public static func .< (a: Signal, b: Int) -> Signal { a .< a.circuit.literal(b, like: a) }
    public static func .<= (a: Signal, b: Int) -> Signal { a .<= a.circuit.literal(b, like: a) }
    public static func .> (a: Signal, b: Int) -> Signal { a .> a.circuit.literal(b, like: a) }
    public static func .>= (a: Signal, b: Int) -> Signal { a .>= a.circuit.literal(b, like: a) }

    // MARK: Shifts

    /// Shifts left by a constant, growing by `amount` bits so nothing is lost.
    public static func << (a: Signal, amount: Int) -> Signal {
        guard amount > 0 else { return a.nonNegativeShift(amount) }
        let zeros = a.circuit.add(.constant(BitVector(width: amount)), .uint(amount))
        let joined = cat(a, zeros)
        return a.isSigned ? joined.asSInt() : joined
    }

    /// Shifts right by a constant, dropping the low bits (arithmetic when signed).
    public static func >> (a: Signal, amount: Int) -> Signal {
        guard amount > 0 else { return a.nonNegativeShift(amount) }
        if amount >= a.width {
            return a.isSigned ? a[a.width - 1].asSInt() : a.circuit.add(.constant(BitVector(width: 1)), .uint(1))
        }
        let kept = a[a.width - 1, amount]
        return a.isSigned ? kept.asSInt() : kept
    }

    private func nonNegativeShift(_ amount: Int) -> Signal {
        if amount < 0 {
            circuit.diagnose(.invalidArgument, "shift by a negative amount (\(amount))",
                             hint: "shift the other way", at: nil)
        }
        return self
    }

    /// Shifts left by a dynamic amount, keeping the width.
    public func shiftedLeft(by amount: Signal) -> Signal { dynamicShift(.shiftLeft, amount) }

    /// Shifts right by a dynamic amount, keeping the width; arithmetic when signed.
    public func shiftedRight(by amount: Signal) -> Signal { dynamicShift(.shiftRight, amount) }

    private func dynamicShift(_ op: BinaryOperator, _ amount: Signal) -> Signal {
        guard circuit.owns(amount, at: nil) else { return self }
        if amount.isSigned {
            circuit.diagnose(.signednessMismatch, "a shift amount must be unsigned, got \(amount.type)",
                             hint: "use `.asUInt()` on a non-negative amount", at: nil)
            return self
        }
        return circuit.add(.binary(op, id, amount.id), type)
    }
}

// MARK: Swift misuse, answered in Swift's words

extension Signal {
    @available(*, unavailable, message: "use .== for a hardware comparison (== would be Swift equality)")
    public static func == (a: Signal, b: Signal) -> Bool { false }

    @available(*, unavailable, message: "use .== for a hardware comparison (== would be Swift equality)")
    public static func == (a: Signal, b: Int) -> Bool { false }

    @available(*, unavailable, message: "use .!= for a hardware comparison (!= would be Swift inequality)")
    public static func != (a: Signal, b: Signal) -> Bool { false }

    @available(*, unavailable, message: "use .!= for a hardware comparison (!= would be Swift inequality)")
    public static func != (a: Signal, b: Int) -> Bool { false }


    @available(*, unavailable, message: "use .< for a hardware comparison")
    public static func < (a: Signal, b: Signal) -> Bool { false }

    @available(*, unavailable, message: "use .<= for a hardware comparison")
    public static func <= (a: Signal, b: Signal) -> Bool { false }

    @available(*, unavailable, message: "use .> for a hardware comparison")
    public static func > (a: Signal, b: Signal) -> Bool { false }

    @available(*, unavailable, message: "use .>= for a hardware comparison")
    public static func >= (a: Signal, b: Signal) -> Bool { false }

    // A Swift `switch` over a signal matches its patterns with `~=`: these answer
    // `case 0:` and `case true:` (an `if` over a signal has no such hook; see the README).
    @available(*, unavailable, message: "a Swift switch cannot see a hardware value: use c.switch(selector) { s in s.is(0) { … } }")
    public static func ~= (pattern: Int, value: Signal) -> Bool { false }

    @available(*, unavailable, message: "a Swift switch cannot see a hardware value: use c.when(condition) { … }.otherwise { … }")
    public static func ~= (pattern: Bool, value: Signal) -> Bool { false }
}
