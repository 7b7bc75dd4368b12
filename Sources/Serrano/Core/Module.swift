import SerranoIR

/// A hardware module written in Swift: its ports, and how to build its inside.
///
///     struct Accumulator: Module {
///         let width: Int
///         struct Ports { let add: Signal; let total: Signal }
///         func ports(_ p: PortBuilder) -> Ports {
///             Ports(add: p.input("add", .uint(8)), total: p.output("total", .uint(width)))
///         }
///         func build(_ io: Ports, _ c: Circuit) {
///             let sum = c.reg("sum", .uint(width), reset: 0)
///             sum.assign(sum &+ io.add)
///             io.total.assign(sum)
///         }
///     }
///
/// The stored properties are the module's parameters: each distinct set of values is printed
/// as its own Verilog module, named after the type and its parameters
/// (`Accumulator_width16`) unless `moduleName` says otherwise.
public protocol Module {
    /// Whatever groups the ports: a struct of signals, a bundle, an array.
    associatedtype Ports

    /// The Verilog module name. Default: the type's name followed by its parameters.
    var moduleName: String { get }

    /// Declares the ports, in order. Called once to define the module and once per instance.
    func ports(_ p: PortBuilder) -> Ports

    /// Builds the inside of the module.
    func build(_ io: Ports, _ c: Circuit)
}

extension Module {
    public var moduleName: String { ModuleNaming.defaultName(of: self) }
}

/// An existing Verilog module used as it is: Serrano declares its ports and instantiates it.
///
/// Its clock and reset, when it has them, are ports named `clock` and `reset` connected to the
/// parent's implicitly; do not declare them in `ports`.
public protocol BlackBox: Module {
    /// The module's Verilog, written next to the generated files; nil when the flow has it.
    var verilogSource: String? { get }
    /// Whether it has a `clock` input.
    var usesClock: Bool { get }
    /// Whether it has a `reset` input.
    var usesReset: Bool { get }
}

extension BlackBox {
    public var verilogSource: String? { nil }
    public var usesClock: Bool { true }
    public var usesReset: Bool { false }
    public func build(_ io: Ports, _ c: Circuit) {}
}

/// Derives module names from types and their parameters.
enum ModuleNaming {
    static func defaultName<M>(of module: M) -> String {
        let typeName = String(describing: M.self)
        let parameters = Mirror(reflecting: module).children.compactMap { child -> String? in
            guard let label = child.label else { return nil }
            return "\(label)\(shortValue(child.value))"
        }
        return sanitized(([typeName] + parameters).joined(separator: "_"))
    }

    /// A parameter's value in a module name: simple values (integers, booleans, short strings,
    /// enum cases without payload) by value, anything else by a stable 8-digit hash of its
    /// description, so that names stay short and legal.
    static func shortValue(_ value: Any) -> String {
        switch value {
        case let number as any BinaryInteger: return "\(number)"
        case let flag as Bool: return flag ? "true" : "false"
        case let text as String where text.count <= 24: return text
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .enum && mirror.children.isEmpty { return "\(value)" }
            return "h" + stableHash(String(describing: value))
        }
    }

    /// FNV-1a over the UTF-8 bytes, as 8 hex digits: the same in every run and on every machine.
    static func stableHash(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Parameters as (name, value) pairs, for the printed header.
    static func parameters<M>(of module: M) -> [IRModule.Parameter] {
        Mirror(reflecting: module).children.compactMap { child in
            child.label.map { IRModule.Parameter(name: $0, value: "\(child.value)") }
        }
    }

    /// Replaces characters Verilog does not allow in a name by `_`.
    static func sanitized(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            let isWord = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
            result.unicodeScalars.append(isWord ? scalar : "_")
        }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "_" + result }
        return result
    }
}
