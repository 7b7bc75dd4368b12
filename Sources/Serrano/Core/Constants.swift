import SerranoIR

/// Constants of any width, from a `BitVector` or a hexadecimal or binary literal.
///
///     let magic = c.constant(hex: "0x0123_4567_89ab_cdef_0011_2233_4455_6677", .uint(128))
///     let mask = c.constant(binary: "0b1111_0000", .uint(8))
///     let word = c.constant(BitVector(width: 100, words: [1, 2]))
extension Circuit {
    /// A constant with the bit pattern of `value`, typed `type` (default: unsigned of the
    /// value's width). A pattern with a set bit at or above `type.width` is an error: nothing is
    /// truncated silently.
    public func constant(_ value: BitVector, _ type: HardwareType? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        guard let type = checked(type ?? .uint(value.width), at: location) else { return placeholder(.bool) }
        guard let pattern = BitVector(width: type.width, exactWords: value.words) else {
            diagnose(.invalidArgument, "the constant \(value) does not fit in \(type)",
                     hint: "widen the type to at least \(value.significantWidth) bits", at: location)
            return placeholder(type)
        }
        return add(.constant(pattern), type, at: location)
    }

    /// A constant from hexadecimal digits (`0x` prefix optional, `_` separators allowed).
    public func constant(hex digits: String, _ type: HardwareType, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        constant(parsing: digits, radix: 16, type, file: file, filePath: filePath, line: line, column: column)
    }

    /// A constant from binary digits (`0b` prefix optional, `_` separators allowed).
    public func constant(binary digits: String, _ type: HardwareType, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        constant(parsing: digits, radix: 2, type, file: file, filePath: filePath, line: line, column: column)
    }

    private func constant(parsing text: String, radix: Int, _ type: HardwareType, file: String, filePath: String, line: Int, column: Int) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        guard let type = checked(type, at: location) else { return placeholder(.bool) }
        switch BitVector.parse(text, radix: radix, width: type.width) {
        case .success(let value):
            return add(.constant(value), type, at: location)
        case .failure(let problem):
            let name = radix == 16 ? "hexadecimal" : "binary"
            diagnose(.invalidArgument, "the \(name) constant \"\(text.prefix(80))\" \(problem.message) for \(type)",
                     hint: problem.hint, at: location)
            return placeholder(type)
        }
    }
}

extension BitVector {
    /// The number of bits up to the highest set one (at least 1).
    public var significantWidth: Int {
        for index in stride(from: words.count - 1, through: 0, by: -1) where words[index] != 0 {
            return index * 64 + (64 - words[index].leadingZeroBitCount)
        }
        return 1
    }

    /// Why a literal could not be read.
    public struct ParseProblem: Error, Equatable, Sendable {
        public let message: String
        public let hint: String
    }

    /// Reads hexadecimal (`radix` 16) or binary (2) digits, with an optional `0x`/`0b` prefix
    /// and `_` separators, into a `width`-bit pattern; a value wider than `width` is refused.
    public static func parse(_ text: String, radix: Int, width: Int) -> Result<BitVector, ParseProblem> {
        let bitsPerDigit = radix == 16 ? 4 : 1
        var body = Substring(text)
        while body.first?.isWhitespace == true { body = body.dropFirst() }
        while body.last?.isWhitespace == true { body = body.dropLast() }
        let prefix = radix == 16 ? ["0x", "0X"] : ["0b", "0B"]
        if prefix.contains(where: { body.hasPrefix($0) }) { body = body.dropFirst(2) }
        var value = BitVector(width: max(width, 1))
        var bit = 0
        var sawDigit = false
        for character in body.reversed() {
            if character == "_" { continue }
            guard let digit = character.hexDigitValue, digit < radix else {
                return .failure(ParseProblem(message: "has the character '\(character)'",
                                             hint: radix == 16 ? "use digits 0-9 and a-f, `_` to group them" : "use the digits 0 and 1, `_` to group them"))
            }
            sawDigit = true
            for offset in 0..<bitsPerDigit where (digit >> offset) & 1 == 1 {
                let position = bit + offset
                guard position < width else {
                    return .failure(ParseProblem(message: "is too wide", hint: "widen the type, or drop digits"))
                }
                value[bit: position] = true
            }
            bit += bitsPerDigit
        }
        guard sawDigit else {
            return .failure(ParseProblem(message: "has no digits", hint: "write at least one digit, e.g. \"0x0\""))
        }
        return .success(value)
    }
}
