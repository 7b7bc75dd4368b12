/// The Python dict literal in a `.npy` header: `{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }`.
struct NpyHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// A small recursive-descent parser for exactly the literals NumPy writes.
    static func parse(_ text: String) throws -> NpyHeader {
        var parser = Parser(characters: Array(text))
        return try parser.header()
    }

    private struct Parser {
        let characters: [Character]
        var position = 0

        init(characters: [Character]) { self.characters = characters }

        mutating func skipSpace() {
            while position < characters.count, characters[position].isWhitespace { position += 1 }
        }

        mutating func accept(_ c: Character) -> Bool {
            skipSpace()
            if position < characters.count, characters[position] == c {
                position += 1
                return true
            }
            return false
        }

        mutating func expect(_ c: Character) throws {
            guard accept(c) else {
                let found = position < characters.count ? "'\(characters[position])'" : "end of header"
                throw NpyError.badHeader("expected '\(c)' at offset \(position), found \(found)")
            }
        }

        mutating func string() throws -> String {
            skipSpace()
            guard position < characters.count, characters[position] == "'" || characters[position] == "\"" else {
                throw NpyError.badHeader("expected a quoted string at offset \(position)")
            }
            let quote = characters[position]
            position += 1
            let start = position
            while position < characters.count, characters[position] != quote { position += 1 }
            guard position < characters.count else { throw NpyError.badHeader("unterminated string") }
            defer { position += 1 }
            return String(characters[start..<position])
        }

        mutating func word() -> String {
            skipSpace()
            let start = position
            while position < characters.count, characters[position].isLetter || characters[position].isNumber { position += 1 }
            return String(characters[start..<position])
        }

        /// One shape entry as written, sign and all, up to a comma, bracket or space (at most 40
        /// characters, for the message).
        mutating func entry() -> String {
            skipSpace()
            let start = position
            while position < characters.count, !",)".contains(characters[position]), !characters[position].isWhitespace {
                position += 1
            }
            return String(characters[start..<min(position, start + 40)])
        }

        mutating func shape() throws -> [Int] {
            try expect("(")
            var extents: [Int] = []
            while !accept(")") {
                let digits = entry()
                guard let value = Int(digits), value >= 0 else { throw NpyError.badHeader("shape entry '\(digits)' is not a non-negative integer") }
                extents.append(value)
                if !accept(",") {
                    try expect(")")
                    break
                }
            }
            return extents
        }

        mutating func header() throws -> NpyHeader {
            try expect("{")
            var descr: String?, fortran: Bool?, shape: [Int]?
            while !accept("}") {
                let key = try string()
                try expect(":")
                switch key {
                case "descr": descr = try string()
                case "fortran_order":
                    switch word() {
                    case "True": fortran = true
                    case "False": fortran = false
                    case let other: throw NpyError.badHeader("fortran_order must be True or False, found '\(other)'")
                    }
                case "shape": shape = try self.shape()
                default: throw NpyError.badHeader("unknown key '\(key)'")
                }
                if !accept(",") {
                    try expect("}")
                    break
                }
            }
            guard let descr, let fortran, let shape else { throw NpyError.badHeader("needs the keys descr, fortran_order and shape") }
            return NpyHeader(descr: descr, fortranOrder: fortran, shape: shape)
        }
    }
}
