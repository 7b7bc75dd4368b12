/// Arithmetic on little-endian word ranges inside the interpreter's value array: the correct
/// path for values wider than 64 bits. Every function keeps the invariant that bits above a
/// value's width are zero.
enum InterpreterWideWords {
    typealias Words = UnsafeMutablePointer<UInt64>

    /// Clears the bits above `width` in the top word of a `width`-bit value at `at`.
    @inline(__always)
    static func clearTop(_ w: Words, _ at: Int, width: Int) {
        let top = wordsNeeded(width) - 1
        w[at + top] &= lowMask(width - top * 64)
    }

    /// 64 bits of the `sourceWidth`-bit value at `source`, starting at bit `bit` (zeros beyond).
    @inline(__always)
    static func word(_ w: Words, _ source: Int, sourceWidth: Int, bit: Int) -> UInt64 {
        let count = wordsNeeded(sourceWidth)
        let index = bit >> 6
        let shift = bit & 63
        let low: UInt64 = index < count ? w[source + index] : 0
        if shift == 0 { return low }
        let high: UInt64 = index + 1 < count ? w[source + index + 1] : 0
        return (low >> UInt64(shift)) | (high << UInt64(64 - shift))
    }

    /// Bits `low ..< low + width` of the source, zero-extended past its width.
    static func extract(_ w: Words, dst: Int, width: Int, source: Int, sourceWidth: Int, low: Int) {
        for index in 0..<wordsNeeded(width) {
            w[dst + index] = word(w, source, sourceWidth: sourceWidth, bit: low + index * 64)
        }
        clearTop(w, dst, width: width)
    }

    /// The source extended by its sign bit (or truncated) to `width` bits.
    static func signExtend(_ w: Words, dst: Int, width: Int, source: Int, sourceWidth: Int) {
        extract(w, dst: dst, width: width, source: source, sourceWidth: sourceWidth, low: 0)
        guard width > sourceWidth else { return }
        let signBit = sourceWidth - 1
        guard (w[source + (signBit >> 6)] >> UInt64(signBit & 63)) & 1 == 1 else { return }
        let first = sourceWidth >> 6
        if sourceWidth & 63 != 0 {
            w[dst + first] |= ~UInt64(0) << UInt64(sourceWidth & 63)
        } else {
            w[dst + first] = ~0
        }
        var index = first + 1
        while index < wordsNeeded(width) {
            w[dst + index] = ~0
            index += 1
        }
        clearTop(w, dst, width: width)
    }

    /// ORs the `width`-bit value at `source` into the destination at bit `position`.
    static func insert(_ w: Words, dst: Int, dstWidth: Int, source: Int, width: Int, position: Int) {
        let dstCount = wordsNeeded(dstWidth)
        let shift = position & 63
        for index in 0..<wordsNeeded(width) {
            let value = w[source + index]
            let target = (position >> 6) + index
            if target < dstCount { w[dst + target] |= value << UInt64(shift) }
            if shift != 0, target + 1 < dstCount { w[dst + target + 1] |= value >> UInt64(64 - shift) }
        }
    }

    /// The parts joined, `parts[start]` the most significant.
    static func concat(_ w: Words, dst: Int, width: Int, parts: UnsafeBufferPointer<ConcatPart>, start: Int, count: Int) {
        for index in 0..<wordsNeeded(width) { w[dst + index] = 0 }
        var position = 0
        for index in stride(from: start + count - 1, through: start, by: -1) {
            let part = parts[index]
            insert(w, dst: dst, dstWidth: width, source: part.offset, width: part.width, position: position)
            position += part.width
        }
        clearTop(w, dst, width: width)
    }

    /// `a + b`, or `a - b` computed as `a + ~b + 1`, modulo 2^width.
    static func add(_ w: Words, dst: Int, a: Int, b: Int, width: Int, subtract: Bool = false) {
        var carry = subtract
        let flip: UInt64 = subtract ? ~0 : 0
        for index in 0..<wordsNeeded(width) {
            let (sum, overflow1) = w[a + index].addingReportingOverflow(w[b + index] ^ flip)
            let (total, overflow2) = sum.addingReportingOverflow(carry ? 1 : 0)
            w[dst + index] = total
            carry = overflow1 || overflow2
        }
        clearTop(w, dst, width: width)
    }

