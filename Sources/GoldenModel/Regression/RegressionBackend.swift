/// Something that executes compiled programs: the column a regression runs against.
///
/// A backend gets the program and its initial DRAM image and returns the final DRAM image; the
/// runner compares that image bit for bit with what the reference kernels predict. The golden
/// functional model is the only backend until the RTL accelerator exists; the Verilated RTL
/// (with a DRAM model in Swift) will be a second conformance.
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

/// Looks backends up by the name `--backend` gives.
public enum RegressionBackends {
    /// Every backend that exists now.
    public static let names = [GoldenBackend.name]

    /// The backend called `name`, or a one-line reason why there is none.
    public static func named(_ name: String) -> Result<any RegressionBackend, RegressionBackendError> {
        switch name {
        case GoldenBackend.name: return .success(GoldenBackend())
        case "rtl": return .failure(RegressionBackendError("the rtl backend arrives with the accelerator; use --backend golden"))
        default: return .failure(RegressionBackendError("unknown backend '\(name)'; known: \(names.joined(separator: ", "))"))
        }
    }
}

/// Why `--backend` named nothing runnable.
public struct RegressionBackendError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
