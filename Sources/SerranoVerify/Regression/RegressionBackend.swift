import Foundation
import Accelerator
import GoldenModel

/// Something that executes compiled programs: the column a regression runs against.
///
/// A backend gets the program and its initial DRAM image and returns the final DRAM image; the
/// runner compares that image bit for bit with what the reference kernels predict. The golden
/// functional model lives here; the Verilated chip and the interpreter running it are
/// conformances beside it; all three register in `RegressionBackends`.
public protocol RegressionBackend: Sendable {
    /// The name `--backend` takes and reports show.
    var name: String { get }
    /// Runs `compiled` on a machine built for `config`; returns DRAM after FINISH.
    func execute(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> [UInt8]
}

/// The ISA-level functional model as a backend.
public struct GoldenBackend: RegressionBackend {
    public static let name = "golden"
    public var name: String { Self.name }

    public init() {}

    public func execute(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> [UInt8] {
        try FunctionalModel(config: config).run(compiled.program, dram: compiled.dram).dram
    }
}

/// What `serrano verify`'s flags say about the machine a backend builds: the DRAM it sees, its
/// back-pressure, a mutant of the chip, or Verilog from a folder instead of the generator.
public struct RegressionBackendSettings: Sendable {
    public var profile: DRAMProfile
    public var randomBackPressure: Bool
    public var mutation: Mutation?
    /// Verilog files to verify instead of the generated chip (rtl only).
    public var verilog: [URL]?

    public init(profile: DRAMProfile = DRAMProfile(), randomBackPressure: Bool = false, mutation: Mutation? = nil, verilog: [URL]? = nil) {
        self.profile = profile
        self.randomBackPressure = randomBackPressure
        self.mutation = mutation
        self.verilog = verilog
    }
}

/// One backend a registry can build by name.
public struct RegressionBackendEntry: Sendable {
    /// The name `--backend` takes.
    public var name: String
    /// True when the backend runs the accelerator's RTL (and so takes its configurations,
    /// mutants and DRAM flags); false for ISA-level models.
    public var runsTheChip: Bool
    public var make: @Sendable (RegressionBackendSettings) throws -> any RegressionBackend

    public init(name: String, runsTheChip: Bool, make: @escaping @Sendable (RegressionBackendSettings) throws -> any RegressionBackend) {
        self.name = name
        self.runsTheChip = runsTheChip
        self.make = make
    }
}

extension GoldenBackend {
    /// The golden model in a registry.
    public static let entry = RegressionBackendEntry(name: name, runsTheChip: false) { _ in GoldenBackend() }
}

/// The backends `--backend` can name, open to more: each backend brings its own `entry` and a
/// caller may `register` others. `standard` holds golden, rtl and interpreter.
public struct RegressionBackends: Sendable {
    public private(set) var entries: [RegressionBackendEntry]

    public init(_ entries: [RegressionBackendEntry] = []) {
        self.entries = []
        for entry in entries { register(entry) }
    }

    /// golden, rtl and interpreter.
    public static let standard = RegressionBackends([GoldenBackend.entry, RTLBackend.entry, InterpreterBackend.entry])

    /// Adds `entry`, replacing an entry of the same name.
    public mutating func register(_ entry: RegressionBackendEntry) {
        if let index = entries.firstIndex(where: { $0.name == entry.name }) { entries[index] = entry } else { entries.append(entry) }
    }

    /// The names, in registration order.
    public var names: [String] { entries.map(\.name) }

    /// The entry called `name`, or a one-line reason why there is none.
    public func entry(_ name: String) -> Result<RegressionBackendEntry, RegressionBackendError> {
        guard let found = entries.first(where: { $0.name == name }) else {
            return .failure(RegressionBackendError("unknown backend '\(name)'; known: \(names.joined(separator: ", "))"))
        }
        return .success(found)
    }

    /// The backend called `name` built with `settings`, or a one-line reason why there is none.
    public func named(_ name: String, settings: RegressionBackendSettings = RegressionBackendSettings()) -> Result<any RegressionBackend, RegressionBackendError> {
        switch entry(name) {
        case .failure(let error): return .failure(error)
        case .success(let found):
            do { return .success(try found.make(settings)) } catch {
                return .failure(RegressionBackendError("backend '\(name)': \(error)"))
            }
        }
    }
}

/// Why `--backend` named nothing runnable.
public struct RegressionBackendError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