    /// Schoolbook multiplication, truncated to `width` bits (the low bits of a product do not
    /// depend on signedness once both operands are extended to the result width).
    static func mul(_ w: Words, dst: Int, a: Int, b: Int, width: Int) {
        let count = wordsNeeded(width)
        // The product is built aside (dst may not be read while written) on the stack.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { product in
            for index in 0..<count { product[index] = 0 }
            for i in 0..<count {
                let x = w[a + i]
                if x == 0 { continue }
                var carry: UInt64 = 0
                for j in 0..<(count - i) {
                    let (high, low) = x.multipliedFullWidth(by: w[b + j])
                    let (sum1, overflow1) = product[i + j].addingReportingOverflow(low)
                    let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                    product[i + j] = sum2
                    carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
                }
            }
            for index in 0..<count { w[dst + index] = product[index] }
        }
        clearTop(w, dst, width: width)
    }

    static func not(_ w: Words, dst: Int, a: Int, width: Int) {
        for index in 0..<wordsNeeded(width) { w[dst + index] = ~w[a + index] }
        clearTop(w, dst, width: width)
    }

    static func bitwise(_ w: Words, dst: Int, a: Int, b: Int, width: Int, _ op: (UInt64, UInt64) -> UInt64) {
        for index in 0..<wordsNeeded(width) { w[dst + index] = op(w[a + index], w[b + index]) }
    }

    static func andReduce(_ w: Words, a: Int, width: Int) -> Bool {
        let count = wordsNeeded(width)
        for index in 0..<count where w[a + index] != lowMask(width - index * 64) { return false }
        return true
    }

    static func orReduce(_ w: Words, a: Int, width: Int) -> Bool {
        for index in 0..<wordsNeeded(width) where w[a + index] != 0 { return true }
        return false
    }

    static func xorReduce(_ w: Words, a: Int, width: Int) -> Bool {
        var parity = 0
        for index in 0..<wordsNeeded(width) { parity ^= w[a + index].nonzeroBitCount }
        return parity & 1 == 1
    }

    static func equal(_ w: Words, a: Int, b: Int, width: Int) -> Bool {
        for index in 0..<wordsNeeded(width) where w[a + index] != w[b + index] { return false }
        return true
    }

    /// -1, 0 or 1 as `a` is below, equal to or above `b`.
    static func compare(_ w: Words, a: Int, b: Int, width: Int, signed: Bool) -> Int {
        let count = wordsNeeded(width)
        if signed {
            let signBit = (width - 1) & 63
            let signA = (w[a + count - 1] >> UInt64(signBit)) & 1
            let signB = (w[b + count - 1] >> UInt64(signBit)) & 1
            if signA != signB { return signA == 1 ? -1 : 1 }
        }
        var index = count - 1
        while index >= 0 {
            let x = w[a + index], y = w[b + index]
            if x != y { return x < y ? -1 : 1 }
            index -= 1
        }
        return 0
    }

    static func shiftLeft(_ w: Words, dst: Int, a: Int, amount: UInt64, width: Int) {
        let count = wordsNeeded(width)
        guard amount < UInt64(width) else {
            for index in 0..<count { w[dst + index] = 0 }
            return
        }
        let wordShift = Int(amount >> 6)
        let bitShift = Int(amount & 63)
        var index = count - 1
        while index >= 0 {
            let from = index - wordShift
            var value: UInt64 = 0
            if from >= 0 {
                value = w[a + from] << UInt64(bitShift)
                if bitShift != 0, from >= 1 { value |= w[a + from - 1] >> UInt64(64 - bitShift) }
            }
            w[dst + index] = value
            index -= 1
        }
        clearTop(w, dst, width: width)
    }

    static func shiftRight(_ w: Words, dst: Int, a: Int, amount: UInt64, width: Int, arithmetic: Bool) {
        let count = wordsNeeded(width)
        let signBit = width - 1
        let negative = arithmetic && (w[a + (signBit >> 6)] >> UInt64(signBit & 63)) & 1 == 1
        guard amount < UInt64(width) else {
            for index in 0..<count { w[dst + index] = negative ? ~0 : 0 }
            clearTop(w, dst, width: width)
            return
        }
        let shift = Int(amount)
        for index in 0..<count {
            w[dst + index] = word(w, a, sourceWidth: width, bit: shift + index * 64)
        }
        if negative {
            // Ones into the vacated high bits: bits width - shift ..< width.
            let start = width - shift
            for index in 0..<count {
                let lowBit = index * 64
                if lowBit + 64 <= start { continue }
                let fill: UInt64 = start <= lowBit ? ~0 : ~UInt64(0) << UInt64(start - lowBit)
                w[dst + index] |= fill
            }
        }
        clearTop(w, dst, width: width)
    }
}
