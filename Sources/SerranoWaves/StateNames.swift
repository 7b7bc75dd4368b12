import Foundation

/// The case names of state registers, read from a design's `<Top>.states.json` (written by the
/// Verilog printer for `Circuit.fsm`): `wave show --states` prints `compute`, not `2`.
public struct StateNames: Sendable, Equatable {
    /// DSL path of a state register (`Controller.phase`) → code → case name.
    public let registers: [String: [UInt64: String]]

    public init(registers: [String: [UInt64: String]]) { self.registers = registers }

    /// Reads a states file; a bad file is a `WaveError` naming it.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WaveError.io(path: path, message: "cannot read the states file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let top = object as? [String: Any] else {
            throw WaveError.malformed(file: path, line: 1, message: "a states file is a JSON object of register paths")
        }
        var registers: [String: [UInt64: String]] = [:]
        for (path, value) in top {
            guard let codes = value as? [String: Any] else {
                throw WaveError.malformed(file: path, line: 1, message: "'\(path)' must map codes (\"0x2\") to names")
            }
            var names: [UInt64: String] = [:]
            for (code, name) in codes {
                let digits = code.hasPrefix("0x") ? String(code.dropFirst(2)) : code
                guard let number = UInt64(digits, radix: 16), let text = name as? String else {
                    throw WaveError.malformed(file: path, line: 1, message: "'\(code)' of '\(path)' is not a hexadecimal code with a name")
                }
                names[number] = text
            }
            registers[path] = names
        }
        self.registers = registers
    }

    /// The case names of the variable called `name` in a waveform: the register whose path
    /// ends the variable's name (`TOP.Controller.phase` matches `Controller.phase`).
    public func names(forVariable name: String) -> [UInt64: String]? {
        if let exact = registers[name] { return exact }
        for (path, names) in registers where name.hasSuffix("." + path) { return names }
        return nil
    }

    /// `value` as its case name when it is a known code of that register.
    public func label(_ value: WaveValue, names: [UInt64: String]?) -> String? {
        guard let names, case .logic(let logic) = value, logic.unknown.allSatisfy({ $0 == 0 }),
              logic.value.dropFirst().allSatisfy({ $0 == 0 }), let first = logic.value.first else { return nil }
        return names[first]
    }
}
