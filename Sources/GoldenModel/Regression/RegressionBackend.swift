/// Something that executes compiled programs: the column a regression runs against.
///
/// A backend gets the program and its initial DRAM image and returns the final DRAM image; the
/// runner compares that image bit for bit with what the reference kernels predict. The golden
/// functional model lives here; the Verilated chip and the interpreter running it are
/// conformances in SerranoVerify (this target knows no hardware).
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

/// Looks up the backends of this target by the name `--backend` gives.
public enum RegressionBackends {
    /// The backends this target defines.
    public static let names = [GoldenBackend.name]

    /// The backend called `name`, or a one-line reason why there is none; `others` are the
    /// names of backends defined elsewhere, for the message.
    public static func named(_ name: String, others: [String] = []) -> Result<any RegressionBackend, RegressionBackendError> {
        switch name {
        case GoldenBackend.name: return .success(GoldenBackend())
        default: return .failure(RegressionBackendError("unknown backend '\(name)'; known: \((names + others).joined(separator: ", "))"))
        }
    }
}

/// Why `--backend` named nothing runnable.
public struct RegressionBackendError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
